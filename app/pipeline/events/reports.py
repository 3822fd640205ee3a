"""Cancelled and postponed: what a sentence reports about the event it names.

"La réunion du 12 janvier a été annulée", "les pourparlers, reportés à une date
ultérieure", "the summit was called off", "NATO postponed the meeting": the event's status
in the article's own time is ``cancelled`` / ``postponed``, whatever its date says.

Rules: a participle or noun of calling off (``CANCELLED``, ``POSTPONED``) in the event's
clause; not when negated ("n'a pas été annulée", "was not cancelled") nor when only
possible ("pourrait être reportée", "could be cancelled", "menace d'annuler") — the words
just before it decide.
"""

from __future__ import annotations

import re
from typing import Literal

CalledOff = Literal["cancelled", "postponed"]

CANCELLED = re.compile(
    r"\b(annul(?:é|ée|és|ées|ation)"
    r"|cancell?(?:ed|ation)|called off|scrapped)\b",
    re.IGNORECASE,
)
POSTPONED = re.compile(
    r"\b(report(?:é|ée|és|ées)|repouss(?:é|ée|és|ées)|ajourn(?:é|ée|és|ées|ement)"
    r"|postpone(?:d|ment)|put off|adjourned|delayed)\b",
    re.IGNORECASE,
)
# Just before the word: a negation or a mere possibility, and it is not reported done.
_NOT_DONE = re.compile(
    r"\b(pas|plus|jamais|ni|pourrai\w*|risqu\w*|menac\w*|envisag\w*|si|not|never|no|"
    r"could|may|might|would|should|threat\w*|if|whether|unless)\b[^.;:]{0,25}$|n['’]\s*\S*\s*$",
    re.IGNORECASE,
)


def called_off(text: str, start: int, end: int) -> CalledOff | None:
    """``cancelled`` or ``postponed`` when ``text[start:end]`` (the event's clause) says so."""
    clause = text[start:end]
    found: list[tuple[int, CalledOff]] = []
    for pattern, status in ((CANCELLED, "cancelled"), (POSTPONED, "postponed")):
        for match in pattern.finditer(clause):
            before = clause[max(0, match.start() - 40) : match.start()]
            if not _NOT_DONE.search(before):
                found.append((match.start(), status))  # type: ignore[arg-type]
    return min(found)[1] if found else None
