"""The response cache over stores that really commit, on SQLite and PostgreSQL.

A hit must be byte-for-byte the response a miss gave, and nothing may be served after
a commit changed it: the importer's own load code commits from another connection
here, as a second process would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.common.response_cache import POLL_SECONDS, Doorkeeper, Entry, ResponseCache
from app.db import make_engine, upgrade
from tests.conftest import drop_postgres_database, new_store_url
from tests.factories import make_article

KEY = "cache-test-key"
# PostgreSQL notices another process's commit within POLL_SECONDS (0.2 s).
NOTICE_WITHIN = 3.0


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[str]:
    url = new_store_url(backend, tmp_path)
    upgrade(url)
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


def _commit_article(url: str, **values: str) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            article_id = make_article(session, **values)
            session.commit()
        return article_id
    finally:
        engine.dispose()


def _execute(url: str, statement: str, **params: object) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


@pytest.fixture
def api(store: str, settings_env: Callable[..., None]) -> Iterator[TestClient]:
    settings_env(database_url=store, response_cache_mb="8", api_keys=KEY, write_rate_limit="0")
    from app.main import create_app

    with TestClient(create_app()) as client:
        yield client


def _get_until(client: TestClient, path: str, cached: str) -> object:
    """GET until the response is ``cached`` (PostgreSQL starts caching after one poll)."""
    deadline = time.monotonic() + NOTICE_WITHIN
    while True:
        response = client.get(path)
        if response.headers.get("x-cache") == cached or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_a_hit_is_the_response_the_miss_gave(api: TestClient, store: str) -> None:
    article_id = _commit_article(store, title="Sommet à Genève")
    path = f"/v1/articles/{article_id}"
    first = _get_until(api, path, "miss")
    hit = _get_until(api, path, "hit")
    assert first.headers["x-cache"] == "miss" and hit.headers["x-cache"] == "hit"  # type: ignore[attr-defined]
    assert hit.content == first.content  # type: ignore[attr-defined]
    for name in ("etag", "content-type", "content-length", "cache-control", "vary"):
        assert hit.headers[name] == first.headers[name]  # type: ignore[attr-defined]
    assert hit.headers["x-request-id"] != first.headers["x-request-id"]  # type: ignore[attr-defined]

    not_modified = api.get(path, headers={"If-None-Match": hit.headers["etag"]})  # type: ignore[attr-defined]
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["x-cache"] == "hit"
    head = api.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == first.headers["content-length"]  # type: ignore[attr-defined]


def test_a_commit_from_another_connection_is_never_served_stale(
    api: TestClient, store: str
) -> None:
    article_id = _commit_article(store, title="Titre d'origine")
    path = f"/v1/articles/{article_id}"
    assert _get_until(api, path, "hit").json()["title"] == "Titre d'origine"  # type: ignore[attr-defined]
    listed = _get_until(api, "/v1/articles", "hit")
    assert [a["title"] for a in listed.json()["data"]] == ["Titre d'origine"]  # type: ignore[attr-defined]

    _execute(store, "UPDATE article SET title = :t WHERE id = :i", t="Titre corrigé", i=article_id)
    second = _commit_article(store, title="Un autre article")

    deadline = time.monotonic() + NOTICE_WITHIN
    while api.get(path).json()["title"] != "Titre corrigé":
        assert time.monotonic() < deadline, "the commit was not noticed"
        time.sleep(0.05)
    titles = {a["id"]: a["title"] for a in api.get("/v1/articles").json()["data"]}
    assert titles == {article_id: "Titre corrigé", second: "Un autre article"}


def test_how_soon_a_commit_is_noticed(api: TestClient, store: str, backend: str) -> None:
    """SQLite: at once (data_version on every lookup); PostgreSQL: within a poll or two."""
    article_id = _commit_article(store)
    path = f"/v1/articles/{article_id}"
    assert _get_until(api, path, "hit").headers["x-cache"] == "hit"  # type: ignore[attr-defined]
    _execute(store, "UPDATE article SET title = 'Changé' WHERE id = :i", i=article_id)
    if backend == "postgresql":
        time.sleep(3 * POLL_SECONDS)
    fresh = api.get(path)
    assert fresh.headers["x-cache"] == "miss" and fresh.json()["title"] == "Changé"


def test_a_delete_through_the_api_is_seen_at_once(api: TestClient, store: str) -> None:
    article_id = _commit_article(store)
    path = f"/v1/articles/{article_id}"
    assert _get_until(api, path, "hit").status_code == 200  # type: ignore[attr-defined]
    deleted = api.delete(path, headers={"Authorization": f"Bearer {KEY}"})
    assert deleted.status_code == 204
    gone = api.get(path)
    assert gone.status_code == 404
    assert gone.headers["content-type"] == "application/problem+json"


def test_errors_are_not_stored(api: TestClient, store: str) -> None:
    _commit_article(store)
    for _ in range(3):
        missing = api.get("/v1/articles/999999")
        assert missing.status_code == 404 and missing.headers.get("x-cache") != "hit"
        bad = api.get("/v1/articles?limit=0")
        assert bad.status_code == 422 and bad.headers.get("x-cache") != "hit"


def test_variants_are_kept_apart(api: TestClient, store: str) -> None:
    article_id = _commit_article(store, body="Un corps assez long. " * 200)
    path = f"/v1/articles/{article_id}"
    zipped = _get_until(api, path, "hit")  # the test client accepts gzip
    assert zipped.headers["content-encoding"] == "gzip"  # type: ignore[attr-defined]
    plain = api.get(path, headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("content-encoding") is None
    assert plain.headers["x-cache"] == "miss" and plain.json() == zipped.json()  # type: ignore[attr-defined]
    linked = api.get(path, headers={"Accept": "application/ld+json"})
    assert linked.json()["@type"] == "NewsArticle"
    assert api.get(path).json()["id"] == article_id
    # CORS requests and explicit no-cache skip it.
    assert "x-cache" not in api.get(path, headers={"Origin": "https://example.org"}).headers
    assert "x-cache" not in api.get(path, headers={"Cache-Control": "no-cache"}).headers


def test_off_when_its_size_is_zero(store: str, settings_env: Callable[..., None]) -> None:
    settings_env(database_url=store, response_cache_mb="0")
    from app.main import create_app

    article_id = _commit_article(store)
    with TestClient(create_app()) as client:
        for _ in range(2):
            assert "x-cache" not in client.get(f"/v1/articles/{article_id}").headers


def test_least_recently_used_entries_go_first() -> None:
    cache = ResponseCache(lambda: 1, max_bytes=8 * 1000)

    def entry(size: int) -> Entry:
        return Entry(200, [], b"x" * size, None, None)

    version = cache.version()
    assert version == 1
    for name in "abcdefgh":
        cache.put((name,), entry(900), version)
    assert cache.get(("a",)) is not None  # a is now the most recently used
    cache.put(("i",), entry(900), version)
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None
    cache.put(("huge",), entry(5000), version)  # over an eighth of the cache: not kept
    assert cache.get(("huge",)) is None


def test_a_response_computed_across_a_commit_is_not_stored() -> None:
    versions = iter([1, 1, 2, 2])
    cache = ResponseCache(lambda: next(versions), max_bytes=10_000)
    version = cache.version()  # 1: read before the response is computed
    cache.put(("a",), Entry(200, [], b"old", None, None), version)  # the store is at 2 now
    assert cache.version() == 2 and cache.get(("a",)) is None


def test_a_response_is_kept_from_its_second_request(api: TestClient, store: str) -> None:
    """Asked once, a read is not stored (random traffic would only churn the cache);
    asked again, it is, and the third request is a hit."""
    article_id = _commit_article(store)
    path = f"/v1/articles/{article_id}"
    _get_until(api, "/v1/articles?limit=1", "hit")  # PostgreSQL: the first poll is done
    answers = [api.get(path).headers["x-cache"] for _ in range(2)]
    assert answers == ["miss", "miss"]
    assert _get_until(api, path, "hit").headers["x-cache"] == "hit"  # type: ignore[attr-defined]


def test_the_doorkeeper_forgets_after_two_generations() -> None:
    doorkeeper = Doorkeeper(size=4)
    assert not doorkeeper.seen_before(("a",))
    assert doorkeeper.seen_before(("a",))
    for name in "bcd":  # the fourth key fills the generation: "a" moves to the previous one
        doorkeeper.seen_before((name,))
    assert doorkeeper.seen_before(("a",))
    for name in "efgh":  # a second full generation: "a" is forgotten
        doorkeeper.seen_before((name,))
    assert not doorkeeper.seen_before(("a",))
