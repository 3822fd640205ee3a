"""The article detail's fast path answers exactly as the FastAPI route does.

Most API tests share a rolled-back session through a dependency override, which turns
the fast path off; these tests serve a real store (no override) and compare every
answer of the fast path with the route's own, byte for byte and header by header.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.articles.router import get_article
from app.common import fastpath
from app.common.fastpath import FastReads
from app.db import get_session, make_engine, upgrade
from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import
from tests.conftest import SEED_FILE, drop_postgres_database, new_store_url

# Headers that differ between two answers by nature.
VOLATILE = {"x-request-id", "date"}


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A migrated store holding the reference article; (URL, its id)."""
    url = new_store_url(backend, tmp_path)
    upgrade(url)
    engine = make_engine(url)
    report = run_import(
        [str(SEED_FILE)],
        session_factory=lambda: Session(engine, expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=10_000_000,
    )
    assert report.failed == 0, report.failures
    engine.dispose()
    yield url, report.article_ids[0]
    if backend == "postgresql":
        drop_postgres_database(url)


@pytest.fixture
def clients(
    store: tuple[str, int], settings_env: Any
) -> Iterator[tuple[TestClient, TestClient, int]]:
    """(fast path, FastAPI route, article id) over the same store, response cache off."""
    url, article_id = store
    settings_env(database_url=url, response_cache_mb="0")
    from app.main import create_app

    fast_app, route_app = create_app(), create_app()
    # Any dependency override sends every request through FastAPI: this one changes
    # nothing else (the same session per request as the app's own).
    route_app.dependency_overrides[get_session] = get_session
    with TestClient(fast_app) as fast, TestClient(route_app) as route:
        yield fast, route, article_id


def _same(fast: Any, route: Any) -> None:
    assert fast.status_code == route.status_code
    assert fast.content == route.content
    strip = lambda r: {k: v for k, v in r.headers.items() if k not in VOLATILE}  # noqa: E731
    assert strip(fast) == strip(route)


@pytest.mark.parametrize(
    "path_of, headers",
    [
        (lambda i: f"/v1/articles/{i}", {}),
        (lambda i: f"/v1/articles/{i}", {"accept-encoding": "gzip"}),
        (lambda i: f"/v1/articles/{i}", {"accept-encoding": "identity"}),
        (lambda i: "/v1/articles/99999", {}),  # 404 problem+json
        (lambda i: f"/v1/articles/{i}", {"accept": "application/ld+json"}),
        (lambda i: "/v1/articles/0", {}),  # 422: the route's validation
        (lambda i: "/v1/articles/99999999999", {}),  # beyond INTEGER: 422
        (lambda i: f"/v1/articles/{i}?unknown=1", {}),  # 422 unknown parameter
        (lambda i: f"/v1/articles/{i}/", {}),
    ],
)
def test_fast_path_answers_as_the_route(clients: Any, path_of: Any, headers: Any) -> None:
    fast, route, article_id = clients
    path = path_of(article_id)
    _same(fast.get(path, headers=headers), route.get(path, headers=headers))


def test_head_and_conditional_requests(clients: Any) -> None:
    fast, route, article_id = clients
    path = f"/v1/articles/{article_id}"
    _same(fast.head(path), route.head(path))
    etag = fast.get(path).headers["etag"]
    assert etag == route.get(path).headers["etag"]
    not_modified = fast.get(path, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    _same(not_modified, route.get(path, headers={"if-none-match": etag}))


def test_the_fast_path_is_taken_and_counted_under_the_route(clients: Any, monkeypatch: Any) -> None:
    fast, route, article_id = clients
    assert isinstance(fast.app.outer.app.app, FastReads)
    reads: list[int] = []

    def counted(read: Any, engine: Any, ident: int) -> bytes:
        reads.append(ident)
        return read_body(read, engine, ident)

    read_body = fastpath._json_body
    monkeypatch.setattr(fastpath, "_json_body", counted)
    body = fast.get(f"/v1/articles/{article_id}", headers={"accept-encoding": "gzip"})
    assert reads == [article_id]
    route.get(f"/v1/articles/{article_id}")
    fast.get(f"/v1/articles/{article_id}", headers={"accept": "application/ld+json"})
    assert reads == [article_id]  # neither the overridden app nor JSON-LD took it
    assert body.json()["id"] == article_id
    assert body.headers["content-encoding"] == "gzip"
    metrics = fast.get("/metrics").text
    assert 'route="/v1/articles/{article_id}"' in metrics


def test_store_errors_are_the_apps_problems(clients: Any, monkeypatch: Any) -> None:
    """A store that fails answers the app's own problem (503), not a bare 500."""
    from sqlalchemy.exc import OperationalError

    from app.articles import detail

    fast, route, article_id = clients

    def broken(*_: Any, **__: Any) -> Any:
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(detail, "document_on", broken)
    answer = fast.get(f"/v1/articles/{article_id}")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    _same(answer, route.get(f"/v1/articles/{article_id}"))


def test_route_is_declared_once() -> None:
    """The fast path serves the route FastAPI declares (OpenAPI, JSON-LD, fallback)."""
    from app.main import FAST_READS

    assert [r.endpoint for r in FAST_READS] == [get_article]
