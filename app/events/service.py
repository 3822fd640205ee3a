"""Reads of events: the dated list with its filters, detail, articles, calendar."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles import service as article_service
from app.articles.models import Article, Source
from app.common import jsonld, keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.common.schemas import EntityBrief
from app.entities.models import Entity
from app.events.models import Event, EventArticle, EventEntity
from app.events.schemas import (
    EventArticleBrief,
    EventArticleRead,
    EventDetail,
    EventRead,
    Evidence,
)

SORTS = {"date": False, "-date": True}
DETAIL_ARTICLES = 20
CALENDAR_LIMIT = 1000


@dataclass(frozen=True)
class EventFilters:
    date_from: date | None = None
    date_to: date | None = None
    entity: list[int] = field(default_factory=list)
    location: int | None = None
    type: str | None = None
    status: str | None = None
    sort: str = "date"


def _article_count() -> Any:
    return (
        select(func.count())
        .where(EventArticle.event_id == Event.id)
        .correlate(Event)
        .scalar_subquery()
        .label("article_count")
    )


def _filtered(filters: EventFilters) -> Any:
    """Events (with their place and article count) matching every filter."""
    place = aliased(Entity)
    stmt = select(Event, place, _article_count()).outerjoin(place, place.id == Event.location_id)
    if filters.date_from:
        stmt = stmt.where(Event.date_end >= filters.date_from)
    if filters.date_to:
        stmt = stmt.where(Event.date_start <= filters.date_to)
    for entity_id in filters.entity:
        named = exists().where(EventEntity.event_id == Event.id, EventEntity.entity_id == entity_id)
        stmt = stmt.where(or_(named, Event.location_id == entity_id))
    if filters.location is not None:
        stmt = stmt.where(Event.location_id == filters.location)
    if filters.type:
        stmt = stmt.where(Event.type == filters.type)
    if filters.status:
        stmt = stmt.where(Event.status == filters.status)
    return stmt


def _roles(session: Session, event_ids: list[int]) -> dict[tuple[int, str], list[EntityBrief]]:
    """Participants and related entities of these events, one query."""
    found: dict[tuple[int, str], list[EntityBrief]] = defaultdict(list)
    if not event_ids:
        return found
    rows = session.execute(
        select(EventEntity.event_id, EventEntity.role, Entity)
        .join(Entity, Entity.id == EventEntity.entity_id)
        .where(EventEntity.event_id.in_(event_ids))
        .order_by(Entity.name, Entity.id)
    ).all()
    for event_id, role, entity in rows:
        found[(event_id, role)].append(EntityBrief.model_validate(entity))
    return found


def _read(row: Any, roles: dict[tuple[int, str], list[EntityBrief]]) -> dict[str, Any]:
    event, place, article_count = row
    return event.model_dump() | {
        "location": EntityBrief.model_validate(place) if place is not None else None,
        "participants": roles.get((event.id, "participant"), []),
        "article_count": article_count,
    }


def list_events(
    *, session: Session, filters: EventFilters, page: PageParams
) -> tuple[list[EventRead], str | None]:
    """One page of events by date (undated last), filters AND-ed."""
    rows, next_cursor = keyset.paginate(
        session,
        _filtered(filters),
        scope=f"events:{filters.sort}",
        page=page,
        sort_column=Event.date_start,
        id_column=Event.id,
        descending=SORTS[filters.sort],
        position_of=lambda row: [row[0].date_start, row[0].id],
    )
    roles = _roles(session, [row[0].id for row in rows])
    return [EventRead.model_validate(_read(row, roles)) for row in rows], next_cursor


def get_event(*, session: Session, event_id: int) -> EventDetail:
    row = session.execute(_filtered(EventFilters()).where(Event.id == event_id)).first()
    if row is None:
        raise NotFound("event", event_id)
    roles = _roles(session, [event_id])
    articles = session.execute(
        select(Article, EventArticle)
        .join(EventArticle, EventArticle.article_id == Article.id)
        .where(EventArticle.event_id == event_id)
        .order_by(*keyset.order_by(Article.published_at, Article.id, descending=True))
        .limit(DETAIL_ARTICLES)
    ).all()
    data = _read(row, roles) | {
        "related": roles.get((event_id, "related"), []),
        "articles": [
            EventArticleBrief.model_validate(
                a.model_dump()
                | {"evidence": Evidence(text=ea.evidence, start=ea.start, end=ea.end)}
            )
            for a, ea in articles
        ],
    }
    return EventDetail.model_validate(data)


def list_event_articles(
    *, session: Session, event_id: int, page: PageParams
) -> tuple[list[EventArticleRead], str | None]:
    """Articles mentioning the event, newest first, each with its evidence sentence."""
    if session.get(Event, event_id) is None:
        raise NotFound("event", event_id)
    stmt = (
        select(Article, Source.name, EventArticle)
        .join(EventArticle, EventArticle.article_id == Article.id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(EventArticle.event_id == event_id)
    )
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope=f"event-articles:{event_id}",
        page=page,
        sort_column=Article.published_at,
        id_column=Article.id,
        descending=True,
        position_of=lambda row: [row[0].published_at, row[0].id],
    )
    items = [
        EventArticleRead.model_validate(
            article_service.read_item(a, s).model_dump()
            | {"evidence": Evidence(text=ea.evidence, start=ea.start, end=ea.end)}
        )
        for a, s, ea in rows
    ]
    return items, next_cursor


def calendar_events(*, session: Session, filters: EventFilters) -> list[tuple[EventRead, str]]:
    """Every matching event (up to ``CALENDAR_LIMIT``), by date, with its first evidence
    sentence, for the iCalendar feed."""
    page = PageParams(limit=CALENDAR_LIMIT, cursor=None)
    events = list_events(session=session, filters=filters, page=page)[0]
    evidence: dict[int, str] = {}
    if events:
        rows = session.execute(
            select(EventArticle.event_id, EventArticle.evidence)
            .where(EventArticle.event_id.in_([e.id for e in events]))
            .order_by(EventArticle.event_id, EventArticle.article_id)
        ).all()
        for event_id, sentence in rows:
            evidence.setdefault(event_id, sentence)
    return [(e, evidence.get(e.id, "")) for e in events]


def event_jsonld(*, session: Session, event: EventDetail) -> dict[str, Any]:
    """The event as a schema.org Event: place, participants as ``about``, articles."""
    named = [*event.participants, *([event.location] if event.location else [])]
    wikidata = article_service.wikidata_ids(session, {e.id for e in named})
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "identifier": str(event.id),
        "name": event.title,
        "startDate": event.date,
        "eventStatus": "https://schema.org/EventScheduled",
        "about": [jsonld.thing(e, wikidata.get(e.id)) for e in event.participants],
        "subjectOf": [
            {
                "@type": "NewsArticle",
                "headline": a.title,
                **({"url": a.url} if a.url else {}),
                **({"datePublished": a.published_at.isoformat()} if a.published_at else {}),
            }
            for a in event.articles
        ],
    }
    if event.date_end and event.date_start and event.date_end != event.date_start:
        document["endDate"] = event.date_end.isoformat()
    if event.location is not None:
        place = jsonld.thing(event.location, wikidata.get(event.location.id))
        document["location"] = place | {"@type": "Place"}
    if event.notes:
        document["description"] = "; ".join(event.notes)
    return document
