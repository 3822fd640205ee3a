"""Cleaning: boilerplate goes, every real paragraph stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.pipeline.ingest.clean import clean_plain_text, is_boilerplate, paragraphs
from app.pipeline.ingest.prepare import ImportDefaults, detect_language, prepare
from app.pipeline.types import RawArticle
from tests.conftest import SEED_FILE, SEED_GOLD

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))
GOLD = SEED_GOLD["article"]


def test_reference_article_matches_the_gold() -> None:
    cleaned = clean_plain_text(SEED_FILE.read_text())
    assert cleaned.title == GOLD["title"]
    assert cleaned.standfirst == GOLD["standfirst"]
    assert cleaned.republished is True
    assert cleaned.body.startswith(GOLD["body_starts_with"])
    assert cleaned.body.endswith(GOLD["body_ends_with"])
    for junk in GOLD["body_must_not_contain"]:
        assert junk not in cleaned.body
    # The body paragraph that mentions "soutien" in an editorial sentence stays.
    assert "Nous apportons un soutien à l'Ukraine" in cleaned.body


def test_there_are_ten_ordinary_articles() -> None:
    assert len(ARTICLES) == 10


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_ordinary_articles_lose_nothing(path: Path) -> None:
    text = path.read_text()
    title, *rest = paragraphs(text)
    cleaned = clean_plain_text(text)
    assert cleaned.title == title
    assert cleaned.republished is False
    kept = ([cleaned.standfirst] if cleaned.standfirst else []) + paragraphs(cleaned.body)
    assert kept == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "*********************************",
        "-----",
        "Vous aimez cet article ? Partagez-le avec un ami !",
        "Vous pouvez lire l’article original ici",
        "Source : https://www.rt.com/news/545563-nato-russia-conflict-risk/",
        "Inscrivez-vous à notre newsletter gratuite pour ne rien manquer.",
        "Votre soutien est essentiel pour nous permettre de continuer.",
        "Suivez-nous sur Telegram et sur Twitter.",
        "Telegram : https://t.me/exemple",
        "If you enjoyed this article, please share this article with your friends.",
        "Subscribe to our newsletter to get the latest stories.",
        "Read the original article at example.com.",
        "https://example.org/article/123",
        "Please donate: we rely on readers like you.",
    ],
)
def test_boilerplate_paragraphs_are_recognised(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Selon une source proche du dossier, le ministre devrait démissionner.",
        "Le gouvernement a apporté son soutien au projet de loi.",
        "La newsletter de la mairie paraîtra désormais chaque mois.",
        "Les deux pays ont accepté de partager les renseignements sur la menace.",
        "The source of the leak has not been identified, officials said.",
        "Support for the bill has grown among moderate lawmakers.",
        "The company will keep investing in its newsletter platform.",
        "L'article original de la loi prévoyait une exception pour les mineurs.",
    ],
)
def test_editorial_sentences_are_not_boilerplate(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)


def test_original_article_notice_sets_republished_and_goes() -> None:
    text = (
        "Un titre\n\nUn chapeau court.\n\nLe premier paragraphe du texte.\n\n"
        "Le second paragraphe du texte.\n\nInitialement publié sur example.org le 3 mars."
    )
    cleaned = clean_plain_text(text)
    assert cleaned.republished is True
    assert cleaned.body == "Le premier paragraphe du texte.\n\nLe second paragraphe du texte."


def test_repeated_title_with_different_spaces_is_dropped() -> None:
    cleaned = clean_plain_text("« Un titre »\n\n«\u00a0Un titre\u00a0»\n\nChapeau.\n\nCorps.")
    assert (cleaned.title, cleaned.standfirst, cleaned.body) == (
        "« Un titre »",
        "Chapeau.",
        "Corps.",
    )


def test_structured_input_keeps_its_first_paragraph_in_the_body() -> None:
    cleaned = clean_plain_text("Court premier paragraphe.\n\nSecond.", title="Titre")
    assert (cleaned.standfirst, cleaned.body) == (None, "Court premier paragraphe.\n\nSecond.")


def test_language_is_detected_unless_given() -> None:
    english = (ARTICLES[1]).read_text()
    assert detect_language(english, "fr") == "en"
    raw = RawArticle(origin="x", text=english)
    assert prepare(raw, ImportDefaults()).language == "en"
    assert prepare(raw, ImportDefaults(language="fr")).language == "fr"
    assert (
        prepare(RawArticle(origin="x", text=english, language="de"), ImportDefaults()).language
        == "de"
    )
