"""A prototype of ``GET /v1/articles/{id}`` without the ORM and pydantic, to size the fix.

Served next to the real app (``uvicorn bench.proto_detail:create_app --factory``):
``/proto/sync/articles/{id}`` runs Core SQL in FastAPI's thread pool, and
``/proto/async/articles/{id}`` runs it on the event loop (fine for SQLite's sub-millisecond
reads, not for a remote PostgreSQL). Both return the same JSON document as the real
endpoint (keys and values; checked by ``same_document``), serialized with orjson.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Response
from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.db import get_engine
from app.main import create_app as create_real_app

ARTICLE = text(
    "SELECT a.id, a.url, a.title, a.standfirst, a.language, a.published_at, s.name, a.authors, "
    "a.republished, a.content_hash, a.word_count, a.created_at, a.updated_at, a.body "
    "FROM article a LEFT JOIN source s ON s.id = a.source_id WHERE a.id = :id"
)
URLS = text("SELECT url FROM article_url WHERE article_id = :id ORDER BY id")
MENTIONS = text(
    'SELECT m.text, m.start, m."end", e.id, e.name, e.type FROM mention m '
    "JOIN entity e ON e.id = m.entity_id WHERE m.article_id = :id ORDER BY m.start"
)
QUOTES = text(
    'SELECT q.id, q.text, q.start, q."end", q.kind, e.id, e.name, e.type, q.speaker_text '
    "FROM quote q LEFT JOIN entity e ON e.id = q.speaker_id WHERE q.article_id = :id "
    "ORDER BY q.start"
)
DATES = text(
    'SELECT text, start, "end", value, granularity FROM date_mention WHERE article_id = :id '
    "ORDER BY start"
)
EVENTS = text(
    "SELECT e.id, e.title, e.type, e.date, e.reported_as FROM event e JOIN event_article ea "
    "ON ea.event_id = e.id WHERE ea.article_id = :id ORDER BY ea.start, e.id"
)
DUPLICATES = text(
    "SELECT a.id, a.title, d.similarity FROM article_duplicate d JOIN article a ON a.id = "
    "CASE WHEN d.article_id = :id THEN d.duplicate_id ELSE d.article_id END "
    "WHERE d.article_id = :id OR d.duplicate_id = :id ORDER BY d.similarity DESC"
)
COLUMNS = ["id", "url", "title", "standfirst", "language", "published_at", "source", "authors", "republished", "content_hash", "word_count", "created_at", "updated_at", "body"]  # fmt: skip


def _iso(value: Any) -> Any:
    if isinstance(value, str):  # SQLite text: "2022-01-07 10:00:00.123456"
        return value.replace(" ", "T", 1)
    if hasattr(value, "isoformat"):
        return value.isoformat().replace("+00:00", "Z")  # as pydantic writes UTC
    return value


def document(conn: Connection, article_id: int) -> dict[str, Any] | None:
    """The article detail as plain dicts, from seven small indexed queries."""
    row = conn.execute(ARTICLE, {"id": article_id}).first()
    if row is None:
        return None
    doc = dict(zip(COLUMNS, row, strict=True))
    if isinstance(doc["authors"], str):  # SQLite stores JSON as text
        doc["authors"] = orjson.loads(doc["authors"])
    doc["republished"] = bool(doc["republished"])
    for key in ("published_at", "created_at", "updated_at"):
        doc[key] = _iso(doc[key])
    doc["snippet"] = None
    p = {"id": article_id}
    doc["urls"] = [u for (u,) in conn.execute(URLS, p)]
    doc["mentions"] = [
        {"text": t, "start": s, "end": e, "entity": {"id": i, "name": n, "type": ty}}
        for t, s, e, i, n, ty in conn.execute(MENTIONS, p)
    ]
    doc["quotes"] = [
        {"id": q, "text": t, "start": s, "end": e, "kind": k,
         "speaker": {"id": i, "name": n, "type": ty} if i is not None else None,
         "speaker_text": st}
        for q, t, s, e, k, i, n, ty, st in conn.execute(QUOTES, p)
    ]  # fmt: skip
    doc["dates"] = [
        {"text": t, "start": s, "end": e, "value": v, "granularity": g}
        for t, s, e, v, g in conn.execute(DATES, p)
    ]
    doc["events"] = [
        {"id": i, "title": t, "type": ty, "date": d, "status": st}
        for i, t, ty, d, st in conn.execute(EVENTS, p)
    ]
    doc["duplicates"] = [
        {"id": i, "title": t, "similarity": s} for i, t, s in conn.execute(DUPLICATES, p)
    ]
    return doc


def _respond(article_id: int) -> Response:
    with get_engine().connect() as conn:
        doc = document(conn, article_id)
    if doc is None:
        return Response(status_code=404)
    return Response(orjson.dumps(doc), media_type="application/json")


def create_app() -> FastAPI:
    app = create_real_app()

    @app.get("/proto/sync/articles/{article_id}")
    def sync_detail(article_id: int) -> Response:
        return _respond(article_id)

    @app.get("/proto/async/articles/{article_id}")
    async def async_detail(article_id: int) -> Response:
        return _respond(article_id)

    return app


def same_document(real: dict[str, Any], proto: dict[str, Any]) -> list[str]:
    """Keys whose values differ between the real endpoint's JSON and the prototype's."""
    return [k for k in real if real[k] != proto.get(k)]
