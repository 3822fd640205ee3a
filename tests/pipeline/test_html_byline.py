"""Web pages: the date written in the byline, the lead the text lacks, the scraps at the end.

Small pages written for each rule (French, German and English), read through the importer.
"""

from __future__ import annotations

from datetime import date

from app.pipeline.ingest.byline import byline_date
from app.pipeline.ingest.clean import clean_plain_text
from app.pipeline.ingest.html import _document, read_page
from app.pipeline.ingest.prepare import ImportDefaults, prepare
from app.pipeline.ingest.readers import read_bytes
from app.pipeline.types import RawArticle
from tests.pipeline.test_html_pages import BODY, page

PUBLISHED = '<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">'
HEADLINE = "<h1>Genève accueille les pourparlers</h1>"


def _date(html: str) -> date | None:
    return read_page(html).published_at


def test_the_date_in_the_byline_under_the_headline_wins_over_the_metadata() -> None:
    html = page(
        PUBLISHED,
        article=HEADLINE + '<p class="byline">Par Jeanne Martin, mis à jour le 12 janvier 2022'
        "</p>" + BODY,
    )
    assert _date(html) == date(2022, 1, 12)


def test_an_english_byline_with_the_month_first() -> None:
    html = page(
        PUBLISHED,
        article=HEADLINE + "<div>By Rob Picheta, CNN Updated 2010 GMT March 14, 2021</div>" + BODY,
    )
    assert _date(html) == date(2021, 3, 14)


def test_a_numeric_german_byline() -> None:
    html = page(PUBLISHED, article=HEADLINE + "<p>Stand: 28.04.2020 18:00 Uhr</p>" + BODY)
    assert _date(html) == date(2020, 4, 28)


def test_a_dateline_over_the_headline() -> None:
    html = page(
        PUBLISHED,
        article="<div>Pressemitteilung | 12.12.2022 12:22</div>" + HEADLINE + BODY,
    )
    assert _date(html) == date(2022, 12, 12)


def test_a_date_opening_the_first_paragraph_is_a_dateline() -> None:
    html = page(PUBLISHED, article=HEADLINE + "<p>Genève, (31.10.2023). " + BODY[3:])
    assert _date(html) == date(2023, 10, 31)


def test_a_date_inside_the_first_sentence_is_not_a_dateline() -> None:
    html = page(
        PUBLISHED,
        article=HEADLINE + "<p>Les tarifs augmenteront à partir du 1er janvier 2024, et ce "
        "pour tous les abonnés du réseau, a annoncé la régie mardi soir.</p>" + BODY,
    )
    assert _date(html) == date(2021, 11, 29)


def test_dates_further_down_the_page_are_not_the_byline() -> None:
    comments = "<section><h2>Commentaires</h2><p>Paul, le 3 février 2022 : bravo.</p></section>"
    html = page(PUBLISHED, article=HEADLINE + BODY + comments)
    assert _date(html) == date(2021, 11, 29)


def test_a_slash_date_read_both_ways_is_not_used() -> None:
    root = _document(page("", article=HEADLINE + "<p>Par J. Martin | 03/04/2021</p>" + BODY))
    assert root is not None
    text = read_page(page("", article=HEADLINE + BODY)).text
    assert byline_date(root, "Genève accueille les pourparlers", text) is None
    root = _document(page("", article=HEADLINE + "<p>Par J. Martin | 13/04/2021</p>" + BODY))
    assert root is not None
    assert byline_date(root, "Genève accueille les pourparlers", text) == date(2021, 4, 13)


# The lead ---------------------------------------------------------------------------------

LEAD = "Moscou et Washington reprennent le dialogue sur la sécurité en Europe, sans grand espoir."


def _article(html: str) -> tuple[str | None, str]:
    [raw] = read_bytes("page.html", html.encode(), "html")
    assert isinstance(raw, RawArticle)
    article = prepare(raw, ImportDefaults())
    return article.standfirst, article.body


def test_the_lead_the_page_shows_and_the_text_lacks_is_the_standfirst() -> None:
    html = page(
        f'<meta property="og:description" content="{LEAD}">',
        article=HEADLINE + f'<div class="teaser"><strong>{LEAD}</strong></div>' + BODY,
    )
    standfirst, body = _article(html)
    assert (standfirst, body.startswith("Les délégations")) == (LEAD, True)


def test_a_description_the_page_does_not_show_is_not_added() -> None:
    html = page(f'<meta property="og:description" content="{LEAD}">', article=HEADLINE + BODY)
    assert _article(html)[0] is None


def test_a_description_that_is_not_a_sentence_is_not_added() -> None:
    kicker = "Neue Taskforce des Bundeskriminalamtes nimmt die Arbeit auf"
    html = page(
        f'<meta name="description" content="{kicker}">',
        article=HEADLINE + f"<h2>{kicker}</h2>" + BODY,
    )
    assert _article(html)[0] is None


# Scraps at the end ------------------------------------------------------------------------


def test_a_one_word_scrap_at_the_end_goes_and_a_sign_off_stays() -> None:
    text = "Viel Glück beim Bewerben, und bis nächste Woche!"
    assert clean_plain_text(f"{text}\n\nTemas", title="T").body == text
    assert clean_plain_text(f"{text}\n\nEuer Hans", title="T").body == f"{text}\n\nEuer Hans"


def test_a_declared_modification_date_gives_way_to_the_declared_publication() -> None:
    # htmldate reads the first <time>, the modification; the microdata say which is which.
    html = page(
        "<title>Datenschutz in eBay-Vorlagen</title>",
        body='<div class="meta"><time itemprop="dateModified">2018-08-29 14:15:57</time> '
        '<time itemprop="datePublished" datetime="2018-06-22 10:20:00">22.06.2018</time></div>',
    )
    assert _date(html) == date(2018, 6, 22)
