"""HTML → text and metadata, with trafilatura (main text) and htmldate (publication date)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from app.pipeline.ingest.boxes import set_apart
from app.pipeline.ingest.byline import byline_date
from app.pipeline.ingest.headline import headline, meta_content, title_key
from app.pipeline.ingest.pubdate import publication_date

# trafilatura and htmldate are imported when a page is read: importing them costs half a
# second, which an import of text files (or the API) need not pay before its first article.

# trafilatura logs every unparsable page at ERROR; the importer reports it in one line.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_LANG = re.compile(r"^[a-zA-Z]{2,3}")
_CLOSED = re.compile(r"</(body|html)\s*>", re.IGNORECASE)
_OPENED = re.compile(r"<(html|body)[\s>]", re.IGNORECASE)
_MIN_TEXT_CHARS = 40  # shorter than a sentence or two: a stub, an error page, not an article
_TAIL_CHARS = 60  # the page's last text, compared with the article's end (a cut inside it)
_SENTENCE_END = (".", "!", "?", "…", '"', "»", "”", "“", "’", ")")
_VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
_UTF8 = lxml.html.HTMLParser(encoding="utf-8")
_LEAD_MIN_CHARS = 40
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr")


class HtmlError(ValueError):
    """The page holds no usable article (reason in the message)."""


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs separated by blank lines
    title: str | None
    published_at: date | None
    authors: tuple[str, ...]
    site_name: str | None
    url: str | None
    language: str | None
    lead: str | None = None  # the page's lead (its shown description) the text lacks


def read_page(html: str) -> Page:
    """The article in a whole web page: main text and the page's own metadata.

    A page without its closing tags (a save cut after the article) is read as a browser
    reads it; a page cut inside the article text, or with too little text to be an
    article, is refused.
    """
    import trafilatura

    # trafilatura's defaults: readers' comments are set apart (in ``comments``, not kept),
    # tables are part of the article.
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise HtmlError("no article text found in the HTML")
    text = _paragraphs(text)
    root = _document(html)
    if _cut_inside(html, root, text):
        raise HtmlError("truncated HTML: the page ends inside the article text")
    if len(text) < _MIN_TEXT_CHARS:
        raise HtmlError(f"too short to be an article: {len(text)} characters of text")
    extracted = text  # the byline is read in the text as trafilatura gives it
    if root is not None:
        text = _without_boxes(root, text)
    authors = getattr(doc, "author", None) or ""
    url = getattr(doc, "url", None) or None
    title = getattr(doc, "title", None) or None
    if root is not None:
        title = headline(root, fallback=title, url=url)
    found = getattr(doc, "date", None)
    return Page(
        text=text,
        title=title,
        published_at=publication_date(
            html, root, found=found, url=url, shown=byline_date(root, title, extracted)
        ),
        authors=tuple(a.strip() for a in re.split(r";|,| and | et ", authors) if a.strip()),
        site_name=getattr(doc, "sitename", None) or None,
        url=url,
        language=page_language(root),
        lead=_lead(root, text) if root is not None else None,
    )


def _without_boxes(root: HtmlElement, text: str) -> str:
    """The text without the paragraphs the page sets apart (``boxes.set_apart``)."""
    paragraphs = text.split("\n\n")
    try:
        apart = set_apart(root, paragraphs)
    except RecursionError:  # a page nested deeper than Python's stack: the text as extracted
        return text
    return "\n\n".join(p for i, p in enumerate(paragraphs) if i not in apart)


def _lead(root: HtmlElement, text: str) -> str | None:
    """The lead the page shows above its text when the extracted text lacks it.

    A page's description (``og:description``, ``description``) that is a sentence and is
    also shown on the page is its lead ("Chapeau", "Teaser"); trafilatura often leaves it
    out of the main text, which then starts with the second paragraph.
    """
    lead = meta_content(root, "og:description", "description", "twitter:description")
    if len(lead) < _LEAD_MIN_CHARS or not lead.endswith(_SENTENCE_END):
        return None
    key = title_key(lead)
    if not key or key in title_key(text):
        return None
    return lead if key in title_key(" ".join(root.xpath(_VISIBLE_TEXT))) else None


def _document(html: str) -> HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # an XML declaration with an encoding: lxml wants bytes then
        try:
            return lxml.html.document_fromstring(html.encode(), parser=_UTF8)
        except (ParserError, ValueError):
            return None
    except ParserError:
        return None


def _cut_inside(html: str, root: HtmlElement | None, text: str) -> bool:
    """The page lacks its closing tags and its last text, the end of the article text, stops
    mid-sentence (a save cut right after a whole article is read)."""
    if not _OPENED.search(html[:4096]) or _CLOSED.search(html[-4096:]) or root is None:
        return False
    visible = root.xpath(_VISIBLE_TEXT)
    page_end = " ".join(" ".join(visible[-50:]).split())[-_TAIL_CHARS:]
    if not page_end or page_end.endswith(_SENTENCE_END):
        return False
    return " ".join(text.split()).endswith(page_end)


def page_language(root: HtmlElement | None) -> str | None:
    """The ``lang`` attribute of the ``<html>`` element, reduced to its language code."""
    match = _LANG.match((root.get("lang") or "") if root is not None else "")
    return match.group(0).lower() if match else None


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (feed content, JSON ``html``), paragraphs kept apart."""
    import trafilatura

    extracted = trafilatura.extract(fragment, include_comments=False, favor_recall=True)
    if extracted and extracted.strip():
        return _paragraphs(extracted)
    # trafilatura skips very short fragments; fall back to the text of block elements.
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)
