"""The date a web page shows in its byline: the first date around the headline.

A reader sees the headline, then a byline ("Von Georg Kasch 31. Oktober 2023", "By Rob
Picheta, CNN Updated 2010 GMT March 14, 2021", "Stand: 28.04.2020 18:00 Uhr"), then the
article. The date written there is the one the page gives its reader; the metadata may
hold another (the first publication of a page updated since, a UTC instant of the evening
before). Where a byline is, in this order: the visible text after the headline's element
up to the article's first paragraph (160 characters at most, ended by a paragraph of
prose; photo captions and asides left out), the ``<time datetime>`` in it, a dateline just
over the headline (out of the site's banner), the short lines the extracted text opens
with, a date opening its first paragraph ("31. Oktober 2023. Dragqueens sind …"), and
last a date the page labels as its publication anywhere in its text ("Veröffentlicht am
16.08.2019"). A date in a comment, a list of other articles or the page's header (today's
date) is not in any of them, nor a date after "seit", "until", "depuis le" ….
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml.html import HtmlElement

from app.pipeline.ingest.headline import title_key

_PROSE_CHARS = 120  # a byline line is shorter; a text this long is a paragraph
_ZONE_CHARS = 160  # a byline is a line or two; further on is the article or another block
_HEADINGS = ("h1", "h2", "h3")
_DATELINE_CHARS = 60  # a dateline over the headline is short; further back is the menu
_ARTICLE_LINE = 80  # the article text starts with its first paragraph this long
_VISIBLE = "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::select)]"
_FOLLOWING_TEXT = "following::text()" + _VISIBLE
# beside the byline, not in it: a photo's caption and credit, a box of other articles
_NOT_BESIDE = "[not(ancestor::figcaption or ancestor::aside or ancestor::nav)]"
_STYLED_HEADLINE = (
    "//body//*[self::div or self::p or self::span or self::strong or self::b"
    " or self::header or self::td][not(ancestor::a or ancestor::li or ancestor::nav)]"
)
_PRECEDING_TEXT = "preceding::text()" + _VISIBLE
_BODY_TEXT = (
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::aside or ancestor::nav"
    " or ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')])]"
)
# "published on" in the languages of the month names below: a label, then the date
_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|veröffentlicht|publiziert|erschienen|publié|publiée|mis en ligne"
    r"|publicado|publicada|pubblicato|pubblicata|gepubliceerd|geplaatst)\b"
    r"\W{0,3}(?:on|am|le|el|il|op|em)?\s*:?\s*",
    re.IGNORECASE,
)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ISO_DAY = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
# a date that opens or closes a span, or the day someone joined, is not the publication:
# "Mitglied seit 28. Juni 2014", "gültig bis 31.12.2022", "Member since", "Inscrit le"
_SPAN_OR_SINCE = re.compile(
    r"\b(?:seit|since|depuis|desde|dal|bis|until|till|jusqu'au|hasta|fino al|registriert"
    r"|joined|inscrit|inscrite)(?:\W+(?:le|the|dem|el|il|al))?\W{0,3}$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_PLACE = re.compile(r"(?:[^\W\d_][^\W\d_ .-]*(?:[ -][^\W\d_]+)?,\s*)?\(?")
_AFTER_DATELINE = re.compile(r"\)?\s*[.:)\-–—|]")

# Month names of the languages the importer reads most (full names, or the genitive a
# date uses in Polish, Czech and Russian; three-letter abbreviations are derived from them).
_MONTHS = {
    1: "january januar janvier enero gennaio janeiro januari jänner stycznia ledna ocak января",
    2: "february februar février fevrier febrero febbraio fevereiro februari lutego února şubat"
    " февраля",
    3: "march märz maerz mars marzo março maart marts marca března mart марта",
    4: "april avril abril aprile kwietnia dubna nisan апреля",
    5: "may mai mayo maggio maio mei maj maja května mayıs мая",
    6: "june juni juin junio giugno junho czerwca června haziran июня",
    7: "july juli juillet julio luglio julho lipca července temmuz июля",
    8: "august août aout agosto augustus augusti sierpnia srpna ağustos августа",
    9: "september septembre septiembre settembre setembro września září eylül сентября",
    10: "october oktober octobre octubre ottobre outubro października října ekim октября",
    11: "november novembre noviembre novembro listopada listopadu kasım ноября",
    12: "december dezember décembre decembre diciembre dicembre dezembro desember grudnia"
    " prosince aralık декабря",
}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    ambiguous: set[str] = set()
    for number, names in _MONTHS.items():
        for name in names.split():
            table[name] = number
            short = name[:3]
            if table.get(short, number) != number:
                ambiguous.add(short)
            table.setdefault(short, number)
    for short in ambiguous:
        del table[short]
    table.update({"sept": 9, "juil": 7, "févr": 2, "janv": 1, "avr": 4, "déc": 12, "dic": 12})
    return table


_MONTH_NUMBER = _month_table()
_MONTH = r"(?P<{}>[^\W\d_]{{3,10}})\.?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_DATE = re.compile(
    "|".join(
        (
            r"(?<!\d)(?P<iy>(?:19|20)\d\d)[-/](?P<im>\d\d)[-/](?P<id>\d\d)(?!\d)",
            # year first with dots: 2023.03.07, 2023. 3. 7. (Korean, Hungarian, Chinese sites)
            r"(?<![\d.])(?P<cy>(?:19|20)\d\d)\.\s?(?P<cm>\d{1,2})\.\s?(?P<cd>\d{1,2})(?![\d.]\d)",
            r"(?<![\d.])(?P<nd>\d{1,2})\.\s?(?P<nm>\d{1,2})\.\s?(?P<ny>(?:19|20)?\d\d)(?![\d.]\d)",
            r"(?<![\d/])(?P<sa>\d{1,2})/(?P<sb>\d{1,2})/(?P<sy>(?:19|20)\d\d)(?!\d)",
            r"(?<!\d)(?P<td>\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?"
            + _MONTH.format("tm")
            + r",?\s+(?:de\s+)?"
            + _YEAR.format("ty"),
            _MONTH.format("um") + r"\s+(?P<ud>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR.format("uy"),
        )
    ),
    re.IGNORECASE,
)


def byline_date(root: HtmlElement | None, headline: str | None, text: str) -> date | None:
    """The date written around the headline, before the article text, or None."""
    for zone in _zones(root, headline, text):
        for match in _DATE.finditer(zone):
            found = _as_date(match)
            if found is not None and not _SPAN_OR_SINCE.search(zone, 0, match.start()):
                return found
    return None


def _zones(root: HtmlElement | None, headline: str | None, text: str) -> Iterator[str]:
    """Where a byline is, in the order they are read (each computed only when the ones
    before it hold no date): the visible text after the headline's element up to the
    article text, the ``<time datetime>`` in it, a line just over that element, the short
    lines the extracted text opens with (trafilatura keeps some bylines), the opening words
    of its first paragraph (a dateline: "31. Oktober 2023. Dragqueens sind …"), and a date
    the page labels as its publication."""
    paragraphs = text.split("\n\n")
    start = next((p for p in paragraphs if len(p) >= _ARTICLE_LINE), "")
    wanted = title_key(headline or "")
    first = next((p for p in paragraphs if title_key(p) != wanted), "")
    element = _headline_element(root, headline) if root is not None else None
    if element is not None:
        yield _after(element, _key(first)[:40])
        yield _stamped(element)
        yield _before(element)
    yield text[: text.find(start)] if start else ""
    yield _dateline(start)
    if root is not None:
        yield _labelled(root)


def _before(element: HtmlElement) -> str:
    """A dateline just over the headline, out of the site's banner: a ``<header>`` or
    ``<nav>`` the headline is not in holds the site's menu and today's date."""
    own = set(element.iterancestors())
    before = ""
    for piece in reversed(element.xpath(_PRECEDING_TEXT)[-20:]):
        parent = piece.getparent()  # the text's element, or the one it is the tail of
        if parent is not None and piece.is_tail:
            parent = parent.getparent()
        banner = parent is not None and any(
            a.tag in ("header", "nav") and a not in own for a in (parent, *parent.iterancestors())
        )
        if banner:
            break
        before = f"{_SPACES.sub(' ', str(piece)).strip()} {before}".strip()
        if len(before) >= _DATELINE_CHARS:
            break
    return before


def _after(element: HtmlElement, start_key: str) -> str:
    """The visible text after the headline's element, up to the article text."""
    after = ""
    for piece in element.xpath(_FOLLOWING_TEXT + _NOT_BESIDE):
        line = _SPACES.sub(" ", str(piece)).strip()
        if len(line) >= _PROSE_CHARS:
            # a paragraph of prose: the article or its lead, where a date is what the
            # sentence is about ("Am 3. März 2023 hat …") unless it opens it as a dateline
            return f"{after} {_dateline(line)}".strip()[:_ZONE_CHARS]
        after = f"{after} {line}".strip()
        end = after.casefold().find(start_key) if start_key else -1
        if end >= 0:
            return after[:end]
        if len(after) >= _ZONE_CHARS:
            break
    return after[:_ZONE_CHARS]


