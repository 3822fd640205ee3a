"""Change-feed tests run over stores that really commit (the feed is about commits)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.db import make_engine, upgrade
from tests.conftest import drop_postgres_database, new_store_url


@pytest.fixture
def store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh migrated store of ``backend``, dropped afterwards."""
    url = new_store_url(backend, tmp_path)
    upgrade(url)
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


@pytest.fixture
def store_engine(store_url: str) -> Iterator[Engine]:
    engine = make_engine(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def feed_client(store_url: str, settings_env: Callable[..., None]) -> Iterator[TestClient]:
    """The app over the committed store, with writes allowed (key ``KEY``)."""
    settings_env(database_url=store_url, api_keys="KEY", write_rate_limit="0")
    from app.main import create_app

    with TestClient(create_app()) as client:
        yield client


def follow(
    client: TestClient, since: str | None = None, **params: Any
) -> tuple[list[dict[str, Any]], str]:
    """Every change after ``since``, page by page; returns them and the last cursor."""
    changes: list[dict[str, Any]] = []
    cursor = since
    while True:
        query: dict[str, Any] = {"limit": 50, **params}
        if cursor is not None:
            query["since"] = cursor
        response = client.get("/v1/changes", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        changes += page["data"]
        if not page["data"]:
            return changes, page["next_cursor"]
        cursor = page["next_cursor"]


def committed(engine: Engine, write: Callable[[Session], Any]) -> Any:
    with Session(engine, expire_on_commit=False) as session:
        result = write(session)
        session.commit()
        return result
