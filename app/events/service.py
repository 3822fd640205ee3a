"""Reads of events: the dated list with its filters, detail, articles, calendar.

Reads select columns (no ORM objects) on the session's connection and return JSON-ready
dicts that the routes serialise themselves; statements are built once, filter values bound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Integer, String, bindparam, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles.columns import LIST_COLUMNS, list_document
from app.articles.models import Article, Source
from app.common import clock, keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.common.schemas import brief_json, date_json, timestamp_json
from app.entities.models import Entity
from app.events.models import SHORT_SPAN_DAYS, Event, EventArticle, EventEntity, lasts_long
from app.events.schemas import EventDetail
from app.events.status import CALLED_OFF, status_on

SORTS = {"date": False, "-date": True}
DETAIL_ARTICLES = 20
_EVENT_ID = bindparam("event_id", type_=Integer)


@dataclass(frozen=True)
class EventFilters:
    date_from: date | None = None
    date_to: date | None = None
    entity: list[int] = field(default_factory=list)
    location: int | None = None
    type: str | None = None
    status: str | None = None  # computed against ``today`` (``app.events.status``)
    sort: str = "date"
    today: date | None = None  # the day statuses are computed against (default: clock.today())

    def on(self, today: date) -> EventFilters:
        """These filters with ``status`` as conditions on the date, on ``today``.

        ``scheduled``: last day ≥ today, so ``from`` becomes today at the earliest (the
        indexed range of a date range), and not called off; ``past``: last day < today,
        so ``to`` becomes yesterday at the latest, and not called off.
        """
        since, until = self.date_from, self.date_to
        if self.status == "scheduled":
            since = max(since or today, today)
        elif self.status == "past":
            yesterday = _days_before(today, 1)
            until = min(until or yesterday, yesterday)
        return replace(self, date_from=since, date_to=until, today=today)


_PLACE = aliased(Entity)
_REPORTER = aliased(Article)
# An ``EventRead`` as columns (its participants are read for the whole page at once).
_BASE = (
    select(
        Event.id,
        Event.title,
        Event.type,
        Event.date,
        Event.reported_as,
        Event.granularity,
        Event.date_start,
        Event.date_end,
        _PLACE.id,
        _PLACE.name,
        _PLACE.type,
        Event.notes,
        select(func.count())
        .where(EventArticle.event_id == Event.id)
        .correlate(Event)
        .scalar_subquery()
        .label("article_count"),
        Event.created_at,
        Event.updated_at,
        _REPORTER.id,
        _REPORTER.title,
        _REPORTER.url,
        _REPORTER.published_at,
        _REPORTER.language,
    )
    .outerjoin(_PLACE, _PLACE.id == Event.location_id)
    .outerjoin(_REPORTER, _REPORTER.id == Event.reported_in)
)


@dataclass(frozen=True)
class _Shape:
    """Which filters a list has (their values are bound when it runs)."""

    since: bool
    until: bool
    entities: int
    location: bool
    type: bool
    status: str | None
    sort: str


def _filtered(shape: _Shape) -> Any:
    """``_BASE`` with every filter but the date range (values are bound)."""
    stmt = _BASE
    for n in range(shape.entities):
        entity_id = bindparam(f"entity_{n}", type_=Integer)
        named = exists().where(EventEntity.event_id == Event.id, EventEntity.entity_id == entity_id)
        stmt = stmt.where(or_(named, Event.location_id == entity_id))
    if shape.location:
        stmt = stmt.where(Event.location_id == bindparam("location", type_=Integer))
    if shape.type:
        stmt = stmt.where(Event.type == bindparam("type", type_=String))
    if shape.status in CALLED_OFF:
        stmt = stmt.where(Event.reported_as == bindparam("status", type_=String))
    elif shape.status is not None:
        # scheduled/past: the date range (``EventFilters.on``) and not called off.
        stmt = stmt.where(Event.reported_as.not_in(CALLED_OFF))  # type: ignore[attr-defined]
        if shape.status == "past":
            stmt = stmt.where(Event.date_end < bindparam("today", type_=Date))
    return stmt


@lru_cache(maxsize=64)
def _keyset(shape: _Shape) -> keyset.Keyset:
    """The list's statements for one combination of filters.

    An event is in ``[from, to]`` when ``date_end >= from`` and ``date_start <= to``. Read
    along ``ix_event_date_start_id``, that has no lower bound: the scan would start at
    the oldest event. Short events (``SHORT_SPAN_DAYS`` at most) that reach ``from``
    start at ``from - SHORT_SPAN_DAYS`` or later, which bounds the scan; the longer ones
    that start before are read from their own partial index, and both parts are merged.
    """
    stmt = _filtered(shape)
    if shape.until:
        stmt = stmt.where(Event.date_start <= bindparam("date_to", type_=Date))
    parts = [stmt]
    if shape.since:
        reaches = Event.date_end >= bindparam("date_from", type_=Date)
        bound = bindparam("short_from", type_=Date)
        long_ago = stmt.where(lasts_long(Event.date_start, Event.date_end))
        parts = [
            stmt.where(reaches, Event.date_start >= bound),
            long_ago.where(reaches, Event.date_start < bound),
        ]
    return keyset.Keyset(
        *parts,
        sort_column=Event.date_start,
        id_column=Event.id,
        descending=SORTS[shape.sort],
        # A date range leaves out the undated events.
        nullable=not (shape.since or shape.until),
    )


_ROLES = (
    select(EventEntity.event_id, EventEntity.role, Entity.id, Entity.name, Entity.type)
    .join(Entity, Entity.id == EventEntity.entity_id)
    .where(EventEntity.event_id.in_(bindparam("event_ids", expanding=True)))
    .order_by(Entity.name, Entity.id)
)


def _roles(session: Session, event_ids: list[int]) -> dict[tuple[int, str], list[Any]]:
    """Participants and related entities (``EntityBrief``) of these events, one query."""
    found: dict[tuple[int, str], list[Any]] = defaultdict(list)
    if not event_ids:
        return found
    rows = session.connection().execute(_ROLES, {"event_ids": event_ids})
    for event_id, role, entity_id, name, type_ in rows:
        found[(event_id, role)].append({"id": entity_id, "name": name, "type": type_})
    return found


def _document(
    row: Any, roles: dict[tuple[int, str], list[Any]], today: date, *, timestamps: bool = False
) -> dict[str, Any]:
    """An ``EventRead`` as JSON-ready values from a row of ``_BASE``, its status on ``today``;
    ``created_at``/``updated_at`` only with ``timestamps`` (the detail: no list item has them).
    """
    (
        event_id,
        title,
        type_,
        date_,
        reported,
        granularity,
        date_start,
        date_end,
        place_id,
        place_name,
        place_type,
        notes,
        article_count,
        created_at,
        updated_at,
        *reporter,
    ) = row
    document = {
        "id": event_id,
        "title": title,
        "type": type_,
        "date": date_,
        "status": status_on(reported, date_end, today),
        "reported_as": reported,
        "reported_in": _article_brief(*reporter),
        "granularity": granularity,
        "date_start": date_json(date_start),
        "date_end": date_json(date_end),
        "location": brief_json(place_id, place_name, place_type),
        "participants": roles.get((event_id, "participant"), []),
        "notes": notes,
        "article_count": article_count,
    }
    if timestamps:
        document["created_at"] = timestamp_json(created_at)
        document["updated_at"] = timestamp_json(updated_at)
    return document


def _article_brief(
    article_id: int | None, title: str, url: str | None, published_at: Any, language: str
) -> dict[str, Any] | None:
    if article_id is None:
        return None
    return {
        "id": article_id,
        "title": title,
        "url": url,
        "published_at": date_json(published_at),
        "language": language,
    }


def list_events(
    *, session: Session, filters: EventFilters, page: PageParams, timestamps: bool = False
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events by date (undated last), filters AND-ed (``EventRead`` documents;
    with their timestamps when asked, for the iCalendar feed).

    Statuses are computed, and ``status`` filtered, against ``filters.today`` (default:
    the clock's UTC day).
    """
    filters = filters.on(filters.today or clock.today())
    today = filters.today or clock.today()
    shape = _Shape(
        since=filters.date_from is not None,
        until=filters.date_to is not None,
        entities=len(filters.entity),
        location=filters.location is not None,
        type=bool(filters.type),
        status=filters.status,
        sort=filters.sort,
    )
    params: dict[str, Any] = {
        "date_to": filters.date_to,
        "location": filters.location,
        "type": filters.type,
        "status": filters.status,
        "today": today,
        **{f"entity_{n}": entity_id for n, entity_id in enumerate(filters.entity)},
    }
    if filters.date_from is not None:
        params["date_from"] = filters.date_from
        params["short_from"] = _days_before(filters.date_from, SHORT_SPAN_DAYS)
    rows, next_cursor = _keyset(shape).page(
        session.connection().execute,
        params,
        scope=f"events:{filters.sort}",
        page=page,
        position_of=lambda row: [row[6], row[0]],
    )
    roles = _roles(session, [row[0] for row in rows])
    return [_document(row, roles, today, timestamps=timestamps) for row in rows], next_cursor


