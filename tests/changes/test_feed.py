"""GET /v1/changes: what the store stage records, in commit order, on both stores."""

from __future__ import annotations

import time
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlmodel import Session

from app.changes import service
from app.changes.models import Change
from app.common.models import utcnow
from app.pipeline.store import load
from app.pipeline.types import Extraction
from tests.api_data import build_store
from tests.changes.conftest import committed, follow
from tests.factories import clean_article

AUTH = {"X-API-Key": "KEY"}


def _kinds(changes: list[dict]) -> set[tuple[str, str]]:
    return {(c["resource"], c["kind"]) for c in changes}


def test_an_import_is_one_created_change_per_resource(
    feed_client: TestClient, store_engine: Engine
) -> None:
    ids = committed(store_engine, build_store)
    changes, cursor = follow(feed_client)
    assert [c["id"] for c in changes] == sorted(c["id"] for c in changes)
    created = {(c["resource"], c["resource_id"]) for c in changes if c["kind"] == "created"}
    assert {
        ("article", ids["first"]),
        ("article", ids["second"]),
        ("article", ids["unrelated"]),
    } <= created
    assert _kinds(changes) == {("article", "created"), ("entity", "created"),
                               ("quote", "created"), ("event", "created")}  # fmt: skip
    # One change per resource in a transaction: created then recounted is still "created".
    assert len({(c["resource"], c["resource_id"]) for c in changes}) == len(changes)
    for change in changes:  # every URL is the resource
        assert feed_client.get(change["url"]).status_code == 200, change
    assert follow(feed_client, cursor)[0] == []
    assert cursor == str(changes[-1]["id"])


def test_update_and_delete_are_changes_too(feed_client: TestClient, store_engine: Engine) -> None:
    ids = committed(store_engine, build_store)
    _, cursor = follow(feed_client)
    # A new version of the first article: its old quote goes, the entities are recounted.
    with Session(store_engine) as session:
        url = "https://example.org/otan-risque-conflit"
        load.store_article(session, clean_article(url=url, body="Texte tout neuf."), Extraction())
        session.commit()
    changes, cursor = follow(feed_client, cursor)
    assert ("article", ids["first"], "updated") in {
        (c["resource"], c["resource_id"], c["kind"]) for c in changes
    }
    assert ("quote", "deleted") in _kinds(changes) and ("entity", "updated") in _kinds(changes)
    assert all(c["url"] is None for c in changes if c["kind"] == "deleted")

    assert feed_client.delete(f"/v1/articles/{ids['second']}", headers=AUTH).status_code == 204
    changes, cursor = follow(feed_client, cursor)
    triples = {(c["resource"], c["resource_id"], c["kind"]) for c in changes}
    assert ("article", ids["second"], "deleted") in triples
    # The Geneva talks lost their last article: the event is gone.
    assert ("event", "deleted") in _kinds(changes)
    assert feed_client.delete(f"/v1/articles/{ids['second']}", headers=AUTH).status_code == 404
    assert follow(feed_client, cursor)[0] == []


def test_a_rolled_back_write_leaves_no_change(
    feed_client: TestClient, store_engine: Engine
) -> None:
    _, cursor = follow(feed_client)
    with Session(store_engine) as session:
        load.store_article(session, clean_article(), Extraction())
        session.rollback()
        session.commit()
    assert follow(feed_client, cursor)[0] == []
    # A savepoint rolled back drops its own changes only.
    with Session(store_engine) as session:
        before = session.scalar(select(func.count()).select_from(Change))
        kept = load.store_article(session, clean_article(), Extraction()).id
        savepoint = session.begin_nested()
        load.store_article(session, clean_article(), Extraction())
        savepoint.rollback()
        released = session.begin_nested()
        also = load.store_article(session, clean_article(), Extraction()).id
        released.commit()
        # A savepoint's release writes nothing yet: the rows are numbered at the commit.
        assert session.scalar(select(func.count()).select_from(Change)) == before
        session.commit()
    changes, _ = follow(feed_client, cursor)
    assert [(c["resource_id"], c["kind"]) for c in changes] == [
        (kept, "created"),
        (also, "created"),
    ]


def test_long_poll_waits_for_the_next_commit(feed_client: TestClient, store_engine: Engine) -> None:
    _, cursor = follow(feed_client)
    started = time.monotonic()
    response = feed_client.get("/v1/changes", params={"since": cursor, "wait": 1})
    assert response.status_code == 200 and response.json()["data"] == []
    assert 0.9 <= time.monotonic() - started < 15  # generous: a loaded machine
    assert response.json()["next_cursor"] == cursor
    assert response.headers["cache-control"] == "no-cache"

    import threading

    def write_soon() -> None:
        time.sleep(0.5)
        committed(store_engine, lambda s: load.store_article(s, clean_article(), Extraction()))

    writer = threading.Thread(target=write_soon)
    writer.start()
    started = time.monotonic()
    response = feed_client.get("/v1/changes", params={"since": cursor, "wait": 20})
    elapsed = time.monotonic() - started
    writer.join()
    assert [c["kind"] for c in response.json()["data"]] == ["created"]
    assert 0.4 < elapsed < 15  # well before the 20 s wait ends


def test_latest_and_a_pruned_cursor(feed_client: TestClient, store_engine: Engine) -> None:
    for _ in range(3):
        committed(store_engine, lambda s: load.store_article(s, clean_article(), Extraction()))
    changes, _ = follow(feed_client)
    latest = feed_client.get("/v1/changes", params={"since": "latest"}).json()
    assert latest == {"data": [], "next_cursor": str(changes[-1]["id"])}
    # The first two are older than the retention: pruned.
    with Session(store_engine) as session:
        old = utcnow() - timedelta(days=31)
        session.execute(update(Change).where(Change.id <= changes[1]["id"]).values(changed_at=old))
        assert service.prune(session, retention_days=30) == 2
        session.commit()
        assert list(session.scalars(select(Change.id))) == [changes[2]["id"]]
    started = time.monotonic()
    expired = feed_client.get("/v1/changes", params={"since": changes[0]["id"], "wait": 10})
    assert expired.status_code == 410
    assert time.monotonic() - started < 8  # said at once, not after the 10 s wait
    assert expired.headers["content-type"] == "application/problem+json"
    assert "since=latest" in expired.json()["detail"]
    assert expired.json()["type"].endswith("/cursor-expired")
    # From the pruned horizon on, nothing was missed; no `since`: the oldest change kept.
    ok = feed_client.get("/v1/changes", params={"since": changes[1]["id"]})
    assert [c["id"] for c in ok.json()["data"]] == [changes[2]["id"]]
    assert [c["id"] for c in follow(feed_client)[0]] == [changes[2]["id"]]


def test_bad_parameters_are_problems(feed_client: TestClient) -> None:
    for params in ({"since": "abc"}, {"wait": 31}, {"limit": 0}, {"since": "-1"}, {"x": 1}):
        response = feed_client.get("/v1/changes", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
