"""An article's events → store: each is matched to a stored event (``same_event``) or
created, then linked to its entities and to the article.

A matched event takes the article's place when it had none (merged events keep the
place any of their articles gives), and its report (``reported_as``/``reported_in``) is
that of the most recent article mentioning it (``refresh_reports``): a later article
saying "annulée"/"postponed" turns it cancelled/postponed, with that article as evidence.

The links are written once per article, not once per event (SQLAlchemy compiles an
``ON CONFLICT`` insert anew on every call). Matching reads the links of the candidate
events, so the entity links written so far are flushed before such a read; the
article links are read by nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from app.articles.models import Article
from app.changes import service as changes
from app.common.models import utcnow
from app.common.timex import date_range
from app.entities.models import Entity
from app.entities.types import EntityRef
from app.events.models import Event, EventArticle, EventEntity
from app.events.status import reported_as
from app.pipeline.events.match import event_key, same_event
from app.pipeline.store.sql import insert_or_ignore
from app.pipeline.types import EventResult


def write_events(
    session: Session, article_id: int, events: Sequence[EventResult], ids: dict[str, int]
) -> None:
    """Match or create each event, then link it to its entities and to the article."""
    roles: dict[tuple[int, int, str], None] = {}  # entity links not written yet
    articles: dict[int, dict[str, Any]] = {}  # article link per event: the first one wins

    def write_roles() -> None:
        if roles:
            session.execute(
                insert_or_ignore(session, EventEntity).on_conflict_do_nothing(),
                [{"event_id": v, "entity_id": e, "role": r} for v, e, r in roles],
            )
            roles.clear()

    for event in events:
        event_id = _matching_event(session, event, write_roles)
        if event_id is None:
            event_id = _create_event(session, event, ids, article_id)
        else:
            changes.record(session, "event", [event_id], "updated")  # one more article
            if event.location is not None:
                _place_if_none(session, event_id, ids[event.location.key])
        for participant in event.participants:
            roles.setdefault((event_id, ids[participant.key], "participant"))
        for related in event.related:
            roles.setdefault((event_id, ids[related.key], "related"))
        articles.setdefault(
            event_id,
            {
                "event_id": event_id,
                "article_id": article_id,
                "evidence": event.evidence,
                "start": event.start,
                "end": event.end,
                "reported_as": reported_as(event.status),
            },
        )
    write_roles()
    if articles:
        session.execute(
            insert_or_ignore(session, EventArticle).on_conflict_do_nothing(),
            list(articles.values()),
        )
        refresh_reports(session, set(articles))


_PLACE_IF_NONE = (
    update(Event)
    .where(Event.id == bindparam("event_id"), Event.location_id.is_(None))  # type: ignore[union-attr]
    .values(location_id=bindparam("location_id"), updated_at=bindparam("now"))
)


def _place_if_none(session: Session, event_id: int, location_id: int) -> None:
    session.execute(
        _PLACE_IF_NONE, {"event_id": event_id, "location_id": location_id, "now": utcnow()}
    )


def event_ids_of(session: Session, article_id: int) -> set[int]:
    """The events an article mentions (their reports change when it goes)."""
    rows = session.scalars(
        select(EventArticle.event_id).where(EventArticle.article_id == article_id)
    )
    return set(rows)


def refresh_reports(session: Session, event_ids: set[int]) -> None:
    """Each event's report is its most recent article's: latest publication date first
    (undated articles count as the oldest), then the latest stored; events without
    articles are left alone (they are dropped as orphans)."""
    if not event_ids:
        return
    ids = sorted(event_ids)
    latest: dict[int, tuple[tuple[date, int], str]] = {}
    rows = session.execute(
        select(
            EventArticle.event_id,
            EventArticle.article_id,
            EventArticle.reported_as,
            Article.published_at,
        )
        .join(Article, Article.id == EventArticle.article_id)
        .where(EventArticle.event_id.in_(ids))
    )
    for event_id, article_id, reported, published_at in rows:
        rank = (published_at or date.min, article_id)
        if event_id not in latest or rank > latest[event_id][0]:
            latest[event_id] = (rank, reported)
    stored = session.execute(
        select(Event.id, Event.reported_as, Event.reported_in).where(Event.id.in_(ids))
    )
    now = utcnow()
    for event_id, was, was_in in stored:
        if event_id not in latest:
            continue
        (_, article_id), reported = latest[event_id]
        if (was, was_in) != (reported, article_id):
            session.execute(
                update(Event)
                .where(Event.id == event_id)
                .values(reported_as=reported, reported_in=article_id, updated_at=now)
            )


# Built once (SQLAlchemy would build and key them again for every event).
_SAME_DAY = (Event.type == bindparam("type"), Event.date == bindparam("date"))
# The stored events of a type on a date, with their place.
_CANDIDATES = (
    select(Event.id, Entity.key, Entity.name, Entity.type)
    .outerjoin(Entity, Entity.id == Event.location_id)
    .where(*_SAME_DAY)
)
# The participants of all of them.
_PARTICIPANTS = (
    select(EventEntity.event_id, Entity.key, Entity.name, Entity.type)
    .join(Entity, EventEntity.entity_id == Entity.id)
    .join(Event, Event.id == EventEntity.event_id)
    .where(*_SAME_DAY, EventEntity.role == "participant")
)
_EVENT_ID = select(Event.id).where(Event.key == bindparam("key"))


def _matching_event(
    session: Session, event: EventResult, before_reading_links: Callable[[], None]
) -> int | None:
    """An existing event that is this one (``same_event``: type, date, place/participants)."""
    same_day = {"type": event.type, "date": event.date}
    candidates = session.execute(_CANDIDATES, same_day).all()
    if not candidates:
        return None
    participants: dict[int, list[EntityRef]] | None = None

    def participants_of(event_id: int) -> tuple[EntityRef, ...]:
        # Read only when the places do not decide, then for every candidate at once.
        nonlocal participants
        if participants is None:
            before_reading_links()
            participants = {}
            rows = session.execute(_PARTICIPANTS, same_day)
            for row_event, *participant in rows:
                participants.setdefault(row_event, []).append(EntityRef(*participant))
        return tuple(participants.get(event_id, ()))

    for event_id, *location in candidates:
        stored = StoredEvent(
            type=event.type,
            date=event.date,
            location=EntityRef(*location) if location[0] is not None else None,
            read_participants=lambda event_id=event_id: participants_of(event_id),
        )
        if same_event(event, stored):
            return int(event_id)
    return None


class StoredEvent:
    """A stored event as ``same_event`` reads it; its participants are read on demand."""

    def __init__(
        self,
        *,
        type: str,
        date: str,
        location: EntityRef | None,
        read_participants: Callable[[], tuple[EntityRef, ...]],
    ) -> None:
        self.type = type
        self.date = date
        self.location = location
        self._read_participants = read_participants

    @property
    def participants(self) -> tuple[EntityRef, ...]:
        return self._read_participants()


def _create_event(
    session: Session, event: EventResult, ids: dict[str, int], article_id: int
) -> int:
    span = date_range(event.date)
    key = event_key(event)
    now = utcnow()
    created = session.scalars(
        insert_or_ignore(session, Event)
        .values(
            key=key,
            title=event.title,
            type=event.type,
            date=event.date,
            granularity=event.granularity,
            date_start=span[0] if span else None,
            date_end=span[1] if span else None,
            reported_as=reported_as(event.status),
            reported_in=article_id,
            location_id=ids[event.location.key] if event.location else None,
            notes=list(event.notes),
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(Event.__table__.c.id)
    ).first()
    if created is not None:
        changes.record(session, "event", [created], "created")
        return int(created)
    existing = int(session.scalars(_EVENT_ID, {"key": key}).one())  # written concurrently
    changes.record(session, "event", [existing], "updated")
    return existing
