"""Calendar arithmetic of the temporal tagger: a parsed expression + anchor → TIMEX3 value.

Unknown parts stay ``X`` when there is no anchor: ``XXXX-01-10``, ``XXXX-XX-XX``.
Tense is ``"past"``, ``"present"``, ``"future"`` or None (no cue found).

A ``Context`` carries what the text said before the expression: the last day it
mentioned (anaphora: "le lendemain" is that day + 1) and the year of the story it is
telling, when that is not the publication's (narrative time: "le 21 juin" after
"en 1998" in a past-tense clause is 1998-06-21).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from app.common.timex import SEASON_MONTHS, date_range


@dataclass(frozen=True)
class Parsed:
    """What a rule understood of an expression, before it is anchored."""

    kind: str  # calendar | weekday | relday | relunit | season | decade | century | quarter
    #            | time | part | anaphor | holiday | vague
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
    label: bool = False  # a year standing alone ("l'Euro 2000"): no story starts with it
    until: int | None = None  # the last day of a range ("du 3 au 10 janvier"): its year is ours


@dataclass(frozen=True)
class Context:
    """What the text established before an expression (all None: the publication date)."""

    day: str | None = None  # the last full day mentioned ("2022-01-10")
    value: str | None = None  # the last value with a known year, any granularity
    year: int | None = None  # the story's year, when the text moved away from the anchor's
    # The text speaks of no year in particular ("en été, le camping affiche complet"): a
    # month or day without a year and without a past or future cue is every year's.
    generic: bool = False


def easter_sunday(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _day_of_month(
    month: int, day: int, anchor: date, direction: int, weekday: int | None = None
) -> date | None:
    """The occurrence of day/month around ``anchor``: -1 on/before, +1 on/after, 0 nearest.

    A weekday given with it ("dimanche 29 août") picks the year where it falls on that day.
    """
    return _occurrence(
        lambda year: date(year, month, day) if _valid(year, month, day) else None,
        anchor,
        direction,
        weekday,
    )


def _occurrence(
    make: Callable[[int], date | None], anchor: date, direction: int, weekday: int | None = None
) -> date | None:
    """The yearly day ``make(year)`` nearest ``anchor`` in ``direction`` (see _day_of_month)."""
    made = (make(year) for year in (anchor.year - 1, anchor.year, anchor.year + 1))
    candidates = [c for c in made if c is not None]
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
    if p.day is not None:  # "samedi 12": the nearest 12th that is a Saturday
        months = [_shift_months(anchor, n) for n in range(-3, 4)]
        days = [date(y, m, p.day) for y, m in months if _valid(y, m, p.day)]
        fitting = [d for d in days if d.weekday() == p.weekday]
        if fitting:
            return min(fitting, key=lambda d: abs((d - anchor).days))
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
    if p.unit == "decade":  # "la décennie écoulée" in 2002: the 1990s, "199"
        return f"{anchor.year // 10 + p.offset}", "decade"
    if p.unit == "century":  # "le siècle dernier" in 2002: the 20th century, "19"
        return f"{(anchor.year - 1) // 100 + p.offset:02d}", "century"
    return None


def _season_bounds(season: str, year: int) -> tuple[date, date]:
    bounds = date_range(f"{year}-{season}")
    assert bounds is not None
    return bounds


def _season_by_tense(season: str, anchor: date, tense: str | None) -> int | None:
    """Past: the last such season begun by the anchor; future: the first not yet over."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if tense == "past":
        return max(y for y in years if _season_bounds(season, y)[0] <= anchor)
    if tense == "future":
        return min(y for y in years if _season_bounds(season, y)[1] >= anchor)
    return None  # present or unknown: "l'été, le camping affiche complet" is every summer


def _season_year(season: str, anchor: date, direction: int) -> int:
    first, last = SEASON_MONTHS[season]
    if direction < 0:
        ended = anchor.month > last if first <= last else last < anchor.month < first
        return anchor.year if ended else anchor.year - 1
    if direction > 0:
        return anchor.year if anchor.month < first else anchor.year + 1
    return anchor.year


def _story_year(p: Parsed, context: Context, tense: str | None) -> int | None:
    """The story's year for an expression without one, told in the past ("a signé le 21 juin")."""
    if p.year is not None or p.direction is not None or tense != "past":
        return None
    return context.year