def _days_before(day: date, days: int) -> date:
    return day - timedelta(days=days) if day > date.min + timedelta(days=days) else date.min


_DETAIL = _BASE.where(Event.id == _EVENT_ID)
_DETAIL_ARTICLES = (
    select(
        Article.id,
        Article.title,
        Article.url,
        Article.published_at,
        Article.language,
        EventArticle.evidence,
        EventArticle.start,
        EventArticle.end,
    )
    .join(EventArticle, EventArticle.article_id == Article.id)
    .where(EventArticle.event_id == _EVENT_ID)
    .order_by(*keyset.order_by(Article.published_at, Article.id, descending=True))
    .limit(DETAIL_ARTICLES)
)


def event_document(*, session: Session, event_id: int) -> dict[str, Any]:
    """The ``EventDetail`` document of one event; 404 if there is none."""
    connection = session.connection()
    params = {"event_id": event_id}
    row = connection.execute(_DETAIL, params).first()
    if row is None:
        raise NotFound("event", event_id)
    roles = _roles(session, [event_id])
    document = _document(row, roles, clock.today(), timestamps=True)
    document["related"] = roles.get((event_id, "related"), [])
    document["articles"] = [
        {
            "id": article_id,
            "title": title,
            "url": url,
            "published_at": date_json(published_at),
            "language": language,
            "evidence": {"text": evidence, "start": start, "end": end},
        }
        for article_id, title, url, published_at, language, evidence, start, end in (
            connection.execute(_DETAIL_ARTICLES, params)
        )
    ]
    return document


