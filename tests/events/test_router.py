"""GET /v1/events, /v1/events/{id}, its articles, JSON-LD and the iCalendar feed."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.pipeline.types import EventResult, Extraction
from tests.api_data import GENEVA, NATO, RUSSIA, USA, build_store, entity_id, event_id
from tests.factories import make_article


def _meeting(session: Session) -> int:
    body = "Une réunion du Conseil OTAN-Russie aura lieu le 12 janvier."
    return make_article(
        session,
        body=body,
        published_at=date(2022, 1, 9),
        extraction=Extraction(
            events=[
                EventResult(
                    type="meeting",
                    title="Réunion du Conseil OTAN-Russie",
                    date="2022-01-12",
                    granularity="day",
                    status="scheduled",
                    location=None,
                    participants=(NATO, RUSSIA),
                    related=(),
                    notes=("first since 2019",),
                    evidence=body,
                    start=0,
                    end=len(body),
                    trigger="réunion",
                )
            ]
        ),
    )


def test_one_event_across_articles_with_its_place_and_participants(
    client: TestClient, session: Session
) -> None:
    ids = build_store(session)
    event = client.get(f"/v1/events/{event_id(session)}").json()
    assert event["title"] == "Pourparlers américano-russes à Genève"
    assert (event["type"], event["date"], event["granularity"]) == ("talks", "2022-01-10", "day")
    assert event["status"] == "scheduled"
    assert event["location"] == {"id": entity_id(session, GENEVA), "name": "Geneva", "type": "LOC"}
    assert {p["name"] for p in event["participants"]} == {"United States", "Russia"}
    assert event["notes"] == [] and event["article_count"] == 2
    assert [a["id"] for a in event["articles"]] == [ids["second"], ids["first"]]
    evidence = event["articles"][1]["evidence"]
    assert evidence["text"].startswith("Des pourparlers entre les États-Unis")


def test_event_articles_carry_the_evidence(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    first = client.get(f"/v1/events/{event_id(session)}/articles", params={"limit": 1}).json()
    assert [a["id"] for a in first["data"]] == [ids["second"]]
    assert first["data"][0]["evidence"]["text"].startswith("Les négociations de Genève")
    rest = client.get(
        f"/v1/events/{event_id(session)}/articles", params={"cursor": first["next_cursor"]}
    ).json()
    assert [a["id"] for a in rest["data"]] == [ids["first"]]
    assert client.get("/v1/events/999999/articles").status_code == 404


def test_filters_compose_and_sort_by_date(client: TestClient, session: Session) -> None:
    build_store(session)
    _meeting(session)

    def titles(**params: object) -> list[str]:
        response = client.get("/v1/events", params=params)
        assert response.status_code == 200, response.json()
        return [e["title"] for e in response.json()["data"]]

    talks, meeting = "Pourparlers américano-russes à Genève", "Réunion du Conseil OTAN-Russie"
    assert titles() == [talks, meeting]
    assert titles(sort="-date") == [meeting, talks]
    assert titles(**{"from": "2022-01-11"}) == [meeting]
    assert titles(to="2022-01-10") == [talks]
    assert titles(**{"from": "2022-01-10", "to": "2022-01-10"}) == [talks]
    assert titles(entity=entity_id(session, RUSSIA)) == [talks, meeting]
    assert titles(entity=[entity_id(session, RUSSIA), entity_id(session, NATO)]) == [meeting]
    assert titles(entity=[entity_id(session, USA), entity_id(session, NATO)]) == []
    assert titles(location=entity_id(session, GENEVA)) == [talks]
    assert titles(type="meeting", status="scheduled") == [meeting]
    assert titles(status="past") == []
    notes = client.get("/v1/events", params={"type": "meeting"}).json()["data"][0]["notes"]
    assert notes == ["first since 2019"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"from": "2022-13-01"}, "from"),
        ({"to": "tomorrow"}, "to"),
        ({"from": "2022-02-01", "to": "2022-01-01"}, "to"),
        ({"status": "cancelled"}, "status"),
        ({"sort": "title"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"entity": "x"}, "entity"),
    ],
)
def test_bad_parameters_are_422_naming_them(
    client: TestClient, params: dict[str, object], name: str
) -> None:
    response = client.get("/v1/events", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert name in response.json()["detail"]


def test_event_as_schema_org_json_ld(client: TestClient, session: Session) -> None:
    build_store(session)
    response = client.get(
        f"/v1/events/{event_id(session)}", headers={"Accept": "application/ld+json"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    doc = response.json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Event"
    assert doc["startDate"] == "2022-01-10"
    assert doc["eventStatus"] == "https://schema.org/EventScheduled"
    assert doc["location"] == {
        "@type": "Place",
        "name": "Geneva",
    }
    assert {"@type": "Place", "name": "Russia"} in doc["about"]
    assert len(doc["subjectOf"]) == 2


def test_icalendar_feed_with_the_same_filters(client: TestClient, session: Session) -> None:
    pytest.importorskip("app.events.ics")
    build_store(session)
    _meeting(session)
    response = client.get("/v1/events.ics", params={"type": "talks"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text.startswith("BEGIN:VCALENDAR")
    assert "Pourparlers américano-russes à Genève" in response.text.replace("\r\n ", "")
    assert "Conseil OTAN-Russie" not in response.text.replace("\r\n ", "")
    assert client.get("/v1/events.ics", params={"status": "x"}).status_code == 422


def test_calendar_route_hands_the_filtered_events_to_the_renderer(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The route's side of the app.events.ics contract, with a stand-in renderer."""
    import sys
    import types
    from dataclasses import dataclass
    from datetime import datetime
    from typing import Any

    @dataclass(frozen=True)
    class IcsEvent:
        id: int
        title: str
        type: str
        date: str
        granularity: str
        location: str | None
        description: str | None
        updated: datetime | None

    received: dict[str, Any] = {}

    def render_calendar(events: Any, *, calendar_name: str, base_url: str) -> bytes:
        received.update(events=list(events), name=calendar_name, base_url=base_url)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    fake = types.ModuleType("app.events.ics")
    fake.IcsEvent = IcsEvent  # type: ignore[attr-defined]
    fake.render_calendar = render_calendar  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.events.ics", fake)
    build_store(session)
    _meeting(session)
    response = client.get("/v1/events.ics", params={"entity": entity_id(session, NATO)})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["etag"].startswith('W/"')
    (event,) = received["events"]
    assert (event.title, event.type, event.date, event.granularity) == (
        "Réunion du Conseil OTAN-Russie",
        "meeting",
        "2022-01-12",
        "day",
    )
    assert event.location is None and event.description == "first since 2019"
    assert event.updated is not None and received["base_url"] == "http://testserver"