def _calendar(
    p: Parsed, anchor: date | None, tense: str | None, context: Context
) -> tuple[str, str] | None:
    direction = p.direction if p.direction is not None else _tense_direction(tense)
    if p.month is None:
        return (str(p.year), "year") if p.year is not None else None
    year = p.year
    if context.generic and year is None and p.direction is None and tense in {None, "present"}:
        day = f"-{p.day:02d}" if p.day is not None and _valid(2000, p.month, p.day) else ""
        return f"XXXX-{p.month:02d}{day}", "day" if day else "month"
    story = _story_year(p, context, tense)
    if story is not None and p.day is not None and _valid(story, p.month, p.day):
        if p.weekday is None or date(story, p.month, p.day).weekday() == p.weekday:
            year = story
    elif story is not None and p.day is None:
        year = story
    if p.day is None:
        if year is None and anchor is not None:
            year = _month_year(p.month, anchor, direction, strict=p.direction is not None)
        return (f"{year:04d}" if year else "XXXX") + f"-{p.month:02d}", "month"
    if year is None and anchor is not None:
        # Past tense keeps the nearest occurrence: "prévue le 16 juillet" is not last year's.
        toward = p.direction if p.direction is not None else max(direction, 0)
        # "du 3 au 10 janvier": the 10th's year (a weekday, "samedi 12 et …", picks its own)
        if p.until is not None and p.until > p.day and p.weekday is None:
            last = _day_of_month(p.month, p.until, anchor, toward)
            if last is not None and _valid(last.year, p.month, p.day):
                return date(last.year, p.month, p.day).isoformat(), "day"
        found = _day_of_month(p.month, p.day, anchor, toward, p.weekday)
        return (found.isoformat(), "day") if found else None
    if year is None:
        return (f"XXXX-{p.month:02d}-{p.day:02d}", "day") if _valid(2000, p.month, p.day) else None
    return (date(year, p.month, p.day).isoformat(), "day") if _valid(year, p.month, p.day) else None


def _holiday(
    p: Parsed, anchor: date | None, tense: str | None, context: Context
) -> tuple[str, str] | None:
    """A movable feast: Easter Sunday + offset, in the given, story's or nearest year."""
    year = p.year or _story_year(p, context, tense)
    if year is not None:
        return (easter_sunday(year) + timedelta(days=p.offset)).isoformat(), "day"
    if anchor is None:
        return "XXXX-XX-XX", "day"
    toward = max(_tense_direction(tense), 0)
    found = _occurrence(lambda y: easter_sunday(y) + timedelta(days=p.offset), anchor, toward)
    return (found.isoformat(), "day") if found else None


def _anaphor(p: Parsed, anchor: date | None, context: Context) -> tuple[str, str] | None:
    """ "le lendemain", "deux jours plus tard": counted from the last day (or date) mentioned."""
    if p.unit == "day":
        base = context.day or (anchor.isoformat() if anchor else None)
        if base is None:
            return _with_part("XXXX-XX-XX", p.part)
        day = date.fromisoformat(base[:10]) + timedelta(days=p.offset)
        return _with_part(day.isoformat(), p.part)
    bounds = date_range(context.value) if context.value else None
    start = bounds[0] if bounds else anchor
    if start is None:
        return _BLANK_UNITS.get(p.unit or "")
    return _relunit(p, start, None)


def _day_of(p: Parsed, anchor: date, tense: str | None) -> date:
    """The day a weekday/relative-day expression points at."""
    if p.kind == "weekday":
        return _weekday(p, anchor, tense)
    return anchor + timedelta(days=p.offset)


def _with_part(day: str, part: str | None) -> tuple[str, str]:
    return (f"{day}T{part}", "time") if part else (day, "day")


def resolve(
    p: Parsed,
    anchor: date | None,
    tense: str | None,
    ref_day: str | None = None,
    context: Context | None = None,
) -> tuple[str, str] | None:
    """TIMEX3 (value, granularity) of a parsed expression; ``ref_day`` anchors bare times."""
    context = context or Context()
    if p.kind == "calendar":
        found = _calendar(p, anchor, tense, context)
        if found and p.part and found[1] == "day":  # "le 31 décembre au soir"
            return _with_part(found[0], p.part)
        return found
    if p.kind == "holiday":
        return _holiday(p, anchor, tense, context)
    if p.kind == "anaphor":
        return _anaphor(p, anchor, context)
    if p.kind == "sametime":  # "l'an dernier à la même époque": this month, in that year
        if anchor is None or context.value is None:
            return None
        same = anchor.isoformat()[4:] if p.unit == "day" else anchor.isoformat()[4:7]
        return context.value[:4] + same, p.unit or "month"
    if p.kind == "vague":  # "actuellement": no calendar range, the mention is still kept
        return f"{p.unit}_REF", "vague"
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
        year = p.year or _story_year(p, context, tense)
        if year is None and anchor is not None and p.direction is not None:
            year = _season_year(p.season, anchor, p.direction)
        elif year is None and anchor is not None:
            year = _season_by_tense(p.season, anchor, tense)
        return f"{year if year else 'XXXX'}-{p.season}", "season"
    if p.kind == "quarter":
        year = p.year or (anchor.year if anchor else None)
        if p.unit == "half":
            return f"{year if year else 'XXXX'}-H{p.number}", "half"
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
