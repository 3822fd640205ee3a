"""RawArticle → CleanArticle: layout, boilerplate, mojibake, language, publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import py3langid as langid

from app.pipeline.ingest.clean import clean_plain_text, normalize
from app.pipeline.ingest.decode import repair_mojibake
from app.pipeline.ingest.html import HtmlError, html_to_text, read_page
from app.pipeline.types import CleanArticle, RawArticle

_WHOLE_PAGE = re.compile(r"<(html|body|head)[\s>]", re.IGNORECASE)


class PrepareError(ValueError):
    """The input holds no usable article (reason in the message)."""


@dataclass(frozen=True)
class ImportDefaults:
    """Command-line values used when the input itself does not say."""

    published_at: date | None = None
    language: str | None = None
    source: str | None = None


def detect_language(text: str, fallback: str) -> str:
    if len(text.strip()) < 20:
        return fallback
    language, _score = langid.classify(text[:5000])
    return str(language)


def prepare(
    raw: RawArticle, defaults: ImportDefaults, *, fallback_language: str = "fr"
) -> CleanArticle:
    """The clean article; PrepareError with a one-line reason when there is none."""
    if raw.extracted is not None:
        return _as_given(raw, defaults, fallback_language)
    if raw.text is None and raw.html is not None:
        raw = _from_html(raw)
    text = repair_mojibake(raw.text or "")
    title = repair_mojibake(raw.title) if raw.title else None
    # Structured input gives the title; then the whole text is standfirst + body.
    cleaned = clean_plain_text(text, title=title)
    body = normalize(cleaned.body)
    if not body:
        raise PrepareError("no article text after cleaning")
    if not cleaned.title:
        raise PrepareError("no title")
    language = raw.language or defaults.language or detect_language(body, fallback_language)
    return CleanArticle(
        title=cleaned.title,
        standfirst=raw.standfirst or cleaned.standfirst,
        body=body,
        language=language.lower(),
        republished=bool(raw.republished) or cleaned.republished,
        # The input's own date wins; the command line fills in; never the import time.
        published_at=raw.published_at or defaults.published_at,
        url=raw.url,
        source=raw.source or defaults.source,
        authors=raw.authors,
        external_id=raw.external_id,
        other_urls=raw.other_urls,
    )


def _as_given(raw: RawArticle, defaults: ImportDefaults, fallback_language: str) -> CleanArticle:
    """A record with ``extracted``: its text is the clean body the offsets point into."""
    body = raw.text or ""
    if not body.strip() or not raw.title:
        raise PrepareError("a record with 'extracted' needs 'text' and 'title'")
    language = raw.language or defaults.language or detect_language(body, fallback_language)
    return CleanArticle(
        title=raw.title,
        standfirst=raw.standfirst,
        body=body,
        language=language,
        republished=bool(raw.republished),
        published_at=raw.published_at or defaults.published_at,
        url=raw.url,
        source=raw.source or defaults.source,
        authors=raw.authors,
        external_id=raw.external_id,
        other_urls=raw.other_urls,
    )


def _from_html(raw: RawArticle) -> RawArticle:
    """The ``html`` field of a JSON article: a whole page (with metadata) or a fragment."""
    html = raw.html or ""
    if not _WHOLE_PAGE.search(html[:4096]):
        return replace(raw, text=html_to_text(html))
    try:
        page = read_page(html)
    except HtmlError as exc:
        raise PrepareError(str(exc)) from None
    return replace(
        raw,
        text=page.text,
        title=raw.title or page.title,
        standfirst=raw.standfirst or page.lead,
        url=raw.url or page.url,
        published_at=raw.published_at or page.published_at,
        language=raw.language or page.language,
        source=raw.source or page.site_name,
        authors=raw.authors or page.authors,
    )
