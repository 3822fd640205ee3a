"""The article detail's fast path answers exactly as the FastAPI route does.

Most API tests share a rolled-back session through a dependency override, which turns
the fast path off; these tests serve a real store (no override) and compare every
answer of the fast path with the route's own, byte for byte and header by header.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.articles.router import get_article
from app.common import fastpath
from app.common.fastpath import FastReads
from app.config import get_settings
from app.db import get_engine, get_session, make_engine, upgrade
from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import
from tests.conftest import ROOT, SEED_FILE, drop_postgres_database, new_store_url

# Headers that differ between two answers by nature.
VOLATILE = {"x-request-id", "date"}


def _store(backend: str, folder: Path) -> tuple[str, int]:
    """A migrated store holding the reference article and the examples; (URL, its id)."""
    url = new_store_url(backend, folder)
    upgrade(url)
    engine = make_engine(url)
    report = run_import(
        [str(SEED_FILE), str(ROOT / "examples")],
        session_factory=lambda: Session(engine, expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=10_000_000,
    )
    assert report.failed == 0, report.failures
    engine.dispose()
    return url, report.article_ids[0]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Per backend, built on first use and kept for the module (pytest interleaves the
    backends of these parametrised tests): (fast path, FastAPI route, article id) over
    the same store, response cache off."""
    built: dict[str, Any] = {}
    with ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.setenv("NEWSMETA_RESPONSE_CACHE_MB", "0")

        def use(url: str) -> None:
            """The apps read their store from the settings: point them at ``url``."""
            patch.setenv("NEWSMETA_DATABASE_URL", url)
            get_settings.cache_clear()
            get_engine.cache_clear()

        def build(backend: str) -> Any:
            url, article_id = _store(backend, tmp_path_factory.mktemp("fast"))
            if backend == "postgresql":
                stack.callback(drop_postgres_database, url)
            use(url)
            from app.main import create_app

            fast_app, route_app = create_app(), create_app()
            # Any dependency override sends every request through FastAPI: this one
            # changes nothing else (the same session per request as the app's own).
            route_app.dependency_overrides[get_session] = get_session
            fast = stack.enter_context(TestClient(fast_app))
            route = stack.enter_context(TestClient(route_app))
            return fast, route, article_id, url

        built["build"], built["use"] = build, use
        yield built
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def clients(backend: str, served: dict[str, Any]) -> tuple[TestClient, TestClient, int]:
    if backend not in served:
        served[backend] = served["build"](backend)
    fast, route, article_id, url = served[backend]
    if served.get("current") != backend:
        served["use"](url)
        served["current"] = backend
    assert str(get_engine().url.get_backend_name()) == backend
    return fast, route, article_id


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
    answer = fastpath.FastRead.answer

    def counted(read: Any, engine: Any, ident: int, scope: Any) -> Any:
        reads.append(ident)
        return answer(read, engine, ident, scope)

    monkeypatch.setattr(fastpath.FastRead, "answer", counted)
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
    from app.articles.fast import FAST_READS
    from app.articles.router import list_articles

    assert [r.endpoint for r in FAST_READS] == [get_article, list_articles]


def test_fast_routes_skip_no_dependency_that_matters() -> None:
    """The fast path skips the routes' dependencies: each one it skips must be one whose
    work it does itself. A new dependency on these routes (say, authentication for
    reads) fails here until the fast path learns it."""
    from app.articles.fast import FAST_READS
    from app.common.fastpath import _api_routes
    from app.common.pagination import page_params
    from app.common.params import forbid_unknown_query_params
    from app.main import create_app

    known = {forbid_unknown_query_params, get_session, page_params}

    def calls(dependant: Any) -> set[Any]:
        found = {dependant.call} if dependant.call else set()
        for sub in dependant.dependencies:
            found |= calls(sub)
        return found

    routes = {r.endpoint: r for r in _api_routes(create_app().routes)}
    for read in FAST_READS:
        route = routes[read.endpoint]
        assert calls(route.dependant) - {read.endpoint} <= known, route.path


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?limit=2",
        "?limit=100",
        "?q=OTAN",
        "?q=conseil&limit=1",
        '?q="conseil OTAN-Russie"',
        "?q=otan*",
        "?q=introuvablexyz",
        "?q=%20",
        "?q=",  # the route's (empty means no search)
        "?entity=1",
        "?entity=1&q=Russie",
        "?entity=99999",
        "?limit=0",
        "?limit=101",
        "?limit=5&limit=6",
        "?limit=abc",
        "?cursor=garbage",
        "?language=fr",
        "?q=a%00b",
        "?unknown=1",
        "?q=" + "x" * 501,
        "?q=AND",
    ],
)
def test_list_fast_path_answers_as_the_route(clients: Any, query: str) -> None:
    fast, route, _ = clients
    _same(fast.get("/v1/articles" + query), route.get("/v1/articles" + query))


def test_list_pages_follow_the_same_cursors(clients: Any) -> None:
    fast, route, _ = clients
    for first in ("/v1/articles?limit=1", "/v1/articles?limit=1&q=Russie"):
        path, pages = first, 0
        while path:
            a, b = fast.get(path), route.get(path)
            _same(a, b)
            pages += 1
            link = a.headers.get("link")
            path = link[1 : link.index(">")] if link else ""
        assert pages > 1


def test_postgresql_fast_reads_run_outside_a_transaction(backend: str, clients: Any) -> None:
    """No ``BEGIN`` and no ``ROLLBACK`` round trips: each statement of a fast read runs
    in autocommit (two of the three round trips a detail cost)."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL round trips")
    import psycopg
    from sqlalchemy import event

    fast, _, article_id = clients
    statuses: list[Any] = []

    def after(conn: Any, *_: Any) -> None:
        statuses.append(conn.connection.dbapi_connection.info.transaction_status)

    engine = get_engine()
    event.listen(engine, "after_cursor_execute", after)
    try:
        assert fast.get(f"/v1/articles/{article_id}").status_code == 200
        assert fast.get("/v1/articles", params={"q": "OTAN"}).status_code == 200
    finally:
        event.remove(engine, "after_cursor_execute", after)
    assert len(statuses) >= 3
    assert set(statuses) == {psycopg.pq.TransactionStatus.IDLE}
