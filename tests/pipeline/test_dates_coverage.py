"""Issue #17, third pass: expression classes of HeidelTime's French rules (and their English
counterparts) the tagger did not find, each on sentences written for the test.

Anchor: Friday 2022-01-07 (the reference article's publication date).
"""

from __future__ import annotations

from datetime import date

import pytest

from app.pipeline.dates.extract import extract_dates
from app.pipeline.nlp import parse

FRIDAY = date(2022, 1, 7)


def _pairs(sentence: str, language: str = "fr", use_doc: bool = True) -> list[tuple[str, str]]:
    doc = parse(sentence, language) if use_doc else None
    found = extract_dates(sentence, anchor=FRIDAY, language=language, doc=doc)
    return [(r.text, r.value) for r in found]


FRENCH = [
    # "il y a un an", "un an plus tard", "dans un an": the singular "an" (date_r22a)
    ("Il y a un an, l'usine fermait ses portes.", [("Il y a un an", "2021")]),
    ("Le stade sera rénové dans un an.", [("dans un an", "2023")]),
    (
        "En 1998, il a été élu. Un an plus tard, il a démissionné.",
        [("1998", "1998"), ("Un an plus tard", "1999")],
    ),
    # approximate counts (reApproximate): "il y a près de deux ans", "plus d'un an"
    ("Le pont s'est effondré il y a près de deux ans.", [("il y a près de deux ans", "2020")]),
    ("Il a quitté la ville il y a plus d'un an.", [("il y a plus d'un an", "2021")]),
    # round counts: "une dizaine de jours", "une vingtaine d'années" (not of people)
    ("Il y a une dizaine de jours, il a plu.", [("Il y a une dizaine de jours", "2021-12-28")]),
    (
        "Le pont sera fini dans une quinzaine de jours.",
        [("dans une quinzaine de jours", "2022-01-22")],
    ),
    ("Une dizaine de personnes ont manifesté.", []),
    ("Il a plu pendant une dizaine de jours.", []),
    # "d'ici deux ans": that far ahead
    ("D'ici deux ans, le chantier sera terminé.", [("D'ici deux ans", "2024")]),
    ("Le texte sera voté d'ici à trois mois.", [("d'ici à trois mois", "2022-04")]),
    # "cette année-là", "ce soir-là": the year or day the text is telling (UNDEF-REF)
    (
        "En 1998, la crise a éclaté. Cette année-là, la récolte avait été mauvaise.",
        [("1998", "1998"), ("Cette année-là", "1998")],
    ),
    (
        "Le 3 janvier, il a voté. Ce soir-là, il a dîné en ville.",
        [("Le 3 janvier", "2022-01-03"), ("Ce soir-là", "2022-01-03TEV")],
    ),
    (
        "Le 12 mai 1995, il a signé. Ce mois-là, il a plu.",
        [("Le 12 mai 1995", "1995-05-12"), ("Ce mois-là", "1995-05")],
    ),
    # a season with a part word (date_r18d): "à la fin de l'été", "au début du printemps"
    ("Il est parti à la fin de l'été.", [("la fin de l'été", "2021-SU")]),
    ("Le chantier reprendra au début du printemps.", [("début du printemps", "2022-SP")]),
    ("Les routes ont fermé en plein hiver.", [("en plein hiver", "2021-WI")]),
    ("La fin a été difficile.", []),
    (
        "Au premier trimestre 2021, le PIB a progressé par rapport au trimestre précédent.",
        [("premier trimestre 2021", "2021-Q1"), ("trimestre précédent", "2020-Q4")],
    ),
    # a season with a two-digit year or "de" (date_r9b, date_r9c)
    ("L'été 99 a été chaud.", [("L'été 99", "1999-SU")]),
    ("Durant l'hiver de 1956, il a gelé.", [("l'hiver de 1956", "1956-WI")]),
    ("L'été 40 personnes sont venues.", []),
    # "l'année en cours", "le mois en cours": the publication's
    ("Les ventes de l'année en cours sont bonnes.", [("l'année en cours", "2022")]),
    ("Le bilan du mois en cours sera publié.", [("mois en cours", "2022-01")]),
    # midday (normPartOfDay "mi-journée")
    ("À la mi-journée, la grève était très suivie.", [("la mi-journée", "2022-01-07TMI")]),
    ("Samedi midi, le maire a inauguré la salle.", [("Samedi midi", "2022-01-01TMI")]),
    ("Ce midi, le maire a inauguré la salle.", [("Ce midi", "2022-01-07TMI")]),
    ("Il a pris le train pour le Midi.", []),
    # a range's first day takes the year of its last: "du 3 au 10 janvier" in the future
    (
        "Du 3 au 10 janvier, l'exposition sera ouverte.",
        [("3", "2022-01-03"), ("10 janvier", "2022-01-10")],
    ),
    (
        "La fête a eu lieu samedi 12 et dimanche 13 juin.",
        [("samedi 12", "2021-06-12"), ("dimanche 13 juin", "2021-06-13")],
    ),
    ("Il a marqué samedi 12 points.", [("samedi", "2022-01-01")]),
    # the second year of "1998-99" (date_r12b)
    ("La saison 1998-99 restera dans les annales.", [("1998", "1998"), ("99", "1999")]),
    ("Le score était de 1998-12.", [("1998", "1998")]),
    # dates with dashes (date_r0a), "le 16/06" (date_r2d)
    ("La loi du 29-01-1999 a été abrogée.", [("29-01-1999", "1999-01-29")]),
    ("Le score était de 10-12 à la mi-temps.", []),
    ("Le concert aura lieu le 16/06.", [("16/06", "2022-06-16")]),
    # holidays of reHolidayFix / reHolidayVar
    ("Les enfants fêteront Halloween.", [("Halloween", "2022-10-31")]),
    ("Le défilé aura lieu le jour de la fête du Travail.", [("fête du Travail", "2022-05-01")]),
    ("Il sera baptisé le jeudi saint.", [("jeudi saint", "2022-04-14")]),
    (
        "Le défilé du 1er mai, fête du travail, réunira du monde.",
        [("1er mai", "2022-05-01"), ("fête du travail", "2022-05-01")],
    ),
    ("L'ascension du col a été difficile.", []),
    ("Il viendra le lundi de Pâques.", [("lundi de Pâques", "2022-04-18")]),
    # a saint's feast is "la Saint-X"; without "la" it is a name (a church, a street, a town)
    ("Les enfants attendent la Saint-Nicolas.", [("Saint-Nicolas", "2021-12-06")]),
    ("Le concert a eu lieu en l'église Saint-Nicolas.", []),
    ("Il habite rue Saint-Jean à Nancy.", []),
    ("Il est allé à Saint-Nicolas-de-Port.", []),
    # vague references (reDateWord and their kin)
    ("Pour l'heure, aucune décision n'a été prise.", [("Pour l'heure", "PRESENT_REF")]),
    ("Le village a jusqu'ici été épargné.", [("jusqu'ici", "PRESENT_REF")]),
    ("Il a été nommé il y a peu.", [("il y a peu", "PAST_REF")]),
    ("Il y a peu de chances qu'il vienne.", []),
    ("À l'avenir, les contrôles seront renforcés.", [("À l'avenir", "FUTURE_REF")]),
    ("Ils sont optimistes en pensant à l'avenir.", []),
    ("La ligne sera rouverte dans un proche avenir.", [("dans un proche avenir", "FUTURE_REF")]),
    ("Il a quitté la ville il y a longtemps.", [("il y a longtemps", "PAST_REF")]),
    # "écoulé(e)": the one just past; "du mois dernier" with the article outside
    ("Les prix ont baissé l'année écoulée.", [("l'année écoulée", "2021")]),
    ("Les chiffres du mois dernier sont bons.", [("mois dernier", "2021-12")]),
    ("Au début du mois prochain, il votera.", [("début du mois prochain", "2022-02")]),
    # decades and centuries as units (reUnit: "décennies?", "siècles?")
    ("La ville a changé au cours de la décennie écoulée.", [("la décennie écoulée", "201")]),
    ("D'ici la fin du siècle, la mer montera.", [("la fin du siècle", "20")]),
    ("Le chantier sera achevé d'ici l'été.", [("l'été", "2022-SU")]),
    ("Le magasin ouvre à partir de 14 heures.", [("14 heures", "2022-01-07T14:00")]),
    # an era as the present, like "À l'heure de l'Europe, …"
    ("À l'ère de l'internet, les journaux souffrent.", [("l'ère de l'internet", "PRESENT_REF")]),
]

