"""GET /v1/events, /v1/events/{id}, its articles, JSON-LD and the iCalendar feed."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.pipeline.types import EventResult, Extraction
from tests.api_data import GENEVA, NATO, RUSSIA, USA, build_store, entity_id, event_id
from tests.clock import pin
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
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = build_store(session)
    pin(monkeypatch, date(2022, 1, 8))
    event = client.get(f"/v1/events/{event_id(session)}").json()
    assert event["title"] == "Pourparlers américano-russes à Genève"
    assert (event["type"], event["date"], event["granularity"]) == ("talks", "2022-01-10", "day")
    assert event["status"] == "scheduled" and event["reported_as"] == "announced"
    assert event["reported_in"]["id"] == ids["second"]  # the most recent article
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


def test_filters_compose_and_sort_by_date(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_store(session)
    _meeting(session)
    pin(monkeypatch, date(2022, 1, 11))  # the talks are over, the meeting to come

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
    assert titles(status="past") == [talks]
    assert titles(date_from="2022-01-11") == [meeting]  # the SPEC name of `from`
    assert titles(date_to="2022-01-10", to="2022-01-10") == [talks]
    assert titles(upcoming="true") == [meeting]
    assert titles(upcoming="true", status="scheduled", to="2022-01-11") == []
    notes = client.get("/v1/events", params={"type": "meeting"}).json()["data"][0]["notes"]
    assert notes == ["first since 2019"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"from": "2022-13-01"}, "from"),
        ({"to": "tomorrow"}, "to"),
        ({"from": "2022-02-01", "to": "2022-01-01"}, "to: 2022-01-01 is before from 2022-02-01"),
        ({"date_from": "2022-02-01", "to": "2022-01-01"}, "to: 2022-01-01 is before date_from"),
        ({"date_from": "2022-02-01", "date_to": "2022-01-01"}, "an empty range"),
        ({"status": "over"}, "status"),
        ({"upcoming": "maybe"}, "upcoming"),
        ({"upcoming": "true", "status": "past"}, "status"),
        ({"date_from": "2022-01-02", "from": "2022-01-03"}, "date_from"),
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
    from icalendar import Calendar

    build_store(session)
    _meeting(session)
    response = client.get("/v1/events.ics", params={"type": "talks"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Pourparlers américano-russes à Genève"
    assert vevent["DTSTART"].dt.isoformat() == "2022-01-10"
    assert str(vevent["LOCATION"]) == "Geneva"
    assert str(vevent["UID"]).startswith("event-") and str(vevent["UID"]).endswith("@newsmeta")
    description = str(vevent["DESCRIPTION"])
    # The evidence sentence of the article that reported the event last.
    assert description.startswith("Les négociations de Genève entre les États-Unis")
    assert "/v1/events/" in description
    assert client.get("/v1/events.ics", params={"status": "x"}).status_code == 422


def test_the_date_range_names_are_those_of_articles_with_documented_aliases(
    client: TestClient,
) -> None:
    """Ranges are ``<field>_from``/``<field>_to`` everywhere; ``from``/``to`` are aliases the
    OpenAPI document names as such (a generated client sees both, and which to prefer)."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/events", "/v1/events.ics"):
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert {"date_from", "date_to", "from", "to"} <= params.keys(), path
        assert params["from"]["description"] == "Alias of `date_from`."
        assert params["to"]["description"] == "Alias of `date_to`."
    articles = {p["name"] for p in paths["/v1/articles"]["get"]["parameters"]}
    assert {"published_from", "published_to", "mentions_date_from", "mentions_date_to"} <= articles