def get_event(*, session: Session, event_id: int) -> EventDetail:
    return EventDetail.model_validate(event_document(session=session, event_id=event_id))


_EXISTS = select(Event.id).where(Event.id == _EVENT_ID)
_ARTICLES = keyset.Keyset(
    select(
        *LIST_COLUMNS,
        EventArticle.evidence,
        EventArticle.start,
        EventArticle.end,
    )
    .join(EventArticle, EventArticle.article_id == Article.id)
    .outerjoin(Source, Source.id == Article.source_id)
    .where(EventArticle.event_id == _EVENT_ID),
    sort_column=Article.published_at,
    id_column=Article.id,
    descending=True,
)


def _ensure_event(session: Session, event_id: int) -> None:
    if session.connection().execute(_EXISTS, {"event_id": event_id}).first() is None:
        raise NotFound("event", event_id)


def list_event_articles(
    *, session: Session, event_id: int, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """Articles mentioning the event, newest first, each with its evidence sentence
    (``EventArticleRead`` documents)."""

    def read() -> tuple[list[dict[str, Any]], str | None]:
        rows, next_cursor = _ARTICLES.page(
            session.connection().execute,
            {"event_id": event_id},
            scope=f"event-articles:{event_id}",
            page=page,
            position_of=lambda row: [row.published_at, row.id],
        )
        items = []
        for row in rows:
            item = list_document(row._mapping)
            item["evidence"] = {"text": row.evidence, "start": row.start, "end": row.end}
            items.append(item)
        return items, next_cursor

    return keyset.sublist(page, read, lambda: _ensure_event(session, event_id))
