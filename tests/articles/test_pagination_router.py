"""Keyset pagination: stable under inserts, never OFFSET, same cursor rules everywhere."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from tests.factories import make_article


def _pages(client: TestClient, path: str, **params: Any) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        page = client.get(path, params=params | ({"cursor": cursor} if cursor else {})).json()
        yield page
        if not (cursor := page["next_cursor"]):
            return


def test_pages_are_stable_when_articles_arrive(client: TestClient, session: Session) -> None:
    ids = [make_article(session, published_at=date(2022, 1, day)) for day in range(1, 8)]
    pages = _pages(client, "/v1/articles", limit=3)
    seen = [a["id"] for a in next(pages)["data"]]
    make_article(session, published_at=date(2022, 2, 1))  # newer: lands before the cursor
    make_article(session, published_at=date(2022, 1, 4))  # same day as an unseen one
    for page in pages:
        seen += [a["id"] for a in page["data"]]
    assert len(seen) == len(set(seen))  # nothing twice
    assert set(ids) <= set(seen)  # nothing skipped


def test_deep_pages_seek_instead_of_offset(client: TestClient, session: Session) -> None:
    for day in range(1, 11):
        make_article(session, published_at=date(2022, 1, day))
    offsets: list[Any] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "OFFSET" in statement.upper():
            # SQLite's compiler always writes "LIMIT ? OFFSET ?": the offset must be 0.
            assert statement.rstrip().upper().endswith("OFFSET ?"), statement
            offsets.append(parameters[-1])

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        pages = list(_pages(client, "/v1/articles", limit=2))
        for path in ("/v1/entities", "/v1/events", "/v1/quotes"):
            list(_pages(client, path, limit=1))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(pages) == 5
    assert set(offsets) <= {0}
