"""64-bit SimHash over word shingles: near-duplicate texts get hashes a few bits apart.

Stored signed (PostgreSQL BIGINT is signed). Four 16-bit bands: two hashes within
Hamming distance 3 share at least one band exactly (pigeonhole), which makes the
candidate search an equality test per band.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

SHINGLE_WORDS = 3
BANDS = 4
BAND_BITS = 16
MAX_DISTANCE = 3  # tuned on tests/pipeline/test_duplicates.py
MIN_WORDS = 40  # below this, a few words change too many bits to judge

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    # The accents to drop, found among the text's distinct characters (not char by char).
    marks = {ord(c): None for c in set(folded) if unicodedata.combining(c)}
    return _WORD.findall(folded.translate(marks) if marks else folded)


def shingles(text: str) -> set[str]:
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def simhash(text: str) -> int:
    """The unsigned 64-bit SimHash of ``text``."""
    digests = b"".join(
        hashlib.blake2b(s.encode(), digest_size=8).digest() for s in sorted(shingles(text))
    )
    if not digests:
        return 0
    # One row of 64 bits per shingle (most significant first); a bit is set in the
    # hash when more than half of the shingles set it.
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(-1, 64)
    votes = bits.sum(axis=0) * 2 > bits.shape[0]
    return int.from_bytes(np.packbits(votes).tobytes(), "big")


def to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value & _MASK64


def bands(value: int) -> list[int]:
    """The four 16-bit bands of a (signed or unsigned) hash, high band first."""
    unsigned = to_unsigned(value)
    return [(unsigned >> (BAND_BITS * i)) & 0xFFFF for i in reversed(range(BANDS))]


def distance(a: int, b: int) -> int:
    return (to_unsigned(a) ^ to_unsigned(b)).bit_count()


def jaccard(a: str, b: str) -> float:
    """Share of shingles the two texts have in common (0 to 1)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)
