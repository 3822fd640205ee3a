"""NEWSMETA_READ_DATABASE_URL: reads from the replica, writes (and the read of what a
write wrote) on the primary. No replica here: the "replica" is a second store, so each
answer shows which one served it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.db import engine_for, get_engine, get_read_engine, make_engine, upgrade
from tests.conftest import drop_postgres_database, new_store_url
from tests.factories import make_article

ARTICLE = {
    "url": "https://example.org/primaire",
    "title": "Écrit sur le primaire",
    "text": "Un article écrit par l'API, lu aussitôt après sur le primaire.",
    "published_at": "2022-01-07",
    "language": "fr",
}


@pytest.fixture
def two_stores(backend: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    urls = [new_store_url(backend, tmp_path) for _ in range(2)]
    for url, title in zip(urls, ("Sur le primaire", "Sur la réplique"), strict=True):
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            make_article(session, title=title)
            session.commit()
        engine.dispose()
    yield urls[0], urls[1]
    if backend == "postgresql":
        for url in urls:
            drop_postgres_database(url)


def test_reads_go_to_the_replica_and_writes_to_the_primary(
    two_stores: tuple[str, str], settings_env: Callable[..., None]
) -> None:
    primary, replica = two_stores
    settings_env(
        database_url=primary, read_database_url=replica, api_keys="KEY", write_rate_limit="0"
    )
    assert engine_for("GET") is get_read_engine() is not get_engine()
    assert engine_for("POST") is get_engine() and engine_for("DELETE") is get_engine()
    from app.main import create_app

    with TestClient(create_app()) as client:
        titles = [a["title"] for a in client.get("/v1/articles").json()["data"]]
        assert titles == ["Sur la réplique"]
        # POST writes to the primary, and its answer (read after the write) comes from it.
        created = client.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": "KEY"})
        assert created.status_code == 201, created.text
        assert created.json()["title"] == "Écrit sur le primaire"
        # The replica has not got it (no replication here): a GET reads the replica.
        assert client.get(created.headers["location"]).status_code == 404
        # The change feed's writes are on the primary too; its reads on the replica.
        feed = client.get("/v1/changes").json()["data"]  # the replica's one article
        assert [(c["resource"], c["kind"]) for c in feed] == [("article", "created")]
    with Session(make_engine(primary)) as session:
        from sqlalchemy import func, select

        from app.articles.models import Article
        from app.changes.models import Change

        assert session.scalar(select(func.count()).select_from(Article)) == 2
        kinds = session.execute(select(Change.resource, Change.kind)).all()
        assert kinds.count(("article", "created")) == 2


def test_without_a_replica_reads_use_the_store(
    database_url: str, settings_env: Callable[..., None]
) -> None:
    settings_env(database_url=database_url, read_database_url="")
    assert get_read_engine() is get_engine() is engine_for("GET")
