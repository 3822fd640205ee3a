"""Word lists of the temporal tagger, per language (HeidelTime-style rule resources)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the date rules need, as plain word → value maps."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]  # only used right after a day number ("7 sept.")
    weekdays: dict[str, int]  # Monday = 0
    relative_days: dict[str, int]  # offset in days from the anchor
    parts_of_day: dict[str, str]  # TIMEX3 part-of-day codes
    directions: dict[str, int]  # -1 = last, +1 = next, 0 = this
    units: dict[str, str]  # calendar unit words → granularity
    numbers: dict[str, int]
    seasons: dict[str, str]
    ordinals: dict[str, int]  # for quarters ("premier trimestre")
    year_prepositions: tuple[str, ...]  # a bare 4-digit number after these is a year
    month_prepositions: tuple[str, ...]  # a bare month name after these is a month
    count_nouns: frozenset[str] = field(default_factory=frozenset)  # "2000 euros" is no year


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FRENCH = Lexicon(
    months={
        "janvier": 1,
        "février": 2,
        "fevrier": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "aout": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
        "decembre": 12,
    },
    month_abbreviations={
        "janv.": 1,
        "févr.": 2,
        "fév.": 2,
        "avr.": 4,
        "juil.": 7,
        "sept.": 9,
        "oct.": 10,
        "nov.": 11,
        "déc.": 12,
    },
    weekdays={
        "lundi": 0,
        "mardi": 1,
        "mercredi": 2,
        "jeudi": 3,
        "vendredi": 4,
        "samedi": 5,
        "dimanche": 6,
    },
    relative_days={
        "aujourd'hui": 0,
        "aujourd’hui": 0,
        "hier": -1,
        "avant-hier": -2,
        "demain": 1,
        "après-demain": 2,
    },
    parts_of_day={
        "matin": "MO",
        "matinée": "MO",
        "après-midi": "AF",
        "soir": "EV",
        "soirée": "EV",
        "nuit": "NI",
    },
    directions={
        "dernier": -1,
        "dernière": -1,
        "derniers": -1,
        "dernières": -1,
        "passé": -1,
        "passée": -1,
        "prochain": 1,
        "prochaine": 1,
        "prochains": 1,
        "prochaines": 1,
    },
    units={
        "jour": "day",
        "jours": "day",
        "semaine": "week",
        "semaines": "week",
        "week-end": "weekend",
        "mois": "month",
        "trimestre": "quarter",
        "an": "year",
        "ans": "year",
        "année": "year",
        "années": "year",
    },
    numbers={
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "quinze": 15,
        "vingt": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
    },
    seasons={"printemps": "SP", "été": "SU", "eté": "SU", "automne": "FA", "hiver": "WI"},
    ordinals={
        "premier": 1,
        "1er": 1,
        "deuxième": 2,
        "second": 2,
        "2e": 2,
        "troisième": 3,
        "3e": 3,
        "quatrième": 4,
        "4e": 4,
    },
    year_prepositions=(
        "en",
        "depuis",
        "dès",
        "avant",
        "après",
        "de",
        "d'",
        "du",
        "à",
        "au",
        "jusqu'en",
        "jusqu'à",
        "à partir de",
        "vers",
        "pour",
        "entre",
        "et",
        "ou",
        "courant",
        "saison",
        "exercice",
        "cuvée",
        "édition",
        "millésime",
        "promotion",
    ),
    month_prepositions=(
        "en",
        "de",
        "d'",
        "dès",
        "depuis",
        "jusqu'en",
        "à partir de",
        "avant",
        "après",
        "pour",
        "courant",
        "et",
    ),
    count_nouns=_words(
        "euros euro francs franc dollars dollar livres € % habitants personnes mètres m km "
        "kilomètres kg kilos tonnes voix voitures emplois salariés exemplaires hectares ha "
        "places logements élèves points spectateurs visiteurs participants hommes femmes "
        "enfants morts victimes soldats manifestants fois pages signatures membres"
    ),
)

ENGLISH = Lexicon(
    months={
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
    },
    month_abbreviations={
        "jan.": 1,
        "feb.": 2,
        "mar.": 3,
        "apr.": 4,
        "jun.": 6,
        "jul.": 7,
        "aug.": 8,
        "sep.": 9,
        "sept.": 9,
        "oct.": 10,
        "nov.": 11,
        "dec.": 12,
    },
    weekdays={
        "monday": 0,
        "tuesday": 1,
        "wednesday": 2,
        "thursday": 3,
        "friday": 4,
        "saturday": 5,
        "sunday": 6,
    },
    relative_days={
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    },
    parts_of_day={"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"},
    directions={"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0},
    units={
        "day": "day",
        "days": "day",
        "week": "week",
        "weeks": "week",
        "weekend": "weekend",
        "month": "month",
        "months": "month",
        "quarter": "quarter",
        "year": "year",
        "years": "year",
    },
    numbers={
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "fifteen": 15,
        "twenty": 20,
        "thirty": 30,
    },
    seasons={"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"},
    ordinals={"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4},
    year_prepositions=(
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "before",
        "after",
        "during",
        "of",
        "to",
        "and",
        "or",
        "early",
        "late",
        "mid-",
        "between",
    ),
    month_prepositions=(
        "in",
        "since",
        "by",
        "until",
        "from",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid-",
        "of",
    ),
    count_nouns=_words(
        "dollars euros pounds people residents meters metres km kg tons votes jobs "
        "points visitors members times pages"
    ),
)

LEXICONS = {"fr": FRENCH, "en": ENGLISH}

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_to_int(numeral: str) -> int | None:
    """Value of a small Roman numeral ("XXI" → 21); None if it is not one."""
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None