# A present clause's date read by its preposition: "depuis" points back, "jusqu'à", "dès"
# (a weekday) forward; a past clause keeps its tense.
PREPOSITIONS = [
    ("Depuis lundi, la grève continue.", [("lundi", "2022-01-03")]),
    ("Depuis le 20 janvier, la grève continue.", [("le 20 janvier", "2021-01-20")]),
    ("Jusqu'à dimanche, la ville est en fête.", [("dimanche", "2022-01-09")]),
    ("Dès lundi, les tarifs changent.", [("lundi", "2022-01-10")]),
    ("Depuis mardi, il était en grève.", [("mardi", "2022-01-04")]),
    ("Les inscriptions sont ouvertes jusqu'au 30 septembre.", [("30 septembre", "2022-09-30")]),
    ("Les tarifs changent à partir du 15 mars.", [("15 mars", "2022-03-15")]),
    ("Les tarifs changent à compter du 1er mars.", [("1er mars", "2022-03-01")]),
    (
        "En été, le camping affiche complet. À partir du 15 juillet, il refuse du monde.",
        [("été", "XXXX-SU"), ("15 juillet", "XXXX-07-15")],
    ),
    ("Le musée est resté fermé jusqu'au 3 janvier.", [("3 janvier", "2022-01-03")]),
    # a season after "au cours de", "lors de"
    ("Au cours de l'été, l'usine a tourné.", [("l'été", "2021-SU")]),
    # hours after "aux alentours de", "il était"; "de 3 heures de route" stays a duration
    ("Il a été interpellé aux alentours de 3 heures.", [("3 heures", "2022-01-07T03:00")]),
    ("Il était 21 heures quand il est arrivé.", [("21 heures", "2022-01-07T21:00")]),
    ("Il faut compter de 3 heures de route.", []),
]

