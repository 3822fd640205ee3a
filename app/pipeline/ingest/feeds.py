"""RSS 1.0/2.0 and Atom feeds → one RawArticle per item (feedparser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
from dateutil import parser as dateutil_parser

from app.pipeline.ingest.html import html_to_text
from app.pipeline.types import RawArticle

_LANG = re.compile(r"^[a-zA-Z]{2,3}")


class FeedError(ValueError):
    """The file is not a feed we can read (reason in the message)."""


def read_feed(origin: str, data: bytes) -> Iterator[RawArticle | tuple[str, str]]:
    """Each item as a RawArticle, or ``(origin, reason)`` for an item without content."""
    feed = feedparser.parse(data)
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception")
        raise FeedError(f"not an RSS or Atom feed{f': {reason}' if reason else ''}")
    if not feed.entries:
        raise FeedError("the feed has no items")
    source = _clean(feed.feed.get("title"))
    language = _language(feed.feed.get("language"))
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#item{number}"
        text = html_to_text(_content(entry))
        if not text.strip():
            yield where, "feed item has no text (no content:encoded, content or summary)"
            continue
        yield RawArticle(
            origin=where,
            text=text,
            title=_clean(entry.get("title")),
            url=entry.get("link") or None,
            published_at=_entry_date(entry),
            language=language,
            source=source,
            authors=tuple(a["name"] for a in entry.get("authors", []) if a.get("name")),
            external_id=entry.get("id") or None,
        )


def _content(entry: Any) -> str:
    # content:encoded / Atom content is the full text; the summary is the fallback.
    for content in entry.get("content", []):
        if content.get("value", "").strip():
            return str(content["value"])
    return str(entry.get("summary") or "")


def _entry_date(entry: Any) -> date | None:
    """The item's publication date in the publisher's own time zone."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = entry.get(raw_key)
        if raw:
            try:
                return parsedate_to_datetime(raw).date()
            except (TypeError, ValueError):
                pass
            try:
                return dateutil_parser.parse(raw).date()
            except (ValueError, OverflowError):
                pass
        parsed = entry.get(parsed_key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _language(value: str | None) -> str | None:
    match = _LANG.match(value or "")
    return match.group(0).lower() if match else None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None
