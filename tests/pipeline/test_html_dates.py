"""Web pages: the publication date a reader sees (issue #18, dates).

Small pages written for each rule (French, German, English and others), read through the
importer's path (``read_page``) or the byline and declared-date readers directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.pipeline.ingest.byline import byline_date
from app.pipeline.ingest.declared import instant, modified_instants, published_instants
from app.pipeline.ingest.html import _document, read_page
from tests.pipeline.test_html_pages import BODY, page

HEADLINE_TEXT = "Genève accueille les pourparlers"
HEADLINE = f"<h1>{HEADLINE_TEXT}</h1>"


def _date(html: str) -> date | None:
    return read_page(html).published_at


def _byline(article: str, head: str = "") -> date | None:
    html = page(head, article=article)
    root = _document(html)
    assert root is not None
    return byline_date(root, HEADLINE_TEXT, read_page(html).text)


# A date stored as a local midnight ---------------------------------------------------------


def test_a_date_stored_as_a_central_european_midnight_in_utc_is_the_next_day() -> None:
    stored = '<meta property="article:published_time" content="2022-11-06T23:00:00.000Z">'
    assert _date(page(stored)) == date(2022, 11, 7)
    # the byline a server rendered in UTC shows the 6th; a reader in Europe saw the 7th
    html = page(stored, article=HEADLINE + "<p>Texte de Marie Jaster 6.11.22</p>" + BODY)
    assert _date(html) == date(2022, 11, 7)


@pytest.mark.parametrize(
    "value",
    ["2022-11-06T23:14:00Z", "2022-11-06T15:00:00Z", "2022-11-06T23:00:00+01:00"],
)
def test_an_instant_that_is_no_local_midnight_keeps_its_day(value: str) -> None:
    html = page(f'<meta property="article:published_time" content="{value}">')
    assert _date(html) == date(2022, 11, 6)


# The byline zone -----------------------------------------------------------------------------


def test_a_date_inside_a_lead_paragraph_after_the_headline_is_not_the_byline() -> None:
    lead = (
        "<p class='chapo'>Le 3 mars 2021, le conseil municipal avait voté la fermeture de la "
        "piscine ; les habitants réclament depuis sa réouverture avant l'été.</p>"
    )
    assert _byline(HEADLINE + lead + BODY) is None


def test_a_lead_paragraph_opening_with_a_dateline_gives_its_date() -> None:
    lead = (
        "<p class='chapo'>Lyon, 3 mars 2021 – Le conseil municipal a voté la fermeture de la "
        "piscine ; les habitants réclament déjà sa réouverture avant l'été.</p>"
    )
    assert _byline(HEADLINE + lead + BODY) == date(2021, 3, 3)


def test_a_time_element_whose_text_is_no_date_gives_its_datetime() -> None:
    byline = (
        '<p>Von Anna Berg · <time datetime="2023-11-06T10:00:00+01:00">vor 2 Stunden</time></p>'
    )
    published = '<meta property="article:published_time" content="2023-10-01T08:00:00+00:00">'
    assert _date(page(published, article=HEADLINE + byline + BODY)) == date(2023, 11, 6)


@pytest.mark.parametrize(
    "line",
    [
        "Sujet ouvert par Paul · membre depuis le 28 juin 2014 · 12 mars 2021",
        "Themenstarter Pepe · Mitglied seit 28. Juni 2014 · 12.03.2021",
        "Offer valid until June 28, 2014 · posted March 12, 2021",
    ],
)
def test_a_date_that_opens_or_closes_a_span_is_not_the_byline(line: str) -> None:
    assert _byline(HEADLINE + f"<p>{line}</p>" + BODY) == date(2021, 3, 12)


def test_todays_date_in_the_site_banner_over_the_headline_is_not_a_dateline() -> None:
    published = '<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">'
    banner = '<header class="site"><span>Vendredi 4 décembre 2026</span></header>'
    assert _date(page(published, banner, article=HEADLINE + BODY)) == date(2021, 11, 29)
    # a dateline in the article's own header, with the headline, is one
    own = f"<header><p>Politique | 12.12.2022</p>{HEADLINE}</header>"
    assert _date(page(published, banner, article=own + BODY)) == date(2022, 12, 12)


def test_a_photo_caption_and_a_box_of_other_articles_are_beside_the_byline() -> None:
    figure = "<figure><img src='a.jpg'><figcaption>Photo AFP, 2 mars 2021</figcaption></figure>"
    aside = "<aside><a href='/b'>Le budget voté</a> 1er mars 2021</aside>"
    byline = "<p>Par Jeanne Martin, le 5 mars 2021</p>"
    assert _byline(HEADLINE + figure + aside + byline + BODY) == date(2021, 3, 5)


def test_a_headline_set_in_a_div_leads_to_its_byline() -> None:
    title = f"<title>{HEADLINE_TEXT}</title>"
    styled = (
        f"<div class='article-title'>{HEADLINE_TEXT}</div><div>Par J. Martin, "
        '<time datetime="2021-03-05T09:00:00+01:00">il y a 2 heures</time></div>'
    )
    html = page(title, article=styled + BODY)
    root = _document(html)
    assert root is not None
    assert byline_date(root, HEADLINE_TEXT, read_page(html).text) == date(2021, 3, 5)


def test_a_relative_date_alone_is_no_date() -> None:
    assert _byline(HEADLINE + "<p>Von Anna Berg · vor 2 Stunden</p>" + BODY) is None


def test_the_headline_heading_is_found_through_soft_hyphens_and_a_trailing_date() -> None:
    heading = (
        "<h1>Genève ac\u00adcueille les pour\u00adpar\u00adlers <small>07.03.2022</small></h1>"
    )
    assert _byline(heading + BODY) == date(2022, 3, 7)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Par Jeanne Martin, le 1er mars 2023", date(2023, 3, 1)),
        ("Von Georg Kasch, 3. März 2023", date(2023, 3, 3)),
        ("By Jane Doe on the 3rd of March 2023", date(2023, 3, 3)),
        ("Autor: Jan Nowak, 7 marca 2023", date(2023, 3, 7)),
        ("Autor: Jan Novák, 7. března 2023", date(2023, 3, 7)),
        ("Yazar: Ayşe Kaya, 7 Mart 2023", date(2023, 3, 7)),
        ("Автор: Иван Петров, 7 марта 2023 г.", date(2023, 3, 7)),
        ("Publicerad 12 maj 2021", date(2021, 5, 12)),
        ("기자 김민수 2023.03.07 10:15", date(2023, 3, 7)),
        ("Por Ana Ruiz, 4 de mayo de 2022", date(2022, 5, 4)),
    ],
)
def test_bylines_in_several_languages(byline: str, expected: date) -> None:
    assert _byline(HEADLINE + f"<p>{byline}</p>" + BODY) == expected


# A date the page labels as its publication ---------------------------------------------------

PLAYER = "<div class='player'>" + "<span>Kapitel</span>" * 60 + "</div>"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Veröffentlicht am 16.08.2019", date(2019, 8, 16)),
        ("Publié le 3 mars 2021", date(2021, 3, 3)),
        ("Published on March 3, 2021", date(2021, 3, 3)),
    ],
)
def test_a_labelled_publication_date_far_from_the_headline(label: str, expected: date) -> None:
    assert _byline(HEADLINE + PLAYER + BODY + f"<p class='meta'>{label}</p>") == expected


def test_a_labelled_date_in_the_readers_comments_is_not_the_publication() -> None:
    comments = "<div class='comments'><p>Publié le 3 février 2022 par Paul : bravo.</p></div>"
    assert _byline(HEADLINE + PLAYER + BODY + comments) is None


def test_a_labelled_date_of_another_article_in_a_sidebar_is_not_the_publication() -> None:
    aside = "<aside><h3>À lire aussi</h3><p>Publié le 3 février 2022 : le budget voté</p></aside>"
    assert _byline(HEADLINE + PLAYER + BODY + aside) is None


# Dates the page declares ---------------------------------------------------------------------


def _declared(head: str, body: str = "") -> list[date]:
    root = _document(page(head, body))
    assert root is not None
    return [i.date() for i in published_instants(root)]


def test_json_ld_nested_as_main_entity_and_with_a_raw_line_break() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "WebPage", "name": "Ligne\n'
        'brisée", "mainEntity": {"@type": "NewsArticle", "datePublished": "2021-03-04"}}'
        "</script>"
    )
    assert _declared(ld) == [date(2021, 3, 4)]


def test_json_ld_in_a_cdata_wrapper_in_a_graph() -> None:
    ld = (
        '<script type="application/ld+json">/* <![CDATA[ */{"@graph": [{"@type": "Person"},'
        ' {"@type": "BlogPosting", "datePublished": "2020-06-04T09:00:00+02:00"}]}/* ]]> */'
        "</script>"
    )
    assert _declared(ld) == [date(2020, 6, 4)]


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="parsely-pub-date" content="2020-11-04T21:53:22Z">',
        '<meta name="sailthru.date" content="2020-11-04 21:53:22 -0500">',
        '<meta name="DC.date.issued" content="2020-11-04">',
        '<meta name="dcterms.created" content="20201104">',
        '<meta name="pubdate" content="Wed, 04 Nov 2020 21:53:22 GMT">',
    ],
)
def test_publication_meta_tags(meta: str) -> None:
    assert _declared(meta) == [date(2020, 11, 4)]


def test_a_comment_date_is_not_declared_as_the_publication() -> None:
    body = (
        '<time pubdate datetime="2019-05-02">2 mai 2019</time>'
        '<ol class="commentlist"><li><time pubdate datetime="2019-06-01">1 juin</time></li></ol>'
        '<div itemscope itemtype="https://schema.org/Comment">'
        '<time itemprop="datePublished" datetime="2019-07-01">1 juillet</time></div>'
    )
    assert _declared("", body) == [date(2019, 5, 2)]


def test_modification_dates_are_apart_from_publication_dates() -> None:
    root = _document(page('<meta name="dcterms.modified" content="2021-05-06">'))
    assert root is not None
    assert [i.date() for i in modified_instants(root)] == [date(2021, 5, 6)]
    assert published_instants(root) == []


def test_declared_values() -> None:
    utc = UTC
    assert instant("2021-03-04T10:00:00.000Z") == datetime(2021, 3, 4, 10, tzinfo=utc)
    assert instant("2021-03-04 10:00:00 +0100") == datetime(
        2021, 3, 4, 10, tzinfo=timezone(timedelta(hours=1))
    )
    assert instant("20210304") == datetime(2021, 3, 4)
    assert instant("vor 2 Stunden") is None
    assert instant("") is None
