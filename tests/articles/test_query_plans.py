"""Query plans of the list reads: pages are read along an index, never sorted in full."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.articles import service as articles
from app.common.pagination import PageParams, encode_cursor
from app.entities import service as entities
from app.pipeline.types import EntityRef, Extraction, MentionResult, QuoteResult
from app.quotes import service as quotes
from tests.api_data import entity_id
from tests.factories import make_article

OTAN = EntityRef("wikidata:Q7184", "NATO", "ORG", ids={"wikidata": "Q7184"})
BODY = "L'OTAN se réunit à Genève."


def _plans(session: Session, read: Callable[[], Any]) -> list[str]:
    """The plan of every page statement ``read()`` runs, with sorts made as dear as possible.

    PostgreSQL would rightly sort a handful of test rows: with ``enable_sort`` off a
    Sort node still appears when no index gives the order, and only then.
    """
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if " LIMIT " in statement.upper() and not statement.startswith("EXPLAIN"):
            statements.append((statement, parameters))

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    connection = session.connection()
    sqlite = engine.dialect.name == "sqlite"
    if not sqlite:
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        connection.exec_driver_sql("SET LOCAL enable_incremental_sort = off")
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
    plans = [
        "\n".join(str(row[-1]) for row in connection.exec_driver_sql(prefix + sql, params))
        for sql, params in statements
    ]
    assert plans
    return plans


def _sorts(plan: str) -> bool:
    return "TEMP B-TREE FOR ORDER BY" in plan or "Sort" in plan


@pytest.fixture
def store(session: Session) -> int:
    """Articles over several days, every other one naming NATO; returns NATO's id."""
    for n in range(12):
        extraction = Extraction(mentions=[MentionResult("OTAN", 2, 6, OTAN)] if n % 2 else [])
        make_article(session, extraction, body=BODY + f" {n}", published_at=date(2022, 1, n + 1))
    make_article(session, published_at=None)
    return entity_id(session, OTAN)


def _list(session: Session, cursor: list[Any] | None = None, **filters: Any) -> Any:
    scope = f"articles:{filters.get('sort', '-published_at')}"
    page = PageParams(limit=3, cursor=encode_cursor(scope, cursor) if cursor else None)
    return lambda: articles.list_articles(
        session=session, filters=articles.ArticleFilters(**filters), page=page
    )


def test_article_pages_are_read_along_the_date_index(session: Session, store: int) -> None:
    for read in (
        _list(session),
        _list(session, ["2022-01-06", 6]),
        _list(session, ["2022-01-06", 6], sort="published_at"),
    ):
        assert not any(_sorts(plan) for plan in _plans(session, read))


def test_entity_filter_reads_the_entity_index(session: Session, store: int) -> None:
    """Filtered by entity, a page needs no sort of all the entity's articles."""
    for read in (_list(session, entity=[store]), _list(session, ["2022-01-06", 6], entity=[store])):
        plans = _plans(session, read)
        assert not any(_sorts(plan) for plan in plans), plans
        assert all("ix_article_entity_entity_published" in plan for plan in plans), plans


def test_entity_filter_lists_the_entity_articles_newest_first(session: Session, store: int) -> None:
    page = PageParams(limit=10, cursor=None)
    items, _ = articles.list_articles(
        session=session, filters=articles.ArticleFilters(entity=[store, store]), page=page
    )
    dates = [item["published_at"] for item in items]
    assert dates == [date(2022, 1, day).isoformat() for day in (12, 10, 8, 6, 4, 2)]
    listed, _ = entities.list_entity_articles(session=session, entity_id=store, page=page)
    assert [item["id"] for item in items] == [item.id for item in listed]


def test_search_computes_snippets_for_the_page_only(session: Session, store: int) -> None:
    """The page is chosen without snippets; they are computed for its rows alone."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        items, _ = _list(session, q="réunit")()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(items) == 3 and all("<mark>" in (item["snippet"] or "") for item in items)
    highlighted = [s for s in statements if "snippet(" in s or "ts_headline(" in s]
    assert highlighted and all(" LIMIT " not in s.upper() for s in highlighted)


def test_quote_pages_are_read_along_the_date_index(session: Session) -> None:
    speaker = EntityRef("wikidata:Q57287", "Jens Stoltenberg", "PERSON")
    body = "« Le risque est réel », a dit Stoltenberg."
    for n in range(6):
        quote = QuoteResult("Le risque est réel", 2, 20, "direct", speaker, "Stoltenberg", 30, 41)
        make_article(
            session,
            Extraction(quotes=[quote]),
            body=body + f" {n}",
            published_at=date(2022, 1, n // 2 + 1),
        )
    first = quotes.QuoteFilters()
    cursor = encode_cursor("quotes:-published_at", ["2022-01-02", 10**6])
    for page in (PageParams(limit=2, cursor=None), PageParams(limit=2, cursor=cursor)):
        plans = _plans(
            session, lambda p=page: quotes.list_quotes(session=session, filters=first, page=p)
        )
        assert not any(_sorts(plan) for plan in plans), plans


def test_a_frequent_word_is_paged_along_the_date_index(
    session: Session, store: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: with many matches the page walks the date index and probes the matches
    (no sort of every match); with few it reads the matches and sorts them. Both give
    the same pages, on both stores."""
    pages = {}
    for threshold in (0, 10**9):  # every word is frequent / rare
        monkeypatch.setattr(articles, "SQLITE_DATE_WALK_MATCHES", threshold)
        first, _ = _list(session, q="réunit")()
        second, _ = _list(session, [first[-1]["published_at"], first[-1]["id"]], q="réunit")()
        pages[threshold] = [item["id"] for item in first + second]
        if session.get_bind().dialect.name == "sqlite":
            plans = _plans(session, _list(session, q="réunit"))
            walks = all("ix_article_published_at_id" in p and not _sorts(p) for p in plans)
            assert walks == (threshold == 0), plans
    assert pages[0] == pages[10**9] and len(pages[0]) == 6
