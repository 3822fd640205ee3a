"""Paragraphs of the extracted text found again in the page, and those the page sets apart.

trafilatura drops the boxes a page names as boilerplate (related articles, sharing, …) on
its own path, but the fallback extractors it compares its result with (readability,
jusText) keep them, and a box under a name trafilatura does not know slips through. Each
paragraph of the extracted text is found again in the page's DOM (the lowest element
that holds all of it); a paragraph goes when:

- it sits in an ``<aside>`` or a ``<nav>``;
- it sits in a box whose ``class``/``id`` names a list of related articles, a prompt to
  the reader (share, subscribe, newsletter, cookies), the site's navigation (breadcrumb,
  pagination, menu) or the comments — a box below the article's containers: an element
  that holds the article's first full paragraph is the article's, whatever its name
  ("post type-post comments-open", "teaser-text");
- it belongs to the run of paragraphs the text ends with that are wholly a link's text
  (a list of related articles);
- it comes after the article's last full paragraph, is short, and is out of the article's
  container (the lowest element holding its full paragraphs): "More on the topic", a
  press contact, a forum box's title.

A full paragraph is 80 characters or more and ends like a sentence. A paragraph not found
in the page (rebuilt by the extractor) stays; nothing is removed when every paragraph
would go. Each rule is measured on html-dev (``bench/eval_html.py --rules``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

# Not shown text; <noscript> is kept: trafilatura reads it (a page's text can be there).
_SKIP = frozenset({"script", "style", "template", "head", "title"})
_GAPS = re.compile(r"[\s\xad\u200b-\u200d\u2060\ufeff]+")  # spaces, soft hyphens, zero widths
_NAME_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_MAX_MATCHES = 20
_FULL_CHARS = 80  # a full paragraph of the article: this long and ending like a sentence
_SHORT_CHARS = 100  # a line around the article, not a paragraph of it
_SENTENCE_END = (".", "!", "?", "…", '"', "»", "”", "“", "’", ")", ":")

# Names of boxes, by what they hold: a class or id word that starts with one of them
# ("related_post", "BorlabsCookie", "content-linklist"); words split at any non-letter and
# at camel case. Several languages: a list of related articles is "relacionadas",
# "correlati", "lire-aussi".
RELATED = (
    "related",
    "relacionad",
    "correlat",
    "similar",
    "recommend",
    "teaser",
    "promo",
    "linklist",
    "readmore",
    "aussi",
)
PROMPT = (
    "share",
    "sharing",
    "partage",
    "compartir",
    "subscri",
    "abonn",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
)
NAVIGATION = ("breadcrumb", "pagination", "pager", "menu")
COMMENTS = ("comment", "kommentar", "comentario")
BOX_NAMES: dict[str, tuple[str, ...]] = {
    "related articles": RELATED,
    "prompt to the reader": PROMPT,
    "navigation": NAVIGATION,
    "comments": COMMENTS,
}
BOX_TAGS = {"aside": "aside", "nav": "navigation"}


@dataclass(frozen=True)
class _Page:
    """The page's visible text without gaps, cut in runs each owned by one element."""

    text: str
    starts: list[int]  # where each run starts in ``text``
    owners: list[HtmlElement]  # the element whose text (or child's tail) the run is
    linked: list[bool]  # the run is a link's text
    spans: dict[HtmlElement, tuple[int, int]]  # each element's text in ``text``


@dataclass(frozen=True)
class Located:
    element: HtmlElement  # the lowest element holding the whole paragraph
    start: int
    end: int
    link_share: float  # the part of its characters that are a link's text


def _walk(root: HtmlElement) -> _Page:
    parts: list[str] = []
    starts: list[int] = []
    owners: list[HtmlElement] = []
    linked: list[bool] = []
    spans: dict[HtmlElement, tuple[int, int]] = {}
    size = 0

    def add(text: str | None, owner: HtmlElement, in_link: bool) -> None:
        nonlocal size
        run = _GAPS.sub("", text or "")
        if run:
            parts.append(run)
            starts.append(size)
            owners.append(owner)
            linked.append(in_link)
            size += len(run)

    def visit(element: HtmlElement, in_link: bool) -> None:
        begin = size
        in_link = in_link or element.tag == "a"
        add(element.text, element, in_link)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                visit(child, in_link)
            add(child.tail, element, in_link)
        spans[element] = (begin, size)

    visit(root, False)
    return _Page("".join(parts), starts, owners, linked, spans)


def _holder(page: _Page, start: int, end: int) -> HtmlElement:
    element: HtmlElement | None = page.owners[bisect_right(page.starts, start) - 1]
    while element is not None:
        span = page.spans.get(element)
        if span is not None and span[0] <= start and end <= span[1]:
            return element
        element = element.getparent()
    raise LookupError  # the root spans the whole text


def _link_share(page: _Page, start: int, end: int) -> float:
    first = bisect_right(page.starts, start) - 1
    linked = 0
    for index in range(first, len(page.starts)):
        run_start = page.starts[index]
        if run_start >= end:
            break
        run_end = page.starts[index + 1] if index + 1 < len(page.starts) else len(page.text)
        if page.linked[index]:
            linked += min(end, run_end) - max(start, run_start)
    return linked / (end - start)


def _pieces(paragraph: str) -> list[str]:
    """A list item ("- …") or a table row ("| a | b |") as the page writes it."""
    if paragraph.startswith(("- ", "|")):
        cells = re.split(r"(?<!\\)\|", paragraph)
        return [cell.replace("\\|", "|").removeprefix("- ") for cell in cells]
    return [paragraph]


