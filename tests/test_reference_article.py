"""The first acceptance test: the reference article gives its gold (tests/data/seed/expected.json).

Imported through the real importer into each store, then read back through the API,
as a user of the service would see it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import
from tests.clock import pin
from tests.conftest import SEED_FILE, SEED_GOLD

GOLD = SEED_GOLD


def _import_and_get(client: TestClient, session_factory, published: date | None) -> dict[str, Any]:
    report = run_import(
        [str(SEED_FILE)],
        session_factory=session_factory,
        defaults=ImportDefaults(published_at=published),
        max_bytes=10_000_000,
    )
    assert report.failed == 0, report.failures
    response = client.get(f"/v1/articles/{report.article_ids[0]}")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def article(client: TestClient, session_factory) -> dict[str, Any]:
    return _import_and_get(client, session_factory, date(2022, 1, 7))


def _body_items(article: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The items found in the body: the gold annotates the body (the title and the
    standfirst are analysed too, their items say so with ``field``)."""
    return [item for item in article[kind] if item.get("field", "body") == "body"]


def test_offsets_point_into_their_field(article: dict[str, Any]) -> None:
    for kind in ("mentions", "dates", "quotes"):
        for item in article[kind]:
            text = article[item["field"]]
            assert text[item["start"] : item["end"]] == item["text"], (kind, item)
    assert _body_items(article, "mentions")


def test_entities(article: dict[str, Any], client: TestClient) -> None:
    by_name: dict[str, dict[str, Any]] = {}
    surfaces: dict[str, set[str]] = {}
    for mention in _body_items(article, "mentions"):
        by_name[mention["entity"]["name"]] = mention["entity"]
        surfaces.setdefault(mention["entity"]["name"], set()).add(mention["text"])
    for gold in GOLD["entities"]["must"] + GOLD["entities"]["should"]:
        entity = by_name.get(gold["name"])
        assert entity is not None, gold["name"]
        assert entity["type"] == gold["type"], gold["name"]
        # "l'OTAN" is stored as the mention "OTAN": the elision is not part of the name.
        expected = {s.removeprefix("l'") for s in gold["surface"]}
        assert expected <= surfaces[gold["name"]], (gold["name"], surfaces[gold["name"]])
    names = set(by_name) | {m["text"] for m in article["mentions"]}
    assert not names & set(GOLD["entities"]["must_not_names"])


def test_quotes(article: dict[str, Any]) -> None:
    direct = [q for q in _body_items(article, "quotes") if q["kind"] == "direct"]
    for gold in GOLD["quotes"]["must"]:
        match = [q for q in direct if q["text"].startswith(gold["text_starts_with"])]
        assert len(match) == 1, gold["text_starts_with"]
        assert match[0]["speaker"]["name"] == gold["speaker"]
    # The title repeats the first quote, attributed to "chef de l'OTAN": the person the
    # body introduces as the bloc's chief (the gold's notes accept it as his).
    [title] = [q for q in article["quotes"] if q["field"] == "title"]
    assert title["text"] == "Le risque de conflit est réel"
    assert title["speaker"]["name"] == GOLD["quotes"]["must"][0]["speaker"]
    assert title["speaker_text"] == "chef de l'OTAN"
    for quote in article["quotes"]:
        for scare in GOLD["quotes"]["must_not_text"]:
            assert quote["text"] != scare and not (
                quote["kind"] == "direct" and len(quote["text"]) < 40 and scare in quote["text"]
            )


def test_dates(article: dict[str, Any]) -> None:
    found = [(d["text"], d["value"]) for d in _body_items(article, "dates")]
    for gold in GOLD["dates"]["must"]:
        assert found.count((gold["text"], gold["value"])) == gold.get("count", 1), gold


def test_dates_without_a_publication_date(client: TestClient, session_factory) -> None:
    article = _import_and_get(client, session_factory, None)
    found = {(d["text"], d["value"]) for d in article["dates"]}
    for gold in GOLD["dates"]["without_published_at"]:
        assert (gold["text"], gold["value"]) in found


def test_events(
    article: dict[str, Any], client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The gold's status is the one on the article's day (2022-01-07): a reader of the
    # day sees it; what the article said stays ``reported_as`` on any day.
    pin(monkeypatch, date(2022, 1, 7))
    events = [client.get(f"/v1/events/{e['id']}").json() for e in article["events"]]
    for gold in GOLD["events"]["must"]:
        match = [e for e in events if e["type"] == gold["type"] and e["date"] == gold["date"]]
        assert len(match) == 1, gold
        event = match[0]
        assert event["status"] == gold["status"]
        assert event["reported_as"] == {"scheduled": "announced", "past": "held"}[gold["status"]]
        assert event["reported_in"]["id"] == article["id"]
        assert {p["name"] for p in event["participants"]} >= set(gold["participants"])
        if "location" in gold:
            assert event["location"]["name"] == gold["location"]
        if "notes_contain" in gold:
            assert any(gold["notes_contain"] in note for note in event["notes"])
        for related in gold.get("related_entities", []):
            assert related in {r["name"] for r in event["related"]}
        assert [a["id"] for a in event["articles"]] == [article["id"]]


def test_event_statuses_are_those_of_the_day_of_the_request(
    article: dict[str, Any], client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years later the announced talks and meeting are over; what the article said stays."""
    pin(monkeypatch, date(2026, 12, 3))
    for gold in GOLD["events"]["must"]:
        found = client.get("/v1/events", params={"type": gold["type"], "from": gold["date"]})
        event = next(e for e in found.json()["data"] if e["date"] == gold["date"])
        assert (event["status"], event["reported_as"]) == ("past", "announced")
