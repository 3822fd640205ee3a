"""``newsmeta db export``: every article as a SPEC JSON line with ``extracted`` filled.

The dump is read in one transaction (a snapshot: REPEATABLE READ on PostgreSQL, one
read transaction on SQLite), so an import running meanwhile never half-appears in it.
Importing the file restores the store without running the NLP.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

import orjson
from sqlalchemy import Connection, Engine, select

from app.articles.columns import own_url_first
from app.articles.models import Article, ArticleUrl, DateMention, Source
from app.entities.models import Entity, EntityAlias, Mention
from app.events.models import Event, EventArticle, EventEntity
from app.events.status import article_status
from app.quotes.models import Quote

PAGE = 200


def export_articles(engine: Engine, out: IO[bytes]) -> int:
    """Write every article to ``out`` as JSON Lines; returns how many."""
    count = 0
    with _snapshot(engine) as conn:
        for record in iter_records(conn):
            out.write(orjson.dumps(record) + b"\n")
            count += 1
        conn.rollback()
    return count


class _snapshot:
    """A connection inside one read transaction that sees a single state of the store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Connection:
        if self.engine.dialect.name == "postgresql":
            self.conn = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            self.conn.begin()
        else:
            self.conn = self.engine.connect()
            # pysqlite only opens a transaction before writes; reads need an explicit one.
            self.conn.exec_driver_sql("BEGIN")
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


def iter_records(conn: Connection) -> Iterator[dict[str, Any]]:
    """The articles in id order, a page at a time, each with its extracted data."""
    last_id = 0
    while True:
        rows = conn.execute(
            select(Article, Source.name)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(Article.id > last_id)
            .order_by(Article.id)
            .limit(PAGE)
        ).all()
        if not rows:
            return
        ids = [row.id for row in rows]
        extracted = _extracted(conn, ids)
        urls = _urls(conn, ids)
        for row in rows:
            yield _record(row._mapping, urls[row.id], extracted[row.id])
        last_id = ids[-1]


def _record(row: Any, urls: list[str], extracted: dict[str, Any]) -> dict[str, Any]:
    record = {
        "url": row["url"],
        "urls": own_url_first(row["url"], urls),  # as GET /v1/articles/{id} has them
        "title": row["title"],
        "standfirst": row["standfirst"],
        "text": row["body"],
        "published_at": row["published_at"].isoformat() if row["published_at"] else None,
        "language": row["language"],
        "source": row["name"],
        "authors": list(row["authors"] or []),
        "external_id": row["external_id"],
        "republished": row["republished"],
        "extracted": extracted,
    }
    return {k: v for k, v in record.items() if v is not None and v != []} | {"extracted": extracted}


def _urls(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    urls: dict[int, list[str]] = defaultdict(list)
    for article_id, url in conn.execute(
        select(ArticleUrl.article_id, ArticleUrl.url)
        .where(ArticleUrl.article_id.in_(ids))
        .order_by(ArticleUrl.id)
    ):
        urls[article_id].append(url)
    return urls


def _extracted(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {
        i: {"mentions": [], "quotes": [], "dates": [], "events": []} for i in ids
    }
    mentions = conn.execute(
        select(Mention).where(Mention.article_id.in_(ids)).order_by(Mention.start, Mention.id)
    ).all()
    quotes = conn.execute(
        select(Quote).where(Quote.article_id.in_(ids)).order_by(Quote.start, Quote.id)
    ).all()
    links = conn.execute(
        # ``reported_as``: what this article said (the link's), not the event's latest.
        select(EventArticle, *(c for c in Event.__table__.c if c.name != "reported_as"))
        .join(Event, Event.id == EventArticle.event_id)
        .where(EventArticle.article_id.in_(ids))
        .order_by(EventArticle.start, Event.id)
    ).all()
    roles = _event_roles(conn, {row.id for row in links})
    entity_ids = {m.entity_id for m in mentions} | {q.speaker_id for q in quotes if q.speaker_id}
    entity_ids |= {row.location_id for row in links if row.location_id}
    entity_ids |= {e for pairs in roles.values() for e, _ in pairs}
    entities = _entities(conn, entity_ids)
    for m in mentions:
        out[m.article_id]["mentions"].append(
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "field": m.field,
                "entity": entities[m.entity_id],
            }
        )
    for q in quotes:
        out[q.article_id]["quotes"].append(
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": entities[q.speaker_id] if q.speaker_id else None,
                "speaker_text": q.speaker_text,
                "field": q.field,
                "speaker_role": q.speaker_role,
            }
        )
    for d in conn.execute(
        select(DateMention)
        .where(DateMention.article_id.in_(ids))
        .order_by(DateMention.start, DateMention.id)
    ):
        out[d.article_id]["dates"].append(
            {
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "value": d.value,
                "granularity": d.granularity,
                "field": d.field,
            }
        )
    for row in links:
        out[row.article_id]["events"].append(_event(row, roles[row.id], entities))
    return out


def _event(
    row: Any, roles: list[tuple[int, str]], entities: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    return {
        "title": row.title,
        "type": row.type,
        "date": row.date,
        "granularity": row.granularity,
        "status": article_status(row.reported_as),
        "location": entities[row.location_id] if row.location_id else None,
        "participants": [entities[e] for e, role in roles if role == "participant"],
        "related": [entities[e] for e, role in roles if role == "related"],
        "notes": list(row.notes or []),
        "evidence": row.evidence,
        "start": row.start,
        "end": row.end,
    }


def _event_roles(conn: Connection, event_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    roles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if event_ids:
        for event_id, entity_id, role in conn.execute(
            select(EventEntity.event_id, EventEntity.entity_id, EventEntity.role)
            .where(EventEntity.event_id.in_(sorted(event_ids)))
            .order_by(EventEntity.event_id, EventEntity.role, EventEntity.entity_id)
        ):
            roles[event_id].append((entity_id, role))
    return roles


def _entities(conn: Connection, entity_ids: set[int]) -> dict[int, dict[str, Any]]:
    if not entity_ids:
        return {}
    aliases: dict[int, list[str]] = defaultdict(list)
    for entity_id, alias in conn.execute(
        select(EntityAlias.entity_id, EntityAlias.alias)
        .where(EntityAlias.entity_id.in_(sorted(entity_ids)))
        .order_by(EntityAlias.id)
    ):
        aliases[entity_id].append(alias)
    out = {}
    for e in conn.execute(select(Entity).where(Entity.id.in_(sorted(entity_ids)))):
        ids = {k: getattr(e, k) for k in ("wikidata", "geonames", "iso3166") if getattr(e, k)}
        out[e.id] = {
            "name": e.name,
            "type": e.type,
            "key": e.key,
            "ids": ids,
            "aliases": [a for a in aliases[e.id] if a != e.name],
        }
    return out
