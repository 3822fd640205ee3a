"""Several machines, played on one: two ``newsmeta serve`` processes (one of them with two
workers) and two importers on one PostgreSQL store.

Afterwards no article is lost or stored twice, a consumer that followed the feed through
one server while the importers ran rebuilds exactly the stored articles, both servers
answer the same list (their response caches follow each other's writes), and ``/metrics``
of the two-worker server counts the requests of both its workers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import Session

from app.articles.models import Article
from app.db import make_engine, upgrade
from tests.changes.test_rebuild import apply
from tests.conftest import ROOT, drop_postgres_database, new_store_url
from tests.live_server import free_port as _free_port
from tests.live_server import wait_ready
from tests.reliability.test_concurrent_writers import start_import, write_article

AUTH = {"X-API-Key": "KEY"}


@pytest.fixture
def pg_store(tmp_path: Path) -> Iterator[str]:
    url = new_store_url("postgresql", tmp_path)
    upgrade(url)
    yield url
    drop_postgres_database(url)


def start_server(url: str, workers: int, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = os.environ | {
        "NEWSMETA_DATABASE_URL": url,
        "NEWSMETA_API_KEYS": "KEY",
        "NEWSMETA_WRITE_RATE_LIMIT": "0",
        "NEWSMETA_RESPONSE_CACHE_MB": "8",
        "NEWSMETA_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [sys.executable, "-m", "app", "serve", "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(command, cwd=folder, env=env), f"http://127.0.0.1:{port}"


def test_two_servers_and_two_importers_on_one_store(pg_store: str, tmp_path: Path) -> None:
    folders = [tmp_path / "one", tmp_path / "two"]
    for folder, numbers in zip(folders, (range(0, 6), range(3, 9)), strict=True):
        folder.mkdir()
        for n in numbers:
            write_article(folder, n)
    servers = [start_server(pg_store, workers, tmp_path) for workers in (1, 2)]
    importers: list[subprocess.Popen[str]] = []
    try:
        for process, base in servers:
            wait_ready(base, process, seconds=60)
        (_, one), (_, two) = servers
        importers = [start_import(pg_store, folder) for folder in folders]
        rebuilt: set[int] = set()
        cursor = "0"
        while True:  # follow the feed through server one, delete through server two
            running = any(p.poll() is None for p in importers)
            page = httpx.get(f"{one}/v1/changes", params={"since": cursor, "wait": 1}).json()
            apply(rebuilt, page["data"])
            cursor = page["next_cursor"]
            for change in page["data"]:
                if (change["resource"], change["kind"], change["resource_id"]) == (
                    "article",
                    "created",
                    2,
                ):
                    answer = httpx.delete(f"{two}/v1/articles/2", headers=AUTH)
                    assert answer.status_code == 204
            if not running and not page["data"]:
                break
        outputs = [p.communicate(timeout=120) for p in importers]
        assert [p.returncode for p in importers] == [0, 0], outputs

        engine = make_engine(pg_store)
        with Session(engine) as session:
            stored = dict(session.execute(select(Article.id, Article.title)).tuples().all())
        engine.dispose()
        assert len(set(stored.values())) == len(stored)  # none twice
        numbers = {int(title.split()[2]) for title in stored.values()}
        assert len(numbers) >= 8 and numbers <= set(range(9))  # none lost (one deleted)
        assert rebuilt == set(stored)  # the feed is complete

        # Response caches: both servers list the store; a delete through one is seen by
        # the other (its cache follows the store within a fraction of a second).
        def ids(base: str) -> list[int]:
            return [a["id"] for a in httpx.get(f"{base}/v1/articles?limit=100").json()["data"]]

        assert sorted(ids(one)) == sorted(ids(two)) == sorted(stored)
        victim = max(stored)
        assert httpx.delete(f"{one}/v1/articles/{victim}", headers=AUTH).status_code == 204
        time.sleep(0.6)
        assert victim not in ids(two) and victim not in ids(one)

        # /metrics of the two-worker server adds up both workers' requests.
        for _ in range(30):
            assert httpx.get(f"{two}/healthz").status_code == 200
        metrics = httpx.get(f"{two}/metrics").text
        healthz = re.search(
            r'newsmeta_http_requests_total\{method="GET",route="/healthz",status="200"\} (\S+)',
            metrics,
        )
        assert healthz is not None and float(healthz.group(1)) == 30
        assert "newsmeta_http_request_duration_seconds_bucket" in metrics
    finally:
        for process in importers:
            if process.poll() is None:
                process.kill()
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=15)
