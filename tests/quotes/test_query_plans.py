"""Query plans of the quote list: pages are read along an index, never sorted in full."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from app.common.pagination import PageParams, encode_cursor
from app.entities.types import EntityRef
from app.pipeline.types import Extraction, QuoteResult
from app.quotes import service as quotes
from tests.api_data import entity_id
from tests.factories import make_article
from tests.query_plans import page_plans, sorts

STOLTENBERG = EntityRef("wikidata:Q57287", "Jens Stoltenberg", "PERSON")
PUTIN = EntityRef("wikidata:Q7747", "Vladimir Putin", "PERSON")
BODY = "« Le risque est réel », a dit Stoltenberg."


@pytest.fixture
def store(session: Session) -> None:
    """Quotes of two speakers over three days, and one undated."""
    for n in range(8):
        speaker = (STOLTENBERG, PUTIN)[n % 2]
        quote = QuoteResult("Le risque est réel", 2, 20, "direct", speaker, "Stoltenberg", 30, 41)
        make_article(
            session,
            Extraction(quotes=[quote]),
            body=BODY + f" {n}",
            published_at=date(2022, 1, n // 3 + 1) if n != 6 else None,
        )


def _pages(cursor_date: str) -> list[PageParams]:
    cursor = encode_cursor("quotes:-published_at", [cursor_date, 10**6])
    return [PageParams(limit=2, cursor=None), PageParams(limit=2, cursor=cursor)]


def test_quote_pages_are_read_along_the_date_index(session: Session, store: None) -> None:
    first = quotes.QuoteFilters()
    for page in _pages("2022-01-02"):
        plans = page_plans(
            session, lambda p=page: quotes.list_quotes(session=session, filters=first, page=p)
        )
        assert not any(sorts(plan) for plan in plans), plans


def test_quotes_of_a_speaker_are_read_along_the_speaker_date_index(
    session: Session, store: None
) -> None:
    """A speaker's page seeks in (speaker, published_at, id): no sort of all their quotes."""
    speaker = quotes.QuoteFilters(speaker=entity_id(session, STOLTENBERG))
    for page in _pages("2022-01-02"):
        plans = page_plans(
            session, lambda p=page: quotes.list_quotes(session=session, filters=speaker, page=p)
        )
        assert not any(sorts(plan) for plan in plans), plans
        assert all("ix_quote_speaker_id_published_at_id" in plan for plan in plans), plans


def test_quotes_of_a_speaker_newest_first_then_undated(session: Session, store: None) -> None:
    speaker = quotes.QuoteFilters(speaker=entity_id(session, STOLTENBERG))
    seen: list[str | None] = []
    page = PageParams(limit=2, cursor=None)
    while True:
        items, cursor = quotes.list_quotes(session=session, filters=speaker, page=page)
        seen += [item["published_at"] for item in items]
        assert all(item["speaker"]["name"] == "Jens Stoltenberg" for item in items)
        if cursor is None:
            break
        page = PageParams(limit=2, cursor=cursor)
    assert seen == ["2022-01-02", "2022-01-01", "2022-01-01", None]
