"""Event status on the day of the request, what articles reported, and where events are.

The clock is pinned (``tests.clock.pin``): no test sleeps or depends on today's date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import Session

from app.entities.types import EntityRef
from app.pipeline.store import load
from app.pipeline.types import EventResult, Extraction
from tests.api_data import NATO, RUSSIA
from tests.clock import pin
from tests.factories import make_article

BRUSSELS = EntityRef(
    "geonames:2800866", "Brussels", "LOC", ids={"geonames": "2800866"}, aliases=("Bruxelles",)
)
ANNOUNCED = "Une réunion du Conseil OTAN-Russie devrait avoir lieu le 12 janvier."
AGAIN = "Le Conseil OTAN-Russie tiendra une réunion le 12 janvier."
CANCELLED = "La réunion du Conseil OTAN-Russie prévue le 12 janvier à Bruxelles a été annulée."
POSTPONED = "The NATO-Russia Council meeting of January 12 has been postponed."


def _meeting(
    session: Session,
    sentence: str,
    *,
    published: date | None,
    status: str = "scheduled",
    place: EntityRef | None = None,
) -> int:
    return make_article(
        session,
        body=sentence,
        published_at=published,
        extraction=Extraction(
            events=[
                EventResult(
                    type="meeting",
                    title="Réunion du Conseil OTAN-Russie",
                    date="2022-01-12",
                    granularity="day",
                    status=status,  # type: ignore[arg-type]
                    location=place,
                    participants=(NATO, RUSSIA),
                    related=(),
                    notes=(),
                    evidence=sentence,
                    start=0,
                    end=len(sentence),
                    trigger="réunion",
                )
            ]
        ),
    )


def _only_event(client: TestClient) -> dict[str, object]:
    (event,) = client.get("/v1/events").json()["data"]
    detail = client.get(f"/v1/events/{event['id']}").json()
    assert {k: detail[k] for k in event} == event  # list and detail agree
    return detail


def _ics(client: TestClient, **params: str) -> list[dict[str, str]]:
    response = client.get("/v1/events.ics", params=params)
    assert response.status_code == 200
    return [
        {"status": str(v["STATUS"]), "description": str(v["DESCRIPTION"])}
        for v in Calendar.from_ical(response.content).walk("VEVENT")
    ]


def _jsonld_status(client: TestClient, event_id: object) -> str:
    headers = {"Accept": "application/ld+json"}
    return str(client.get(f"/v1/events/{event_id}", headers=headers).json()["eventStatus"])


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2022, 1, 9), "scheduled"),
        (date(2022, 1, 12), "scheduled"),  # on its day it is still on
        (date(2022, 1, 13), "past"),
        (date(2026, 12, 3), "past"),
    ],
)
def test_status_is_computed_on_the_day_of_the_request_everywhere(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch, today: date, status: str
) -> None:
    article_id = _meeting(session, ANNOUNCED, published=date(2022, 1, 9))
    pin(monkeypatch, today)
    event = _only_event(client)
    assert (event["status"], event["reported_as"]) == (status, "announced")
    assert event["reported_in"]["id"] == article_id  # type: ignore[index]
    article = client.get(f"/v1/articles/{article_id}").json()
    assert [(e["status"], e["reported_as"]) for e in article["events"]] == [(status, "announced")]
    assert _jsonld_status(client, event["id"]) == "https://schema.org/EventScheduled"
    assert [e["status"] for e in _ics(client)] == ["CONFIRMED"]
    listed = {
        s: client.get("/v1/events", params={"status": s}).json()["data"]
        for s in ("scheduled", "past", "cancelled", "postponed")
    }
    assert {s: len(items) for s, items in listed.items()} == {
        "scheduled": status == "scheduled",
        "past": status == "past",
        "cancelled": 0,
        "postponed": 0,
    }
    upcoming = client.get("/v1/events", params={"upcoming": "true"}).json()["data"]
    assert len(upcoming) == (status == "scheduled")
    assert len(_ics(client, upcoming="true")) == (status == "scheduled")


def test_a_later_article_reporting_a_cancellation_wins_with_its_evidence(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, date(2022, 1, 10))
    first = _meeting(session, ANNOUNCED, published=date(2022, 1, 7))
    assert _only_event(client)["status"] == "scheduled"
    later = _meeting(
        session, CANCELLED, published=date(2022, 1, 10), status="cancelled", place=BRUSSELS
    )
    event = _only_event(client)
    assert (event["status"], event["reported_as"]) == ("cancelled", "cancelled")
    assert event["reported_in"]["id"] == later  # type: ignore[index]
    assert event["location"]["name"] == "Brussels"  # type: ignore[index]  # the merge keeps it
    assert event["articles"][0]["evidence"]["text"] == CANCELLED  # type: ignore[index]
    assert _jsonld_status(client, event["id"]) == "https://schema.org/EventCancelled"
    (feed,) = _ics(client)
    assert feed["status"] == "CANCELLED"
    assert feed["description"].startswith("Status: cancelled\n\n" + CANCELLED)
    assert client.get("/v1/events", params={"status": "scheduled"}).json()["data"] == []
    assert len(client.get("/v1/events", params={"status": "cancelled"}).json()["data"]) == 1
    assert client.get("/v1/events", params={"upcoming": "true"}).json()["data"] == []

    # Cancelled stays cancelled after its day (it never became "past").
    pin(monkeypatch, date(2023, 1, 1))
    assert _only_event(client)["status"] == "cancelled"

    # An older article read afterwards does not undo it; removing the report does.
    again = _meeting(session, AGAIN, published=date(2022, 1, 8))
    assert _only_event(client)["reported_in"]["id"] == later  # type: ignore[index]
    assert load.delete_article(session, later)
    event = _only_event(client)
    assert (event["status"], event["reported_as"]) == ("past", "announced")
    assert event["reported_in"]["id"] == again != first  # the latest of those left


def test_a_postponement_in_english(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, date(2022, 1, 9))
    _meeting(session, ANNOUNCED, published=date(2022, 1, 7))
    _meeting(session, POSTPONED, published=date(2022, 1, 11), status="postponed")
    event = _only_event(client)
    assert (event["status"], event["reported_as"]) == ("postponed", "postponed")
    assert _jsonld_status(client, event["id"]) == "https://schema.org/EventPostponed"
    assert [e["status"] for e in _ics(client)] == ["TENTATIVE"]
    assert len(client.get("/v1/events", params={"status": "postponed"}).json()["data"]) == 1


def test_undated_articles_never_outrank_dated_ones(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    pin(monkeypatch, date(2022, 1, 9))
    dated = _meeting(session, CANCELLED, published=date(2022, 1, 8), status="cancelled")
    _meeting(session, ANNOUNCED, published=None)
    event = _only_event(client)
    assert (event["reported_as"], event["reported_in"]["id"]) == ("cancelled", dated)  # type: ignore[index]


def test_merged_events_keep_the_place_any_article_gives(
    client: TestClient, session: Session
) -> None:
    _meeting(session, ANNOUNCED, published=date(2022, 1, 7))
    assert _only_event(client)["location"] is None
    _meeting(
        session,
        "Une réunion du Conseil OTAN-Russie est prévue mercredi à Bruxelles.",
        published=date(2022, 1, 9),
        place=BRUSSELS,
    )
    assert _only_event(client)["location"]["name"] == "Brussels"  # type: ignore[index]
    _meeting(session, AGAIN, published=date(2022, 1, 10))  # says no place
    assert _only_event(client)["location"]["name"] == "Brussels"  # type: ignore[index]


def test_lists_cached_before_midnight_are_not_served_after_it(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Max-age ends by the next UTC midnight; the response cache keys carry the day."""
    from app.common import http, response_cache

    _meeting(session, ANNOUNCED, published=date(2022, 1, 9))
    pin(monkeypatch, datetime(2022, 1, 12, 23, 59, 30, tzinfo=UTC))
    before = client.get("/v1/events")
    assert before.json()["data"][0]["status"] == "scheduled"
    assert before.headers["cache-control"] == "public, max-age=30"
    assert http.replayed_cache_control(b"public, max-age=60") == b"public, max-age=30"
    scope = {"path": "/v1/events", "query_string": b"", "headers": []}
    key_before = response_cache._key(scope)
    pin(monkeypatch, datetime(2022, 1, 13, 0, 0, 1, tzinfo=UTC))
    assert response_cache._key(scope) != key_before
    after = client.get("/v1/events", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200  # a new body, a new ETag: not 304
    assert after.json()["data"][0]["status"] == "past"
    assert after.headers["etag"] != before.headers["etag"]


def test_the_bundled_examples_as_a_calendar_reads_them(
    client: TestClient, session_factory: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make run``'s store: the council is in Brussels, every event of 2022 is past on
    2026-12-03, and each feed description starts and ends a sentence."""
    from pathlib import Path

    from app.pipeline.ingest.prepare import ImportDefaults
    from app.pipeline.run import run_import

    examples = Path(__file__).resolve().parents[2] / "examples"
    report = run_import(
        [str(examples)],
        session_factory=session_factory,  # type: ignore[arg-type]
        defaults=ImportDefaults(),
        max_bytes=10_000_000,
    )
    assert report.failed == 0, report.failures
    pin(monkeypatch, date(2026, 12, 3))
    listed = client.get("/v1/events", params={"from": "2022-01-01", "to": "2022-01-31"}).json()
    by_type_date = {(e["type"], e["date"]): e for e in listed["data"]}
    council = by_type_date[("meeting", "2022-01-12")]
    assert council["location"]["name"] == "Brussels"
    assert by_type_date[("talks", "2022-01-10")]["location"]["name"] == "Geneva"
    assert {e["status"] for e in listed["data"]} == {"past"}
    assert client.get("/v1/events", params={"upcoming": "true"}).json()["data"] == []
    feed = _ics(client, **{"from": "2022-01-01", "to": "2022-01-31"})
    assert feed and {e["status"] for e in feed} == {"CONFIRMED"}
    for event in feed:
        evidence = event["description"].split("\n\n")[0]
        assert evidence[0].isupper() or evidence[0] in '«"', evidence
        assert evidence.rstrip('»" ').endswith((".", "!", "?")), evidence


def test_a_cached_list_is_not_served_after_midnight(
    backend: str, tmp_path: object, settings_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the response cache of a store that really commits: a hit before midnight,
    a fresh answer (the event now past) right after it, with no commit in between."""
    import time
    from pathlib import Path

    from app.db import make_engine, upgrade
    from tests.conftest import drop_postgres_database, new_store_url

    url = new_store_url(backend, Path(str(tmp_path)))
    upgrade(url)
    try:
        engine = make_engine(url)
        with Session(engine) as session:
            _meeting(session, ANNOUNCED, published=date(2022, 1, 9))
            session.commit()
        engine.dispose()
        settings_env(database_url=url, response_cache_mb="8")  # type: ignore[operator]
        from app.main import create_app

        pin(monkeypatch, datetime(2022, 1, 12, 23, 59, 50, tzinfo=UTC))
        with TestClient(create_app()) as api:
            deadline = time.monotonic() + 3  # PostgreSQL: the cache starts after one poll
            while (hit := api.get("/v1/events")).headers.get("x-cache") != "hit":
                assert time.monotonic() < deadline, "never cached"
            assert hit.json()["data"][0]["status"] == "scheduled"
            assert hit.headers["cache-control"] == "public, max-age=10"
            pin(monkeypatch, datetime(2022, 1, 13, 0, 0, 1, tzinfo=UTC))
            after = api.get("/v1/events")
            assert after.headers["x-cache"] == "miss"
            assert after.json()["data"][0]["status"] == "past"
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
