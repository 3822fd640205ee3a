"""The dates a web page declares in its markup: publication and modification instants.

Where pages declare them, the article's own first:

- JSON-LD: an Article-like object (``NewsArticle``, ``BlogPosting``, ``WebPage`` …) at the
  top, in a list, in ``@graph``, or as the ``mainEntity`` of another object; a script with
  a raw line break inside a string, or wrapped in ``<![CDATA[ … ]]>``, is read as browsers
  and search engines read it (not strictly);
- meta tags: Open Graph ``article:published_time``, Dublin Core ``DC.date.issued``,
  Parse.ly ``parsely-pub-date``, Sailthru ``sailthru.date`` …;
- microdata (``<time itemprop="datePublished" datetime=…>``) and the HTML5 draft's
  ``<time pubdate datetime=…>``.

A value is an ISO 8601 date or instant (``2021-03-04``, ``2021-03-04 10:00:00 +0100``,
``20210304``) or an RFC 2822 one (``Thu, 04 Mar 2021 10:00:00 GMT``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml.html import HtmlElement

_ARTICLE = re.compile(r"Article|Posting|Report|WebPage|CreativeWork", re.IGNORECASE)
_NESTED = ("@graph", "mainEntity", "mainEntityOfPage")  # where the page's article sits
_PUBLISHED_META = frozenset(
    name.casefold()
    for name in (
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datePublished",
        "pubdate",
        "publish-date",
        "publish_date",
        "pub_date",
        "publication_date",
        "article.published",
        "parsely-pub-date",
        "sailthru.date",
        "DC.date",
        "DC.date.issued",
        "DC.date.created",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
    )
)
_MODIFIED_META = frozenset(
    name.casefold()
    for name in (
        "article:modified_time",
        "og:updated_time",
        "dateModified",
        "lastmod",
        "last-modified",
        "DC.date.modified",
        "dcterms.modified",
    )
)
# a reader's comment has its own date (microdata ``Comment``, a theme's ``<time pubdate>``)
_NOT_IN_COMMENTS = (
    "[not(ancestor::*[contains(@itemtype, 'Comment') or contains(@class, 'comment')"
    " or contains(@id, 'comment')])]"
)
_CDATA = re.compile(r"^\s*(?:/\*\s*)?<!\[CDATA\[(?:\s*\*/)?|(?:/\*\s*)?\]\]>(?:\s*\*/)?\s*$")
_COMPACT = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)$")
_SPACED_OFFSET = re.compile(r"\s+(?=[+-]\d\d:?\d\d$)")


def published_instants(root: HtmlElement) -> list[datetime]:
    """The publication instants the page declares, JSON-LD first."""
    return _declared(root, "datePublished", _PUBLISHED_META)


def modified_instants(root: HtmlElement) -> list[datetime]:
    """The modification instants the page declares, JSON-LD first."""
    return _declared(root, "dateModified", _MODIFIED_META)


def _declared(root: HtmlElement, key: str, names: frozenset[str]) -> list[datetime]:
    values: list[Any] = [obj.get(key) for obj in _articles(root)]
    for element in root.iter("meta"):
        labels = (element.get(a) for a in ("property", "name", "itemprop", "http-equiv"))
        if any(label and label.strip().casefold() in names for label in labels):
            values.append(element.get("content"))
    for element in root.xpath(f"//*[@itemprop='{key}'][not(self::meta)]{_NOT_IN_COMMENTS}"):
        values.append(element.get("datetime") or element.get("content") or element.text)
    if key == "datePublished":
        pubdates = root.xpath(f"//time[@pubdate]{_NOT_IN_COMMENTS}")
        values.extend(element.get("datetime") for element in pubdates)
    instants = [instant(v) for v in values if isinstance(v, str)]
    return [i for i in instants if i is not None]


def _articles(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """The Article-like JSON-LD objects of the page, in the page's order."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json":
            continue
        data = _json(script.text or "")
        for obj in ld_objects(data):
            if _ARTICLE.search(ld_types(obj)):
                yield obj


def _json(text: str) -> Any:
    for candidate in (text, _CDATA.sub("", text).strip().rstrip(";")):
        try:
            return json.loads(candidate, strict=False)  # a raw line break in a string
        except (ValueError, RecursionError):
            continue
    return None


def ld_objects(
    data: Any, nested: tuple[str, ...] = _NESTED, *, depth: int = 5
) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of ``data`` (lists walked, and the objects under ``nested``
    keys), at most ``depth`` levels down."""
    if depth < 0:
        return
    if isinstance(data, list):
        for item in data:
            yield from ld_objects(item, nested, depth=depth - 1)
    elif isinstance(data, dict):
        yield data
        for key in nested:
            if isinstance(data.get(key), (dict, list)):
                yield from ld_objects(data[key], nested, depth=depth - 1)


def ld_types(obj: dict[str, Any]) -> str:
    """A JSON-LD object's ``@type`` (one, or several joined by spaces)."""
    kind = obj.get("@type")
    return " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")


def instant(value: str | None) -> datetime | None:
    """A declared date or instant, or None when it is not one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    compact = _COMPACT.match(value)
    if compact:
        value = "-".join(compact.groups())
    try:
        return datetime.fromisoformat(_SPACED_OFFSET.sub("", value.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