def _stamped(element: HtmlElement) -> str:
    """The day of the first ``<time datetime>`` in the byline zone: a byline whose text is
    no date ("vor 2 Stunden", "06/11/2023" read both ways, an icon) still gives its
    machine-readable day."""
    seen = 0
    for piece in element.xpath(f"({_FOLLOWING_TEXT} | following::time[@datetime]){_NOT_BESIDE}"):
        if isinstance(piece, HtmlElement):
            day = _ISO_DAY.match(piece.get("datetime", "").strip())
            return day.group(0) if day else ""
        seen += len(str(piece).strip())
        if seen >= _ZONE_CHARS or len(str(piece).strip()) >= _PROSE_CHARS:
            break
    return ""


def _labelled(root: HtmlElement) -> str:
    """A date the page labels as its publication anywhere in its text, out of readers'
    comments: "Veröffentlicht am 16.08.2019" under a podcast's player, "Publié le …"
    below the article. Only a date right after the label."""
    text = " ".join(_SPACES.sub(" ", str(piece)).strip() for piece in root.xpath(_BODY_TEXT))
    for label in _PUBLISHED_LABEL.finditer(text):
        match = _DATE.match(text, label.end())
        if match is not None and _as_date(match) is not None:
            return match.group(0)
    return ""


def _dateline(paragraph: str) -> str:
    """The date a paragraph opens with, as a dateline: "31. Oktober 2023. Dragqueens …",
    "Karlsruhe, (12.11.2021). Traditionell …" (not "Ab 1. Januar 2024 …")."""
    place = _PLACE.match(paragraph)
    match = _DATE.match(paragraph, place.end() if place else 0)
    if match is None or not _AFTER_DATELINE.match(paragraph, match.end()):
        return ""
    return match.group(0)


