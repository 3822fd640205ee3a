"""Per-document values spaCy recomputes on every access, computed once per article.

``Doc.text`` joins every token's text on each access, ``doc.sents`` rebuilds the
sentence list and ``span.sent`` walks it: the extraction stages ask for them thousands
of times per article, so they read them from here.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens.morphanalysis import MorphAnalysis
from spacy.vocab import Vocab

_TEXT = "newsmeta.text"
_LOWER = "newsmeta.lower"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document (the text of a Doc never changes)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def lower_words(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, read once per document from the token array."""
    words = doc.user_data.get(_LOWER)
    if words is None:
        strings = doc.vocab.strings
        words = doc.user_data[_LOWER] = [strings[h] for h in doc.to_array("LOWER").tolist()]
    return words


def token_starts(doc: Doc) -> list[int]:
    """``[t.idx for t in doc]`` (character offsets of the tokens), from the token array."""
    return doc.to_array("IDX").tolist()  # type: ignore[no-any-return]


def token_texts(doc: Doc) -> set[str]:
    """The distinct token texts of the document."""
    strings = doc.vocab.strings
    return {strings[h] for h in set(doc.to_array("ORTH").tolist())}


def morph_values(token: Token, feature: str) -> list[str]:
    """``list(token.morph.get(feature, []))``; a token's analysis is one of few, each read
    once (``MorphAnalysis.get`` costs a microsecond a call)."""
    return list(_morph_values(token.vocab, token.morph.key, feature))  # type: ignore[attr-defined]


@lru_cache(maxsize=8192)
def _morph_values(vocab: Vocab, key: int, feature: str) -> tuple[str, ...]:
    return tuple(MorphAnalysis.from_id(vocab, key).get(feature, []))


def parsed_from(doc: Doc, text: str) -> None:
    """Record that ``doc`` was parsed from ``text``: spaCy keeps every character, so
    ``doc.text == text`` and ``doc_text`` need not join the tokens."""
    doc.user_data[_TEXT] = text


def index_sentences(doc: Doc) -> None:
    """Compute the sentences once. spaCy rebuilds ``doc.sents`` on every access, and
    ``span.sent`` walks ``doc.sents``: the stages ask thousands of times per article
    (measured: 70% of the extraction time went there)."""
    try:
        sentences = list(doc.sents)
    except ValueError:  # no sentence boundaries (blank pipeline without a sentencizer)
        return
    starts = [sent.start for sent in sentences]
    doc.user_hooks["sents"] = lambda _doc: iter(sentences)
    doc.user_span_hooks["sent"] = lambda span: sentences[
        max(bisect_right(starts, span.start) - 1, 0)
    ]
