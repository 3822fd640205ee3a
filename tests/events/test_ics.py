"""The iCalendar feed: parsed back with icalendar, field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from app.events.ics import IcsEvent, render_calendar

UPDATED = datetime(2022, 1, 8, 10, 30, tzinfo=UTC)
TALKS = IcsEvent(
    id=7,
    title="Pourparlers américano-russes à Genève",
    type="talks",
    date="2022-01-10",
    granularity="day",
    location="Geneva",
    description="Les pourparlers américano-russes devraient débuter à Genève le 10 janvier.",
    updated=UPDATED,
)


def _feed(*events: IcsEvent) -> Calendar:
    raw = render_calendar(events, calendar_name="newsmeta events", base_url="https://news.example/")
    return Calendar.from_ical(raw)


def _vevents(calendar: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_calendar_header() -> None:
    calendar = _feed(TALKS)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//newsmeta//events//EN"
    assert str(calendar["x-wr-calname"]) == "newsmeta events"


def test_day_event_is_all_day_with_all_fields() -> None:
    (event,) = _feed(TALKS).walk("VEVENT")
    assert str(event["uid"]) == "event-7@newsmeta"
    assert str(event["summary"]) == "Pourparlers américano-russes à Genève"
    assert event.decoded("dtstart") == date(2022, 1, 10)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert event.decoded("dtend") == date(2022, 1, 11)
    assert str(event["location"]) == "Geneva"
    assert str(event["url"]) == "https://news.example/v1/events/7"
    assert [str(c) for c in event["categories"].cats] == ["talks"]
    assert event.decoded("dtstamp") == UPDATED
    assert event.decoded("last-modified") == UPDATED
    description = str(event["description"])
    assert "devraient débuter à Genève le 10 janvier" in description
    assert description.endswith("https://news.example/v1/events/7")


def test_time_event_has_a_date_time_start() -> None:
    event = IcsEvent(
        8, "Conférence de presse", "press_conference", "2022-01-07T15:30", "time", None, "…"
    )
    (vevent,) = _feed(event).walk("VEVENT")
    assert vevent.decoded("dtstart") == datetime(2022, 1, 7, 15, 30)
    assert "dtend" not in vevent
    assert "location" not in vevent
    assert "last-modified" not in vevent


def test_month_event_is_on_the_first_day_and_says_its_precision() -> None:
    event = IcsEvent(
        9, "Élections législatives en France", "election", "2022-06", "month", "France", "…"
    )
    (vevent,) = _feed(event).walk("VEVENT")
    assert vevent.decoded("dtstart") == date(2022, 6, 1)
    assert vevent.decoded("dtend") == date(2022, 6, 2)
    assert str(vevent["description"]).startswith("Date: 2022-06 (month)")


def test_events_without_a_calendar_day_are_left_out() -> None:
    year = IcsEvent(10, "Élection", "election", "2023", "year", None, "")
    no_year = IcsEvent(11, "Sommet", "summit", "XXXX-06-14", "day", None, "")
    assert set(_vevents(_feed(TALKS, year, no_year))) == {"event-7@newsmeta"}


def test_uid_is_stable_across_renders() -> None:
    first = render_calendar([TALKS], calendar_name="a", base_url="http://x")
    second = render_calendar([TALKS], calendar_name="a", base_url="http://x")
    assert first == second  # same event, same updated time: byte-identical feed
