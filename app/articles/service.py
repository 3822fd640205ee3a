"""Reads of articles: the list with its filters, and the full detail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, bindparam, exists, func, literal_column, select
from sqlmodel import Session

from app.articles import search
from app.articles.models import Article, ArticleDuplicate, ArticleUrl, DateMention, Source
from app.articles.schemas import (
    ArticleDetail,
)
from app.common import jsonld, keyset
from app.common.errors import NotFound, ProblemError
from app.common.pagination import PageParams
from app.common.schemas import brief_json, date_json, timestamp_json
from app.entities.models import ArticleEntity, Entity, Mention
from app.events.models import Event, EventArticle
from app.quotes.models import Quote

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
    stmt = select(*(_ARTICLE_COLUMNS if filters.include_body else LIST_COLUMNS))
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
        stmt = stmt.where(Source.name == filters.source)
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
    if filters.q:
        match = search.text_match(
            dialect=session.get_bind().dialect.name,
            query=search.parse_query(filters.q),
            article=Article,
        )
        # No snippet here: it is computed for the page's rows only (_snippets), not for
        # every match the sort has to read.
        if filters.sort == "relevance":
            if match.join is not None:
                stmt = stmt.join(*match.join)
            stmt = stmt.where(match.condition)
            sort_column = match.rank
            stmt = stmt.add_columns(match.rank)
        elif match.join is not None:
            stmt = _sqlite_search_by_date(session, stmt, match, filters)
        else:
            stmt = stmt.where(match.condition)
    relevance = filters.sort == "relevance"
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
    snippets = _snippets(session, match, [row.id for row in rows]) if match else {}
    items = [
        list_document(row._mapping, body=filters.include_body, snippet=snippets.get(row.id))
        for row in rows
    ]
    return items, next_cursor


def list_document(
    row: Mapping[str, Any], *, body: bool = False, snippet: str | None = None
) -> dict[str, Any]:
    """An ``ArticleRead`` as JSON-ready values from a row of ``LIST_COLUMNS`` (+ body)."""
    doc = {key: row[key] for key in _LIST_KEYS}
    doc["published_at"] = date_json(doc["published_at"])
    doc["created_at"] = timestamp_json(doc["created_at"])
    doc["updated_at"] = timestamp_json(doc["updated_at"])
    doc["body"] = row["body"] if body else None
    doc["snippet"] = snippet
    return doc


# Past this many matches, walking the date index and probing the matches is cheaper
# than reading every match and sorting them (measured at 1M articles: a word in 250k
# articles, 0.49 s → 0.04 s; a word in 633, 0.09 s → 0.002 s the other way round).
SQLITE_DATE_WALK_MATCHES = 2_000


def _sqlite_search_by_date(
    session: Session, stmt: Any, match: search.TextMatch, filters: ArticleFilters
) -> Any:
    """SQLite FTS5 sorted by date: the matches as a set of ids, and the cheaper plan.

    Joined to the FTS table, SQLite reads every match, then sorts (or worse, evaluates
    the MATCH once per article). As ``id IN (matches)`` it can instead walk the date
    index newest first and stop after a page; that wins when the matches are many, so
    FTS5 counts them first (a fast scan of the term's posting list).
    """
    assert match.join is not None
    fts_table = match.join[0]
    matches = select(fts_table.c.rowid).where(match.condition)
    if not filters.entity:  # (with an entity, the list reads along its index instead)
        count = (
            session.connection()
            .execute(select(func.count()).select_from(fts_table).where(match.condition))
            .scalar_one()
        )
        if count > SQLITE_DATE_WALK_MATCHES:
            # Unary + keeps SQLite from driving the query from the id list: it walks
            # the date index and probes the (materialised) matches instead.
            return stmt.where(literal_column("+article.id").in_(matches))
    return stmt.where(Article.id.in_(matches))


def _snippets(session: Session, match: search.TextMatch, ids: list[int]) -> dict[int, str]:
    """The highlighted snippet of each article of a page (one statement)."""
    if not ids:
        return {}
    stmt = select(Article.id, match.snippet).where(Article.id.in_(ids))
    if match.join is not None:
        # SQLite: FTS5's snippet() reads the MATCH of its own statement. PostgreSQL's
        # ts_headline needs no condition (which could make the planner read every match).
        stmt = stmt.join(*match.join).where(match.condition)
    return {article_id: snippet for article_id, snippet in session.execute(stmt)}


def get_article(*, session: Session, article_id: int) -> ArticleDetail:
    return ArticleDetail.model_validate(article_document(session=session, article_id=article_id))


_ARTICLE_COLUMNS = (
    Article.id,
    Article.url,
    Article.title,
    Article.standfirst,
    Article.language,
    Article.published_at,
    Source.name.label("source"),  # type: ignore[attr-defined]
    Article.authors,
    Article.republished,
    Article.content_hash,
    Article.word_count,
    Article.created_at,
    Article.updated_at,
    Article.body,
)
# A list item: every column but the body (read only with ``include=body``).
LIST_COLUMNS = _ARTICLE_COLUMNS[:-1]
_LIST_KEYS = tuple(column.key for column in LIST_COLUMNS)


# The detail's statements are built once: building a select and computing its cache key
# on every request cost more CPU than running it. ``:article_id`` is bound at execution.
_ID = bindparam("article_id", type_=Integer)
_DETAIL_ARTICLE = (
    select(*_ARTICLE_COLUMNS)
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Article.id == _ID)
)
_DETAIL_URLS = select(ArticleUrl.url).where(ArticleUrl.article_id == _ID).order_by(ArticleUrl.id)
_DETAIL_MENTIONS = (
    select(Mention.text, Mention.start, Mention.end, Entity.id, Entity.name, Entity.type)
    .join(Entity, Entity.id == Mention.entity_id)
    .where(Mention.article_id == _ID)
    .order_by(Mention.start)
)
_DETAIL_QUOTES = (
    select(
        Quote.id,
        Quote.text,
        Quote.start,
        Quote.end,
        Quote.kind,
        Entity.id,
        Entity.name,
        Entity.type,
        Quote.speaker_text,
    )
    .outerjoin(Entity, Entity.id == Quote.speaker_id)
    .where(Quote.article_id == _ID)
    .order_by(Quote.start)
)
_DETAIL_DATES = (
    select(
        DateMention.text,
        DateMention.start,
        DateMention.end,
        DateMention.value,
        DateMention.granularity,
    )
    .where(DateMention.article_id == _ID)
    .order_by(DateMention.start)
)
_DETAIL_EVENTS = (
    select(Event.id, Event.title, Event.type, Event.date, Event.status)
    .join(EventArticle, EventArticle.event_id == Event.id)
    .where(EventArticle.article_id == _ID)
    .order_by(EventArticle.start, Event.id)
)
_DETAIL_DUPLICATES = (
    select(Article.id, Article.title, ArticleDuplicate.similarity)
    .join(
        ArticleDuplicate,
        Article.id
        == func.coalesce(
            func.nullif(ArticleDuplicate.duplicate_id, _ID), ArticleDuplicate.article_id
        ),
    )
    .where((ArticleDuplicate.article_id == _ID) | (ArticleDuplicate.duplicate_id == _ID))
    .order_by(ArticleDuplicate.similarity.desc())  # type: ignore[attr-defined]
)


def article_document(*, session: Session, article_id: int) -> dict[str, Any]:
    """The ``ArticleDetail`` document as JSON-ready values, read as columns (no ORM objects).

    The detail is the most read resource: one prebuilt Core statement per relation, run
    on the session's connection (no ORM execution), rows turned into dicts directly; the
    route serialises the dict itself (``ArticleDetail`` documents it).
    """
    conn = session.connection()
    params = {"article_id": article_id}
    row = conn.execute(_DETAIL_ARTICLE, params).first()
    if row is None:
        raise NotFound("article", article_id)
    doc = list_document(row._mapping, body=True)
    doc["urls"] = list(conn.execute(_DETAIL_URLS, params).scalars())
    doc["mentions"] = [
        {"text": t, "start": s, "end": e, "entity": brief_json(i, n, k)}
        for t, s, e, i, n, k in conn.execute(_DETAIL_MENTIONS, params)
    ]
    doc["quotes"] = [
        {
            "id": q,
            "text": t,
            "start": s,
            "end": e,
            "kind": k,
            "speaker": brief_json(i, n, y),
            "speaker_text": st,
        }
        for q, t, s, e, k, i, n, y, st in conn.execute(_DETAIL_QUOTES, params)
    ]
    doc["dates"] = [dict(row._mapping) for row in conn.execute(_DETAIL_DATES, params)]
    doc["events"] = [dict(row._mapping) for row in conn.execute(_DETAIL_EVENTS, params)]
    doc["duplicates"] = [
        {"id": i, "title": t, "similarity": s}
        for i, t, s in conn.execute(_DETAIL_DUPLICATES, params)
    ]
    return doc


def wikidata_ids(session: Session, entity_ids: set[int]) -> dict[int, str]:
    """Wikidata ids of these entities, for the ones that have one (one query)."""
    if not entity_ids:
        return {}
    rows = session.execute(
        select(Entity.id, Entity.wikidata).where(
            Entity.id.in_(sorted(entity_ids)), Entity.wikidata.is_not(None)
        )
    ).all()
    return {int(i): str(w) for i, w in rows}


def article_jsonld(*, session: Session, article: ArticleDetail) -> dict[str, Any]:
    """The article as a schema.org NewsArticle, its entities as ``mentions``."""
    entities = {m.entity.id: m.entity for m in article.mentions}
    entities |= {q.speaker.id: q.speaker for q in article.quotes if q.speaker}
    wikidata = wikidata_ids(session, set(entities))
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": str(article.id),
        "headline": article.title,
        "articleBody": article.body,
        "inLanguage": article.language,
        "dateModified": article.updated_at.isoformat(),
        "wordCount": article.word_count,
        "mentions": [jsonld.thing(e, wikidata.get(e.id)) for e in entities.values()],
        "about": [{"@type": "Event", "name": e.title, "startDate": e.date} for e in article.events],
    }
    if article.standfirst:
        document["description"] = article.standfirst
    if article.published_at:
        document["datePublished"] = article.published_at.isoformat()
    if article.url:
        document["url"] = article.url
    if article.authors:
        document["author"] = [{"@type": "Person", "name": a} for a in article.authors]
    if article.source:
        document["publisher"] = {"@type": "Organization", "name": article.source}
    return document
