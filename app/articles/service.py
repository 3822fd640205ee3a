"""Reads of articles: the list with its filters, and the full detail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import exists, func, select
from sqlmodel import Session

from app.articles import fulltext, search
from app.articles.columns import ARTICLE_COLUMNS, LIST_COLUMNS, ROWS_BY_ID, list_document
from app.articles.models import Article, DateMention, Source
from app.common import keyset
from app.common.errors import ProblemError
from app.common.pagination import PageParams
from app.entities.models import ArticleEntity
from app.events.models import EventArticle

SORTS = {"-published_at": True, "published_at": False, "relevance": True}


@dataclass(frozen=True)
class ArticleFilters:
    q: str | None = None
    language: str | None = None
    source: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    entity: list[int] = field(default_factory=list)
    event: int | None = None
    mentions_date_from: date | None = None
    mentions_date_to: date | None = None
    sort: str = "-published_at"
    include_body: bool = False


def _order_columns(filters: ArticleFilters) -> tuple[Any, Any]:
    """The (date, id) columns the list is read along.

    Filtered by entity, the list is read from that entity's rows of ``article_entity``
    (their copied ``published_at``) along ``ix_article_entity_entity_published``: a
    frequent entity's page then needs no sort of all its articles, a rare one no walk
    of every article in date order.
    """
    if filters.entity:
        return ArticleEntity.published_at, ArticleEntity.article_id
    return Article.published_at, Article.id


def _filtered(filters: ArticleFilters) -> Any:
    """Articles' list columns (the source by name) matching every filter but ``q``."""
    stmt = select(*(ARTICLE_COLUMNS if filters.include_body else LIST_COLUMNS))
    if filters.entity:
        stmt = (
            stmt.select_from(ArticleEntity)
            .join(Article, Article.id == ArticleEntity.article_id)
            .where(ArticleEntity.entity_id == filters.entity[0])
        )
    stmt = stmt.outerjoin(Source, Source.id == Article.source_id)
    published_at, _ = _order_columns(filters)
    if filters.language:
        stmt = stmt.where(Article.language == filters.language)
    if filters.source:
        # Names keep the case they came with ("RT France"); hosts and names match in any
        # case. The source table is small: lower() reads it whole, articles by source_id.
        stmt = stmt.where(func.lower(Source.name) == filters.source.lower())
    if filters.published_from:
        stmt = stmt.where(published_at >= filters.published_from)
    if filters.published_to:
        stmt = stmt.where(published_at <= filters.published_to)
    # IN (not EXISTS): the store reads the entity's (or event's) articles from its index
    # instead of walking every article in date order looking for them.
    for entity_id in filters.entity[1:]:
        stmt = stmt.where(
            Article.id.in_(
                select(ArticleEntity.article_id).where(ArticleEntity.entity_id == entity_id)
            )
        )
    if filters.event is not None:
        stmt = stmt.where(
            Article.id.in_(
                select(EventArticle.article_id).where(EventArticle.event_id == filters.event)
            )
        )
    if filters.mentions_date_from or filters.mentions_date_to:
        cond = [DateMention.article_id == Article.id]
        if filters.mentions_date_from:
            cond.append(DateMention.range_end >= filters.mentions_date_from)
        if filters.mentions_date_to:
            cond.append(DateMention.range_start <= filters.mentions_date_to)
        stmt = stmt.where(exists().where(*cond))
    return stmt


def list_articles(
    *, session: Session, filters: ArticleFilters, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of articles: filters AND-ed, keyset on the sort key + id (no OFFSET).

    Items are ``ArticleRead`` documents as JSON-ready dicts, read as columns (no ORM
    objects, no per-item validation): the route serialises the page itself.
    """
    if filters.sort == "relevance" and not filters.q:
        raise ProblemError(
            422,
            "sort: `relevance` needs a full-text query `q`.",
            slug="validation-error",
            errors=[{"loc": ["query", "sort"], "msg": "needs q", "type": "value_error"}],
        )
    stmt = _filtered(filters)
    sort_column, id_column = _order_columns(filters)
    match = None
    narrow = False  # choose the page from (date, id) alone, read its rows after
    if filters.q:
        query = search.parse_query(filters.q)
        match = search.text_match(
            dialect=session.get_bind().dialect.name, query=query, article=Article
        )
        # No snippet here: it is computed for the page's rows only (snippets), not for
        # every match the sort has to read.
        if filters.sort == "relevance":
            if match.join is not None:
                stmt = stmt.join(*match.join)
            stmt = stmt.where(match.condition)
            sort_column = match.rank
            stmt = stmt.add_columns(match.rank)
        elif match.join is not None:
            stmt, narrow = fulltext.sqlite_search_by_date(
                session, stmt, match, by_entity=bool(filters.entity)
            )
        elif filters.entity:  # read along the entity's index, the match checked per row
            stmt = stmt.where(match.condition)
        else:
            stmt, sort_column, id_column = fulltext.postgres_search_by_date(
                session, stmt, query, match
            )
    relevance = filters.sort == "relevance"
    if narrow:
        stmt = stmt.with_only_columns(Article.published_at, Article.id)
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope=f"articles:{filters.sort}",
        page=page,
        sort_column=sort_column,
        id_column=id_column,
        descending=SORTS[filters.sort],
        position_of=lambda row: [row[-1] if relevance else row.published_at, row.id],
        nullable=not relevance,
    )
    if narrow:
        by_id = ROWS_BY_ID[filters.include_body]
        rows = keyset.rows_by_id(session.connection().execute, by_id, [row.id for row in rows])
    snippets = fulltext.snippets(session, match, [row.id for row in rows]) if match else {}
    items = [
        list_document(row._mapping, body=filters.include_body, snippet=snippets.get(row.id))
        for row in rows
    ]
    return items, next_cursor