def _headline_element(root: HtmlElement, headline: str | None) -> HtmlElement | None:
    wanted = title_key(headline or "")
    if not wanted:
        return None
    for element in root.iter(*_HEADINGS):
        # a heading may add a kicker before the headline or a date after it, and break its
        # words with soft hyphens ("Mes\xadsen\xadger\xaddiens\xadte")
        key = title_key(_INVISIBLE.sub("", element.text_content()))
        if key.endswith(wanted) or key.startswith(wanted):
            return element
    # no heading: the headline set in another element of the body, the whole of its text
    # ("<div class="article-title">"; not a link, a list item: a breadcrumb, a menu)
    for element in root.xpath(_STYLED_HEADLINE):
        if title_key(_INVISIBLE.sub("", element.text_content())) == wanted:
            return element
    return None


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _as_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        if groups["iy"]:
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        if groups["cy"]:
            return date(int(groups["cy"]), int(groups["cm"]), int(groups["cd"]))
        if groups["nd"]:
            year = int(groups["ny"])
            return date(year + 2000 if year < 100 else year, int(groups["nm"]), int(groups["nd"]))
        if groups["sa"]:
            # 03/04/2021 is read both ways around the world: only an unambiguous one counts
            first, second = int(groups["sa"]), int(groups["sb"])
            if (first > 12) == (second > 12):
                return None
            day, month = (first, second) if first > 12 else (second, first)
            return date(int(groups["sy"]), month, day)
        if groups["td"]:
            named = _MONTH_NUMBER.get(groups["tm"].casefold())
            return date(int(groups["ty"]), named, int(groups["td"])) if named else None
        named = _MONTH_NUMBER.get(groups["um"].casefold())
        return date(int(groups["uy"]), named, int(groups["ud"])) if named else None
    except ValueError:
        return None
