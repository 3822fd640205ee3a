"""Reads of articles: the list with its filters, and the full detail."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
from sqlalchemy import (
    Integer,
    Text,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
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
    narrow = False  # choose the page from (date, id) alone, read its rows after
    if filters.q:
        query = search.parse_query(filters.q)
        match = search.text_match(
            dialect=session.get_bind().dialect.name, query=query, article=Article
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
            stmt, narrow = _sqlite_search_by_date(session, stmt, match, filters)
        elif filters.entity:  # read along the entity's index, the match checked per row
            stmt = stmt.where(match.condition)
        else:
            stmt, sort_column, id_column = _postgres_search_by_date(session, stmt, query, match)
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
        by_id = _ROWS_BY_ID[filters.include_body]
        rows = keyset.rows_by_id(session.connection().execute, by_id, [row.id for row in rows])
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


# SQLite full text sorted by date has three plans; the cheapest depends on how many
# articles match (measured at 100k and 1M articles, see docs/benchmarks.md):
# - up to this many matches, read them and sort them;
SQLITE_DATE_WALK_MATCHES = 2_000
# - more: walk the date index newest first, checking each article against the set of
#   matches (built once: its cost grows with the matches);
# - past ~75·√N matches, walk the date index and probe FTS5 for each article instead: a
#   few probes per page, whatever the store's size, but each dearer than a set lookup
#   (the two cross at ~20k matches of 100k articles and ~90k of 1M).
SQLITE_PROBE_FACTOR = 75
# The share of matches is estimated on the newest ids (a range FTS5 reads directly).
SQLITE_RECENT_IDS = 10_000


def _sqlite_search_by_date(
    session: Session, stmt: Any, match: search.TextMatch, filters: ArticleFilters
) -> tuple[Any, bool]:
    """SQLite FTS5 sorted by date: the matches as a condition on ``article.id``, and
    whether the page is best chosen from (date, id) alone (when every match is sorted:
    carrying each one's columns and source through the sort cost more than the sort).

    Joined to the FTS table, SQLite reads every match, then sorts (or worse, evaluates
    the MATCH once per article). As ``id IN (matches)`` it can instead walk the date
    index newest first and stop after a page; that wins when the matches are many.
    One statement sizes them: the matches up to the threshold, the matches among the
    newest ids and the newest id, each read along FTS5's posting list and stopped early.
    """
    assert match.join is not None
    fts = match.join[0]
    matches = select(fts.c.rowid).where(match.condition)
    if filters.entity:  # (with an entity, the list reads along its index instead)
        return stmt.where(Article.id.in_(matches)), False
    newest = select(func.max(Article.id)).scalar_subquery()
    first = matches.limit(SQLITE_DATE_WALK_MATCHES + 1).subquery()
    recent = matches.where(fts.c.rowid > newest - SQLITE_RECENT_IDS).subquery()
    sizes = select(
        select(func.count()).select_from(first).scalar_subquery(),
        select(func.count()).select_from(recent).scalar_subquery(),
        newest,
    )
    count, in_recent, articles = session.connection().execute(sizes).one()
    if count <= SQLITE_DATE_WALK_MATCHES:
        return stmt.where(Article.id.in_(matches)), True
    estimate = in_recent * articles / min(articles, SQLITE_RECENT_IDS)
    if estimate > SQLITE_PROBE_FACTOR * math.sqrt(articles):
        probe = select(fts.c.rowid).where(match.condition, fts.c.rowid == Article.id)
        return stmt.where(exists(probe)), False
    # Unary + keeps SQLite from driving the query from the id list: it walks the date
    # index and probes the (materialised) matches instead.
    return stmt.where(literal_column("+article.id").in_(matches)), False


# PostgreSQL: how many of the newest articles a word must match for the page to be
# read along the date index (checking each article's vector) rather than from the
# word's matches, sorted. The planner cannot tell: for a word missing from its
# statistics it assumes 0.5 % of the rows, and walked 43k articles for a word in 58
# (100k store, 128 ms); sorting a frequent word's matches reads all of them. At 3 in
# 1,000 (0.3 %) either plan costs at most ~10 ms at 1M articles: a walk of ~7k articles,
# or a sort of ~3k matches (a word in 1 % took 107 ms to sort there).
PG_SAMPLE_ARTICLES = 1_000
PG_SAMPLE_MATCHES = 3
# The newest articles' vectors, as a subquery named like the table so that the
# search condition (which names ``article.article_fts_vector``) reads them: checked row
# by row, never a scan of every article's vector (which the planner picked otherwise).
_NEWEST = (
    select(
        Article.id,
        Article.language,
        literal_column("article.article_fts_vector").label("article_fts_vector"),
    )
    .where(Article.published_at.is_not(None))
    .order_by(Article.published_at.desc(), Article.id.desc())  # type: ignore[union-attr]
    .limit(PG_SAMPLE_ARTICLES)
    .subquery("article")
)


def _postgres_search_by_date(
    session: Session, stmt: Any, query: search.SearchQuery, match: search.TextMatch
) -> tuple[Any, Any, Any]:
    """PostgreSQL full text sorted by date: the statement and its (date, id) columns.

    A word in many of the newest articles is found within a short walk of the date
    index. A rarer one is read from its matches (the GIN index), which are then sorted:
    a ``MATERIALIZED`` CTE, and the page ordered by its columns, so the planner cannot
    turn it back into a walk of every article.
    """
    newest = search.postgres_condition(query, _NEWEST.c.language)
    # Stops at the PG_SAMPLE_MATCHES-th match: a frequent word costs a few rows.
    found = select(_NEWEST.c.id).where(newest).limit(PG_SAMPLE_MATCHES).subquery()
    sample = select(func.count()).select_from(found)
    if session.connection().execute(sample).scalar_one() >= PG_SAMPLE_MATCHES:
        return stmt.where(match.condition), Article.published_at, Article.id
    matches = (
        select(Article.id, Article.published_at)
        .where(match.condition)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    stmt = stmt.join(matches, matches.c.id == Article.id)
    return stmt, matches.c.published_at, matches.c.id


def _snippets(session: Session, match: search.TextMatch, ids: list[int]) -> dict[int, str]:
    """The highlighted snippet of each article of a page (one statement)."""
    if not ids:
        return {}
    if match.join is not None:
        # SQLite: FTS5's snippet() reads the MATCH of its own statement, asked of the FTS
        # table by rowid (one probe per article: joined to ``article``, SQLite read every
        # match of the word instead).
        fts = match.join[0]
        stmt = select(fts.c.rowid, match.snippet).where(fts.c.rowid.in_(ids), match.condition)
    else:
        # PostgreSQL's ts_headline needs no condition (which could make the planner read
        # every match).
        stmt = select(Article.id, match.snippet).where(Article.id.in_(ids))
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
_IDS: Any = bindparam("ids", expanding=True)
_ROWS_BY_ID = {
    body: select(*(_ARTICLE_COLUMNS if body else LIST_COLUMNS))
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Article.id.in_(_IDS))
    for body in (False, True)
}


# The detail is read in one statement: the article row, and each relation as a JSON
# array of rows (a scalar subquery), so PostgreSQL answers in one round trip instead of
# seven. The statement is built once per dialect; ``:article_id`` is bound at execution.
_ID = bindparam("article_id", type_=Integer)
_RELATIONS: dict[str, tuple[Any, tuple[Any, ...]]] = {
    "urls": (
        select(ArticleUrl.url).where(ArticleUrl.article_id == _ID),
        (ArticleUrl.id,),
    ),
    "mentions": (
        select(Mention.text, Mention.start, Mention.end, Entity.id, Entity.name, Entity.type)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == _ID),
        (Mention.start,),
    ),
    "quotes": (
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
        .where(Quote.article_id == _ID),
        (Quote.start,),
    ),
    "dates": (
        select(
            DateMention.text,
            DateMention.start,
            DateMention.end,
            DateMention.value,
            DateMention.granularity,
        ).where(DateMention.article_id == _ID),
        (DateMention.start,),
    ),
    "events": (
        select(Event.id, Event.title, Event.type, Event.date, Event.status)
        .join(EventArticle, EventArticle.event_id == Event.id)
        .where(EventArticle.article_id == _ID),
        (EventArticle.start, Event.id),
    ),
    "duplicates": (
        select(Article.id, Article.title, ArticleDuplicate.similarity)
        .join(
            ArticleDuplicate,
            Article.id
            == func.coalesce(
                func.nullif(ArticleDuplicate.duplicate_id, _ID), ArticleDuplicate.article_id
            ),
        )
        .where((ArticleDuplicate.article_id == _ID) | (ArticleDuplicate.duplicate_id == _ID)),
        (ArticleDuplicate.similarity.desc(), Article.id),  # type: ignore[attr-defined]
    ),
}
_DETAIL: dict[str, Any] = {}


def _json_rows(dialect: str, rows: Any, order: tuple[Any, ...]) -> Any:
    """The rows of ``rows`` as one JSON array (text) of arrays, in ``order``."""
    if dialect == "postgresql":
        items = func.json_agg(
            aggregate_order_by(func.json_build_array(*rows.selected_columns), *order)
        )
        return rows.with_only_columns(cast(func.coalesce(items, text("'[]'::json")), Text))
    # SQLite feeds an aggregate the rows of an ordered subquery in that order. (Its JSON
    # writes a REAL with 15 significant digits: similarities are stored with 3 decimals.)
    ordered = rows.order_by(*order).subquery()
    return select(func.json_group_array(func.json_array(*ordered.c)))


def _detail_statement(dialect: str) -> Any:
    statement = _DETAIL.get(dialect)
    if statement is None:
        relations = [
            _json_rows(dialect, rows, order).scalar_subquery().label(name)
            for name, (rows, order) in _RELATIONS.items()
        ]
        statement = _DETAIL[dialect] = (
            select(*_ARTICLE_COLUMNS, *relations)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.id == _ID)
        )
    return statement


def article_document(*, session: Session, article_id: int) -> dict[str, Any]:
    """The ``ArticleDetail`` document as JSON-ready values, read as columns (no ORM objects).

    The detail is the most read resource: one prebuilt Core statement on the session's
    connection (no ORM execution), its row turned into a dict directly; the route
    serialises the dict itself (``ArticleDetail`` documents it).
    """
    conn = session.connection()
    statement = _detail_statement(conn.dialect.name)
    row = conn.execute(statement, {"article_id": article_id}).first()
    if row is None:
        raise NotFound("article", article_id)
    values = row._mapping
    doc = list_document(values, body=True)
    doc["urls"] = [url for (url,) in orjson.loads(values["urls"])]
    doc["mentions"] = [
        {"text": t, "start": s, "end": e, "entity": brief_json(i, n, k)}
        for t, s, e, i, n, k in orjson.loads(values["mentions"])
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
        for q, t, s, e, k, i, n, y, st in orjson.loads(values["quotes"])
    ]
    doc["dates"] = [
        {"text": t, "start": s, "end": e, "value": v, "granularity": g}
        for t, s, e, v, g in orjson.loads(values["dates"])
    ]
    doc["events"] = [
        {"id": i, "title": t, "type": y, "date": d, "status": st}
        for i, t, y, d, st in orjson.loads(values["events"])
    ]
    doc["duplicates"] = [
        {"id": i, "title": t, "similarity": float(s)}
        for i, t, s in orjson.loads(values["duplicates"])
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
