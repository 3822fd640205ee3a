"""A site's name repeated in the titles of its pages, learnt from the pages imported together."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from app.articles.models import Article
from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.ingest.sitename import SiteNames, site_of
from app.pipeline.run import run_import


def _names(site: str, titles: list[str]) -> SiteNames:
    names = SiteNames()
    for title in titles:
        names.learn(site, title)
    return names


def test_a_suffix_two_titles_of_a_site_share_is_its_name() -> None:
    titles = [
        "Genève accueille les pourparlers - L'Écho du Coin",
        "Le franc recule - L'Écho du Coin",
    ]
    names = _names("echo.example", titles)
    assert [names.strip("echo.example", t) for t in titles] == [
        "Genève accueille les pourparlers",
        "Le franc recule",
    ]


def test_a_prefix_the_site_repeats_goes_too() -> None:
    titles = [
        "Der Bote | Neue Regeln ab Montag",
        "Der Bote | Streik bei der Bahn",
        "Der Bote | Wetter",
    ]
    names = _names("bote.example", titles)
    assert names.strip("bote.example", titles[1]) == "Streik bei der Bahn"


def test_one_title_alone_keeps_its_parts() -> None:
    names = _names("echo.example", ["Genève accueille les pourparlers - L'Écho du Coin"])
    title = "Genève accueille les pourparlers - L'Écho du Coin"
    assert names.strip("echo.example", title) == title


def test_another_site_does_not_count() -> None:
    names = SiteNames()
    names.learn("a.example", "Genève accueille les pourparlers - Le Site")
    names.learn("b.example", "Le franc recule - Le Site")
    assert names.strip("a.example", "Genève accueille les pourparlers - Le Site").endswith("Site")


def test_a_topic_some_titles_share_stays() -> None:
    titles = [
        "Ukraine : les pourparlers s'ouvrent à Genève",
        "Ukraine : Kiev répond à Moscou",
        "Le franc recule",
        "Les banques relèvent leurs taux",
        "Corona - Neue Regeln",
    ]
    names = _names("site.example", titles)
    assert [names.strip("site.example", t) for t in titles] == titles


def test_a_whole_title_that_repeats_is_not_stripped_away() -> None:
    names = _names("site.example", ["Accueil - Le Site", "Contact - Le Site"])
    assert names.strip("site.example", "Le Site") == "Le Site"


def test_the_site_is_the_host_or_the_archived_host_or_the_source() -> None:
    assert site_of("https://www.echo.example/a/b", None) == "echo.example"
    assert site_of("https://web.archive.org/web/2021/https://www.echo.example/a", None) == (
        "echo.example"
    )
    assert site_of(None, "L'Écho") == "l'écho"
    assert site_of(None, None) is None


ARTICLE = (
    "<p>Les délégations américaine et russe sont arrivées dimanche en Suisse, à la veille de "
    "discussions consacrées à la sécurité en Europe, a indiqué le ministère.</p>"
    "<p>Les pourparlers s'ouvriront lundi à Genève, sous haute sécurité, et devraient durer "
    "deux jours selon les deux délégations présentes sur place.</p>"
)


def _page(title: str, path: str) -> str:
    # No og:site_name, a host unlike the name: only the other pages tell the name.
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="https://www.ledc.example/{path}"></head><body>'
        f"<main><article>{ARTICLE.replace('Genève', path)}</article></main></body></html>"
    )


@pytest.mark.parametrize("count", [1, 3])
def test_an_import_strips_the_name_its_pages_share(
    tmp_path: Path, session: Session, session_factory, count: int
) -> None:
    headlines = ["Genève accueille les pourparlers", "Le franc recule", "La neige tombe"]
    for number, headline in enumerate(headlines[:count]):
        (tmp_path / f"p{number}.html").write_text(
            _page(f"{headline} | L'Écho du Coin", f"page{number}"), encoding="utf-8"
        )
    report = run_import(
        [str(tmp_path)],
        session_factory=session_factory,
        defaults=ImportDefaults(),
        max_bytes=10_000_000,
    )
    assert report.imported == count, report.failures
    titles = sorted(session.get(Article, i).title for i in report.article_ids)
    if count == 1:  # one page alone does not show which part is the site's
        assert titles == ["Genève accueille les pourparlers | L'Écho du Coin"]
    else:
        assert titles == sorted(headlines)
