"""The headline of a web page: the article's own title, not the browser window's.

A page names its article several times: ``og:title``, JSON-LD ``headline``, the article's
``<h1>``, and ``<title>`` (the window title, usually with the site's name: "Titre - Le
Site", "Site : Titre"). The ``<h1>`` is what a reader sees above the text; it is taken
when the page's metadata agrees that it is the article's title (most of its words are in
one of the metadata titles), so that a logo or a section heading in an ``<h1>`` is not.
Otherwise the metadata titles, cleanest first, lose a leading or trailing part that
names the site (``og:site_name``, the JSON-LD publisher or WebSite, the title of the
site's feeds, the host name).
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from app.pipeline.ingest.declared import ld_objects, ld_types

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Separators between a headline and a site or section name: " | ", " - ", " – ", " — ",
# " :: ", " › ", " » ", " · ", " • ", " / ", and "Site : Titre" / "Site: Titre".
_SEPARATOR = re.compile(r"\s+(?:[|\-–—›»·•/~]|::)\s+|\s*\|\s*|\s+:\s+|(?<=\w):\s+")
_FEED_TITLE = re.compile(
    r"(.+?)\s+[»|:\-–—]\s+(?:\S+\s+)?(?:\S*feed|rss|atom|flux|comments|kommentare)\S*$",
    re.IGNORECASE,
)
_H1_MAX_CHARS = 300
_H1_AGREEMENT = 0.6  # share of the h1's words found in a metadata title
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|WebPage|CreativeWork", re.IGNORECASE)


def clean_text(text: str | None) -> str:
    return _SPACES.sub(" ", (text or "").replace("\xad", "")).strip()


def title_key(text: str) -> str:
    """Compare titles: NFKC, no accents, words only, lower case."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.casefold()))


def meta_content(root: HtmlElement, *names: str) -> str:
    for name in names:
        for element in root.iter("meta"):
            if name in (element.get("property"), element.get("name"), element.get("itemprop")):
                content = clean_text(element.get("content"))
                if content:
                    return content
    return ""


def json_ld(root: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page (``@graph`` and lists flattened)."""
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        found.extend(ld_objects(data, ("@graph",), depth=4))
    return found


def _ld_headline(objects: list[dict[str, Any]]) -> str:
    for obj in objects:
        headline = obj.get("headline")
        if isinstance(headline, str) and _ARTICLE_TYPES.search(ld_types(obj)):
            return clean_text(headline)
    return ""


def site_names(root: HtmlElement, objects: list[dict[str, Any]], url: str | None) -> list[str]:
    """Names the site goes by: og:site_name, the publisher, its feeds' title, the host."""
    names = [meta_content(root, "og:site_name", "application-name", "twitter:site")]
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(publisher["name"])
        if "WebSite" in ld_types(obj) and isinstance(obj.get("name"), str):
            names.append(obj["name"])
    for link in root.iter("link"):
        # A feed's title is the site's name and a word or two: "Le Site » Flux",
        # "Le Site - Comments Feed" (a feed of one article's comments names the article).
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower() and kind.endswith(
            ("rss+xml", "atom+xml")
        ):
            match = _FEED_TITLE.match(clean_text(link.get("title")))
            if match:
                names.append(match.group(1))
    host = urlsplit(url or "").hostname or ""
    if host:
        names.append(host.removeprefix("www."))
    return [n.lstrip("@") for n in names if n and n.strip()]


def _is_site(part: str, sites: list[str]) -> bool:
    """The part names the site: equal, a piece of its name, or its name plus a word or two."""
    key = title_key(part).replace(" ", "")
    if not key:
        return True
    for site in sites:
        for candidate in _site_keys(site):
            if len(candidate) < 3:
                continue
            if key == candidate or (len(key) >= 4 and key in candidate):
                return True
            if len(candidate) >= 4 and (key.startswith(candidate) or key.endswith(candidate)):
                return True
            if SequenceMatcher(None, key, candidate).ratio() >= 0.8:
                return True
    return False


def _site_keys(site: str) -> set[str]:
    """A name's key; for a host name also its registered label (``foren.myoos.de`` → myoos)."""
    keys = {title_key(site).replace(" ", "")}
    labels = site.split(".")
    if len(labels) >= 2 and " " not in site:
        keys.add(title_key(labels[-2]).replace(" ", ""))
    return keys


def strip_site(title: str, sites: list[str]) -> str:
    """``title`` without a leading or trailing part that names the site."""
    parts = _split(title)
    while len(parts) > 1 and _is_site(parts[-1][0], sites):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0][0], sites):
        parts.pop(0)
    return _join(title, parts)


def _split(title: str) -> list[tuple[str, int, int]]:
    """The parts of a title between separators, with their offsets."""
    return title_parts(title, _SEPARATOR)


def title_parts(title: str, separator: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """The non-blank parts of ``title`` between matches of ``separator``, with offsets."""
    parts: list[tuple[str, int, int]] = []
    start = 0
    for match in separator.finditer(title):
        parts.append((title[start : match.start()], start, match.start()))
        start = match.end()
    parts.append((title[start:], start, len(title)))
    return [p for p in parts if p[0].strip()]


def _join(title: str, parts: list[tuple[str, int, int]]) -> str:
    return title[parts[0][1] : parts[-1][2]].strip() if parts else title


def _words(text: str) -> list[str]:
    return title_key(text).split()


def _agreement(h1: str, titles: list[str]) -> float:
    words = _words(h1)
    if not words:
        return 0.0
    best = 0.0
    for title in titles:
        vocabulary = set(_words(title))
        if vocabulary:
            best = max(best, sum(w in vocabulary for w in words) / len(words))
    return best


def _h1s(root: HtmlElement) -> list[list[str]]:
    """Each ``<h1>``'s readings, best first: an h1 that opens with a kicker in its own
    element ("Dachzeile", a topic, a date) then the headline reads as the headline alone
    first, then as a whole."""
    found = []
    for element in root.iter("h1"):
        whole = clean_text(element.text_content())
        if not whole or len(whole) > _H1_MAX_CHARS:
            continue
        readings = [whole]
        first = element[0] if len(element) and not clean_text(element.text) else None
        if first is not None and isinstance(first.tag, str) and first.tag != "br":
            kicker = clean_text(first.text_content())
            rest = whole[len(kicker) :].lstrip(" -–—|:·•›»") if whole.startswith(kicker) else ""
            if kicker and rest:
                readings.insert(0, rest)
        found.append(readings)
    return found


def headline(root: HtmlElement, *, fallback: str | None, url: str | None) -> str | None:
    """The article's headline (see the module docstring); ``fallback`` when none is found."""
    objects = json_ld(root)
    sites = site_names(root, objects, url)
    window = clean_text(root.findtext(".//title"))
    metadata = [
        t
        for t in (
            _ld_headline(objects),
            meta_content(root, "og:title", "twitter:title"),
            window,
            clean_text(fallback),
        )
        if t
    ]
    best, best_words = None, 0
    for readings in _h1s(root):
        for h1 in readings:
            if _is_site(h1, sites) and not any(
                title_key(h1) == title_key(strip_site(t, sites)) for t in metadata
            ):
                continue
            agreement = _agreement(h1, metadata)
            if agreement >= _H1_AGREEMENT:
                words = round(agreement * len(_words(h1)))
                if words > best_words:
                    best, best_words = h1, words
                break
    if best:
        return best
    for title in metadata:
        stripped = strip_site(title, sites)
        if stripped:
            return stripped
    return fallback
