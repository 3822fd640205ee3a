"""An article's extracted rows → store: mentions, quotes, dates, then its events.

Entities are upserted first (``entities.upsert_entities``); the ones an article touches
go to the batch's ``recount``, so their counts are recomputed once per batch.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import delete, select
from sqlmodel import Session

from app.articles.models import DateMention
from app.changes import service as changes
from app.common.timex import date_range
from app.entities.models import ArticleEntity, Mention
from app.events.models import EventArticle
from app.pipeline.store.entities import BatchWrite, upsert_entities
from app.pipeline.store.events import write_events
from app.pipeline.store.sql import plain_insert
from app.pipeline.types import Extraction
from app.quotes.models import Quote


def delete_extraction(session: Session, article_id: int) -> set[int]:
    """Drop an article's extracted rows; returns the entities whose counts must change."""
    entity_ids = set(
        session.scalars(
            select(ArticleEntity.entity_id).where(ArticleEntity.article_id == article_id)
        )
    )
    # The article's quotes go; the events it was evidence for change (or go, orphaned).
    changes.record(
        session,
        "quote",
        session.scalars(select(Quote.id).where(Quote.article_id == article_id)),
        "deleted",
    )
    changes.record(
        session,
        "event",
        session.scalars(select(EventArticle.event_id).where(EventArticle.article_id == article_id)),
        "updated",
    )
    for table in (Mention, ArticleEntity, Quote, DateMention, EventArticle):
        session.execute(delete(table).where(table.article_id == article_id))  # type: ignore[attr-defined]
    return entity_ids


def write_extraction(
    session: Session,
    article_id: int,
    published_at: date | None,
    extraction: Extraction,
    batch: BatchWrite,
) -> None:
    """Write the extracted rows; the entities they mention go to ``batch.recount``."""
    refs = [m.entity for m in extraction.mentions]
    refs += [q.speaker for q in extraction.quotes if q.speaker is not None]
    for event in extraction.events:
        refs += [*event.participants, *event.related]
        if event.location is not None:
            refs.append(event.location)
    ids = upsert_entities(session, refs, batch=batch)
    if extraction.mentions:
        session.execute(
            plain_insert(Mention),
            [
                {
                    "article_id": article_id,
                    "entity_id": ids[m.entity.key],
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "field": m.field,
                }
                for m in extraction.mentions
            ],
        )
        counts = Counter(ids[m.entity.key] for m in extraction.mentions)
        session.execute(
            plain_insert(ArticleEntity),
            [
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "mention_count": n,
                    "published_at": published_at,
                }
                for entity_id, n in counts.items()
            ],
        )
    _write_quotes(session, article_id, published_at, extraction, ids)
    _write_dates(session, article_id, extraction)
    write_events(session, article_id, extraction.events, ids)
    batch.recount |= set(ids.values())


def _write_quotes(
    session: Session,
    article_id: int,
    published_at: date | None,
    extraction: Extraction,
    ids: dict[str, int],
) -> None:
    if extraction.quotes:
        created = session.scalars(
            plain_insert(Quote).returning(Quote.__table__.c.id),
            [
                {
                    "article_id": article_id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "speaker_id": ids[q.speaker.key] if q.speaker else None,
                    "speaker_text": q.speaker_text,
                    "speaker_role": q.speaker_role,
                    "published_at": published_at,
                    "field": q.field,
                }
                for q in extraction.quotes
            ],
        )
        changes.record(session, "quote", list(created), "created")


def _write_dates(session: Session, article_id: int, extraction: Extraction) -> None:
    if not extraction.dates:
        return
    rows = []
    for d in extraction.dates:
        span = date_range(d.value)
        rows.append(
            {
                "article_id": article_id,
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "value": d.value,
                "granularity": d.granularity,
                "range_start": span[0] if span else None,
                "range_end": span[1] if span else None,
                "field": d.field,
            }
        )
    if rows:
        session.execute(plain_insert(DateMention), rows)
