"""The publication date of a web page, as its reader sees it.

htmldate reads the page's publication metadata first (JSON-LD ``datePublished``,
``article:published_time``, ``<time>`` in the byline …) before modification dates and
dates in the URL, then the byline's text (``original_date``, ``extensive_search``).
A timestamp in UTC is one the reader does not see: when a ``<time datetime>`` element of
the page gives the same instant in the site's own time zone, its local day is the date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lxml.html import HtmlElement

from app.pipeline.ingest.headline import json_ld

_SAME_INSTANT = timedelta(minutes=5)
_PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate")


def publication_date(html: str, root: HtmlElement | None = None) -> date | None:
    """The page's publication date, or None when the page does not say."""
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=True, original_date=True)
    except Exception:  # htmldate raises on odd markup; a missing date is the safe answer
        return None
    try:
        day = date.fromisoformat(found) if found else None
    except ValueError:
        return None
    if day is None or root is None:
        return day
    return _local_day(root, day) or day


def _local_day(root: HtmlElement, day: date) -> date | None:
    """The local day of the published instant, from a ``<time>`` element with an offset."""
    published = [i for i in _published_instants(root) if i.date() == day]
    if not published:
        return None
    for element in root.iter("time"):
        shown = _instant(element.get("datetime"))
        if shown is None or shown.utcoffset() in (None, timedelta(0)):
            continue
        if any(abs(shown - instant) <= _SAME_INSTANT for instant in published):
            return shown.date()
    return None


def _published_instants(root: HtmlElement) -> list[datetime]:
    values = [obj.get("datePublished") for obj in json_ld(root)]
    for element in root.iter("meta"):
        names = {element.get("property"), element.get("name"), element.get("itemprop")}
        if names & set(_PUBLISHED_META):
            values.append(element.get("content"))
    instants = [_instant(v) for v in values if isinstance(v, str)]
    return [i for i in instants if i is not None and i.utcoffset() is not None]


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
