"""Word lists of the temporal tagger, per language (HeidelTime-style rule resources).

Lists are written as space-separated words; ``_numbered`` gives consecutive numbers,
``|`` joins spelling variants of one entry ("février|fevrier").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the date rules need, as plain word → value maps."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]  # only used right after a day number ("7 sept.")
    weekdays: dict[str, int]  # Monday = 0
    relative_days: dict[str, int]  # offset in days from the anchor
    parts_of_day: dict[str, str]  # TIMEX3 part-of-day codes
    directions: dict[str, int]  # -1 = last, +1 = next, 0 = this
    units: dict[str, str]  # calendar unit words → unit name
    numbers: dict[str, int]
    seasons: dict[str, str]  # → TIMEX3 season code
    ordinals: dict[str, int]  # for quarters ("premier trimestre")
    year_prepositions: tuple[str, ...]  # a bare 4-digit number after these is a year
    month_prepositions: tuple[str, ...]  # a bare month name after these is a month
    count_nouns: frozenset[str]  # "2000 euros", "1998 habitants" are no years


def _numbered(text: str, first: int = 1) -> dict[str, int]:
    """ "a|b c" → {"a": first, "b": first, "c": first + 1}."""
    return {
        variant: number
        for number, entry in enumerate(text.split(), start=first)
        for variant in entry.split("|")
    }


def _words(text: str) -> tuple[str, ...]:
    """Space-separated words; "_" stands for a space inside one ("à_partir_de")."""
    return tuple(word.replace("_", " ") for word in text.split())


def _valued(pairs: str, cast: type = str) -> dict:
    """ "hier:-1 demain:1" → {"hier": -1, "demain": 1} (values cast with ``cast``)."""
    return {word: cast(value) for word, value in (p.rsplit(":", 1) for p in pairs.split())}


FRENCH = Lexicon(
    months=_numbered(
        "janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre "
        "novembre décembre|decembre"
    ),
    month_abbreviations=_valued(
        "janv.:1 févr.:2 fév.:2 avr.:4 juil.:7 sept.:9 oct.:10 nov.:11 déc.:12", int
    ),
    weekdays=_numbered("lundi mardi mercredi jeudi vendredi samedi dimanche", first=0),
    relative_days=_valued(
        "aujourd'hui:0 aujourd’hui:0 hier:-1 avant-hier:-2 demain:1 après-demain:2", int
    ),
    parts_of_day=_valued("matin:MO matinée:MO après-midi:AF soir:EV soirée:EV nuit:NI"),
    directions=_valued(
        "dernier:-1 dernière:-1 derniers:-1 dernières:-1 passé:-1 passée:-1 "
        "prochain:1 prochaine:1 prochains:1 prochaines:1",
        int,
    ),
    units=_valued(
        "jour:day jours:day semaine:week semaines:week week-end:weekend mois:month "
        "trimestre:quarter an:year ans:year année:year années:year"
    ),
    numbers=_valued(
        "un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10 "
        "onze:11 douze:12 quinze:15 vingt:20 trente:30 quarante:40 cinquante:50",
        int,
    ),
    seasons=_valued("printemps:SP été:SU eté:SU automne:FA hiver:WI"),
    ordinals=_valued(
        "premier:1 1er:1 deuxième:2 second:2 2e:2 troisième:3 3e:3 quatrième:4 4e:4", int
    ),
    year_prepositions=(
        *_words("en depuis dès avant après de d' du à au jusqu'en jusqu'à vers pour entre et ou"),
        *_words("courant saison exercice cuvée édition millésime promotion"),
        "à partir de",
    ),
    month_prepositions=(
        *_words("en de d' dès depuis jusqu'en avant après pour courant et"),
        "à partir de",
    ),
    count_nouns=frozenset(
        _words(
            "euros euro francs franc dollars dollar livres € % habitants personnes mètres m km "
            "kilomètres kg kilos tonnes voix voitures emplois salariés exemplaires hectares ha "
            "places logements élèves points spectateurs visiteurs participants hommes femmes "
            "enfants morts victimes soldats manifestants fois pages signatures membres réfugiés "
            "migrants touristes ménages entreprises communes cas décès blessés étudiants postes "
            "foyers lits agents policiers gendarmes militaires licenciements exposants"
        )
    ),
)

ENGLISH = Lexicon(
    months=_numbered(
        "january february march april may june july august september october november december"
    ),
    month_abbreviations=_valued(
        "jan.:1 feb.:2 mar.:3 apr.:4 jun.:6 jul.:7 aug.:8 sep.:9 sept.:9 oct.:10 nov.:11 dec.:12",
        int,
    ),
    weekdays=_numbered("monday tuesday wednesday thursday friday saturday sunday", first=0),
    relative_days={
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    },
    parts_of_day=_valued("morning:MO afternoon:AF evening:EV night:NI"),
    directions=_valued("last:-1 past:-1 previous:-1 next:1 coming:1 this:0", int),
    units=_valued(
        "day:day days:day week:week weeks:week weekend:weekend month:month months:month "
        "quarter:quarter year:year years:year"
    ),
    numbers=_valued(
        "a:1 an:1 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 "
        "eleven:11 twelve:12 fifteen:15 twenty:20 thirty:30",
        int,
    ),
    seasons=_valued("spring:SP summer:SU autumn:FA fall:FA winter:WI"),
    ordinals=_valued("first:1 1st:1 second:2 2nd:2 third:3 3rd:3 fourth:4 4th:4", int),
    year_prepositions=(
        *_words("in since by until till from before after during of to and or early late"),
        "between",
    ),
    month_prepositions=_words("in since by until from before after during early late of"),
    count_nouns=frozenset(
        _words(
            "dollars euros pounds people residents meters metres km kg tons votes jobs "
            "points visitors members times pages"
        )
    ),
)

LEXICONS = {"fr": FRENCH, "en": ENGLISH}

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_to_int(numeral: str) -> int | None:
    """Value of a small Roman numeral ("XXI" → 21); None if it is not one."""
    total, previous = 0, 0
    for char in reversed(numeral.upper()):
        value = _ROMAN.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None
