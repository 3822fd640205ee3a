"""Bytes → text: UTF-8 first, then a detected encoding; binary data and garbage refused.

Mojibake (UTF-8 read as Latin-1, "dÃ©clarÃ©") is repaired by ftfy, which only
changes text when the repair is certain.
"""

from __future__ import annotations

import re

import ftfy
from charset_normalizer import from_bytes

# Western news is overwhelmingly Windows-1252 when it is not UTF-8: among equally
# plausible decodings, prefer these (cp1250 reads "à" as "ŕ" on short French texts).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")
_MAX_CHAOS = 0.2
_MIN_TEXT_SHARE = 0.85
# C0/C1 controls other than tab and newlines, private use, U+FFFD: never in prose.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust (reason in the message)."""


def decode_bytes(data: bytes) -> str:
    """Text of ``data``; DecodeError with a one-line reason when it is not text."""
    sample = data[:8192]
    if b"\x00" in sample and not _is_utf16(sample):
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _detected(data, exc.start)
    if _text_share(text) < _MIN_TEXT_SHARE:
        raise DecodeError("not text: too many control or unprintable characters")
    return text


def repair_mojibake(text: str) -> str:
    """Fix text that was decoded with the wrong encoding, only where ftfy is certain."""
    return ftfy.fix_encoding(text)


def _is_utf16(sample: bytes) -> bool:
    return sample[:2] in (b"\xff\xfe", b"\xfe\xff")


def _detected(data: bytes, bad_byte: int) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError(f"not valid UTF-8 (byte {bad_byte}) and no other encoding fits")
    least = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least + 0.01]
    plausible.sort(key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else 9)
    best = plausible[0]
    if best.chaos > _MAX_CHAOS:
        raise DecodeError(
            f"not valid UTF-8 (byte {bad_byte}) and the best guess ({best.encoding}) is garbage"
        )
    return str(best)


def _text_share(text: str) -> float:
    """Share of characters that are not control characters or replacement marks."""
    sample = text[:20000]
    if not sample:
        return 1.0
    return 1 - len(_UNPRINTABLE.findall(sample)) / len(sample)
