"""Word lists of the temporal tagger, per language (HeidelTime-style rule resources).

Lists are written as space-separated words; ``_numbered`` gives consecutive numbers,
``|`` joins spelling variants of one entry ("février|fevrier").
"""

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
    units: dict[str, str]  # calendar unit words → unit name
    numbers: dict[str, int]
    seasons: dict[str, str]  # → TIMEX3 season code
    ordinals: dict[str, int]  # for quarters ("premier trimestre")
    year_prepositions: tuple[str, ...]  # a bare 4-digit number after these is a year
    month_prepositions: tuple[str, ...]  # a bare month name after these is a month
    count_nouns: frozenset[str]  # "2000 euros", "1998 habitants" are no years
    # Anaphoric days, counted from the last day the text mentioned: "le lendemain" → +1.
    anaphoric_days: dict[str, int] = field(default_factory=dict)
    # "la semaine suivante", "the previous year": +1 / -1 from the text's reference.
    sequels: dict[str, int] = field(default_factory=dict)
    # "deux jours plus tard", "three days earlier": the sign of the shift.
    later: dict[str, int] = field(default_factory=dict)
    # Holidays: fixed ones as "MM-DD", movable ones as "E+49" (days after Easter Sunday).
    holidays: dict[str, str] = field(default_factory=dict)
    # Vague references to now, the past or the future (TIMEX3 PRESENT_REF…).
    vague: dict[str, str] = field(default_factory=dict)


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
    """ "hier:-1 demain:1" → {"hier": -1, "demain": 1} (values cast; "_" is a space)."""
    return {
        word.replace("_", " "): cast(value)
        for word, value in (p.rsplit(":", 1) for p in pairs.split())
    }


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
    parts_of_day=_valued("matin:MO matinée:MO midi:MI après-midi:AF soir:EV soirée:EV nuit:NI"),
    directions=_valued(
        "dernier:-1 dernière:-1 derniers:-1 dernières:-1 passé:-1 passée:-1 "
        "prochain:1 prochaine:1 prochains:1 prochaines:1 écoulé:-1 écoulée:-1",
        int,
    ),
    units=_valued(
        "jour:day jours:day semaine:week semaines:week week-end:weekend mois:month "
        "trimestre:quarter an:year ans:year année:year années:year décennie:decade "
        "siècle:century"
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
            "euros euro francs franc f ff frs mf dollars dollar livres € % habitants personnes mètres m km "
            "kilomètres kg kilos tonnes voix voitures emplois salariés exemplaires hectares ha "
            "places logements élèves points spectateurs visiteurs participants hommes femmes "
            "enfants morts victimes soldats manifestants fois pages signatures membres réfugiés "
            "migrants touristes ménages entreprises communes cas décès blessés étudiants postes "
            "foyers lits agents policiers gendarmes militaires licenciements exposants"
        )
    ),
    anaphoric_days=_valued(
        "lendemain:1 surlendemain:2 veille:-1 avant-veille:-2 même_jour:0 jour_même:0 "
        "jour-là:0 jour_suivant:1 jour_précédent:-1",
        int,
    ),
    sequels=_valued("suivant:1 suivante:1 suivants:1 suivantes:1 précédent:-1 précédente:-1", int),
    later=_valued("plus_tard:1 après:1 plus_tôt:-1 auparavant:-1 avant:-1", int),
    holidays=_valued(
        "noël:12-25 toussaint:11-01 14-juillet:07-14 nouvel_an:01-01 jour_de_l'an:01-01 "
        "jour_de_l’an:01-01 assomption:08-15 saint-sylvestre:12-31 saint-valentin:02-14 "
        "11-novembre:11-11 8-mai:05-08 1er-mai:05-01 pâques:E+0 lundi_de_pâques:E+1 "
        "vendredi_saint:E-2 mardi_gras:E-47 mercredi_des_cendres:E-46 rameaux:E-7 "
        "ascension:E+39 pentecôte:E+49 lundi_de_pentecôte:E+50 "
        # HeidelTime's reHolidayFix / reHolidayVar
        "fête_du_travail:05-01 halloween:10-31 saint-patrick:03-17 épiphanie:01-06 "
        "chandeleur:02-02 fête_de_la_musique:06-21 saint-nicolas:12-06 saint-jean:06-24 "
        "sainte-catherine:11-25 dimanche_de_pâques:E+0 jeudi_saint:E-3 "
        "dimanche_des_rameaux:E-7 jeudi_de_l'ascension:E+39 jeudi_de_l’ascension:E+39"
    ),
    vague=_valued(
        "actuellement:PRESENT maintenant:PRESENT désormais:PRESENT à_présent:PRESENT "
        "pour_le_moment:PRESENT pour_l'instant:PRESENT pour_l’instant:PRESENT "
        "de_nos_jours:PRESENT à_l'heure_actuelle:PRESENT à_l’heure_actuelle:PRESENT "
        "tout_de_suite:PRESENT récemment:PAST précédemment:PAST autrefois:PAST jadis:PAST "
        "naguère:PAST par_le_passé:PAST dans_le_passé:PAST à_l'époque:PAST à_l’époque:PAST "
        "en_ce_moment:PRESENT actuel:PRESENT actuelle:PRESENT actuels:PRESENT "
        "actuelles:PRESENT bientôt:FUTURE prochainement:FUTURE dès_que_possible:FUTURE "
        "jusqu'à_présent:PRESENT jusqu’à_présent:PRESENT jusqu'à_maintenant:PRESENT "
        "jusqu’à_maintenant:PRESENT dorénavant:PRESENT ces_jours-ci:PRESENT "
        "dernièrement:PAST ces_derniers_temps:PAST auparavant:PAST d'ici_peu:FUTURE "
        "d’ici_peu:FUTURE sous_peu:FUTURE à_ce_jour:PRESENT jusqu'à_ce_jour:PRESENT "
        "jusqu’à_ce_jour:PRESENT à_cette_époque:PAST "
        "pour_l'heure:PRESENT pour_l’heure:PRESENT jusqu'ici:PRESENT jusqu’ici:PRESENT "
        "présentement:PRESENT ces_temps-ci:PRESENT dans_l'immédiat:PRESENT "
        "dans_l’immédiat:PRESENT il_y_a_peu:PAST depuis_peu:PAST "
        "incessamment:FUTURE il_y_a_longtemps:PAST dans_le_futur:FUTURE dans_un_proche_avenir:FUTURE "
        "dans_un_avenir_proche:FUTURE à_l'avenir:FUTURE à_l’avenir:FUTURE"
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
        "quarter:quarter year:year years:year decade:decade decades:decade century:century"
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
    anaphoric_days=_valued(
        "next_day:1 following_day:1 day_after:1 day_before:-1 previous_day:-1 same_day:0 "
        "that_day:0 that_very_day:0",
        int,
    ),
    sequels=_valued("following:1 next:1 previous:-1 preceding:-1", int),
    later=_valued("later:1 after:1 earlier:-1 before:-1", int),
    holidays=_valued(
        "christmas:12-25 christmas_day:12-25 christmas_eve:12-24 new_year's_day:01-01 "
        "new_year’s_day:01-01 new_year's_eve:12-31 halloween:10-31 independence_day:07-04 "
        "bastille_day:07-14 valentine's_day:02-14 easter:E+0 easter_sunday:E+0 "
        "easter_monday:E+1 good_friday:E-2 pentecost:E+49 whit_monday:E+50"
    ),
    vague=_valued(
        "now:PRESENT currently:PRESENT nowadays:PRESENT at_present:PRESENT "
        "these_days:PRESENT for_the_moment:PRESENT recently:PAST lately:PAST formerly:PAST "
        "in_the_past:PAST soon:FUTURE in_the_future:FUTURE shortly:FUTURE "
        "so_far:PRESENT for_now:PRESENT until_now:PRESENT in_the_near_future:FUTURE"
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