# The day next to a date: "la veille de Noël", "le lendemain du 1er mai" (not of an event).
EVES = [
    ("La veille de Noël, il a neigé.", [("La veille de Noël", "2021-12-24")]),
    ("Au lendemain du 14-Juillet, il a plu.", [("lendemain du 14-Juillet", "2021-07-15")]),
    ("La veille du 1er mars 2000, il a plu.", [("La veille du 1er mars 2000", "2000-02-29")]),
    ("Le lendemain de Pâques, il a plu.", [("Le lendemain de Pâques", "2022-04-18")]),
    (
        "Le lendemain du 31 décembre 1999, tout a changé.",
        [("Le lendemain du 31 décembre 1999", "2000-01-01")],
    ),
    ("La veille du Conseil européen, il a parlé.", []),
]

ENGLISH = [
    ("The day after Christmas, it rained.", [("The day after Christmas", "2021-12-26")]),
    ("The day before June 5, it rained.", [("The day before June 5", "2022-06-04")]),
    ("The day after his marriage, it rained.", []),
    (
        "They met on January 3. The day after, they signed.",
        [("January 3", "2022-01-03"), ("The day after", "2022-01-04")],
    ),
    ("Prices rose in mid-January.", [("mid-January", "2022-01")]),
    ("In the early 1990s, the city grew.", [("the early 1990s", "199")]),
    ("He will leave at the end of the month.", [("the end of the month", "2022-01")]),
    ("The plant will close at the end of next year.", [("the end of next year", "2023")]),
    (
        "In 1998 the crisis began. That year, the harvest was poor.",
        [("1998", "1998"), ("That year", "1998")],
    ),
    ("At midday, the strike was widely followed.", [("midday", "2022-01-07T12:00")]),
    ("So far, nobody has been charged.", [("So far", "PRESENT_REF")]),
    ("He resigned about two years ago.", [("about two years ago", "2020")]),
    ("Sales in the current year are good.", [("the current year", "2022")]),
    ("The bridge will open in late summer.", [("late summer", "2022-SU")]),
    ("The bridge opened at the end of the winter.", [("the end of the winter", "2021-WI")]),
    ("The city changed over the last decade.", [("last decade", "201")]),
    ("It was not so far from the town.", []),
]


@pytest.mark.parametrize("use_doc", [False, True], ids=["regex-tense", "spacy-tense"])
@pytest.mark.parametrize(("sentence", "expected"), FRENCH)
def test_french_classes(sentence: str, expected: list, use_doc: bool) -> None:
    assert _pairs(sentence, "fr", use_doc) == expected


@pytest.mark.parametrize(("sentence", "expected"), ENGLISH)
def test_english_counterparts(sentence: str, expected: list) -> None:
    assert _pairs(sentence, "en") == expected


@pytest.mark.parametrize("use_doc", [False, True], ids=["regex-tense", "spacy-tense"])
@pytest.mark.parametrize(("sentence", "expected"), PREPOSITIONS + EVES)
def test_prepositions_and_eves(sentence: str, expected: list, use_doc: bool) -> None:
    assert _pairs(sentence, "fr", use_doc) == expected