def locate(root: HtmlElement, paragraphs: list[str]) -> list[Located | None]:
    """Where each paragraph is in the page (in the page's order; ``None``: not found)."""
    page = _walk(root)
    found: list[Located | None] = []
    after = 0
    for paragraph in paragraphs:
        bounds: list[tuple[int, int]] = []
        for piece in _pieces(paragraph):
            key = _GAPS.sub("", piece)
            start = _find(page, key, after) if key else -1
            if start >= 0:
                bounds.append((start, start + len(key)))
                after = start + len(key)
        if not bounds:
            found.append(None)
            continue
        start, end = bounds[0][0], max(e for _, e in bounds)
        if end <= start:
            found.append(None)
            continue
        element = _holder(page, start, end)
        share = sum(_link_share(page, s, e) * (e - s) for s, e in bounds)
        found.append(Located(element, start, end, share / sum(e - s for s, e in bounds)))
    return found


def _find(page: _Page, key: str, after: int) -> int:
    """The key's place: a whole element's text first, then the first after the last one."""
    matches: list[int] = []
    at = page.text.find(key)
    while at >= 0 and len(matches) < _MAX_MATCHES:
        matches.append(at)
        at = page.text.find(key, at + 1)
    if len(matches) <= 1:
        return matches[0] if matches else -1
    whole = [
        m for m in matches if page.spans.get(_holder(page, m, m + len(key))) == (m, m + len(key))
    ]
    later = [m for m in (whole or matches) if m >= after]
    return (later or whole or matches)[0]


def _name_words(element: HtmlElement) -> list[str]:
    words: list[str] = []
    for name in (element.get("class"), element.get("id")):
        if name:
            words.extend(w.lower() for w in _NAME_PARTS.findall(name))
    return words


def box_kind(element: HtmlElement) -> str | None:
    """What a box holds, by its class/id ("related articles", "navigation", …)."""
    words = _name_words(element)
    for kind, stems in BOX_NAMES.items():
        if any(word.startswith(stems) for word in words):
            return kind
    return None


Rule = Callable[[HtmlElement], str | None]


def set_apart(
    root: HtmlElement,
    paragraphs: list[str],
    *,
    kind_of: Rule = box_kind,
    link_list: bool = True,
    after_the_article: bool = True,
) -> dict[int, str]:
    """The paragraphs (by index) the page sets apart from its article, with the reason."""
    located = locate(root, paragraphs)
    full = [
        i
        for i, (p, spot) in enumerate(zip(paragraphs, located, strict=True))
        if spot is not None and len(p) >= _FULL_CHARS and p.rstrip().endswith(_SENTENCE_END)
    ]
    apart: dict[int, str] = {}
    for index, spot in enumerate(located):
        if spot is not None:
            for element in (spot.element, *spot.element.iterancestors()):
                if element.tag in BOX_TAGS:
                    apart[index] = BOX_TAGS[element.tag]
                    break
    full = [i for i in full if i not in apart]
    if full:
        # The elements holding the article's first full paragraph are its containers, not
        # boxes, whatever their names ("post-comments-open", "teaser-text").
        opening = located[full[0]]
        assert opening is not None
        containers = {opening.element, *opening.element.iterancestors()}
        for index, spot in enumerate(located):
            if spot is not None and index not in apart:
                kind = _box_kind(spot.element, containers, kind_of)
                if kind:
                    apart[index] = kind
    if link_list:
        index = len(located) - 1
        while index >= 0:
            spot = located[index]
            if index not in apart and (spot is None or spot.link_share < 1):
                break
            apart.setdefault(index, "list of links at the end")
            index -= 1
    full = [i for i in full if i not in apart]
    if after_the_article and len(full) >= 2:
        for index in _after_the_article(paragraphs, located, full):
            apart.setdefault(index, "after the article")
    if len(apart) == len(paragraphs):
        return {}
    return apart


def _box_kind(element: HtmlElement, containers: set[HtmlElement], kind_of: Rule) -> str | None:
    """The kind of the lowest box holding the element, below the article's containers."""
    current: HtmlElement | None = element
    while current is not None and current not in containers:
        kind = kind_of(current)
        if kind:
            return kind
        current = current.getparent()
    return None


def _after_the_article(
    paragraphs: list[str], located: list[Located | None], full: list[int]
) -> list[int]:
    """Short paragraphs after the article's last full paragraph that are not in the
    article's container (the lowest element holding its full paragraphs): "More on the
    topic", a press contact, a photo credit, a forum's box title."""
    container = _common(located[i].element for i in full)  # type: ignore[union-attr]
    return [
        index
        for index in range(full[-1] + 1, len(paragraphs))
        if (spot := located[index]) is not None
        and len(paragraphs[index]) < _SHORT_CHARS
        and not _inside(spot.element, container)
    ]


def _inside(element: HtmlElement | None, container: HtmlElement) -> bool:
    while element is not None:
        if element is container:
            return True
        element = element.getparent()
    return False


def _common(elements: Iterable[HtmlElement]) -> HtmlElement:
    """The lowest element holding all of them."""
    chains = [[element, *element.iterancestors()][::-1] for element in elements]
    common = chains[0][0]
    for level in zip(*chains, strict=False):
        if any(e is not level[0] for e in level):
            break
        common = level[0]
    return common
