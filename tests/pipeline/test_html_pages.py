"""Web pages: the headline, the publication date a reader sees, no page lost to a cut save.

Small pages written for each rule (French and English), read through the importer's path.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.pipeline.ingest.html import HtmlError, read_page
from app.pipeline.ingest.prepare import ImportDefaults, prepare
from app.pipeline.ingest.readers import ReadFailure, read_bytes
from app.pipeline.types import RawArticle

BODY = (
    "<p>Les délégations américaine et russe sont arrivées dimanche en Suisse, à la veille "
    "de discussions consacrées à la sécurité en Europe.</p>"
    "<p>Les pourparlers s'ouvriront lundi à Genève, sous haute sécurité, et devraient durer "
    "deux jours selon les deux délégations.</p>"
    "<p>Moscou réclame des garanties écrites sur l'élargissement de l'OTAN, une exigence que "
    "Washington juge inacceptable.</p>"
)


def page(head: str, body: str = "", *, article: str = BODY, end: str = "</body></html>") -> str:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">{head}</head><body>'
        f'<header><a href="/">Accueil</a></header>{body}<main><article>{article}</article></main>'
        f"<footer><p>© 2022 — Mentions légales — Contact</p></footer>{end}"
    )


def title_of(html: str) -> str | None:
    return read_page(html).title


# Titles ----------------------------------------------------------------------------------


def test_site_name_suffix_is_stripped_when_it_matches_og_site_name() -> None:
    html = page(
        "<title>Genève accueille les pourparlers - Le Monde</title>"
        '<meta property="og:site_name" content="Le Monde">'
    )
    assert title_of(html) == "Genève accueille les pourparlers"


def test_site_name_prefix_is_stripped_when_it_matches_the_host() -> None:
    html = page(
        "<title>Le Quotidien : Genève accueille les pourparlers</title>"
        '<link rel="canonical" href="https://www.lequotidien.fr/monde/geneve">'
    )
    assert title_of(html) == "Genève accueille les pourparlers"


def test_a_title_part_that_is_not_the_site_stays() -> None:
    html = page(
        "<title>Ukraine : les pourparlers s'ouvrent à Genève | Le Monde</title>"
        '<meta property="og:site_name" content="Le Monde">'
    )
    assert title_of(html) == "Ukraine : les pourparlers s'ouvrent à Genève"


def test_the_article_h1_wins_over_a_longer_window_title() -> None:
    html = page(
        "<title>Genève : les pourparlers américano-russes s'ouvrent lundi - Monde - Le Site</title>"
        '<meta property="og:title" content="Genève : les pourparlers américano-russes s\'ouvrent'
        ' lundi - Monde">',
        article="<h1>Les pourparlers américano-russes s'ouvrent lundi</h1>" + BODY,
    )
    assert title_of(html) == "Les pourparlers américano-russes s'ouvrent lundi"


def test_a_logo_or_section_h1_is_not_the_headline() -> None:
    html = page(
        "<title>Genève accueille les pourparlers | Le Quotidien</title>"
        '<meta property="og:site_name" content="Le Quotidien">',
        body="<h1>Le Quotidien</h1><h1>Dépêches</h1>",
    )
    assert title_of(html) == "Genève accueille les pourparlers"


def test_a_kicker_in_the_h1_is_not_part_of_the_headline() -> None:
    html = page(
        '<meta property="og:title" content="Daten von Rheinmetall gehackt - Interne Unterlagen">',
        article='<h1><span class="dachzeile">Interne Unterlagen</span> '
        '<span class="headline">Daten von Rheinmetall gehackt</span></h1>' + BODY,
    )
    assert title_of(html) == "Daten von Rheinmetall gehackt"


def test_json_ld_headline_when_the_page_has_no_h1() -> None:
    html = page(
        "<title>Accueil | Le Quotidien</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Le Quotidien"},'
        '{"@type": "NewsArticle", "headline": "L\'OTAN se dit prête au dialogue"}]}</script>'
    )
    assert title_of(html) == "L'OTAN se dit prête au dialogue"


# Dates -----------------------------------------------------------------------------------


def test_published_time_before_the_modified_time() -> None:
    html = page(
        "<title>Un article</title>"
        '<meta property="article:modified_time" content="2022-01-12T10:00:00+01:00">'
        '<meta property="article:published_time" content="2022-01-09T18:30:00+01:00">'
    )
    assert read_page(html).published_at == date(2022, 1, 9)


def test_json_ld_date_published_before_date_modified_and_the_url() -> None:
    html = page(
        '<link rel="canonical" href="https://site.example/2021/12/30/un-article">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Un article",'
        ' "dateModified": "2022-02-01T08:00:00+01:00",'
        ' "datePublished": "2022-01-07T09:15:00+01:00"}</script>'
    )
    assert read_page(html).published_at == date(2022, 1, 7)


def test_a_utc_timestamp_is_the_local_day_the_page_shows() -> None:
    # 03:37 UTC on the 4th is 23:37 on the 3rd where the site is, as its byline says.
    html = page(
        '<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">',
        article='<p class="byline"><time datetime="2022-05-03T23:37:37-04:00">3 May 2022'
        "</time></p>" + BODY,
    )
    assert read_page(html).published_at == date(2022, 5, 3)


def test_a_time_element_of_another_instant_does_not_move_the_date() -> None:
    html = page(
        '<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">',
        article='<aside><time datetime="2017-10-12T21:06:39-04:00">12 October 2017</time>'
        "</aside>" + BODY,
    )
    assert read_page(html).published_at == date(2022, 5, 4)


# No page lost ----------------------------------------------------------------------------


def test_a_page_cut_after_the_article_is_read_as_a_browser_reads_it() -> None:
    html = page("<title>Genève accueille les pourparlers</title>", end="<script>var x = 1;")
    assert "</html>" not in html
    found = read_page(html)
    assert found.title == "Genève accueille les pourparlers"
    assert found.text.endswith("une exigence que Washington juge inacceptable.")


def test_a_page_cut_right_after_its_last_paragraph_is_read() -> None:
    whole = page("<title>Genève accueille les pourparlers</title>")
    html = whole[: whole.index("</article>")]
    assert read_page(html).text.endswith("une exigence que Washington juge inacceptable.")


def test_a_page_cut_inside_the_article_is_refused_and_says_so() -> None:
    whole = page("<title>Un article coupé</title>")
    html = whole[: whole.index("sous haute sécurité")]  # the download stopped mid-sentence
    with pytest.raises(HtmlError, match="the page ends inside the article text"):
        read_page(html)


def test_a_page_with_too_little_text_is_refused_and_says_so() -> None:
    html = page("<title>Erreur 404</title>", article="<p>Page introuvable.</p>")
    with pytest.raises(HtmlError, match="too short to be an article"):
        read_page(html)


def test_the_imported_article_has_the_headline_and_no_repeated_title() -> None:
    html = page(
        "<title>Genève accueille les pourparlers - Le Monde</title>"
        '<meta property="og:site_name" content="Le Monde">'
        '<meta property="article:published_time" content="2022-01-09T18:30:00+01:00">',
        article="<h1>Genève accueille les pourparlers</h1>" + BODY,
    )
    [raw] = read_bytes("page.html", html.encode(), "html")
    assert isinstance(raw, RawArticle) and not isinstance(raw, ReadFailure)
    article = prepare(raw, ImportDefaults())
    assert article.title == "Genève accueille les pourparlers"
    assert article.published_at == date(2022, 1, 9)
    assert article.body.startswith("Les délégations américaine et russe")
    assert article.language == "fr"


def test_a_table_in_the_article_is_kept() -> None:
    html = page(
        "<title>Les résultats</title>",
        article=BODY
        + "<table><tr><td>Handgepflückt, gewaschen, sonnengetrocknet</td></tr></table>",
    )
    assert "Handgepflückt, gewaschen, sonnengetrocknet" in read_page(html).text


def test_the_site_name_from_the_title_of_its_feed() -> None:
    html = page(
        "<title>Alles Neue macht der Mai | Bibliothek 2.0 und mehr</title>"
        '<link rel="alternate" type="application/rss+xml" title="Bibliothek 2.0 und mehr '
        '&raquo; Feed" href="https://blog.example/feed/">'
    )
    assert title_of(html) == "Alles Neue macht der Mai"


def test_a_page_with_an_xml_declaration_gets_its_headline_too() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page(
        "<title>Genève accueille les pourparlers - Le Monde</title>"
        '<meta property="og:site_name" content="Le Monde">'
    )
    assert title_of(html) == "Genève accueille les pourparlers"


def test_a_feed_named_after_the_article_does_not_name_the_site() -> None:
    html = page(
        "<title>Interview mit Rainer Teuber – #OutInChurch - männer*</title>"
        '<link rel="alternate" type="application/rss+xml" '
        'title="Interview mit Rainer Teuber – #OutInChurch - männer*" href="/rss">'
        '<link rel="alternate" type="application/rss+xml" title=" &raquo; Interview mit '
        'Rainer Teuber Comments Feed" href="/feed">',
        article="<h1>Interview mit Rainer Teuber – #OutInChurch</h1>" + BODY,
    )
    assert title_of(html) == "Interview mit Rainer Teuber – #OutInChurch"
