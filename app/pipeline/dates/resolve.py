"""Calendar arithmetic of the temporal tagger: a parsed expression + anchor → TIMEX3 value.

Unknown parts stay ``X`` when there is no anchor: ``XXXX-01-10``, ``XXXX-XX-XX``.
Tense is ``"past"``, ``"present"``, ``"future"`` or None (no cue found).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from app.common.timex import SEASON_MONTHS


@dataclass(frozen=True)
class Parsed:
    """What a rule understood of an expression, before it is anchored."""

    kind: str  # calendar | weekday | relday | relunit | season | decade | century | quarter | time | part
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int = 0  # days (relday) or units (relunit)
    unit: str | None = None  # day | week | weekend | month | quarter | year | season
    direction: int | None = None  # explicit -1 last, 0 this, +1 next
    part: str | None = None  # MO | AF | EV | NI
    hour: int | None = None
    minute: int = 0
    season: str | None = None
    number: int | None = None  # decade (199), century (19), quarter (1)
    same: bool = False  # anaphoric "ce même lundi": the day already mentioned


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _day_of_month(
    month: int, day: int, anchor: date, direction: int, weekday: int | None = None
) -> date | None:
    """The occurrence of day/month around ``anchor``: -1 on/before, +1 on/after, 0 nearest.

    A weekday given with it ("dimanche 29 août") picks the year where it falls on that day.
    """
    candidates = [
        date(year, month, day)
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if _valid(year, month, day)
    ]
    matching = [c for c in candidates if c.weekday() == weekday]
    if weekday is not None and matching:
        return min(matching, key=lambda c: abs((c - anchor).days))
    if direction < 0:
        candidates = [c for c in candidates if c <= anchor]
        return max(candidates, default=None)
    if direction > 0:
        candidates = [c for c in candidates if c >= anchor]
        return min(candidates, default=None)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor), default=None)


def _month_year(month: int, anchor: date, direction: int, strict: bool) -> int:
    """The year of a bare month: the previous/next occurrence or the nearest one."""
    here = anchor.year * 12 + anchor.month - 1
    options = [
        (year, year * 12 + month - 1 - here) for year in range(anchor.year - 1, anchor.year + 2)
    ]
    if direction < 0:
        options = [o for o in options if o[1] < 0 or (o[1] == 0 and not strict)]
        return max(options, key=lambda o: o[1])[0]
    if direction > 0:
        options = [o for o in options if o[1] > 0 or (o[1] == 0 and not strict)]
        return min(options, key=lambda o: o[1])[0]
    return min(options, key=lambda o: (abs(o[1]), o[1] > 0))[0]


def _tense_direction(tense: str | None) -> int:
    return {"past": -1, "future": 1}.get(tense or "", 0)


def _weekday(p: Parsed, anchor: date, tense: str | None) -> date:
    assert p.weekday is not None
    if p.direction == 0:  # "ce mardi": the one of the anchor's week
        return anchor + timedelta(days=p.weekday - anchor.weekday())
    back = (anchor.weekday() - p.weekday) % 7
    ahead = (p.weekday - anchor.weekday()) % 7
    if p.direction == -1:
        return anchor - timedelta(days=back or 7)
    if p.direction == 1 or tense == "future":
        return anchor + timedelta(days=ahead or 7)
    if tense == "present" and ahead and ahead < back:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)  # past or unknown: on or before, same day allowed


def _weekend(p: Parsed, anchor: date, tense: str | None) -> str:
    saturday = anchor + timedelta(days=5 - anchor.weekday())
    if anchor.weekday() < 5:  # a weekday: the weekend just past or the coming one
        past = tense == "past" or (tense is None and anchor.weekday() <= 1)
        if past and p.offset == 0:
            saturday -= timedelta(days=7)
    saturday += timedelta(weeks=p.offset)
    year, week, _ = saturday.isocalendar()
    return f"{year}-W{week:02d}-WE"


# Relative units without an anchor: (value, granularity).
_BLANK_UNITS = {
    "day": ("XXXX-XX-XX", "day"),
    "week": ("XXXX-WXX", "week"),
    "weekend": ("XXXX-WXX-WE", "week"),
    "month": ("XXXX-XX", "month"),
    "quarter": ("XXXX-QX", "quarter"),
    "year": ("XXXX", "year"),
}


def _shift_months(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _relunit(p: Parsed, anchor: date, tense: str | None) -> tuple[str, str] | None:
    if p.unit == "day":
        return (anchor + timedelta(days=p.offset)).isoformat(), "day"
    if p.unit == "week":
        year, week, _ = (anchor + timedelta(weeks=p.offset)).isocalendar()
        return f"{year}-W{week:02d}", "week"
    if p.unit == "weekend":
        return _weekend(p, anchor, tense), "week"
    if p.unit == "month":
        year, month = _shift_months(anchor, p.offset)
        return f"{year}-{month:02d}", "month"
    if p.unit == "quarter":
        year, month = _shift_months(anchor, 3 * p.offset)
        return f"{year}-Q{(month - 1) // 3 + 1}", "quarter"
    if p.unit == "year":
        return str(anchor.year + p.offset), "year"
    return None


def _season_year(season: str, anchor: date, direction: int) -> int:
    first, last = SEASON_MONTHS[season]
    if direction < 0:
        ended = anchor.month > last if first <= last else last < anchor.month < first
        return anchor.year if ended else anchor.year - 1
    if direction > 0:
        return anchor.year if anchor.month < first else anchor.year + 1
    return anchor.year


def _calendar(p: Parsed, anchor: date | None, tense: str | None) -> tuple[str, str] | None:
    direction = p.direction if p.direction is not None else _tense_direction(tense)
    if p.month is None:
        return (str(p.year), "year") if p.year is not None else None
    year = p.year
    if p.day is None:
        if year is None and anchor is not None:
            year = _month_year(p.month, anchor, direction, strict=p.direction is not None)
        return (f"{year:04d}" if year else "XXXX") + f"-{p.month:02d}", "month"
    if year is None and anchor is not None:
        # Past tense keeps the nearest occurrence: "prévue le 16 juillet" is not last year's.
        toward = p.direction if p.direction is not None else max(direction, 0)
        found = _day_of_month(p.month, p.day, anchor, toward, p.weekday)
        return (found.isoformat(), "day") if found else None
    if year is None:
        return (f"XXXX-{p.month:02d}-{p.day:02d}", "day") if _valid(2000, p.month, p.day) else None
    return (date(year, p.month, p.day).isoformat(), "day") if _valid(year, p.month, p.day) else None


def _day_of(p: Parsed, anchor: date, tense: str | None) -> date:
    """The day a weekday/relative-day expression points at."""
    if p.kind == "weekday":
        return _weekday(p, anchor, tense)
    return anchor + timedelta(days=p.offset)


def _with_part(day: str, part: str | None) -> tuple[str, str]:
    return (f"{day}T{part}", "time") if part else (day, "day")


def resolve(
    p: Parsed, anchor: date | None, tense: str | None, ref_day: str | None = None
) -> tuple[str, str] | None:
    """TIMEX3 (value, granularity) of a parsed expression; ``ref_day`` anchors bare times."""
    if p.kind == "calendar":
        return _calendar(p, anchor, tense)
    if p.kind in {"weekday", "relday"}:
        if p.same and ref_day:
            return _with_part(ref_day, p.part)
        day = _day_of(p, anchor, tense).isoformat() if anchor else "XXXX-XX-XX"
        return _with_part(day, p.part)
    if p.kind == "relunit":
        if anchor is None:
            return _BLANK_UNITS.get(p.unit or "")
        return _relunit(p, anchor, tense)
    if p.kind == "season":
        assert p.season is not None
        year = p.year
        if year is None and anchor is not None and p.direction is not None:
            year = _season_year(p.season, anchor, p.direction)
        return f"{year if year else 'XXXX'}-{p.season}", "season"
    if p.kind == "quarter":
        year = p.year or (anchor.year if anchor else None)
        return f"{year if year else 'XXXX'}-Q{p.number}", "quarter"
    if p.kind == "decade":
        return str(p.number), "decade"
    if p.kind == "century":
        return f"{p.number:02d}", "century"
    if p.kind == "time":
        return f"{ref_day or 'XXXX-XX-XX'}T{p.hour:02d}:{p.minute:02d}", "time"
    if p.kind == "part":
        return (f"{ref_day}T{p.part}", "time") if ref_day else None
    return None
