"""Reads of quotes: by speaker, text, article and publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles.models import Article
from app.common import keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.common.schemas import ArticleBrief, EntityBrief
from app.entities.models import Entity
from app.quotes.models import Quote
from app.quotes.schemas import QuoteItem

_LIKE_SPECIALS = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


@dataclass(frozen=True)
class QuoteFilters:
    speaker: int | None = None
    q: str | None = None
    article: int | None = None
    published_from: date | None = None
    published_to: date | None = None


def _base() -> Any:
    speaker = aliased(Entity)
    return (
        select(Quote, speaker, Article)
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(speaker, speaker.id == Quote.speaker_id)
    )


def _item(quote: Quote, speaker: Entity | None, article: Article) -> QuoteItem:
    return QuoteItem(
        id=quote.id,
        text=quote.text,
        kind=quote.kind,
        speaker=EntityBrief.model_validate(speaker) if speaker is not None else None,
        speaker_text=quote.speaker_text,
        start=quote.start,
        end=quote.end,
        published_at=quote.published_at,
        article=ArticleBrief.model_validate(article),
    )


def list_quotes(
    *, session: Session, filters: QuoteFilters, page: PageParams
) -> tuple[list[QuoteItem], str | None]:
    """Quotes, newest first; ``q`` is a case-insensitive substring of the quote."""
    stmt = _base()
    if filters.speaker is not None:
        stmt = stmt.where(Quote.speaker_id == filters.speaker)
    if filters.article is not None:
        stmt = stmt.where(Quote.article_id == filters.article)
    if filters.published_from:
        stmt = stmt.where(Quote.published_at >= filters.published_from)
    if filters.published_to:
        stmt = stmt.where(Quote.published_at <= filters.published_to)
    if filters.q and filters.q.strip():
        pattern = "%" + filters.q.strip().translate(_LIKE_SPECIALS) + "%"
        stmt = stmt.where(Quote.text.ilike(pattern, escape="\\"))
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope="quotes:-published_at",
        page=page,
        sort_column=Quote.published_at,
        id_column=Quote.id,
        descending=True,
        position_of=lambda row: [row[0].published_at, row[0].id],
    )
    return [_item(*row) for row in rows], next_cursor


def get_quote(*, session: Session, quote_id: int) -> QuoteItem:
    row = session.execute(_base().where(Quote.id == quote_id)).first()
    if row is None:
        raise NotFound("quote", quote_id)
    return _item(*row)
