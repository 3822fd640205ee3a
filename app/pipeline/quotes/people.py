"""Speakers are people: the last pass over the quotes of one article.

- a name inside the quote is talked about, never its speaker;
- an organisation or a place is no speaker entity ("a indiqué le Kremlin": its text stays);
- a nominal speaker becomes the person it names: the name inside it ("le ministre de la
  Défense Paul Martin") or the person the article introduced with that role (``roles``);
- ``speaker_role`` is the role the attribution or the article gives that person.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

from app.entities.names import canonical_key, fold
from app.entities.types import EntityRef
from app.pipeline.quotes.gender import phrase_gender
from app.pipeline.quotes.lexicon import (
    CAPITALISED_TITLES,
    LATTER,
    NAME_PARTICLES,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
)
from app.pipeline.quotes.marks import Sentence
from app.pipeline.quotes.roles import Roles, role_text
from app.pipeline.quotes.speakers import Attributor
from app.pipeline.types import QuoteResult


def people_only(
    quotes: list[QuoteResult], attributor: Attributor, roles: Roles, sents: list[Sentence]
) -> list[QuoteResult]:
    resolve = person_resolver(attributor, roles, sents)
    return [resolve(q) for q in quotes]


def person_resolver(
    attributor: Attributor, roles: Roles, sents: list[Sentence]
) -> Callable[[QuoteResult], QuoteResult]:
    """The last pass for one quote of this text (``people_only``)."""
    paragraph_starts: dict[int, int] = {}
    for sent in sents:
        paragraph_starts.setdefault(sent.paragraph, sent.start)
    sent_starts = [s.start for s in sents]

    def paragraph_start(offset: int) -> int:
        i = max(0, bisect.bisect_right(sent_starts, offset) - 1)
        return paragraph_starts[sents[i].paragraph] if sents else 0

    return lambda q: _person_speaker(q, attributor, roles, paragraph_start)


def _person_speaker(
    quote: QuoteResult, attributor: Attributor, roles: Roles, paragraph_start: object
) -> QuoteResult:
    start, end, text = quote.speaker_start, quote.speaker_end, quote.speaker_text
    if start is None or end is None or text is None:
        return quote
    if quote.start <= start < quote.end:  # a name inside the quote: talked about
        return replace(quote, speaker=None, speaker_text=None, speaker_start=None, speaker_end=None)
    speaker: EntityRef | None = quote.speaker
    role: str | None = None
    if speaker is not None and speaker.type != "PERSON":
        speaker = None
    elif " ".join(text.lower().replace("’", "'").split()) in LATTER:
        before = [m for m in roles.people if m.end <= start]  # "ce dernier": the last named
        speaker = before[-1].entity if before else None
    elif speaker is None and text.lower().lstrip("-") not in PERSON_PRONOUNS | PLURAL_PRONOUNS:
        named = [m for m in attributor.mentions_in(start, end) if m.entity.type == "PERSON"]
        if named:  # "le ministre de la Défense Paul Martin": the role glued to the name
            speaker = named[-1].entity
            role = role_text(attributor.text[start : named[-1].start].rstrip(" ,"), roles.english)
        else:
            assert callable(paragraph_start)
            gender = phrase_gender(attributor.tokens(start, end))
            antecedent = attributor.last_person_before(start, gender)
            person = roles.resolve(
                text,
                start,
                paragraph_start(start),
                antecedent,
                lambda m: attributor.genders.agrees(m, gender),
            )
            given = roles.given(text) if person is None else None
            if person is not None:  # the role as introduced: "ministre des Affaires …"
                speaker = person.entity
                role = roles.role_of(speaker.key, start) or role_text(text, roles.english)
            elif given is not None:  # a title's role: the person the body introduced with it
                speaker, role = given
    if speaker is not None:
        speaker, title = _without_title(speaker, attributor)
        role = role or title
    if speaker is not None:
        speaker = _full_name(speaker, attributor)
    if speaker is not None and role is None:
        role = roles.role_of(speaker.key, quote.start)
    return replace(quote, speaker=speaker, speaker_role=role)


def _full_name(speaker: EntityRef, attributor: Attributor) -> EntityRef:
    """A first name alone ("prend contact avec Cindy") is the one person the article names
    in full with it ("Cindy Santos")."""
    if " " in speaker.name:
        return speaker
    first = fold(speaker.name) + " "
    fuller = {
        m.entity.key: m.entity
        for m in attributor.mentions
        if m.entity.type == "PERSON" and fold(m.entity.name).startswith(first)
    }
    return next(iter(fuller.values())) if len(fuller) == 1 else speaker


def _without_title(speaker: EntityRef, attributor: Attributor) -> tuple[EntityRef, str | None]:
    """A person's name never holds a determiner or a role ("le général Martin", "Maître
    Dupuis" from the entity stage): the title is split off as the role, and the speaker is
    the person the article names without it, or that bare name."""
    tokens = speaker.name.split()
    cut = 0
    while cut < len(tokens) - 1 and _title_word(tokens[cut]):
        cut += 1
    if cut == 0:
        return speaker, None
    name = " ".join(tokens[cut:])
    title = role_text(" ".join(tokens[:cut])) or " ".join(tokens[:cut]).lower()
    folded = fold(name)
    people = [
        m.entity
        for m in attributor.mentions
        if m.entity.type == "PERSON" and not _title_word(m.entity.name.split()[0])
    ]
    same = [p for p in people if fold(p.name) == folded]
    fuller = [p for p in people if fold(p.name).endswith(" " + folded)]
    if same or fuller:
        return (same + fuller)[0], title
    return EntityRef(canonical_key(name, "PERSON"), name, "PERSON"), title


def _title_word(word: str) -> bool:
    """A determiner, a lower-case noun before a name ("général"; not "de", "van"), or a
    courtesy or rank title written with a capital ("Maître", "Général")."""
    lower = word.lower()
    if lower in NAME_PARTICLES:
        return False
    return word[:1].islower() or lower in CAPITALISED_TITLES
