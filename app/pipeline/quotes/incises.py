"""Incises inside the quotation marks: « Nous sommes prêts, a-t-il ajouté, mais rien n'est
signé. » French news puts the attribution inside the guillemets, between commas (or a comma
and the sentence's end), with the subject after the verb. Such a quote is two quotes — the
words before the incise and the words after it — and the incise is their attribution,
read as any attribution after or before a quote (``extract``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from app.pipeline.quotes.lexicon import VERB_GROUP_FILLERS, is_reporting_verb, words
from app.pipeline.quotes.marks import MarkedSpan

# At most this many tokens between the comma and the verb (auxiliaries, clitics) and in the
# inverted subject ("le ministre des Affaires étrangères").
_MAX_BEFORE_VERB = 3
_MAX_SUBJECT = 8
_CLITIC_SUBJECTS = words("-il -elle -ils -elles -t il elle ils elles")
_ENDS = frozenset({",", ".", "!", "?", "…", ";"})
_SUBJECT_OPENERS = words(
    "le la l' l’ les un une son sa ses leur ce cet cette m. mme me mgr dr the a an his her"
)


def split_incises(doc: Doc, spans: Sequence[MarkedSpan]) -> list[MarkedSpan]:
    """``spans`` with each in-quote incise cut out: the words before it and after it."""
    out: list[MarkedSpan] = []
    for span in spans:
        out.extend(_pieces(doc, span))
    return out


def _pieces(doc: Doc, span: MarkedSpan) -> list[MarkedSpan]:
    toks = [t for t in doc.char_span(span.start, span.end, alignment_mode="contract") or []]
    toks = [t for t in toks if not t.is_space]
    for k, tok in enumerate(toks[:-1]):
        if tok.text != ",":
            continue
        end = _incise_end(toks, k)
        if end is None:
            continue
        cut = toks[k].idx
        before = replace(span, close=cut, end=_rstrip(doc.text, span.start, cut))
        if before.end <= before.start:
            return [span]
        if end >= len(toks):
            return [before]
        after_start = toks[end].idx + len(toks[end])
        while after_start < span.end and doc.text[after_start].isspace():
            after_start += 1
        if after_start >= span.end:
            return [before]
        after = replace(span, open=after_start, start=after_start)
        return [before, *_pieces(doc, after)]
    return [span]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _incise_end(toks: list[Token], comma: int) -> int | None:
    """The index of the punctuation closing an incise opened by ``toks[comma]`` (or
    ``len(toks)`` when it runs to the end of the quote), if one opens there."""
    j = comma + 1
    while j < len(toks) and j - comma <= _MAX_BEFORE_VERB and not _verb(toks, j):
        if toks[j].lower_ not in VERB_GROUP_FILLERS:
            return None
        j += 1
    if j >= len(toks) or not _verb(toks, j):
        return None
    subject = j + 1
    end = subject
    while end < len(toks) and toks[end].text not in _ENDS:
        end += 1
    size = end - subject
    if size == 0 or size > _MAX_SUBJECT:
        return None
    first = toks[subject]
    if first.lower_ in ("-on", "on") or (
        first.lower_ == "-t" and subject + 1 < end and toks[subject + 1].lower_ == "-on"
    ):
        return None  # "dit-on": hearsay, no one's attribution
    if not (
        first.lower_ in _CLITIC_SUBJECTS
        or first.lower_ in _SUBJECT_OPENERS
        or (first.is_alpha and first.text[0].isupper())
    ):
        return None
    if any(
        t.pos_ == "VERB" for t in toks[subject + 1 : end] if first.lower_ not in _CLITIC_SUBJECTS
    ):
        return None  # a clause, not an inverted subject
    return end


def _verb(toks: list[Token], j: int) -> bool:
    """A reporting verb, or any verb followed by its subject clitic ("accuse-t-elle")."""
    tok = toks[j]
    if is_reporting_verb(tok):
        return True
    nxt = toks[j + 1].lower_ if j + 1 < len(toks) else ""
    return tok.is_alpha and tok.is_lower and nxt in ("-t", "-il", "-elle", "-ils", "-elles")
