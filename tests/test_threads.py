"""Handler threads: 2 on SQLite, anyio's pool on PostgreSQL, writes in threads of their own."""

from __future__ import annotations

from collections.abc import Callable

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from app.common import threads


def _tokens(client: TestClient) -> float:
    assert client.portal is not None
    return client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)


def test_handler_threads_follow_the_store(client: TestClient, database_url: str) -> None:
    expected = threads.SQLITE_HANDLER_THREADS if database_url.startswith("sqlite") else 40
    assert _tokens(client) == expected
    state = client.app.state  # type: ignore[attr-defined]
    assert state.write_limiter.total_tokens == threads.WRITE_THREADS


@pytest.mark.parametrize("setting", [1, 8])
def test_handler_threads_can_be_set(
    database_url: str, settings_env: Callable[..., None], setting: int
) -> None:
    settings_env(database_url=database_url, api_threads=setting)
    from app.main import create_app

    with TestClient(create_app()) as client:
        assert _tokens(client) == setting
        assert client.get("/healthz").status_code == 200
