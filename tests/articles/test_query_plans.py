"""Query plans of the list reads: pages are read along an index, never sorted in full."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.articles import fulltext
from app.articles import service as articles
from app.common.pagination import PageParams, encode_cursor
from app.entities import service as entities
from app.entities.types import EntityRef, MentionResult
from app.pipeline.types import Extraction
from tests.api_data import entity_id
from tests.factories import make_article
from tests.query_plans import page_plans, sorts, statement_plans

OTAN = EntityRef("wikidata:Q7184", "NATO", "ORG", ids={"wikidata": "Q7184"})
BODY = "L'OTAN se réunit à Genève."


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
        assert not any(sorts(plan) for plan in page_plans(session, read))


def test_entity_filter_reads_the_entity_index(session: Session, store: int) -> None:
    """Filtered by entity, a page needs no sort of all the entity's articles."""
    for read in (_list(session, entity=[store]), _list(session, ["2022-01-06", 6], entity=[store])):
        plans = page_plans(session, read)
        assert not any(sorts(plan) for plan in plans), plans
        assert all("ix_article_entity_entity_published" in plan for plan in plans), plans


def test_entity_filter_lists_the_entity_articles_newest_first(session: Session, store: int) -> None:
    page = PageParams(limit=10, cursor=None)
    items, _ = articles.list_articles(
        session=session, filters=articles.ArticleFilters(entity=[store, store]), page=page
    )
    dates = [item["published_at"] for item in items]
    assert dates == [date(2022, 1, day).isoformat() for day in (12, 10, 8, 6, 4, 2)]
    listed, _ = entities.list_entity_articles(session=session, entity_id=store, page=page)
    assert [item["id"] for item in items] == [item["id"] for item in listed]


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


# The plans of a full-text list sorted by date, forced by the thresholds that choose them.
SEARCH_PLANS = {
    "sqlite": {
        "sort the matches": {"SQLITE_DATE_WALK_MATCHES": 10**9},
        "walk, set of matches": {"SQLITE_DATE_WALK_MATCHES": 0, "SQLITE_PROBE_FACTOR": 10**9},
        "walk, probe each": {"SQLITE_DATE_WALK_MATCHES": 0, "SQLITE_PROBE_FACTOR": 0},
    },
    "postgresql": {
        "sort the matches": {"PG_SAMPLE_MATCHES": 10**9},
        "walk, check each": {"PG_SAMPLE_MATCHES": 0},
    },
}


def test_full_text_by_date_plans_give_the_same_pages(
    session: Session, store: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frequent word is paged along the date index (no sort of every match), a rare one
    from its matches, sorted; every plan gives the same pages, on both stores."""
    dialect = session.get_bind().dialect.name
    pages, ascending = {}, {}
    for name, thresholds in SEARCH_PLANS[dialect].items():
        for knob, value in thresholds.items():
            monkeypatch.setattr(fulltext, knob, value)
        monkeypatch.setattr(fulltext, "_PLANS", fulltext._Plans())  # the plans kept per word
        first, _ = _list(session, q="réunit")()
        second, _ = _list(session, [first[-1]["published_at"], first[-1]["id"]], q="réunit")()
        pages[name] = [item["id"] for item in first + second]
        bodies, _ = _list(session, q="réunit", include_body=True)()
        assert [item["id"] for item in bodies] == pages[name][:3]
        assert all(item["body"].startswith(BODY) for item in bodies)
        oldest, _ = _list(session, q="réunit", sort="published_at")()
        later, _ = _list(
            session, [oldest[-1]["published_at"], oldest[-1]["id"]], q="réunit", sort="published_at"
        )()
        ascending[name] = [item["id"] for item in oldest + later]
        plans = [  # the page itself, not the statement that sizes the matches
            plan
            for sql, plan in statement_plans(session, _list(session, q="réunit"))
            if "count(" not in sql
        ]
        assert len(plans) == 1
        if name.startswith("sort"):
            assert all(sorts(plan) for plan in plans), plans
        elif dialect == "sqlite":  # (PostgreSQL scans a table this small)
            assert all("ix_article_published_at_id" in p and not sorts(p) for p in plans), plans
            probes = all("CORRELATED" in plan for plan in plans)
            assert probes == name.endswith("probe each"), plans
    assert len(set(map(tuple, pages.values()))) == 1 and len(pages["sort the matches"]) == 6
    assert len(set(map(tuple, ascending.values()))) == 1
    oldest_first = ascending["sort the matches"]  # (the fixture's dates follow its ids)
    assert len(oldest_first) == 6 and oldest_first == sorted(oldest_first)


def test_a_words_plan_is_kept_a_few_minutes_per_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """The statement that sizes a word's matches runs once per word and store, again when
    the plan is older than ``PLAN_SECONDS``; the kept words are bounded."""
    plans = fulltext._Plans()
    chosen: list[str] = []

    def choose(plan: str) -> Any:
        return lambda: chosen.append(plan) or plan

    assert plans.plan(("a.db", "otan"), choose("sorted")) == "sorted"
    assert plans.plan(("a.db", "otan"), choose("walk")) == "sorted"  # kept
    assert plans.plan(("b.db", "otan"), choose("walk")) == "walk"  # another store
    clock = [fulltext.time.monotonic() + fulltext.PLAN_SECONDS + 1]
    monkeypatch.setattr(fulltext.time, "monotonic", lambda: clock[0])
    assert plans.plan(("a.db", "otan"), choose("walk")) == "walk"  # sized again
    assert chosen == ["sorted", "walk", "walk"]
    monkeypatch.setattr(fulltext, "PLAN_WORDS", 2)
    for word in ("un", "deux", "trois"):
        plans.plan(("a.db", word), choose("sorted"))
    assert len(plans._plans) == 2 and ("a.db", "un") not in plans._plans
