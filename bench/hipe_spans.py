"""HIPE's person mention span, built from a predicted name span (scoring only).

HIPE-2022's French newspaper data (hipe2020, and newseye, whose guidelines are compatible
with impresso's) annotate a person's *mention* in the coarse literal column
(``NE-COARSE-LIT``): the name with its components, which the fine component column
(``NE-FINE-COMP``) marks as ``comp.title`` ("M.", "lord"), ``comp.function``
("président", "conseiller fédéral"), ``comp.qualifier`` ("jeune") and ``comp.name``.
In the hipe2020 development set 110 of the 679 person mentions hold a function and 235 a
title: "président Wilson", "M. le comte de Metternich", "M. Ador, conseiller fédéral".

newsmeta's mentions are names (the reference article's gold: "Jens Stoltenberg", not "le
secrétaire général Jens Stoltenberg"); its API is unchanged. To score against the data's
convention, every predicted person span — newsmeta's and the bare model's alike — is
widened by one rule, the same for every file:

- **before the name**, over the words directly attached to it that the parser calls a
  noun or an adjective written in lower case, or that are a function word ("président",
  "jeune", "lieutenant-général prince", "Lord"), joined by "et" or a hyphen between two
  such words; then over "M. le" / "MM. les" (a courtesy title and its article) right
  before them;
- **after the name**, over an apposition ", [le] noun …" up to the next punctuation when
  it starts with a lower-case noun or adjective and holds no verb, pronoun, number, day,
  month or other person ("Numa Matthey, secrétaire", "M. Calouder, président de la Confédération").

A name a plan, a law or a doctrine is named after ("le plan Marshall", "la loi Veil") is
not widened: the noun before it is the thing named, not the person's function or title.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from app.entities.names import fold
from app.pipeline.entities.cues import eponym_before
from app.pipeline.entities.words import DAYS_AND_MONTHS, FUNCTIONS

Span = tuple[int, int, str]

_NOUNISH = {"NOUN", "ADJ"}
_HONORIFICS = {"m.", "mm.", "m", "mm", "mme", "mmes", "mgr", "dr"}
_ARTICLES = {"le", "la", "les", "l'", "l’"}
_NOT_IN_APPOSITION = {"VERB", "AUX", "PRON", "SCONJ", "NUM"}
_MAX_APPOSITION = 12


def hipe_mentions(doc: Doc, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each person's span widened to HIPE's mention (see the module)."""
    people = [(s, e) for s, e, t in spans if t == "pers"]
    out = []
    for start, end, kind in spans:
        if kind == "pers" and not eponym_before(doc.text, start):
            start, end = _left(doc, start), _right(doc, end, people)
        out.append((start, end, kind))
    return out


def _lower_word(token: Token) -> bool:
    return token.text[:1].islower() and fold(token.text) not in DAYS_AND_MONTHS


def _left(doc: Doc, start: int) -> int:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return start
    i = span.start
    taken = i
    j = i - 1
    while j >= 0 and not doc[j].whitespace_.count("\n"):
        token = doc[j]
        if (_lower_word(token) and token.pos_ in _NOUNISH) or fold(token.text) in FUNCTIONS:
            taken = j  # "président", "jeune", "Lord" (a function word with its capital)
        elif taken == i or taken != j + 1 or (token.text != "-" and token.lower_ != "et"):
            break  # "lieutenant-général", "producteur et musicien": only between two words
        j -= 1
    # "M. le comte", "M. le Dr X", "MM. les directeurs": the courtesy title and its article.
    if taken >= 2 and doc[taken - 1].lower_ in _ARTICLES:
        if doc[taken - 2].lower_ in _HONORIFICS:
            taken -= 2
        elif taken >= 3 and doc[taken - 2].text == "." and doc[taken - 3].lower_ in _HONORIFICS:
            taken -= 3
    return doc[taken].idx


def _right(doc: Doc, end: int, people: list[tuple[int, int]]) -> int:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    if span is None or span.end + 2 > len(doc) or doc[span.end].text != ",":
        return end
    k = span.end + 1
    if doc[k].lower_ in _ARTICLES:
        k += 1
    if k >= len(doc) or not (_lower_word(doc[k]) and doc[k].pos_ in _NOUNISH):
        return end
    last = k
    while last + 1 < len(doc) and last + 1 - span.end <= _MAX_APPOSITION:
        token = doc[last + 1]
        if token.is_punct and token.text not in ("-", "'", "’"):
            break
        if token.pos_ in _NOT_IN_APPOSITION or "\n" in doc[last].whitespace_:
            return end
        last += 1
    stop = doc[last].idx + len(doc[last])
    if any(end < s and e <= stop for s, e in people):
        return end  # "le président Wilson, le cardinal Mercier": another person
    return stop
