"""Cleaning: title and standfirst from the plain-text layout, republishing boilerplate out.

The layout (SPEC.md): first non-empty line is the title (a repeated title line is
dropped), a short next paragraph is the standfirst, then the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A paragraph matching one of these is republishing boilerplate, never article text.
_BOILERPLATE = [
    r"^\W*[*=_~#\-–—·•]{3,}\W*$",  # separator lines: *****, -----, ====
    r"\b(partagez|partager)[- ](le|la|cet article)\b",
    r"\bvous aime[rz]? cet article\b",
    r"\b(inscrivez|abonnez)[- ]vous\b.*\bnewsletter\b",
    r"\bnewsletter\b",
    r"\bvotre soutien\b",
    r"\b(dons?|donation|paypal|tipeee|patreon|utip)\b",
    r"\bnos annonceurs\b",
    r"\b(suivez|rejoignez)[- ]nous sur\b",
    r"\b(facebook|twitter|telegram|instagram|vk|odysee|rumble)\s*:",
    r"\bsource\s*:\s*https?://",
    r"^\s*https?://\S+\s*$",
    r"\blire l.article original\b",
    r"\barticle original\b",
    r"\bread the original article\b",
    r"\boriginal article\b",
    r"\bshare (this|it) with\b",
    r"\bsubscribe to (our|my) newsletter\b",
    r"\bsupport (us|our work)\b",
]
_BOILERPLATE_RE = [re.compile(p, re.IGNORECASE) for p in _BOILERPLATE]

# A notice like these means the text was first published elsewhere.
_REPUBLISHED_RE = re.compile(
    r"(article original|l.article original|read the original|original article|"
    r"initialement publi|originally published|source\s*:\s*https?://|traduit (de|par))",
    re.IGNORECASE,
)

_STANDFIRST_MAX_CHARS = 400
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class CleanText:
    title: str
    standfirst: str | None
    body: str
    republished: bool


def normalize(text: str) -> str:
    """NFC, unified newlines, no trailing spaces; the body offsets refer to this text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_SPLIT.split(text) if p.strip()]


def is_boilerplate(paragraph: str) -> bool:
    return any(rx.search(paragraph) for rx in _BOILERPLATE_RE)


def strip_boilerplate(paras: list[str]) -> tuple[list[str], bool]:
    """Drop boilerplate paragraphs; the tail after the first boilerplate block goes too
    when it holds nothing but boilerplate and short appeals."""
    republished = any(_REPUBLISHED_RE.search(p) for p in paras if is_boilerplate(p))
    kept = [p for p in paras if not is_boilerplate(p)]
    # Trailing short appeals ("ICI", "➡️ ICI") left after the boilerplate is removed.
    while kept and len(kept[-1]) < 20 and not kept[-1].endswith((".", "!", "?")):
        kept.pop()
    return kept, republished


def clean_plain_text(text: str, *, title: str | None = None) -> CleanText:
    """Split a plain-text article into title, standfirst and clean body."""
    paras = paragraphs(normalize(text))
    if title is None and paras:
        first, *rest = paras
        lines = first.split("\n")
        title = lines[0].strip()
        remainder = "\n".join(lines[1:]).strip()
        paras = ([remainder] if remainder else []) + rest
    title = (title or "").strip()
    while paras and paras[0].strip() == title:
        paras.pop(0)
    paras, republished = strip_boilerplate(paras)
    standfirst = None
    if len(paras) > 1 and len(paras[0]) <= _STANDFIRST_MAX_CHARS and "\n" not in paras[0]:
        standfirst = paras.pop(0)
    return CleanText(
        title=title, standfirst=standfirst, body="\n\n".join(paras), republished=republished
    )
