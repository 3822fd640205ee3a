"""Database faults: PostgreSQL goes away while the API serves, then comes back.

The real server is shared with other runs, so it is never stopped: the app talks to
it through a loopback proxy (``proxy.TcpProxy``) that the test stops and restarts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.db import get_engine, get_session, upgrade
from app.main import create_app
from tests.conftest import drop_postgres_database, new_store_url
from tests.reliability.proxy import TcpProxy, free_port

CONNECT_TIMEOUT = 2  # seconds; libpq's smallest


@pytest.fixture
def pg_store(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A fresh migrated PostgreSQL store (skipped without a test server)."""
    url = new_store_url("postgresql", tmp_path)
    upgrade(url)
    yield url
    drop_postgres_database(url)


@pytest.fixture
def proxy(pg_store: str) -> Iterator[TcpProxy]:
    parsed = make_url(pg_store)
    forwarder = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    forwarder.start()
    yield forwarder
    forwarder.stop()


def _via(url: str, port: int) -> str:
    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def _timed_get(client: TestClient, path: str) -> tuple[int, float, dict[str, str], dict]:  # type: ignore[type-arg]
    started = time.monotonic()
    response = client.get(path)
    elapsed = time.monotonic() - started
    return response.status_code, elapsed, dict(response.headers), response.json()


def _assert_unavailable(client: TestClient, path: str, *, within: float) -> None:
    status, elapsed, headers, body = _timed_get(client, path)
    assert status == 503, body
    assert headers["content-type"] == "application/problem+json"
    assert int(headers["retry-after"]) > 0
    assert body["status"] == 503 and "Traceback" not in str(body)
    assert elapsed < within, f"{path} took {elapsed:.1f}s"


def test_api_fails_fast_while_postgres_is_down_and_recovers_without_restart(
    pg_store: str, proxy: TcpProxy, settings_env: Callable[..., None]
) -> None:
    settings_env(
        database_url=_via(pg_store, proxy.port),
        db_connect_timeout=str(CONNECT_TIMEOUT),
        db_pool_timeout="2",
    )
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        # Up: the pool holds live connections through the proxy.
        assert client.get("/v1/articles").status_code == 200
        assert client.get("/readyz").status_code == 200

        # Phase 1, down (listener closed, connections killed): pre-ping finds the
        # pooled connection dead, the reconnect is refused, the answer is a fast 503.
        proxy.stop()
        for _ in range(3):
            _assert_unavailable(client, "/v1/articles", within=CONNECT_TIMEOUT)
        _assert_unavailable(client, "/v1/articles/1", within=CONNECT_TIMEOUT)
        _assert_unavailable(client, "/readyz", within=CONNECT_TIMEOUT)
        assert client.get("/healthz").status_code == 200  # the process itself is fine

        # Phase 1b, hung (connections accepted, never answered): bounded by the
        # connect timeout, not by TCP's minutes.
        proxy.start(blackhole=True)
        _assert_unavailable(client, "/v1/articles", within=CONNECT_TIMEOUT + 3)
        _assert_unavailable(client, "/readyz", within=CONNECT_TIMEOUT + 3)
        proxy.stop()

        # Phase 2, back on the same port: the same app serves again, no restart.
        proxy.start()
        assert client.get("/v1/articles").status_code == 200
        assert client.get("/readyz").json()["status"] == "ready"

        # A restart between two requests is invisible: pre-ping replaces the pooled
        # connection the restart killed, so even the first request after it succeeds.
        proxy.stop()
        proxy.start()
        assert client.get("/v1/articles").status_code == 200


def test_a_refusing_port_is_a_fast_503(pg_store: str, settings_env: Callable[..., None]) -> None:
    settings_env(database_url=_via(pg_store, free_port()), db_connect_timeout="5")
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        _assert_unavailable(client, "/v1/articles", within=1.5)
        _assert_unavailable(client, "/v1/articles?q=OTAN", within=1.5)
        _assert_unavailable(client, "/readyz", within=1.5)


def test_statement_timeout_caps_a_slow_statement(
    pg_store: str, settings_env: Callable[..., None]
) -> None:
    settings_env(database_url=pg_store, db_statement_timeout="0.3")
    started = time.monotonic()
    with pytest.raises(OperationalError), get_engine().connect() as connection:
        connection.execute(text("SELECT pg_sleep(5)"))
    assert time.monotonic() - started < 2
    get_engine().dispose()


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("SELECT 1", {}, Exception("server closed the connection")),
        InterfaceError("SELECT 1", {}, Exception("lost"), connection_invalidated=True),
        DBAPIError("SELECT 1", {}, Exception("consuming input"), connection_invalidated=True),
        PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
    ],
    ids=["operational", "interface-invalidated", "dbapi-invalidated", "pool-timeout"],
)
def test_every_lost_connection_error_is_a_503(
    error: Exception, settings_env: Callable[..., None]
) -> None:
    """What psycopg and the pool raise when the link dies mid-request: 503, never 500."""

    def lost() -> Iterator[None]:
        raise error
        yield  # pragma: no cover

    settings_env(database_url="sqlite://")
    app = create_app()
    app.dependency_overrides[get_session] = lost
    response = TestClient(app, raise_server_exceptions=False).get("/v1/articles")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
