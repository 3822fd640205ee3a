"""Where an event takes place when its own sentence does not say.

In order (``extract.py`` applies them):
1. its own sentence ("à Genève", "in Brussels", "le sommet de Genève");
2. the place of another mention of the same event in the article — a later or earlier
   sentence naming an event of the same type without a date of its own ("la réunion se
   tiendra à Bruxelles"): the nearest one;
3. the article's dateline ("BRUXELLES (Reuters) – …", "Genève, 9 janvier (AFP) -"):
   where the report was filed, the best the text gives.
Across articles, a merged event keeps the place any of its articles gives (the store).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.entities.types import EntityRef, MentionResult

# A dateline: a place name (capitals or title case), an optional date and agency, a dash
# or colon, all in the first line of the body.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,3})"
    r"(?:\s*,\s*[^\n,()–—:-]{1,30})?"
    r"(?:\s*\([^()\n]{2,30}\))?"
    r"\s*(?:[–—:-]|\(\w+\)\s*[–—:-])\s",
)


def dateline_place(text: str, mentions: Sequence[MentionResult]) -> EntityRef | None:
    """The city of the article's dateline, when it has one and it is a known place."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    lo, hi = match.span("place")
    for mention in mentions:
        if mention.start >= hi:
            break
        if (
            lo <= mention.start
            and mention.end <= hi
            and mention.entity.type == "LOC"
            and is_city(mention.entity)
        ):
            return mention.entity
    return None


def is_city(entity: EntityRef) -> bool:
    """A city or a place finer than a country (countries are ``iso3166:`` keys)."""
    return not entity.key.startswith("iso3166:")
