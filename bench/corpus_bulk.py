"""The bulk path of ``bench.corpus``: many articles per transaction, one statement per table.

Rows are built from the same (``CleanArticle``, ``Extraction``) pairs the importer stores,
with the importer's helpers (``load._columns``, ``upsert_entities``, ``event_key``,
``date_range``); SQLite gets ``executemany`` with SQLAlchemy's bind processors, PostgreSQL
gets ``COPY``.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, text
from sqlmodel import Session

from app.articles.models import Article, ArticleUrl, DateMention
from app.common.models import utcnow
from app.common.timex import date_range
from app.entities.models import ArticleEntity, Mention
from app.events.models import Event, EventArticle, EventEntity
from app.events.status import reported_as
from app.pipeline.events.match import event_key
from app.pipeline.store import load
from app.pipeline.store.entities import upsert_entities
from app.pipeline.types import CleanArticle, EventResult, Extraction
from app.quotes.models import Quote
from bench.corpus_gen import Universe
from bench.corpus_words import SOURCES

BATCH = 5000

ARTICLE_COLUMNS = [
    "id",
    "url",
    "external_id",
    "source_id",
    "title",
    "standfirst",
    "body",
    "language",
    "published_at",
    "authors",
    "republished",
    "content_hash",
    "word_count",
    "created_at",
    "updated_at",
]
EVENT_COLUMNS = [
    "id",
    "key",
    "title",
    "type",
    "date",
    "granularity",
    "date_start",
    "date_end",
    "reported_as",
    "reported_in",
    "location_id",
    "notes",
    "created_at",
    "updated_at",
]


@dataclass
class LoadStats:
    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    dates: int = 0
    events: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles, {self.mentions} mentions, {self.quotes} quotes, "
            f"{self.dates} dates, {self.events} new events in {self.seconds:.1f} s "
            f"({rate:,.0f} articles/s)"
        )


class BulkWriter:
    """Rows of one table at a time: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self.sqlite = engine.dialect.name == "sqlite"
        self.raw = engine.raw_connection()
        self.conn: Any = self.raw.driver_connection
        self._processors: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
        if self.sqlite:
            # The data is consistent by construction; the bench store is disposable.
            for pragma in ("synchronous=OFF", "foreign_keys=OFF", "cache_size=-1048576"):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            self.conn.execute("SET synchronous_commit = off")

    def _bind(self, table: Table, columns: Sequence[str]) -> list[Any]:
        key = (table.name, tuple(columns))
        if key not in self._processors:
            self._processors[key] = [
                table.c[name].type.dialect_impl(self.dialect).bind_processor(self.dialect)
                for name in columns
            ]
        return self._processors[key]

    def write(self, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        if self.sqlite:
            procs = self._bind(table, columns)
            if any(procs):
                rows = [
                    tuple(
                        p(v) if p and v is not None else v for p, v in zip(procs, row, strict=True)
                    )
                    for row in rows
                ]
            marks = ", ".join("?" for _ in columns)
            self.conn.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)
            return
        json_at = [i for i, c in enumerate(columns) if table.c[c].type.__class__.__name__ == "JSON"]
        with self.conn.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
            for row in rows:
                if json_at:
                    row = tuple(json.dumps(v) if i in json_at else v for i, v in enumerate(row))
                cp.write_row(row)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.raw.close()


def _converted(row: tuple[Any, ...], procs: list[tuple[int, Any]]) -> tuple[Any, ...]:
    values = list(row)
    for i, process in procs:
        if values[i] is not None:
            values[i] = process(values[i])
    return tuple(values)


