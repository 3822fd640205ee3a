"""Attribution by the neighbours of a quote: "X : « … »" and "X a lu sa déposition :",
the previous quote it continues, the previous sentence that introduces it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.entities.types import EntityRef, MentionResult
from app.pipeline.quotes.lexicon import FIRST_PERSON, READING_FORMS
from app.pipeline.quotes.marks import MarkedSpan, Sentence
from app.pipeline.quotes.speakers import Attributor, Speaker

# A name after one of these completes a verb or a noun: it is not the subject.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:avec|à|de|d'|d’|pour|par|contre|chez|with|to|by|for)\s*$", re.I
)


@dataclass(frozen=True)
class Located:
    span: MarkedSpan
    sentence: int  # index into the sentence list


@dataclass(frozen=True)
class Said:
    """A quote with a speaker, and the person that speaker resolves to (if any)."""

    where: Located
    speaker: Speaker
    person: EntityRef | None


# An unattributed quote in the first person keeps the last speaker this many sentences on.
MAX_SENTENCES_SAME_VOICE = 6


def colon_speaker(attributor: Attributor, lo: int, colon: int) -> Speaker | None:
    """ "Stoltenberg : « … »" or "Stoltenberg a pris la parole : « … »": the named subject;
    but who reads a text out ("X a lu sa déposition :") is not its author: the text speaks."""
    toks = attributor.tokens(lo, colon)
    reading = next((t for t in toks if t.lower_ in READING_FORMS), None)
    if reading is not None:
        read = [t for t in toks if t.i > reading.i]
        if not read:
            return None
        start, end = read[0].idx, read[-1].idx + len(read[-1])
        return Speaker(None, attributor.text[start:end], start, end)
    named = attributor.mentions_in(lo, colon)
    lead = attributor.text[max(lo, named[-1].start - 6) : named[-1].start] if named else ""
    complement = bool(_PREPOSITION_BEFORE.search(lead))  # "prend contact avec Cindy :"
    if named and not attributor.text[named[-1].end : colon].strip() and not complement:
        m = named[-1]
        return Speaker(m.entity, m.text, m.start, m.end)
    found = attributor.clause_subject(lo, colon)
    if found is not None and found.entity is None and len(attributor.tokens(lo, colon)) > 4:
        return None  # a long clause without a reporting verb: its subject need not speak
    return found


def continued_speaker(
    here: Located, previous: tuple[Located, Speaker | None] | None, sents: list[Sentence]
) -> Speaker | None:
    """A quote that directly follows an attributed quote keeps its speaker."""
    if previous is None:
        return None
    before, speaker = previous
    this, that = sents[here.sentence], sents[before.sentence]
    if here.sentence - before.sentence > 1:
        return None
    if this.paragraph == that.paragraph:
        return speaker
    opens_paragraph = here.sentence > 0 and sents[here.sentence - 1].paragraph != this.paragraph
    if this.paragraph == that.paragraph + 1 and opens_paragraph:
        return speaker
    return None


def neighbour_speaker(
    attributor: Attributor, here: Located, sents: list[Sentence]
) -> Speaker | None:
    """The previous sentence introduces the quote ("X a déclaré :") or names its speaker."""
    if here.sentence == 0:
        return None
    this, prev = sents[here.sentence], sents[here.sentence - 1]
    if prev.paragraph not in (this.paragraph, this.paragraph - 1):
        return None
    if prev.paragraph != this.paragraph and here.span.open != this.start:
        return None
    text = attributor.text[prev.start : prev.end].rstrip()
    verbs = attributor.reporting_verbs(prev.start, prev.end)
    if text.endswith(":"):
        if verbs:
            return attributor.speaker_of_verb(verbs[-1], prev.start, prev.end)
        return colon_speaker(attributor, prev.start, prev.start + len(text) - 1)
    for verb in verbs:
        speaker = attributor.speaker_of_verb(verb, prev.start, prev.end, forward=False)
        if speaker is not None and speaker.entity is not None:
            return speaker
    return _first_person_speaker(attributor, here, sents)


def _first_person_speaker(
    attributor: Attributor, here: Located, sents: list[Sentence]
) -> Speaker | None:
    """ "Paul Roux a présenté le projet. « Nous n'augmenterons pas les impôts. »": words in
    the first person, after a sentence (of the last two) whose subject is a named person, are
    theirs when no other person is named since (nor when that person reads a text out: the
    text has its own author)."""
    inside = attributor.tokens(here.span.start, here.span.end)
    if not any(t.lower_ in FIRST_PERSON for t in inside):
        return None
    paragraph = sents[here.sentence - 1].paragraph
    for prev in sents[max(0, here.sentence - 2) : here.sentence][::-1]:
        toks = attributor.tokens(prev.start, prev.end)
        if prev.paragraph != paragraph or any(t.lower_ in READING_FORMS for t in toks):
            return None
        if any(prev.start <= o < prev.end for o, _ in attributor.quoted):
            return None
        found = attributor.clause_subject(prev.start, prev.end)
        if found is not None and found.entity is not None:
            return None if _other_person(attributor, found, here.span.open) else found
    return None


def _other_person(attributor: Attributor, found: Speaker, until: int) -> bool:
    """Whether a person other than ``found`` is named between it and ``until``."""
    assert found.entity is not None
    for m in attributor.mentions_in(found.end, until):
        inside = any(lo <= m.start < hi for lo, hi in attributor.quoted)
        other = m.entity.type == "PERSON" and m.entity.key != found.entity.key
        if other and not inside and not _in_capitals(m.text) and _may_speak(attributor, m):
            return True
    return False


def _may_speak(attributor: Attributor, m: MentionResult) -> bool:
    """A person named as a subject or an agent (or apposed to one) may take the floor; one
    named in a complement ("en compagnie d'une troisième personne, le bassiste Hakim") is talked
    about."""
    span = attributor.doc.char_span(m.start, m.end, alignment_mode="expand")
    if not attributor.has_parse or span is None:
        return True
    tok = span.root
    while tok.dep_ in ("appos", "flat:name", "conj") and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "le bassiste Hakim": the noun the name is apposed to
    return tok.dep_.startswith("nsubj") or tok.dep_ in ("ROOT", "obl:agent")  # "produit par X"


def _in_capitals(name: str) -> bool:
    """A name with a word in capitals signs a photo or the article ("PASCAL HOFER"), or is
    a caption's kicker the entity stage took for a name ("TALENTUEUX Mondialement")."""
    return any(len(word) > 1 and word.isupper() for word in name.split())


def same_voice(attributor: Attributor, here: Located, said: Said | None) -> Speaker | None:
    """ "« J'ai choisi le conservatoire », poursuit le musicien. Les professeurs remarquent son
    talent. « Mon père n'était pas satisfait. »": words in the first person with no
    attribution are the last speaker's while the text names no other person (an interview,
    a portrait); a name in capitals signs a photo or the article."""
    if said is None or said.person is None:
        return None
    if here.sentence - said.where.sentence > MAX_SENTENCES_SAME_VOICE:
        return None
    if not any(t.lower_ in FIRST_PERSON for t in attributor.tokens(here.span.start, here.span.end)):
        return None
    voice = Speaker(said.person, "", said.where.span.close, said.where.span.close)
    return None if _other_person(attributor, voice, here.span.open) else said.speaker
