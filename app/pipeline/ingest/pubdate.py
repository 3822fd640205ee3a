"""The publication date of a web page, as its reader sees it.

The date the page writes in its byline, around the headline (``byline.py``), is the one
its reader sees and comes first. Without one, htmldate (through trafilatura) reads the
page's publication metadata (JSON-LD ``datePublished``, ``article:published_time``, the
byline's ``<time>`` …) before modification dates, then the byline's text. Corrections:

- a date htmldate took from the URL, or the modification date the page declares, gives
  way to the publication date the page declares (JSON-LD, meta tags, microdata; a URL
  names the day a path was made);
- a timestamp in UTC is one the reader does not see: when a ``<time datetime>`` element
  of the page gives the same instant in the site's own time zone, its local day is the date;
- a publication date stored as a local midnight in Central Europe (``…T23:00:00Z``) is the
  next day, for the byline's date too when it shows the UTC day.

The declared dates are read in ``declared.py``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from lxml.html import HtmlElement

from app.pipeline.ingest.declared import instant as _instant
from app.pipeline.ingest.declared import modified_instants, published_instants

_SAME_INSTANT = timedelta(minutes=5)
_ONE_DAY = timedelta(days=1)
_MIDNIGHT_HOURS_UTC = (22, 23)  # midnight in Central Europe, summer and winter time
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/-]?(\d\d)[/-]?(\d\d)(?!\d)")


def publication_date(
    html: str,
    root: HtmlElement | None = None,
    *,
    found: str | None = None,
    url: str | None = None,
    shown: date | None = None,
) -> date | None:
    """The page's publication date, or None when the page does not say.

    ``found`` is htmldate's answer when the caller has it (trafilatura's ``date``);
    ``shown`` the date the page writes in its byline, which wins (what its reader sees).
    """
    if shown is not None:
        return _after_midnight(root, shown) if root is not None else shown
    day = _iso_day(found) if found else _htmldate(html)
    if root is None:
        return day
    declared = [i.date() for i in published_instants(root)]
    # htmldate trusts a date in the URL before the page's metadata; a URL names the day a
    # path was made, the metadata the day the article was published (in UTC: a day apart
    # is the same evening).
    if declared and (
        day is None
        or (day in _url_days(url) and all(abs(d - day) > _ONE_DAY for d in declared))
        # htmldate took the date the page declares as its modification: not the publication
        or (day in _modified_days(root) and all(abs(d - day) > _ONE_DAY for d in declared))
    ):
        day = declared[0]
    if day is None:
        return None
    return _local_day(root, day) or _after_midnight(root, day)


def _after_midnight(root: HtmlElement, day: date) -> date:
    """The next day when ``day`` is the UTC day of a publication date stored as a local
    midnight east of UTC: a date-only field saved as ``2022-11-06T23:00:00Z`` is the 7th
    of November at midnight in Central Europe (22:00Z in summer); a page rendered in UTC
    shows the 6th, its reader the 7th."""
    for instant in published_instants(root):
        if instant.date() == day and _is_local_midnight(instant):
            return day + _ONE_DAY
    return day


def _is_local_midnight(instant: datetime) -> bool:
    return (
        instant.utcoffset() == timedelta(0)
        and instant.hour in _MIDNIGHT_HOURS_UTC
        and (instant.minute, instant.second, instant.microsecond) == (0, 0, 0)
    )


def _htmldate(html: str) -> date | None:
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=True, original_date=True)
    except Exception:  # htmldate raises on odd markup; a missing date is the safe answer
        return None
    return _iso_day(found)


def _url_days(url: str | None) -> set[date]:
    days = set()
    for match in _URL_DATE.finditer(url or ""):
        try:
            days.add(date(*(int(part) for part in match.groups())))
        except ValueError:
            continue
    return days


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _local_day(root: HtmlElement, day: date) -> date | None:
    """The local day of the published instant, from a ``<time>`` element with an offset."""
    published = [
        i for i in published_instants(root) if i.date() == day and i.utcoffset() is not None
    ]
    if not published:
        return None
    for element in root.iter("time"):
        shown = _instant(element.get("datetime"))
        if shown is None or shown.utcoffset() in (None, timedelta(0)):
            continue
        if any(abs(shown - instant) <= _SAME_INSTANT for instant in published):
            return shown.date()
    return None


def _modified_days(root: HtmlElement) -> set[date]:
    return {i.date() for i in modified_instants(root)}
