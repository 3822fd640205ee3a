"""One article with everything extracted from it, in one statement; and as JSON-LD."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import (
    Integer,
    Text,
    bindparam,
    case,
    cast,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Connection
from sqlmodel import Session

from app.articles.columns import DETAIL_COLUMNS, list_document, own_url_first
from app.articles.models import Article, ArticleDuplicate, ArticleUrl, DateMention, Source
from app.articles.schemas import (
    ArticleDetail,
)
from app.common import clock, jsonld
from app.common.errors import NotFound
from app.common.schemas import brief_json
from app.entities.models import Entity, Mention
from app.events.models import Event, EventArticle
from app.events.status import status_on
from app.quotes.models import Quote


def get_article(*, session: Session, article_id: int) -> ArticleDetail:
    return ArticleDetail.model_validate(article_document(session=session, article_id=article_id))


# The detail is read in one statement: the article row, and each relation as a JSON
# array of rows (a scalar subquery), so PostgreSQL answers in one round trip instead of
# seven. The statement is built once per dialect; ``:article_id`` is bound at execution.
_ID = bindparam("article_id", type_=Integer)


def _field_order(column: Any) -> Any:
    """Items in reading order: the title's, the standfirst's, then the body's."""
    return case({"title": 0, "standfirst": 1}, value=column, else_=2)


_RELATIONS: dict[str, tuple[Any, tuple[Any, ...]]] = {
    "urls": (
        select(ArticleUrl.url).where(ArticleUrl.article_id == _ID),
        (ArticleUrl.id,),
    ),
    "mentions": (
        select(
            Mention.text,
            Mention.start,
            Mention.end,
            Entity.id,
            Entity.name,
            Entity.type,
            Mention.field,
        )
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == _ID),
        (_field_order(Mention.field), Mention.start),
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
            Quote.field,
            Quote.speaker_role,
        )
        .outerjoin(Entity, Entity.id == Quote.speaker_id)
        .where(Quote.article_id == _ID),
        (_field_order(Quote.field), Quote.start),
    ),
    "dates": (
        select(
            DateMention.text,
            DateMention.start,
            DateMention.end,
            DateMention.value,
            DateMention.granularity,
            DateMention.field,
        ).where(DateMention.article_id == _ID),
        (_field_order(DateMention.field), DateMention.start),
    ),
    "events": (
        select(Event.id, Event.title, Event.type, Event.date, Event.reported_as, Event.date_end)
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
            select(*DETAIL_COLUMNS, *relations)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.id == _ID)
        )
    return statement


def article_document(*, session: Session, article_id: int) -> dict[str, Any]:
    """The ``ArticleDetail`` document as JSON-ready values, read as columns (no ORM objects)."""
    return document_on(session.connection(), article_id)


def article_json(conn: Connection, article_id: int) -> bytes:
    """The ``ArticleDetail`` document as JSON bytes (the route's fast path)."""
    return orjson.dumps(document_on(conn, article_id))


def document_on(conn: Connection, article_id: int) -> dict[str, Any]:
    """The detail is the most read resource: one prebuilt Core statement (no ORM
    execution), its row turned into a dict directly; the route serialises the dict
    itself (``ArticleDetail`` documents it)."""
    statement = _detail_statement(conn.dialect.name)
    row = conn.execute(statement, {"article_id": article_id}).first()
    if row is None:
        raise NotFound("article", article_id)
    values = row._mapping
    doc = list_document(values, body=True, timestamps=True)
    doc["urls"] = own_url_first(doc["url"], [url for (url,) in orjson.loads(values["urls"])])
    doc["mentions"] = [
        {"text": t, "start": s, "end": e, "field": f, "entity": brief_json(i, n, k)}
        for t, s, e, i, n, k, f in orjson.loads(values["mentions"])
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
            "field": f,
            "speaker_role": sr,
        }
        for q, t, s, e, k, i, n, y, st, f, sr in orjson.loads(values["quotes"])
    ]
    doc["dates"] = [
        {"text": t, "start": s, "end": e, "value": v, "granularity": g, "field": f}
        for t, s, e, v, g, f in orjson.loads(values["dates"])
    ]
    today = clock.today()
    doc["events"] = [
        {
            "id": i,
            "title": t,
            "type": y,
            "date": d,
            "status": status_on(r, end, today),
            "reported_as": r,
        }
        for i, t, y, d, r, end in orjson.loads(values["events"])
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
