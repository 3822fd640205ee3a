"""RawArticle → CleanArticle: layout, boilerplate, language, publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import py3langid as langid

from app.pipeline.clean import clean_plain_text, normalize
from app.pipeline.types import CleanArticle, RawArticle


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
    if raw.text is None and raw.html is not None:
        raise PrepareError("HTML input is not supported by this reader yet")
    text = raw.text or ""
    # Structured input gives the title; then the whole text is standfirst + body.
    cleaned = clean_plain_text(text, title=raw.title)
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
        language=language,
        republished=cleaned.republished,
        # The input's own date wins; the command line fills in; never the import time.
        published_at=raw.published_at or defaults.published_at,
        url=raw.url,
        source=raw.source or defaults.source,
        authors=raw.authors,
        external_id=raw.external_id,
    )
