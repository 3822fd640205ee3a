"""Cleaning: title and standfirst from the plain-text layout, republishing boilerplate out.

The layout (SPEC.md): first non-empty line is the title (a repeated title line is
dropped), a short next paragraph is the standfirst, then the body.

Boilerplate is removed by paragraph, never inside one, and only when a paragraph
speaks to the reader (share, subscribe, donate, follow, read the original) — an
editorial sentence that mentions a "source", "newsletter" or "soutien" stays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SEPARATOR = re.compile(r"^[\W_]*[*=_~#\-–—·•+]{3,}[\W_]*$")
_URL_ONLY = re.compile(r"^\W*(https?://|www\.)\S+\W*$", re.IGNORECASE)

# Notices that the text comes from elsewhere: boilerplate AND `republished = true`.
_ORIGINAL_NOTICE = re.compile(
    r"(\b(lire|voir|consulter|retrouvez) l.article (original|d.origine|en version originale)"
    r"|\bl.article original (ici|sur|en anglais|est disponible)\b|\barticle original\s*:"
    r"|\bread the (full |original )?(original )?(article|story)\b|\boriginal article\s*:"
    r"|\b(initialement|originellement|d.abord) publi[ée]+ (sur|par|dans)\b"
    r"|\boriginally (published|appeared) (on|at|in|by)\b"
    r"|\bsource\s*:\s*(https?://|www\.)"
    r"|\b(traduit|traduction) (de l.anglais |du russe |de l.allemand )?par\b"
    r"|\btranslated (from \w+ )?by\b)",
    re.IGNORECASE,
)

# Prompts addressed to the reader: boilerplate wherever they are (short paragraphs).
_READER_PROMPTS = [
    r"\bvous aime[rz]? (cet|cette|notre|l.)\s*(article|publication|contenu)\b",
    r"\bpartagez[- ](le|la|les|cet article|cette publication|autour de vous|sur)\b",
    r"\bn.h[ée]sitez pas [àa] (partager|nous soutenir|faire un don|vous abonner)\b",
    r"\b(share|forward) this (article|story|post|page)\b",
    r"\bif you (liked|enjoyed|like|value) (this|our) (article|story|post|work|journalism)\b",
    r"\b(inscrivez|abonnez)[- ]vous\b",
    r"\bnewsletter gratuite\b",
    r"\b(subscribe|sign up) (to|for) (our|my|the) (free )?(newsletter|mailing list)\b",
    r"\bvotre (soutien|contribution|don)\b",
    r"\bsoutenez[- ](nous|notre|le site|l.information)\b",
    r"\b(faites|faire|envoyez) (nous )?(un don|votre contribution)\b",
    r"\bvia (paypal|tipeee|patreon|utip|stripe)\b",
    r"\b(paypal|tipeee|patreon|utip)\s*[:.]",
    r"\bnos annonceurs\b",
    r"\bbesoin de (vos dons|votre aide|financements?)\b",
    r"\b(please )?(donate|support us|support our work|support independent journalism)\b",
    r"\bwe need your (support|help|donations?)\b",
    r"\b(suivez|rejoignez|retrouvez)[- ]nous sur\b",
    r"\bfollow us on\b",
    r"^(facebook|twitter|x|telegram|instagram|vk|odysee|rumble|youtube|gettr)\s*:",
]
# One alternation: a single scan per paragraph.
_READER_PROMPT_RE = re.compile("|".join(f"(?:{p})" for p in _READER_PROMPTS), re.IGNORECASE | re.M)

_NOTICE_MAX_CHARS = 300  # notices and prompts are short; a long paragraph is article text
_STANDFIRST_MAX_CHARS = 400
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")


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


def is_original_notice(paragraph: str) -> bool:
    """'Lire l'article original ici', 'Source : https://…' — the text comes from elsewhere."""
    return len(paragraph) <= _NOTICE_MAX_CHARS and bool(_ORIGINAL_NOTICE.search(paragraph))


def is_boilerplate(paragraph: str) -> bool:
    """A separator, a bare link, a notice or a prompt to the reader."""
    if _SEPARATOR.match(paragraph) or _URL_ONLY.match(paragraph):
        return True
    if len(paragraph) > _NOTICE_MAX_CHARS:
        return False
    return is_original_notice(paragraph) or bool(_READER_PROMPT_RE.search(paragraph))


def _is_dangling(paragraph: str) -> bool:
    """A scrap left at the end ('ICI', '➡️ ICI', 'Temas'): one word, not a sentence. Two
    words are a phrase, a writer's sign-off ('Euer Hans'), and stay."""
    return (
        len(paragraph) < 20
        and len(_WORDS.findall(paragraph)) <= 1
        and not paragraph.rstrip().endswith((".", "!", "?", "»", '"', "“", "”", "’", ")", ":"))
    )


def strip_boilerplate(paras: list[str]) -> tuple[list[str], bool]:
    """Drop boilerplate paragraphs; the trailing appeal block goes whole (long appeals too)."""
    republished = any(is_original_notice(p) for p in paras)
    # A long appeal at the very end ("Nous avons besoin de financements … via Paypal") is
    # still boilerplate once it follows removed boilerplate; walk back from the end.
    tail_start = len(paras)
    while tail_start > 0 and (
        is_boilerplate(paras[tail_start - 1])
        or _is_dangling(paras[tail_start - 1])
        or (tail_start < len(paras) and _is_long_appeal(paras[tail_start - 1]))
    ):
        tail_start -= 1
    kept = [p for p in paras[:tail_start] if not is_boilerplate(p)]
    while kept and _is_dangling(kept[-1]):
        kept.pop()
    return kept, republished


def _is_long_appeal(paragraph: str) -> bool:
    return len(paragraph) <= 1000 and bool(_READER_PROMPT_RE.search(paragraph))


def same_line(a: str, b: str) -> bool:
    """Equal once spaces (including no-break spaces) are collapsed and case ignored."""
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def clean_plain_text(text: str, *, title: str | None = None) -> CleanText:
    """Split a plain-text article into title, standfirst and clean body.

    With ``title`` given (JSON, HTML, feeds) the text is the body: no standfirst is
    guessed, so no body sentence is lost to it.
    """
    paras = paragraphs(normalize(text))
    from_layout = title is None
    if from_layout and paras:
        first, *rest = paras
        lines = first.split("\n")
        title = lines[0].strip()
        remainder = "\n".join(lines[1:]).strip()
        paras = ([remainder] if remainder else []) + rest
    title = (title or "").strip()
    while paras and same_line(paras[0], title):
        paras.pop(0)
    paras, republished = strip_boilerplate(paras)
    standfirst = None
    if (
        from_layout
        and len(paras) > 1
        and len(paras[0]) <= _STANDFIRST_MAX_CHARS
        and "\n" not in paras[0]
    ):
        standfirst = paras.pop(0)
    return CleanText(
        title=title, standfirst=standfirst, body="\n\n".join(paras), republished=republished
    )
