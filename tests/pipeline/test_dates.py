"""Temporal tagger: golden sentences, the reference article, date ranges and the eval gate."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from app.common.timex import date_range
from app.pipeline.dates.extract import extract_dates, resolve_date
from app.pipeline.ingest.clean import clean_plain_text
from app.pipeline.nlp import parse
from tests.conftest import SEED_FILE, eval_set

FRIDAY = date(2022, 1, 7)  # publication date of the reference article
ROOT = Path(__file__).resolve().parents[2]


SEED = SEED_FILE

# (sentence, expected [(text, value, granularity)]) with anchor Friday 2022-01-07.
FRENCH_GOLDEN = [
    ("Le sommet a eu lieu le 10 janvier 2022.", [("le 10 janvier 2022", "2022-01-10", "day")]),
    ("La loi du 10/01/2022 est entrée en vigueur.", [("10/01/2022", "2022-01-10", "day")]),
    ("Il est né le 1er mars 1999 à Lyon.", [("le 1er mars 1999", "1999-03-01", "day")]),
    ("Le ministre se rendra à Kiev le 10 janvier.", [("le 10 janvier", "2022-01-10", "day")]),
    ("Les négociations ont commencé le 28 décembre.", [("le 28 décembre", "2021-12-28", "day")]),
    ("Le président a déclaré vendredi qu'il était prêt.", [("vendredi", "2022-01-07", "day")]),
    ("Le conseil se réunira vendredi à Bruxelles.", [("vendredi", "2022-01-14", "day")]),
    ("Il a signé mercredi un accord.", [("mercredi", "2022-01-05", "day")]),
    ("Il va signer lundi un accord.", [("lundi", "2022-01-10", "day")]),
    ("Il est arrivé hier à Paris.", [("hier", "2022-01-06", "day")]),
    ("Il partira demain pour Berlin.", [("demain", "2022-01-08", "day")]),
    ("Le vote a lieu aujourd'hui.", [("aujourd'hui", "2022-01-07", "day")]),
    ("L'accident s'est produit avant-hier.", [("avant-hier", "2022-01-05", "day")]),
    (
        "Les pourparlers reprendront la semaine prochaine.",
        [("la semaine prochaine", "2022-W02", "week")],
    ),
    ("Les prix ont augmenté la semaine dernière.", [("la semaine dernière", "2021-W52", "week")]),
    ("L'usine a fermé il y a deux ans.", [("il y a deux ans", "2020", "year")]),
    ("Le verdict sera rendu dans trois jours.", [("dans trois jours", "2022-01-10", "day")]),
    ("Il a démissionné mardi dernier.", [("mardi dernier", "2022-01-04", "day")]),
    ("Le vote aura lieu mardi prochain.", [("mardi prochain", "2022-01-11", "day")]),
    ("Les ventes ont chuté ce mois-ci.", [("ce mois-ci", "2022-01", "month")]),
    ("Le chômage a baissé le mois dernier.", [("le mois dernier", "2021-12", "month")]),
    ("Les exportations ont progressé l'an dernier.", [("l'an dernier", "2021", "year")]),
    ("Les élections auront lieu l'année prochaine.", [("l'année prochaine", "2023", "year")]),
    ("Aucune réunion n'a eu lieu depuis 2019.", [("2019", "2019", "year")]),
    ("Le budget sera voté cette année.", [("cette année", "2022", "year")]),
    ("La réforme entrera en vigueur en mars.", [("mars", "2022-03", "month")]),
    ("Il a été élu en décembre.", [("décembre", "2021-12", "month")]),
    ("Le contrat court jusqu'en janvier 2023.", [("janvier 2023", "2023-01", "month")]),
    ("Le chantier a été achevé fin 2021.", [("fin 2021", "2021", "year")]),
    ("La décision est attendue début mars.", [("début mars", "2022-03", "month")]),
    ("Les touristes reviendront cet été.", [("cet été", "2022-SU", "season")]),
    ("Le pays a changé depuis les années 1990.", [("les années 1990", "199", "decade")]),
    ("Cette église date du XIIe siècle.", [("XIIe siècle", "11", "century")]),
    ("La réunion débutera à 15 heures.", [("15 heures", "2022-01-07T15:00", "time")]),
    (
        "Il est arrivé mardi vers 21 h 45.",
        [("mardi", "2022-01-04", "day"), ("vers 21 h 45", "2022-01-04T21:45", "time")],
    ),
    ("Il est rentré hier soir.", [("hier soir", "2022-01-06TEV", "time")]),
    ("Le match se jouera ce week-end.", [("ce week-end", "2022-W01-WE", "week")]),
    (
        "Le premier trimestre 2022 sera difficile.",
        [("Le premier trimestre 2022", "2022-Q1", "quarter")],
    ),
    ("Les faits remontent à octobre 98.", [("octobre 98", "1998-10", "month")]),
    (
        "Le comité organise dimanche 29 août 2021 un rallye.",
        [("dimanche 29 août 2021", "2021-08-29", "day")],
    ),
    (
        "Concert samedi 8 janvier, à 8 h. du soir.",
        [("samedi 8 janvier", "2022-01-08", "day"), ("8 h. du soir", "2022-01-08T20:00", "time")],
    ),
    (
        "Ouvert de 9 heures à 12 heures.",
        [("9 heures", "2022-01-07T09:00", "time"), ("12 heures", "2022-01-07T12:00", "time")],
    ),
    # Durations and counts are not dates.
    ("Après un combat de 4 heures, il recula.", []),
    ("Le loyer passe de 2000 à 3000 euros.", []),
    ("La sonde a atterri sur Mars.", []),
    ("Le printemps arabe a marqué la région.", []),
    ("Les événements de mai 68 restent célèbres.", [("mai 68", "1968-05", "month")]),
    (
        "Entre 2015 et 2020, les ventes ont doublé.",
        [("2015", "2015", "year"), ("2020", "2020", "year")],
    ),
    ("Le festival a duré pendant trois jours.", []),
    ("La somme atteint 2000 euros pour 1500 personnes.", []),
    ("Le coureur a bouclé l'étape en 2 h 30.", []),
    ("Les Jeux d'hiver ont été un succès.", []),
    ("Le mercredi, la bibliothèque est ouverte.", []),
]

ENGLISH_GOLDEN = [
    ("He said on January 10 that talks would resume.", [("January 10", "2022-01-10", "day")]),
    ("The ministers met last Friday in Brussels.", [("last Friday", "2021-12-31", "day")]),
    ("The vote took place yesterday.", [("yesterday", "2022-01-06", "day")]),
    ("Talks will continue next week.", [("next week", "2022-W02", "week")]),
    ("The bridge was built in 2019.", [("2019", "2019", "year")]),
    ("She may come back in May.", [("May", "2022-05", "month")]),
    ("The fall of Rome was slow.", []),
    ("He will retire next summer.", [("next summer", "2022-SU", "season")]),
    ("Prices rose sharply in the 1990s.", [("the 1990s", "199", "decade")]),
    (
        "The summit will be held on Friday at 3 pm.",
        [("Friday", "2022-01-14", "day"), ("3 pm", "2022-01-14T15:00", "time")],
    ),
]

# Without a publication date, the unknown parts stay X.
NO_ANCHOR_GOLDEN = [
    ("Les pourparlers devraient débuter le 10 janvier.", [("le 10 janvier", "XXXX-01-10", "day")]),
    ("Il a déclaré vendredi qu'il était prêt.", [("vendredi", "XXXX-XX-XX", "day")]),
    ("Le sommet a eu lieu le 10 janvier 2022.", [("le 10 janvier 2022", "2022-01-10", "day")]),
    ("La réforme entrera en vigueur en mars.", [("mars", "XXXX-03", "month")]),
    (
        "Les pourparlers reprendront la semaine prochaine.",
        [("la semaine prochaine", "XXXX-WXX", "week")],
    ),
    ("Aucune réunion depuis 2019.", [("2019", "2019", "year")]),
]


def _triples(text: str, anchor: date | None, language: str = "fr", use_doc: bool = False):
    doc = parse(text, language) if use_doc else None
    results = extract_dates(text, anchor=anchor, language=language, doc=doc)
    for r in results:
        assert text[r.start : r.end] == r.text
    return [(r.text, r.value, r.granularity) for r in results]


@pytest.mark.parametrize("use_doc", [False, True], ids=["regex-tense", "spacy-tense"])
@pytest.mark.parametrize(("sentence", "expected"), FRENCH_GOLDEN)
def test_french_sentences(sentence: str, expected: list, use_doc: bool) -> None:
    assert _triples(sentence, FRIDAY, "fr", use_doc) == expected


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH_GOLDEN)
def test_english_sentences(sentence: str, expected: list) -> None:
    assert _triples(sentence, FRIDAY, "en") == expected


@pytest.mark.parametrize(("sentence", "expected"), NO_ANCHOR_GOLDEN)
def test_without_anchor(sentence: str, expected: list) -> None:
    assert _triples(sentence, None, "fr") == expected


def test_results_are_sorted_and_do_not_overlap() -> None:
    text = "Hier à 10 h, puis le 12 janvier 2022 et en 2019, enfin mardi prochain."
    results = extract_dates(text, anchor=FRIDAY)
    assert [r.text for r in results] == [
        "Hier",
        "10 h",
        "le 12 janvier 2022",
        "2019",
        "mardi prochain",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(results))


def test_unsupported_language_yields_nothing() -> None:
    assert extract_dates("am 10. Januar 2022", anchor=FRIDAY, language="de") == []


@pytest.fixture(scope="module")
def seed_body() -> str:
    return clean_plain_text(SEED.read_text(encoding="utf-8")).body


@pytest.mark.parametrize("use_doc", [False, True], ids=["regex-tense", "spacy-tense"])
def test_reference_article(seed_body: str, use_doc: bool) -> None:
    found = _triples(seed_body, FRIDAY, "fr", use_doc)
    assert [(t, v) for t, v, _ in found] == [
        ("vendredi", "2022-01-07"),
        ("vendredi", "2022-01-07"),
        ("le 10 janvier", "2022-01-10"),
        ("2019", "2019"),
        ("le 12 janvier", "2022-01-12"),
    ]


def test_reference_article_without_anchor(seed_body: str) -> None:
    found = {t: v for t, v, _ in _triples(seed_body, None)}
    assert found["le 10 janvier"] == "XXXX-01-10"
    assert found["le 12 janvier"] == "XXXX-01-12"


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "expected"),
    [
        ("le 10 janvier", FRIDAY, None, ("2022-01-10", "day")),
        ("le 10 janvier", None, None, ("XXXX-01-10", "day")),
        ("le 3 janvier", FRIDAY, "future", ("2023-01-03", "day")),
        ("le 3 janvier", FRIDAY, "past", ("2022-01-03", "day")),
        ("vendredi", FRIDAY, "past", ("2022-01-07", "day")),
        ("vendredi", FRIDAY, "future", ("2022-01-14", "day")),
        ("vendredi", None, None, ("XXXX-XX-XX", "day")),
        ("décembre", FRIDAY, "future", ("2022-12", "month")),
        ("décembre", FRIDAY, None, ("2021-12", "month")),
        ("à 15h30", FRIDAY, None, ("2022-01-07T15:30", "time")),
        ("l'été dernier", FRIDAY, None, ("2021-SU", "season")),
        ("il y a trois semaines", FRIDAY, None, ("2021-W50", "week")),
        ("le 20e siècle", FRIDAY, None, ("19", "century")),
        ("pendant trois jours", FRIDAY, None, None),
    ],
)
def test_resolve_date(
    expression: str, anchor: date | None, tense: str | None, expected: tuple | None
) -> None:
    assert resolve_date(expression, anchor, tense=tense) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-10", (date(2022, 1, 10), date(2022, 1, 10))),
        ("2022-01-10T15:00", (date(2022, 1, 10), date(2022, 1, 10))),
        ("2022-01-06TEV", (date(2022, 1, 6), date(2022, 1, 6))),
        ("2022-01", (date(2022, 1, 1), date(2022, 1, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2022-W02", (date(2022, 1, 10), date(2022, 1, 16))),
        ("2022-W01-WE", (date(2022, 1, 8), date(2022, 1, 9))),
        ("2022-Q2", (date(2022, 4, 1), date(2022, 6, 30))),
        ("2022-SU", (date(2022, 6, 1), date(2022, 8, 31))),
        ("2021-WI", (date(2021, 12, 1), date(2022, 2, 28))),
        ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("199", (date(1990, 1, 1), date(1999, 12, 31))),
        ("19", (date(1900, 1, 1), date(1999, 12, 31))),
        ("XXXX-01-10", None),
        ("XXXX-XX-XX", None),
        ("PRESENT_REF", None),
        ("2022-02-30", None),
    ],
)
def test_date_range(value: str, expected: tuple[date, date] | None) -> None:
    assert date_range(value) == expected


def test_eval_gate() -> None:
    """Value-right ratio on the French TimeBank dev split stays above the floor."""
    from bench.eval_dates import evaluate

    eval_set("fr-timebank-dev")
    scores = evaluate()
    assert scores.gold == 150
    assert scores.found_ratio >= 0.86
    assert scores.value_ratio >= 0.83
