"""Reads of articles: the list with its filters, and the full detail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, exists, func, select
from sqlmodel import Session

from app.articles import fulltext, search
from app.articles.columns import ARTICLE_COLUMNS, LIST_COLUMNS, ROWS_BY_ID, list_document
from app.articles.models import ID_DATE_INDEX, Article, DateMention, Source
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


class _Shape(NamedTuple):
    """What a list's statements depend on: which filters are set (their values are bind
    parameters, ``_params``), the order, and how a full-text query is read (``plan``)."""

    dialect: str
    body: bool
    sort: str
    language: bool
    source: bool
    published_from: bool
    published_to: bool
    entities: int
    event: bool
    mentions_from: bool
    mentions_to: bool
    terms: tuple[bool, ...] | None  # SearchQuery.shape, None without q
    plan: str | None  # fulltext's plan for a word sorted by date


def _order_columns(shape: _Shape) -> tuple[Any, Any]:
    """The (date, id) columns the list is read along.

    Filtered by entity, the list is read from that entity's rows of ``article_entity``
    (their copied ``published_at``) along ``ix_article_entity_entity_published``: a
    frequent entity's page then needs no sort of all its articles, a rare one no walk
    of every article in date order.
    """
    if shape.entities:
        return ArticleEntity.published_at, ArticleEntity.article_id
    return Article.published_at, Article.id


def _bound(name: str, column: Any) -> Any:
    return bindparam(name, type_=column.type)


def _filtered(shape: _Shape, *, narrow: bool = False) -> Any:
    """Articles' list columns (the source by name) matching every filter but ``q``;
    ``narrow``: their (date, id) only."""
    if narrow:
        stmt = select(Article.published_at, Article.id)
    else:
        stmt = select(*(ARTICLE_COLUMNS if shape.body else LIST_COLUMNS))
    if shape.entities:
        stmt = (
            stmt.select_from(ArticleEntity)
            .join(Article, Article.id == ArticleEntity.article_id)
            .where(ArticleEntity.entity_id == _bound("entity_0", ArticleEntity.entity_id))
        )
    if shape.source or not narrow:
        stmt = stmt.outerjoin(Source, Source.id == Article.source_id)
    published_at, _ = _order_columns(shape)
    if shape.language:
        stmt = stmt.where(Article.language == _bound("language", Article.language))
    if shape.source:
        # Names keep the case they came with ("RT France"); hosts and names match in any
        # case. The source table is small: lower() reads it whole, articles by source_id.
        stmt = stmt.where(func.lower(Source.name) == _bound("source", Source.name))
    if shape.published_from:
        stmt = stmt.where(published_at >= _bound("published_from", published_at))
    if shape.published_to:
        stmt = stmt.where(published_at <= _bound("published_to", published_at))
    # IN (not EXISTS): the store reads the entity's (or event's) articles from its index
    # instead of walking every article in date order looking for them.
    for i in range(1, shape.entities):
        entity = _bound(f"entity_{i}", ArticleEntity.entity_id)
        stmt = stmt.where(
            Article.id.in_(
                select(ArticleEntity.article_id).where(ArticleEntity.entity_id == entity)
            )
        )
    if shape.event:
        event = _bound("event", EventArticle.event_id)
        stmt = stmt.where(
            Article.id.in_(select(EventArticle.article_id).where(EventArticle.event_id == event))
        )
    if shape.mentions_from or shape.mentions_to:
        cond = [DateMention.article_id == Article.id]
        if shape.mentions_from:
            cond.append(DateMention.range_end >= _bound("mentions_from", DateMention.range_end))
        if shape.mentions_to:
            cond.append(DateMention.range_start <= _bound("mentions_to", DateMention.range_start))
        stmt = stmt.where(exists().where(*cond))
    return stmt


def _params(filters: ArticleFilters) -> dict[str, Any]:
    """The values of the bind parameters of ``_filtered`` (and of ``q``'s statements)."""
    params: dict[str, Any] = {
        "language": filters.language,
        "source": filters.source.lower() if filters.source else None,
        "published_from": filters.published_from,
        "published_to": filters.published_to,
        "event": filters.event,
        "mentions_from": filters.mentions_date_from,
        "mentions_to": filters.mentions_date_to,
    }
    params.update((f"entity_{i}", entity) for i, entity in enumerate(filters.entity))
    return params


@lru_cache(maxsize=256)
def _list(shape: _Shape) -> tuple[keyset.Keyset, bool]:
    """The page statements of a list of ``shape``, built once (building a select and its
    cache key on every request cost more than running it), and whether the page is
    chosen from (date, id) alone and its rows read after."""
    # SQLite, a word of few matches: the page is chosen from (date, id) alone (carrying
    # each match's columns through the sort cost more than the sort), its rows read after.
    narrow = shape.dialect == "sqlite" and shape.sort != "relevance" and shape.plan == "sorted"
    stmt = _filtered(shape, narrow=narrow)
    sort_column, id_column = _order_columns(shape)
    if shape.terms is not None:
        match = search.text_match(dialect=shape.dialect, shape=shape.terms)
        # No snippet here: it is computed for the page's rows only (snippets), not for
        # every match the sort has to read.
        if shape.sort == "relevance":
            if match.join is not None:
                stmt = stmt.join(*match.join)
            stmt = stmt.where(match.condition)
            sort_column = match.rank
            stmt = stmt.add_columns(match.rank)
        elif shape.dialect == "sqlite":
            stmt = fulltext.sqlite_by_date(stmt, shape.plan or "")
        elif shape.entities:  # read along the entity's index, the match checked per row
            stmt = stmt.where(match.condition)
        else:
            stmt, sort_column, id_column = fulltext.postgres_by_date(stmt, match, shape.plan or "")
    if narrow and not (shape.language or shape.source):
        # SQLite keeps ``published_at`` after the body in the row (overflow pages to walk
        # for each match): read it from the (id, published_at) index instead.
        stmt = stmt.with_hint(Article, f"INDEXED BY {ID_DATE_INDEX}", "sqlite")
    relevance = shape.sort == "relevance"
    pages = keyset.Keyset(
        stmt,
        sort_column=sort_column,
        id_column=id_column,
        descending=SORTS[shape.sort],
        nullable=not relevance,
    )
    return pages, narrow


def _plan(
    session: Session, filters: ArticleFilters, query: search.SearchQuery, params: dict[str, Any]
) -> str | None:
    """How a word's articles are read by date (``fulltext``)."""
    if filters.sort == "relevance":
        return None
    if filters.entity:
        return "entity"
    return fulltext.word_plan(session, query.shape, params)


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
    dialect = session.get_bind().dialect.name
    params = _params(filters)
    query = search.parse_query(filters.q) if filters.q else None
    plan = None
    if query is not None:
        params |= query.params(dialect)
        plan = _plan(session, filters, query, params)
    shape = _Shape(
        dialect=dialect,
        body=filters.include_body,
        sort=filters.sort,
        language=filters.language is not None,
        source=filters.source is not None,
        published_from=filters.published_from is not None,
        published_to=filters.published_to is not None,
        entities=len(filters.entity),
        event=filters.event is not None,
        mentions_from=filters.mentions_date_from is not None,
        mentions_to=filters.mentions_date_to is not None,
        terms=query.shape if query is not None else None,
        plan=plan,
    )
    pages, narrow = _list(shape)
    relevance = filters.sort == "relevance"
    execute = session.connection().execute
    rows, next_cursor = pages.page(
        execute,
        params,
        scope=f"articles:{filters.sort}",
        page=page,
        position_of=lambda row: [row[-1] if relevance else row.published_at, row.id],
    )
    if narrow:
        by_id = ROWS_BY_ID[filters.include_body]
        rows = keyset.rows_by_id(execute, by_id, [row.id for row in rows])
    found: dict[int, str] = {}
    if query is not None:
        match = search.text_match(dialect=dialect, shape=query.shape)
        ids = [row.id for row in rows]
        found = fulltext.snippets(session, match, params, ids, few=plan == "sorted")
    return [
        list_document(row._mapping, body=filters.include_body, snippet=found.get(row.id))
        for row in rows
    ], next_cursor
