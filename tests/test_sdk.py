"""A Python SDK generated from the live OpenAPI document works against a running server."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from app.db import make_engine, upgrade
from tests.api_data import build_store
from tests.live_server import serving

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on a free loopback port over a temporary SQLite store with a few articles."""
    folder = tmp_path_factory.mktemp("sdk")
    url = f"sqlite:///{folder / 'store.db'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        build_store(session)
        session.commit()
    engine.dispose()
    env = {
        "NEWSMETA_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "NEWSMETA_LOG_LEVEL": "WARNING",
    }
    with serving([sys.executable, "-m", "app"], env=env, cwd=folder) as base:
        yield base


@pytest.fixture(scope="module")
def sdk(server: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The client package openapi-python-client generates from the server's /openapi.json."""
    generator = BIN / "openapi-python-client"
    if not generator.exists():
        pytest.skip("openapi-python-client is not installed")
    folder = tmp_path_factory.mktemp("client")
    spec = folder / "openapi.json"
    spec.write_bytes(httpx.get(f"{server}/openapi.json").content)
    result = subprocess.run(
        [
            *(str(generator), "generate", "--path", str(spec), "--meta", "none"),
            *("--output-path", str(folder / "newsmeta_client"), "--fail-on-warning"),
        ],
        capture_output=True,
        text=True,
        env=os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("newsmeta_client")
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.startswith("newsmeta_client")]:
            del sys.modules[name]


def test_generated_sdk_lists_gets_filters_and_paginates(sdk: Any, server: str) -> None:
    from importlib import import_module

    api = lambda name: import_module(f"newsmeta_client.api.{name}")  # noqa: E731
    models = import_module("newsmeta_client.models")
    client = sdk.Client(base_url=server, raise_on_unexpected_status=True)

    articles = api("articles.list_articles")
    first = articles.sync(client=client, limit=2)
    assert isinstance(first, models.PageArticleRead) and len(first.data) == 2
    rest = articles.sync(client=client, limit=2, cursor=first.next_cursor)
    titles = [a.title for a in first.data + rest.data]
    assert titles[-1].startswith("« Le risque de conflit est réel »")
    assert rest.next_cursor is None

    found = articles.sync(client=client, q="négociations", published_from=date(2022, 1, 8))
    assert [a.title for a in found.data] == ["Négociations à Genève"]
    assert "<mark>" in found.data[0].snippet

    detail = api("articles.get_article").sync(article_id=rest.data[-1].id, client=client)
    assert isinstance(detail, models.ArticleDetail)
    assert {m.entity.name for m in detail.mentions} >= {"NATO", "Geneva"}
    assert detail.quotes[0].speaker.name == "Jens Stoltenberg"

    missing = api("articles.get_article").sync(article_id=999999, client=client)
    assert isinstance(missing, models.Problem) and missing.status == 404

    people = api("entities.list_entities").sync(client=client, q="stolt")
    (person,) = people.data
    assert person.name == "Jens Stoltenberg" and person.ids.additional_properties == {
        "wikidata": "Q57287"
    }
    quotes = api("entities.list_entity_quotes").sync(entity_id=person.id, client=client)
    assert quotes.data[0].text == "Le risque de conflit est réel"

    events = api("events.list_events").sync(client=client, from_=date(2022, 1, 10), type_="talks")
    (event,) = events.data
    assert event.location.name == "Geneva" and event.date == "2022-01-10"
    full = api("events.get_event").sync(event_id=event.id, client=client)
    assert len(full.articles) == 2


def test_sdk_helper_follows_the_change_feed(sdk: Any, server: str) -> None:
    """sdk/newsmeta_changes.py over the generated client: the feed, resumed from a cursor."""
    sys.path.insert(0, str(ROOT / "sdk"))
    try:
        feed = importlib.import_module("newsmeta_changes")
    finally:
        sys.path.remove(str(ROOT / "sdk"))
    client = sdk.Client(base_url=server, timeout=httpx.Timeout(10))
    changes = list(feed.iter_changes(client, limit=2, stop_when_idle=True))
    assert [c.id for c in changes] == sorted({c.id for c in changes})
    articles = {c.resource_id for c in changes if str(c.resource) == "article"}
    assert len(articles) == 3  # the store's three articles, each created once
    assert all(str(c.kind) == "created" and c.url.startswith(server) for c in changes)
    # Resumed from a saved cursor: only what came after it.
    rest = list(feed.iter_changes(client, since=str(changes[2].id), stop_when_idle=True))
    assert [c.id for c in rest] == [c.id for c in changes[3:]]
    assert feed.latest_cursor(client) == str(changes[-1].id)
    # A long poll that sees nothing comes back after `wait` with nothing.
    started = time.monotonic()
    idle = feed._page(client, "newsmeta_client", since=str(changes[-1].id), wait=1)
    assert idle.data == [] and time.monotonic() - started >= 0.9