class BulkLoader:
    """Turns (article, extraction) pairs into rows, ``BATCH`` articles per transaction."""

    def __init__(self, engine: Engine, universe: Universe) -> None:
        self.engine = engine
        self.writer = BulkWriter(engine)
        with Session(engine) as session:
            self.entity_ids = _upsert_all_entities(session, universe)
            self.source_ids = {name: load._source_id(session, name) or 0 for name in SOURCES}
            self.next_article = _next_id(session, "article")
            self.next_event = _next_id(session, "event")
            self.event_ids: dict[str, int] = dict(
                session.execute(text("SELECT key, id FROM event")).tuples().all()
            )
            session.commit()
        self.stats = LoadStats()

    def source_id(self, name: str | None) -> int | None:
        return self.source_ids[name] if name else None

    def load(self, pairs: Iterable[tuple[CleanArticle, Extraction]]) -> LoadStats:
        started = time.perf_counter()
        batch: list[tuple[CleanArticle, Extraction]] = []
        for pair in pairs:
            batch.append(pair)
            if len(batch) >= BATCH:
                self.write_batch(batch)
                batch = []
        self.write_batch(batch)
        self.writer.close()
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def write_batch(self, batch: list[tuple[CleanArticle, Extraction]]) -> None:
        if not batch:
            return
        now = utcnow()
        rows: dict[str, list[tuple[Any, ...]]] = {
            t: [] for t in ("article", "url", "mention", "ae", "quote", "date", "event", "ee", "ea")
        }
        for article, ex in batch:
            article_id = self.next_article
            self.next_article += 1
            self._article_rows(rows, article_id, article, ex, now)
        w = self.writer
        w.write(Article.__table__, ARTICLE_COLUMNS, rows["article"])
        w.write(ArticleUrl.__table__, ["article_id", "url"], rows["url"])
        w.write(
            Mention.__table__, ["article_id", "entity_id", "text", "start", "end"], rows["mention"]
        )
        w.write(
            ArticleEntity.__table__,
            ["article_id", "entity_id", "mention_count", "published_at"],
            rows["ae"],
        )
        w.write(
            Quote.__table__,
            [
                "article_id",
                "text",
                "start",
                "end",
                "kind",
                "speaker_id",
                "speaker_text",
                "published_at",
            ],
            rows["quote"],
        )
        w.write(
            DateMention.__table__,
            [
                "article_id",
                "text",
                "start",
                "end",
                "value",
                "granularity",
                "range_start",
                "range_end",
            ],
            rows["date"],
        )
        w.write(Event.__table__, EVENT_COLUMNS, rows["event"])
        w.write(EventEntity.__table__, ["event_id", "entity_id", "role"], rows["ee"])
        w.write(
            EventArticle.__table__,
            ["event_id", "article_id", "evidence", "start", "end", "reported_as"],
            rows["ea"],
        )
        w.commit()
        s = self.stats
        s.articles += len(batch)
        s.mentions += len(rows["mention"])
        s.quotes += len(rows["quote"])
        s.dates += len(rows["date"])
        s.events += len(rows["event"])

    def _article_rows(
        self,
        rows: dict[str, list[tuple[Any, ...]]],
        article_id: int,
        article: CleanArticle,
        ex: Extraction,
        now: Any,
    ) -> None:
        ids = self.entity_ids
        digest = content_hash(article.body)
        columns = load._columns(article, self.source_id(article.source), digest)
        columns |= {"id": article_id, "created_at": now, "updated_at": now}
        rows["article"].append(tuple(columns[c] for c in ARTICLE_COLUMNS))
        if article.url:
            rows["url"].append((article_id, article.url))
        published = article.published_at
        for m in ex.mentions:
            rows["mention"].append((article_id, ids[m.entity.key], m.text, m.start, m.end))
        counts = Counter(ids[m.entity.key] for m in ex.mentions)
        rows["ae"] += [(article_id, e, n, published) for e, n in counts.items()]
        for q in ex.quotes:
            speaker = ids[q.speaker.key] if q.speaker else None
            rows["quote"].append(
                (article_id, q.text, q.start, q.end, q.kind, speaker, q.speaker_text, published)
            )
        for d in ex.dates:
            span = date_range(d.value) or (None, None)
            rows["date"].append(
                (article_id, d.text, d.start, d.end, d.value, d.granularity, span[0], span[1])
            )
        for event in ex.events:
            # at most one event per article
            event_id = self._event_id(rows, event, now, article_id)
            rows["ea"].append(
                (event_id, article_id, event.evidence, event.start, event.end,
                 reported_as(event.status))
            )  # fmt: skip

    def _event_id(
        self, rows: dict[str, list[tuple[Any, ...]]], event: EventResult, now: Any, article_id: int
    ) -> int:
        """The event's id, created with its first article's report (the bulk path does not
        move ``reported_in`` to later articles as the importer does)."""
        key = event_key(event)
        if key in self.event_ids:
            return self.event_ids[key]
        event_id = self.event_ids[key] = self.next_event
        self.next_event += 1
        ids = self.entity_ids
        span = date_range(event.date) or (None, None)
        location = ids[event.location.key] if event.location else None
        rows["event"].append(
            (event_id, key, event.title, event.type, event.date, event.granularity, span[0],
             span[1], reported_as(event.status), article_id, location, list(event.notes), now, now)
        )  # fmt: skip
        roles = [(ids[p.key], "participant") for p in event.participants]
        roles += [(ids[r.key], "related") for r in event.related]
        rows["ee"] += [(event_id, e, role) for e, role in dict.fromkeys(roles)]
        return event_id


def content_hash(body: str) -> str:
    """``load.content_hash`` without its whitespace regex when it would change nothing."""
    if "  " not in body and body.isprintable() and body == body.strip():
        return hashlib.sha256(body.encode()).hexdigest()
    return load.content_hash(body)


def _next_id(session: Session, table: str) -> int:
    return int(session.execute(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")).scalar_one())


def _upsert_all_entities(session: Session, universe: Universe) -> dict[str, int]:
    """Every entity of the universe through the importer's upsert (chunks: SQLite's bind limit)."""
    ids: dict[str, int] = {}
    refs = universe.entities
    for start in range(0, len(refs), 2000):
        ids |= upsert_entities(session, refs[start : start + 2000])
    return ids
