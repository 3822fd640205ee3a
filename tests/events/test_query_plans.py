"""Events in a date range: read along the date index from a lower bound, on both stores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from app.common.pagination import PageParams
from app.common.timex import date_range
from app.events import service as events
from app.pipeline.types import EventResult, Extraction
from tests.factories import make_article
from tests.query_plans import sorts, statement_plans

BODY = "Un sommet aura lieu."
# A day every five days over three months, and longer ones: a week, a month, a quarter,
# two years; an undated one (its year unknown).
DATES = [
    *((date(2022, 1, 1) + timedelta(days=5 * n)).isoformat() for n in range(18)),
    "2022-W05",
    "2022-02",
    "2021-Q4",
    "2022-Q1",
    "2021",
    "2022",
    "XXXX-03-01",
]


def _event(n: int, value: str) -> EventResult:
    return EventResult(
        type="summit",
        title=f"Sommet {n}",
        date=value,
        granularity="day",
        status="scheduled",
        location=None,
        participants=(),
        related=(),
        notes=(),
        evidence=BODY,
        start=0,
        end=len(BODY),
        trigger="sommet",
    )


@pytest.fixture
def spans(session: Session) -> dict[str, tuple[date, date] | None]:
    """The stored events, title → (first day, last day)."""
    for n, value in enumerate(DATES):
        make_article(session, Extraction(events=[_event(n, value)]), body=BODY + f" {n}")
    return {f"Sommet {n}": date_range(value) for n, value in enumerate(DATES)}


def _listed(session: Session, limit: int = 3, **filters: object) -> list[str]:
    """Titles of every page of the list."""
    titles, page = [], PageParams(limit=limit, cursor=None)
    while True:
        items, cursor = events.list_events(
            session=session, filters=events.EventFilters(**filters), page=page
        )
        titles += [item["title"] for item in items]
        if cursor is None:
            return titles
        page = PageParams(limit=limit, cursor=cursor)


@pytest.mark.parametrize(
    ("since", "until"),
    [
        (date(2022, 3, 1), date(2022, 3, 15)),
        (date(2022, 2, 10), None),
        (date(2021, 12, 31), date(2022, 1, 1)),
        (None, date(2022, 1, 10)),
        (date(2023, 1, 1), None),
    ],
)
@pytest.mark.parametrize("sort", ["date", "-date"])
def test_a_range_lists_every_event_it_overlaps_in_date_order(
    session: Session,
    spans: dict[str, tuple[date, date] | None],
    since: date | None,
    until: date | None,
    sort: str,
) -> None:
    """Short and long events (read apart) come merged, page after page."""
    expected = sorted(
        (
            (span[0], int(title.split()[1]), title)
            for title, span in spans.items()
            if span and (since is None or span[1] >= since) and (until is None or span[0] <= until)
        ),
        reverse=sort == "-date",
    )
    # ids follow the titles' numbers (one article, one event each, in order)
    listed = _listed(session, date_from=since, date_to=until, sort=sort)
    assert listed == [title for _, _, title in expected]


def test_a_range_is_read_from_a_lower_bound_of_the_date_index(
    session: Session, spans: dict[str, tuple[date, date] | None]
) -> None:
    """Short events from ``from - 31 days`` along ``ix_event_date_start_id``, the long ones
    that start earlier from their partial index: no scan from the oldest event, no sort."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    for sort in ("date", "-date"):
        filters = events.EventFilters(
            date_from=date(2022, 3, 1), date_to=date(2022, 3, 15), sort=sort
        )
        first = PageParams(limit=2, cursor=None)
        _, cursor = events.list_events(session=session, filters=filters, page=first)
        for page in (first, PageParams(limit=2, cursor=cursor)):
            found = statement_plans(
                session,
                lambda p=page, f=filters: events.list_events(session=session, filters=f, page=p),
            )
            assert len(found) == 2, found  # the short events, the long ones
            for sql, plan in found:
                assert not sorts(plan), plan
                if "julianday(" in sql or "date_end - event.date_start" in sql:
                    assert "ix_event_long_date_start_id" in plan, plan
                else:
                    assert "event.date_start >= " in sql and "IS NOT NULL" not in sql, sql
                    assert "ix_event_date_start_id" in plan, plan
                    assert ("date_start>?" if sqlite else "date_start >= ") in plan, plan


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_status_lists_are_the_date_ranges_they_mean(
    session: Session, spans: dict[str, tuple[date, date] | None], sort: str
) -> None:
    """On 2022-03-01, ``scheduled`` = last day from that day on, ``past`` = before it."""
    today = date(2022, 3, 1)
    scheduled = _listed(session, status="scheduled", today=today, sort=sort)
    past = _listed(session, status="past", today=today, sort=sort)
    assert scheduled == _listed(session, date_from=today, sort=sort)
    dated = {title for title, span in spans.items() if span}
    assert set(scheduled) | set(past) == dated and not set(scheduled) & set(past)
    assert all(spans[t][1] < today for t in past)  # type: ignore[index]


def test_upcoming_events_are_read_from_today_along_the_date_index(
    session: Session, spans: dict[str, tuple[date, date] | None]
) -> None:
    """``status=scheduled`` is ``from=today`` on the index, not a scan of every event."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    filters = events.EventFilters(status="scheduled", today=date(2022, 3, 1))
    page = PageParams(limit=2, cursor=None)
    found = statement_plans(
        session, lambda: events.list_events(session=session, filters=filters, page=page)
    )
    assert len(found) == 2, found  # the short events, the long ones
    for sql, plan in found:
        assert not sorts(plan), plan
        if "julianday(" in sql or "date_end - event.date_start" in sql:
            assert "ix_event_long_date_start_id" in plan, plan
        else:
            assert "event.date_start >= " in sql, sql
            assert "ix_event_date_start_id" in plan, plan
            assert ("date_start>?" if sqlite else "date_start >= ") in plan, plan
