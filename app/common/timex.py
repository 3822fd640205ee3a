"""TIMEX3 values as calendar ranges: ``2022-01`` → 2022-01-01 .. 2022-01-31.

The store keeps each date mention's and event's range beside its value so that ranges
can be queried; the pipeline, the loader and the iCalendar feed all read values here.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_RANGE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T.*)?"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)"),
    re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d)(?P<we>-WE)?"),
    re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])"),
    re.compile(r"(?P<y>\d{4})-H(?P<h>[12])"),
    re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)"),
    re.compile(r"(?P<y>\d{4})"),
    re.compile(r"(?P<decade>\d{3})"),
    re.compile(r"(?P<century>\d{2})"),
]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _range_of(groups: dict[str, str | None]) -> tuple[date, date]:
    if groups.get("decade"):
        start = int(groups["decade"] or 0) * 10
        return date(start, 1, 1), date(start + 9, 12, 31)
    if groups.get("century"):
        start = int(groups["century"] or 0) * 100
        return date(max(start, 1), 1, 1), date(start + 99, 12, 31)
    year = int(groups["y"] or 0)
    if groups.get("d"):
        day = date(year, int(groups["m"] or 0), int(groups["d"] or 0))
        return day, day
    if groups.get("m"):
        month = int(groups["m"] or 0)
        return date(year, month, 1), _month_end(year, month)
    if groups.get("w"):
        monday = date.fromisocalendar(year, int(groups["w"] or 0), 1)
        if groups.get("we"):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if groups.get("q"):
        first = 3 * int(groups["q"] or 0) - 2
        return date(year, first, 1), _month_end(year, first + 2)
    if groups.get("h"):
        first = 6 * int(groups["h"] or 0) - 5
        return date(year, first, 1), _month_end(year, first + 5)
    if groups.get("s"):
        first, last = SEASON_MONTHS[groups["s"] or "SP"]
        end_year = year + 1 if last < first else year
        return date(year, first, 1), _month_end(end_year, last)
    return date(year, 1, 1), date(year, 12, 31)


def date_range(value: str) -> tuple[date, date] | None:
    """First and last calendar day covered by a TIMEX3 value; None if not fully known."""
    for pattern in _RANGE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return _range_of(match.groupdict())
            except ValueError:  # 2022-02-30, week 54
                return None
    return None


# The one wording of a bad date, wherever one is read (query parameters, article fields).
BAD_DATE = "expected a calendar date as YYYY-MM-DD (e.g. 2022-01-10)"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str) -> date:
    """``YYYY-MM-DD`` as a date; ValueError(BAD_DATE) for anything else (no Unix times,
    no ``2022-1-1``, no 2022-02-30)."""
    if not _DAY.fullmatch(value):
        raise ValueError(BAD_DATE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(BAD_DATE) from None
