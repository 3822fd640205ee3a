"""Issue #17, fourth pass: HeidelTime's French classes still missing after the third pass
(and their English counterparts), each on sentences written for the test.

Anchor: Friday 2022-01-07 (the reference article's publication date).
"""

from __future__ import annotations

import pytest

from tests.pipeline.test_dates_coverage import _pairs

FRENCH = [
    # "mai" of "mai et juin 2011" takes the year named after the second month (date_r7d)
    (
        "Les élections ont eu lieu en mai et juin 2011.",
        [("mai", "2011-05"), ("juin 2011", "2011-06")],
    ),
    ("Les travaux ont duré de mars à juin 1999.", [("mars", "1999-03"), ("juin 1999", "1999-06")]),
    ("Les prix ont baissé en mai et juin.", [("mai", "2021-05"), ("juin", "2021-06")]),
    (
        "Les travaux ont eu lieu en juin-juillet 1999.",
        [("juin", "1999-06"), ("juillet 1999", "1999-07")],
    ),
    # a month or a day of "l'année prochaine/dernière", "de cette année" (date_r8a)
    (
        "Le chantier commencera en novembre de l'année prochaine.",
        [("novembre de l'année prochaine", "2023-11")],
    ),
    ("Le vote a eu lieu le 3 mai de l'an dernier.", [("le 3 mai de l'an dernier", "2021-05-03")]),
    ("Il est parti en février de cette année.", [("février de cette année", "2022-02")]),
    # a quarter of "l'année dernière", "de cette année" (date_r11a, date_r11b)
    (
        "Le bénéfice a progressé au premier trimestre de l'année dernière.",
        [("premier trimestre de l'année dernière", "2021-Q1")],
    ),
    (
        "Le bénéfice progressera au deuxième trimestre de cette année.",
        [("deuxième trimestre de cette année", "2022-Q2")],
    ),
    # a two-digit year in a numeric date (date_r0d): not the year 99
    ("Le contrat a été signé le 29/09/99.", [("29/09/99", "1999-09-29")]),
    ("Le contrat a été signé le 29.09.03.", [("29.09.03", "2003-09-29")]),
    # half past noon, a quarter past midnight
    ("Il est arrivé à midi et demi.", [("midi et demi", "2022-01-07T12:30")]),
    ("Le feu a pris vers minuit et quart.", [("minuit et quart", "2022-01-07T00:15")]),
    ("Il est arrivé à midi.", [("midi", "2022-01-07T12:00")]),
    # a day with its part: "le 31 décembre au soir" (one TIME expression, like "mardi soir")
    (
        "Le 31 décembre au soir, la fête a commencé.",
        [("Le 31 décembre au soir", "2021-12-31TEV")],
    ),
    (
        "Le 2 janvier au matin, il a neigé. Le lendemain, il a plu.",
        [("Le 2 janvier au matin", "2022-01-02TMO"), ("Le lendemain", "2022-01-03")],
    ),
    ("Il a signé le 3 janvier au siège du parti.", [("le 3 janvier", "2022-01-03")]),
    # the direction before "week-end": "ce dernier week-end" (not "le dernier week-end de mai")
    ("Ce dernier week-end, il a plu.", [("Ce dernier week-end", "2021-W52-WE")]),
    ("Le prochain week-end sera chaud.", [("Le prochain week-end", "2022-W02-WE")]),
    ("Le dernier week-end de mai est réservé.", [("mai", "2022-05")]),
    # approximate counts: "au moins", "approximativement" (reApproximate), "tout juste", "à peine"
    ("Il y a tout juste un an, l'usine fermait.", [("Il y a tout juste un an", "2021")]),
    ("Il a été élu il y a au moins dix ans.", [("il y a au moins dix ans", "2012")]),
    ("Il est arrivé il y a à peine trois mois.", [("il y a à peine trois mois", "2021-10")]),
    ("Le pont sera terminé dans au moins deux ans.", [("dans au moins deux ans", "2024")]),
    ("Il a travaillé au moins dix ans.", []),
    # a day named by its date, a capital month after a hyphen: "le 11-Septembre", "le 8-Mai"
    (
        "Depuis le 11-Septembre, la sécurité a été renforcée.",
        [("11-Septembre", "2021-09-11")],
    ),
    ("Les cérémonies du 8-Mai auront lieu au monument.", [("8-Mai", "2022-05-08")]),
    ("La référence 3-mai est épuisée.", []),
    # an hour after "vers les", "sur les coups de" (not "les 18 heures de garde à vue")
    ("L'accident a eu lieu vers les 18 heures.", [("18 heures", "2022-01-07T18:00")]),
    (
        "La police est intervenue sur les coups de 23 heures.",
        [("23 heures", "2022-01-07T23:00")],
    ),
    ("Il a attendu les 18 heures de garde à vue.", []),
    # a passive still to come: "doit être voté mardi" is next Tuesday (issue class 1)
    ("Le texte doit être voté mardi.", [("mardi", "2022-01-11")]),
    ("Le pont va être inauguré samedi.", [("samedi", "2022-01-08")]),
    ("Le texte doit être voté avant l'été.", [("l'été", "2022-SU")]),
    ("Le texte a été voté mardi.", [("mardi", "2022-01-04")]),
]

ENGLISH = [
    ("The vote took place in May and June 2011.", [("May", "2011-05"), ("June 2011", "2011-06")]),
    ("The shop may and will open.", []),
    ("The works took place in June-July 1999.", [("June", "1999-06"), ("July 1999", "1999-07")]),
    ("Work will start in November of next year.", [("November of next year", "2023-11")]),
    ("The vote was held on May 3 of last year.", [("May 3 of last year", "2021-05-03")]),
    ("The bill will be voted on Tuesday.", [("Tuesday", "2022-01-11")]),
    ("The bridge is going to be opened on Saturday.", [("Saturday", "2022-01-08")]),
    ("The bill was voted on Tuesday.", [("Tuesday", "2022-01-04")]),
    ("The police arrived at about 11 o'clock.", [("11 o'clock", "2022-01-07T11:00")]),
    ("He left at 8 o'clock in the evening.", [("8 o'clock in the evening", "2022-01-07T20:00")]),
    ("Exactly a year ago, the plant closed.", [("Exactly a year ago", "2021")]),
    ("Just over a year ago, the plant closed.", [("Just over a year ago", "2021")]),
    ("He was elected at least ten years ago.", [("at least ten years ago", "2012")]),
    (
        "The party began on the evening of December 31.",
        [("the evening of December 31", "2021-12-31TEV")],
    ),
    (
        "Profits rose in the first quarter of last year.",
        [("the first quarter of last year", "2021-Q1")],
    ),
]


@pytest.mark.parametrize("use_doc", [False, True], ids=["regex-tense", "spacy-tense"])
@pytest.mark.parametrize(("sentence", "expected"), FRENCH)
def test_french_classes(sentence: str, expected: list, use_doc: bool) -> None:
    assert _pairs(sentence, "fr", use_doc) == expected


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH)
def test_english_counterparts(sentence: str, expected: list) -> None:
    assert _pairs(sentence, "en") == expected
