"""The events as other formats read them: the iCalendar feed's rows and schema.org JSON-LD."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.articles.detail import wikidata_ids
from app.common import jsonld
from app.common.pagination import PageParams
from app.common.schemas import Timestamp
from app.events.models import EventArticle
from app.events.schemas import EventDetail, EventRead
from app.events.service import EventFilters, list_events

CALENDAR_LIMIT = 1000


class CalendarEvent(EventRead):
    """A list item with the time it last changed (``LAST-MODIFIED`` of the feed)."""

    updated_at: Timestamp


def calendar_events(*, session: Session, filters: EventFilters) -> list[tuple[CalendarEvent, str]]:
    """Every matching event (up to ``CALENDAR_LIMIT``), by date, for the iCalendar feed,
    with the evidence sentence of the article that reported it last (else the first)."""
    page = PageParams(limit=CALENDAR_LIMIT, cursor=None)
    documents = list_events(session=session, filters=filters, page=page, timestamps=True)[0]
    events = [CalendarEvent.model_validate(document) for document in documents]
    evidence: dict[int, str] = {}
    if events:
        reporters = {e.id: e.reported_in.id for e in events if e.reported_in is not None}
        rows = session.execute(
            select(
                col(EventArticle.event_id), col(EventArticle.article_id), col(EventArticle.evidence)
            )
            .where(col(EventArticle.event_id).in_([e.id for e in events]))
            .order_by(col(EventArticle.event_id), col(EventArticle.article_id))
        ).all()
        for event_id, article_id, sentence in rows:
            if article_id == reporters.get(event_id):
                evidence[event_id] = sentence
            else:
                evidence.setdefault(event_id, sentence)
    return [(e, whole_sentences(evidence.get(e.id, ""))) for e in events]


_SENTENCE_END = re.compile(r"[.!?…][»”\"')\]]*$")
_LEADING_JOIN = re.compile(r"^[\s–—-]+")


def whole_sentences(text: str) -> str:
    """Evidence as a feed quotes it: it reads as sentences, never from or to mid-clause.

    Evidence stored by the importer is already cut at sentence boundaries; older rows
    may begin after a dash ("– une accusation démentie…") or stop without a full stop:
    the leading dash is dropped and such a fragment is marked with ellipses.
    """
    text = text.strip()
    if not text:
        return text
    starts_whole = text[0].isupper() or text[0] in '«"“(' or text[0].isdigit()
    if not starts_whole:
        text = "… " + _LEADING_JOIN.sub("", text)
    if not _SENTENCE_END.search(text):
        text += " …"
    return text


# schema.org has no "past": an event held as planned stays EventScheduled.
_SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "past": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def event_jsonld(*, session: Session, event: EventDetail) -> dict[str, Any]:
    """The event as a schema.org Event: place, participants as ``about``, articles."""
    named = [*event.participants, *([event.location] if event.location else [])]
    wikidata = wikidata_ids(session, {e.id for e in named})
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "identifier": str(event.id),
        "name": event.title,
        "startDate": event.date,
        "eventStatus": _SCHEMA_STATUS[event.status],
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
