"""Indirect speech in one sentence: "X a déclaré que …", "…, a averti X", "Selon X, …"."""

from __future__ import annotations

from spacy.tokens import Token

from app.pipeline.quotes.lexicon import (
    COMPLEMENTISERS,
    SOURCE_MARKERS,
    is_reporting_verb,
    words,
)
from app.pipeline.quotes.speakers import Attributor, Speaker
from app.pipeline.types import QuoteResult

# The reported clause must say something: fewer words is a fragment, not speech.
MIN_CLAUSE_WORDS = 4
# How far (tokens) "que"/"that" may follow its verb: "a déclaré aux journalistes que".
MAX_TOKENS_TO_COMPLEMENTISER = 5
_TRAILING = " \t\n\u00a0\u202f.!?…;:,"
_MARKER_HEADS = frozenset(marker.split()[0] for marker in SOURCE_MARKERS)
_PURPOSE = frozenset({"pour", "afin", "sans", "de", "d'", "à", "to", "for", "without"})
# English verbs that often drop "that": "He said the alliance was ready".
_BARE_CLAUSE_VERBS = words("said says told tells added warned insisted argued")
# A finite verb: what tells a reported clause ("Moscow had made …") from an object
# ("said nothing", "told reporters after the talks").
_FINITE_VERBS = words(
    "is are was were has have had will would can could should may might must did does do "
    "won't wouldn't can't couldn't isn't wasn't aren't weren't hasn't haven't hadn't"
)
_CLAUSE_OPENERS_NOT = words(
    "to on in at about after before during with for by of from into so as if when while "
    "nothing something little much more goodbye hello yes no"
)
_OBJECT_PRONOUNS = words("him her them us me you reporters journalists parliament lawmakers")


def indirect_speech(attributor: Attributor, lo: int, hi: int) -> QuoteResult | None:
    """The reported clause of the sentence ``[lo, hi)`` and its speaker, if it has both."""
    toks = attributor.tokens(lo, hi)
    if not toks:
        return None
    return (
        _leading_source(attributor, toks, hi)
        or _trailing_attribution(attributor, toks, hi)
        or _that_clause(attributor, toks, hi)
        or _bare_clause(attributor, toks, hi)
    )


def _result(
    attributor: Attributor, start: int, end: int, speaker: Speaker | None
) -> QuoteResult | None:
    text = attributor.text
    while start < end and text[start] in _TRAILING:
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if speaker is None or len(text[start:end].split()) < MIN_CLAUSE_WORDS:
        return None
    return QuoteResult(
        text=text[start:end],
        start=start,
        end=end,
        kind="indirect",
        speaker=speaker.entity,
        speaker_text=speaker.text,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
    )


def _leading_source(attributor: Attributor, toks: list[Token], hi: int) -> QuoteResult | None:
    """ "Selon X, …" / "According to X, …"."""
    if toks[0].lower_ not in _MARKER_HEADS and toks[0].lower_ not in ("d'", "d’"):
        return None
    comma = next((t for t in toks[1:8] if t.text == ","), None)
    if comma is None:
        return None
    speaker = _named(attributor.source_speaker(toks[0].idx, comma.idx))
    return _result(attributor, comma.idx + 1, hi, speaker)


def _named(speaker: Speaker | None) -> Speaker | None:
    """ "Selon la tradition", "selon un sondage": only a named source makes reported speech."""
    return speaker if speaker is not None and speaker.entity is not None else None


def _trailing_attribution(attributor: Attributor, toks: list[Token], hi: int) -> QuoteResult | None:
    """ "…, a averti Stoltenberg." / "…, X said." / "…, according to X." """
    for k, comma in enumerate(toks):
        if comma.text != "," or k < MIN_CLAUSE_WORDS:
            continue
        window = [t for t in toks[k + 1 : k + 5] if not t.is_punct]
        if not window:
            continue
        if window[0].lower_ in _MARKER_HEADS:
            speaker = _named(attributor.source_speaker(comma.idx + 1, hi))
            return _result(attributor, toks[0].idx, comma.idx, speaker)
        verb = next((t for t in window if is_reporting_verb(t)), None)
        if verb is None or _complementiser_after(toks, verb) is not None:
            continue
        if _bare_clause_after(attributor, toks, verb):
            continue  # "Speaking in Munich, X said the policy had failed": the clause follows
        if any(t.lower_ in _PURPOSE for t in window if t.i < verb.i):
            continue  # ", pour confirmer la répartition": a purpose clause, not an attribution
        if attributor.has_parse and not any(t.pos_ in ("VERB", "AUX") for t in toks[:k]):
            continue  # "Le patron du camping, X, confirme": a noun phrase, not a clause
        speaker = attributor.speaker_of_verb(verb, comma.idx + 1, hi)
        return _result(attributor, toks[0].idx, comma.idx, speaker)
    return None


def _complementiser_after(toks: list[Token], verb: Token) -> Token | None:
    position = next(i for i, t in enumerate(toks) if t.i == verb.i)
    for tok in toks[position + 1 : position + 1 + MAX_TOKENS_TO_COMPLEMENTISER]:
        if tok.lower_ in COMPLEMENTISERS:
            return tok
        if tok.is_punct and tok.text != ",":
            return None
    return None


def _that_clause(attributor: Attributor, toks: list[Token], hi: int) -> QuoteResult | None:
    """ "X a déclaré que …" / "Il s'est dit convaincu que …" / "X warned that …"."""
    for verb in toks:
        if not is_reporting_verb(verb):
            continue
        complementiser = _complementiser_after(toks, verb)
        if complementiser is None:
            continue
        speaker = attributor.speaker_of_verb(verb, toks[0].idx, verb.idx, forward=False)
        found = _result(attributor, complementiser.idx + len(complementiser), hi, speaker)
        if found is not None:
            return found
    return None


def _bare_clause(attributor: Attributor, toks: list[Token], hi: int) -> QuoteResult | None:
    """ "He said the alliance was ready", "X told reporters the talks had failed": English
    reported clauses without "that", recognised by a finite verb soon after the verb."""
    for verb in toks:
        clause = _bare_clause_after(attributor, toks, verb)
        if not clause:
            continue
        speaker = attributor.speaker_of_verb(verb, toks[0].idx, verb.idx, forward=False)
        found = _result(attributor, clause[0].idx, hi, speaker)
        if found is not None:
            return found
    return None


def _bare_clause_after(attributor: Attributor, toks: list[Token], verb: Token) -> list[Token]:
    """The tokens of a "that"-less reported clause after ``verb``, or []."""
    if verb.lower_ not in _BARE_CLAUSE_VERBS or not is_reporting_verb(verb):
        return []
    clause = [t for t in toks if t.i > verb.i]
    if verb.lower_ in ("told", "tells"):  # the listener first: "told reporters"
        clause = _after_listener(attributor, clause)
    if not clause or clause[0].is_punct or clause[0].lower_ in _CLAUSE_OPENERS_NOT:
        return []
    head = []
    for tok in clause[:8]:
        if tok.is_punct:
            break
        head.append(tok.lower_)
    return clause if any(w in _FINITE_VERBS for w in head[1:]) else []


def _after_listener(attributor: Attributor, toks: list[Token]) -> list[Token]:
    """The tokens after the listener of "told": a pronoun, a group noun or a named entity."""
    if not toks:
        return toks
    if toks[0].lower_ in _OBJECT_PRONOUNS:
        return toks[1:]
    mention = attributor.mention_at(toks[0])
    if mention is not None:
        return [t for t in toks if t.idx >= mention.end]
    return []
