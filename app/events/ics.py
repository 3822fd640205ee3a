"""iCalendar (RFC 5545) feed of events, for calendar apps (`GET /v1/events.ics`).

Placement by date precision:
- ``day``: an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day);
- ``time``: a ``DATE-TIME`` start (floating: the article's local time, zone unknown);
- ``week``, ``month``, ``season``, ``quarter``: an all-day event on the first day of the
  period, its description saying the real precision ("Date: 2022-06 (month)");
- ``year`` and coarser, and dates without a year ("XXXX-01-10"): left out of the feed,
  since no calendar day represents them honestly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from app.common import clock
from app.common.timex import date_range

PRODID = "-//newsmeta//events//EN"
_ALL_DAY_ON_FIRST_DAY = {"week", "month", "season", "quarter"}
# RFC 5545 §3.8.1.11: a VEVENT is TENTATIVE, CONFIRMED or CANCELLED. A postponed event
# has no day any more: tentative until an article gives the new one.
_ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "past": "CONFIRMED",
    "cancelled": "CANCELLED",
    "postponed": "TENTATIVE",
}
_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class IcsEvent:
    """What the feed shows of one stored event."""

    id: int
    title: str
    type: str
    date: str  # ISO date, date-time or partial ("2022-01")
    granularity: str
    location: str | None
    description: str  # the evidence sentence(s)
    updated: datetime | None = None
    status: str = "scheduled"  # on the day of the request (``app.events.status``)


def render_calendar(events: Iterable[IcsEvent], *, calendar_name: str, base_url: str) -> bytes:
    """The events as one VCALENDAR; events without a placeable date are left out."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    now = clock.now().astimezone(UTC).replace(microsecond=0)
    for event in events:
        component = _vevent(event, base_url.rstrip("/"), now)
        if component is not None:
            calendar.add_component(component)
    return calendar.to_ical()


def event_start(value: str, granularity: str) -> date | datetime | None:
    """Where a calendar puts the event: a day, a floating date-time, or None."""
    if granularity == "time":
        match = _TIME.match(value)
        if match:
            parts = [int(p) for p in match.groups(default="0")]
            return datetime(*parts)  # type: ignore[arg-type]
    if granularity != "day" and granularity not in _ALL_DAY_ON_FIRST_DAY:
        return None
    period = date_range(value)
    return period[0] if period is not None else None


def _vevent(event: IcsEvent, base_url: str, now: datetime) -> Event | None:
    start = event_start(event.date, event.granularity)
    if start is None:
        return None
    link = f"{base_url}/v1/events/{event.id}"
    component = Event()
    component.add("uid", f"event-{event.id}@newsmeta")
    component.add("summary", event.title)
    component.add("dtstart", start)
    if not isinstance(start, datetime):
        component.add("dtend", start + timedelta(days=1))
    stamp = event.updated.astimezone(UTC) if event.updated is not None else now
    component.add("dtstamp", stamp)
    if event.updated is not None:
        component.add("last-modified", stamp)
    if event.location:
        component.add("location", event.location)
    component.add("status", _ICS_STATUS.get(event.status, "CONFIRMED"))
    component.add("description", _description(event, link))
    component.add("url", link)
    component.add("categories", [event.type])
    return component


def _description(event: IcsEvent, link: str) -> str:
    lines = []
    if event.status in ("cancelled", "postponed"):
        lines.append(f"Status: {event.status}")
    if event.granularity in _ALL_DAY_ON_FIRST_DAY:
        lines.append(f"Date: {event.date} ({event.granularity})")
    if event.description:
        lines.append(event.description)
    lines.append(link)
    return "\n\n".join(lines)
