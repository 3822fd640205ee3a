"""Name normalisation shared by the knowledge base and mention cleaning.

A normalised name is lower case, accent-free, with typographic apostrophes and dashes made
plain, leading elisions and determiners removed and whitespace collapsed: "l’OTAN" and
"OTAN" normalise alike, so do "États-Unis" and "Etats-Unis".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from app.entities.types import EntityType

# Leading determiners per language; None (unknown language) strips all of them.
DETERMINERS = {
    "fr": ("le", "la", "les", "l'", "du", "des", "de la", "de l'", "de", "d'", "au", "aux"),
    "en": ("the",),
}
_ALL_DETERMINERS = tuple(d for ds in DETERMINERS.values() for d in ds)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "’‘`´ʼ"), "'")
_LIGATURES = {ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE", ord("ß"): "ss"}
# One table each (the mappings are disjoint): one pass over the text instead of two or three.
_PLAIN = _APOSTROPHES | _DASHES
_FOLD = _PLAIN | _LIGATURES
_UPPER = "A-ZÀ-ÖØ-Þ"
# Words for dictionary matching. OCR glues words ("laFranceAjoutons", "386Allemagne"), so a
# word also ends where a lower-case letter or a digit meets a capital; "OTAN" stays one word.
_TOKEN_RE = re.compile(
    rf"[{_UPPER}]+(?![^\W\d_{_UPPER}])|[{_UPPER}]?[^\W\d_{_UPPER}]+|\d+|[^\w\s]|_"
)


def plain_punctuation(text: str) -> str:
    """Typographic apostrophes and dashes replaced by ASCII ones (same length)."""
    # A regular expression finds the few such characters of a long text ten times faster
    # than ``str.translate`` looks up every character.
    return _PLAIN_CHARACTERS.sub(_plain_character, text)


_PLAIN_CHARACTERS = re.compile("[" + "".join(map(chr, _PLAIN)) + "]")


def _plain_character(match: re.Match[str]) -> str:
    return str(_PLAIN[ord(match.group())])


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents removed, plain punctuation, whitespace collapsed.

    Cached: extraction folds every word of every article, and words repeat.
    """
    text = text.translate(_FOLD)
    if not text.isascii():  # NFKD leaves ASCII as it is
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def determiners(language: str | None) -> tuple[str, ...]:
    """Leading determiners to strip for a language, longest first."""
    chosen = DETERMINERS.get(language or "", _ALL_DETERMINERS)
    return tuple(sorted(chosen, key=len, reverse=True))


def leading_determiner_length(text: str, language: str | None = None) -> int:
    """How many characters of ``text`` are a leading determiner (with its space), or 0."""
    lowered = plain_punctuation(text).lower()
    for det in determiners(language):
        if det.endswith("'"):
            if lowered.startswith(det) and len(text) > len(det):
                return len(det)
        elif lowered.startswith(det + " ") and len(text) > len(det) + 1:
            return len(det) + 1
    return 0


def strip_determiners(text: str, language: str | None = None) -> str:
    """``"l'OTAN"`` → ``"OTAN"``; ``"la Russie"`` → ``"Russie"`` (repeatedly: "de la")."""
    text = text.strip()
    while cut := leading_determiner_length(text, language):
        text = text[cut:].lstrip()
    return text


def normalise(text: str, language: str | None = None) -> str:
    """The comparison form of a name: folded, without leading determiners."""
    return fold(strip_determiners(text, language))


def canonical_key(name: str, type: EntityType) -> str:
    """``name:PERSON:jens stoltenberg``: stable across articles for entities outside the KB."""
    return f"name:{type}:{normalise(name)}"


def token_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the words and punctuation marks of ``text`` (see ``_TOKEN_RE``)."""
    return [m.span() for m in _TOKEN_RE.finditer(plain_punctuation(text))]


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded word and punctuation tokens, the unit of dictionary matching."""
    return tuple(fold(text[s:e]) for s, e in token_spans(text))
