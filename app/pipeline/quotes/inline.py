"""The speaker of words quoted inside a sentence ("X a dénoncé « une erreur … »"): a
source ("selon X", a sentence opening "Pour X,"), the subject of a reporting verb before the
quote, else the subject of the verb the quoted words depend on, found up the parse."""

from __future__ import annotations

from spacy.tokens import Token

from app.pipeline.quotes.marks import MarkedSpan, Sentence
from app.pipeline.quotes.speakers import Attributor, Speaker


def inline_speaker(attributor: Attributor, span: MarkedSpan, sent: Sentence) -> Speaker | None:
    """The speaker of a fragment quoted inside a sentence: "selon X" or the subject of the
    reporting verb before it in the sentence ("X juge que la cohabitation «…»"), else the
    subject of the verb the quoted words depend on ("la souveraine a salué ce «…»")."""
    lo, open_at = sent.start, span.open
    source = attributor.source_speaker(lo, open_at) or _pour_speaker(attributor, lo, open_at)
    if source is not None:
        return source
    verbs = attributor.reporting_verbs(lo, open_at)
    if verbs:
        found = attributor.speaker_of_verb(verbs[-1], lo, open_at)
        if found is not None:
            return found
    if not attributor.has_parse:
        return None
    inside = attributor.tokens(span.open, span.end)
    if not inside:
        return None
    verb = inside[0]  # the opening mark: a parser often hangs the quote on it
    while verb.head.i != verb.i and span.open <= verb.idx < span.close:
        verb = verb.head
    for _ in range(4):  # up the verb chain: "a décidé de réunir …, « qui … »"
        if _predicate(verb) and not (span.open <= verb.idx < span.close):
            if any(c.dep_ == "nsubj:pass" for c in verb.children):
                return _agent(attributor, verb)  # "X a été accusé par Y de « … »": Y's words
            found = attributor.speaker_of_verb(verb, lo, sent.end, forward=False)
            if found is not None:
                return found
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return None


def _predicate(tok: Token) -> bool:
    """A verb, or a word the parse gives a subject ("qui l'accuse", "accuse" tagged NOUN)."""
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "nsubj" for c in tok.children)


def _agent(attributor: Attributor, verb: Token) -> Speaker | None:
    """The person of a passive verb's agent ("par Jean Lassalle"), if any."""
    for child in verb.children:
        mention = attributor.mention_at(child) if child.dep_ == "obl:agent" else None
        if mention is not None and mention.entity.type == "PERSON":
            return Speaker(mention.entity, mention.text, mention.start, mention.end)
    return None


def _pour_speaker(attributor: Attributor, lo: int, open_at: int) -> Speaker | None:
    """ "Pour X, le maire « n'a rien fait »": a sentence opening on "Pour"/"For" and one
    person, set off by a comma, gives whose view the sentence reports."""
    toks = attributor.tokens(lo, open_at)
    if len(toks) < 3 or toks[0].lower_ not in ("pour", "for"):
        return None
    comma = next((t for t in toks[1:] if t.text == ","), None)
    if comma is None:
        return None
    named = attributor.mentions_in(toks[1].idx, comma.idx)
    if len(named) != 1 or named[0].entity.type != "PERSON" or named[0].start != toks[1].idx:
        return None
    m = named[0]
    return Speaker(m.entity, m.text, m.start, m.end)
