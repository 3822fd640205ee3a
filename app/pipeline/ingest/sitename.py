"""A site's name in its titles, learnt from the titles of its pages imported together.

A page often names its site only in its window title ("Titre - Le Site", "Le Site | Titre")
and not in any metadata ``headline.py`` reads (no ``og:site_name``, a host name unlike the
name). Across several pages of one site the name shows itself: the same first or last part,
after a separator, in titles that otherwise differ. That part is the site's name and goes.
A part shared by a single title, or making up a whole title, is the headline: it stays.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from app.pipeline.ingest.headline import title_parts

# Spaced separators only: "Kolumne: Titel" (a kicker glued to its colon) is a headline.
_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»~/]|::)\s+")
_ARCHIVED = re.compile(r"https?://web\.archive\.org/web/[^/]+/(https?://.+)", re.IGNORECASE)
_MIN_TITLES = 2  # a name is a part at least two different titles of the site share
_MAX_NAME_WORDS = 8  # a site's name is short; a longer shared part is a series title


def site_of(url: str | None, source: str | None) -> str | None:
    """The site a page belongs to: its URL's host (without ``www.``; an archived page's
    own host), else its source."""
    archived = _ARCHIVED.match(url or "")
    host = urlsplit(archived.group(1) if archived else url or "").hostname or ""
    return host.removeprefix("www.") or (source or "").strip().casefold() or None


def _edges(title: str) -> tuple[str | None, str | None]:
    """The title's first and last parts when it has a separator (``None`` otherwise); a
    part attached by a colon is marked so ("Ukraine : …" is a topic more often than a
    site)."""
    parts = _parts(title)
    if len(parts) < 2:
        return None, None
    first_colon = ":" in title[parts[0][2] : parts[1][1]]
    last_colon = ":" in title[parts[-2][2] : parts[-1][1]]
    return _edge_key(parts[0][0], first_colon), _edge_key(parts[-1][0], last_colon)


def _edge_key(part: str, colon: bool) -> str:
    return (":" if colon else "") + _part_key(part)


def _part_key(part: str) -> str:
    return " ".join(part.split()).casefold()


class SiteNames:
    """The titles of each site seen in an import run, and the names they share."""

    def __init__(self) -> None:
        self._first: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._last: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._titles: dict[str, set[str]] = defaultdict(set)  # titles with a separator

    def learn(self, site: str | None, title: str) -> None:
        if not site:
            return
        first, last = _edges(title)
        key = _part_key(title)
        if first is not None and last is not None:
            self._first[site][first].add(key)
            self._last[site][last].add(key)
            self._titles[site].add(key)

    def strip(self, site: str | None, title: str) -> str:
        """``title`` without a first or last part that other titles of the site share."""
        if not site:
            return title
        parts = _parts(title)
        titles = len(self._titles[site])
        while len(parts) > 1 and _is_name(self._last[site], _last_key(title, parts), titles):
            parts.pop()
        while len(parts) > 1 and _is_name(self._first[site], _first_key(title, parts), titles):
            parts.pop(0)
        return title[parts[0][1] : parts[-1][2]].strip()


def _first_key(title: str, parts: list[tuple[str, int, int]]) -> str:
    return _edge_key(parts[0][0], ":" in title[parts[0][2] : parts[1][1]])


def _last_key(title: str, parts: list[tuple[str, int, int]]) -> str:
    return _edge_key(parts[-1][0], ":" in title[parts[-2][2] : parts[-1][1]])


def _is_name(shared: dict[str, set[str]], key: str, titles: int) -> bool:
    """Shared by two titles at least (three after a colon), and by half of the site's
    titles: a topic ("Corona - …", "Ukraine : …") some titles share is not its name."""
    count = len(shared.get(key, ()))
    least = _MIN_TITLES + 1 if key.startswith(":") else _MIN_TITLES
    return count >= max(least, titles / 2) and len(key.split()) <= _MAX_NAME_WORDS


def _parts(title: str) -> list[tuple[str, int, int]]:
    """The parts of a title between spaced separators, with their offsets."""
    return title_parts(title, _SEPARATOR) or [(title, 0, len(title))]
