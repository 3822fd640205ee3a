"""A consumer that follows the feed while two importers and API deletes run rebuilds
exactly the store's set of articles from the feed alone."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from app.articles.models import Article
from tests.reliability.test_concurrent_writers import start_import, write_article

AUTH = {"X-API-Key": "KEY"}


def apply(articles: set[int], changes: list[dict]) -> None:
    for change in changes:
        if change["resource"] != "article":
            continue
        if change["kind"] == "deleted":
            articles.discard(change["resource_id"])
        else:
            articles.add(change["resource_id"])


def test_the_feed_rebuilds_the_articles_while_importers_and_deletes_run(
    feed_client: TestClient, store_url: str, store_engine: Engine, tmp_path: Path
) -> None:
    folders = [tmp_path / "one", tmp_path / "two"]
    for folder, numbers in zip(folders, (range(0, 10), range(5, 14)), strict=True):
        folder.mkdir()
        for n in numbers:  # 5..9 in both: the importers race on them
            write_article(folder, n)
    importers = [start_import(store_url, folder) for folder in folders]
    rebuilt: set[int] = set()
    deleted: list[int] = []
    deleted_numbers: list[int] = []
    cursor = "0"
    polls = 0
    try:
        while True:
            running = any(p.poll() is None for p in importers)
            response = feed_client.get("/v1/changes", params={"since": cursor, "wait": 1})
            assert response.status_code == 200, response.text
            page = response.json()
            polls += 1
            apply(rebuilt, page["data"])
            cursor = page["next_cursor"]
            # Delete every third article the feed announces, while the importers run.
            for change in page["data"]:
                created = change["resource"] == "article" and change["kind"] == "created"
                if created and change["resource_id"] % 3 == 0:
                    title = feed_client.get(change["url"]).json()["title"]
                    deleted_numbers.append(int(title.split()[2]))
                    answer = feed_client.delete(
                        f"/v1/articles/{change['resource_id']}", headers=AUTH
                    )
                    assert answer.status_code == 204
                    deleted.append(change["resource_id"])
            if not running and not page["data"]:
                break
    finally:
        outputs = [p.communicate(timeout=300) for p in importers]
    assert [p.returncode for p in importers] == [0, 0], outputs
    with Session(store_engine) as session:
        stored = dict(session.execute(select(Article.id, Article.title)).tuples().all())
    # Each text stored once (a deleted one may come back: the other importer had it too).
    assert len(set(stored.values())) == len(stored)
    # No text lost: each one is stored, or was deleted (and not imported again).
    numbers = {int(title.split()[2]) for title in stored.values()}
    assert numbers | set(deleted_numbers) == set(range(14))
    assert deleted and polls > 1
    assert rebuilt == set(stored)
