"""Reads of quotes: by speaker, text, article and publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Integer, String, bindparam, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles.models import Article
from app.common import keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.common.schemas import brief_json, date_json
from app.entities.models import Entity
from app.quotes.models import Quote

_LIKE_SPECIALS = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


@dataclass(frozen=True)
class QuoteFilters:
    speaker: int | None = None
    q: str | None = None
    article: int | None = None
    published_from: date | None = None
    published_to: date | None = None


_SPEAKER = aliased(Entity)
# A ``QuoteItem`` as columns: the quote, its speaker (brief) and its article (brief).
_BASE = (
    select(
        Quote.id,
        Quote.text,
        Quote.kind,
        _SPEAKER.id,
        _SPEAKER.name,
        _SPEAKER.type,
        Quote.speaker_text,
        Quote.speaker_role,
        Quote.start,
        Quote.end,
        Quote.published_at,
        Article.id,
        Article.title,
        Article.url,
        Article.published_at,
        Article.language,
        Quote.field,
    )
    .join(Article, Article.id == Quote.article_id)
    .outerjoin(_SPEAKER, _SPEAKER.id == Quote.speaker_id)
)
_DETAIL = _BASE.where(Quote.id == bindparam("quote_id", type_=Integer))


def _document(row: Any) -> dict[str, Any]:
    """A ``QuoteItem`` as JSON-ready values from a row of ``_BASE``."""
    (
        quote_id,
        text,
        kind,
        speaker_id,
        speaker_name,
        speaker_type,
        speaker_text,
        speaker_role,
        start,
        end,
        published_at,
        article_id,
        title,
        url,
        article_published_at,
        language,
        field,
    ) = row
    return {
        "id": quote_id,
        "text": text,
        "kind": kind,
        "speaker": brief_json(speaker_id, speaker_name, speaker_type),
        "speaker_text": speaker_text,
        "speaker_role": speaker_role,
        "start": start,
        "end": end,
        "field": field,
        "published_at": date_json(published_at),
        "article": {
            "id": article_id,
            "title": title,
            "url": url,
            "published_at": date_json(article_published_at),
            "language": language,
        },
    }


@lru_cache(maxsize=64)
def _keyset(speaker: bool, article: bool, since: bool, until: bool, text: bool) -> keyset.Keyset:
    """The list's statements for one combination of filters (values are bound)."""
    stmt = _BASE
    if speaker:
        stmt = stmt.where(Quote.speaker_id == bindparam("speaker", type_=Integer))
    if article:
        stmt = stmt.where(Quote.article_id == bindparam("article", type_=Integer))
    if since:
        stmt = stmt.where(Quote.published_at >= bindparam("published_from", type_=Date))
    if until:
        stmt = stmt.where(Quote.published_at <= bindparam("published_to", type_=Date))
    if text:
        stmt = stmt.where(Quote.text.ilike(bindparam("pattern", type_=String), escape="\\"))
    return keyset.Keyset(stmt, sort_column=Quote.published_at, id_column=Quote.id, descending=True)


def list_quotes(
    *, session: Session, filters: QuoteFilters, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """Quotes, newest first; ``q`` is a case-insensitive substring of the quote.

    Items are ``QuoteItem`` documents as JSON-ready dicts (the route serialises them).
    """
    text = filters.q.strip() if filters.q else ""
    params: dict[str, Any] = {
        "speaker": filters.speaker,
        "article": filters.article,
        "published_from": filters.published_from,
        "published_to": filters.published_to,
        "pattern": "%" + text.translate(_LIKE_SPECIALS) + "%",
    }
    shape = _keyset(
        filters.speaker is not None,
        filters.article is not None,
        bool(filters.published_from),
        bool(filters.published_to),
        bool(text),
    )
    rows, next_cursor = shape.page(
        session.connection().execute,
        params,
        scope="quotes:-published_at",
        page=page,
        position_of=lambda row: [row[10], row[0]],
    )
    return [_document(row) for row in rows], next_cursor


def get_quote(*, session: Session, quote_id: int) -> dict[str, Any]:
    """The ``QuoteItem`` document of one quote; 404 if there is none."""
    row = session.connection().execute(_DETAIL, {"quote_id": quote_id}).first()
    if row is None:
        raise NotFound("quote", quote_id)
    return _document(row)
