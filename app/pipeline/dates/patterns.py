"""Regular expressions of the temporal tagger, one table per language, built from the lexicons.

Every pattern names the expression itself ``x`` (context words such as "en" or "depuis"
may be matched around it but stay out of the span) and is paired with the kind of rule
that reads its groups (see ``rules``). Order matters only to break ties between
equally long matches: earlier wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.pipeline.dates.lexicon import ENGLISH, FRENCH, Lexicon
from app.pipeline.dates.patterns_en import ENGLISH_RULES

APOS = "['’]"


def alt(words: Iterable[str], name: str | None = None) -> str:
    """A regex alternation of words, longest first (so "avant-hier" beats "hier")."""
    escaped = {
        re.escape(w).replace("'", APOS).replace("’", APOS).replace("\\ ", r"\s+") for w in words
    }
    body = "|".join(sorted(escaped, key=len, reverse=True))
    return f"(?P<{name}>{body})" if name else f"(?:{body})"


def _shared(lex: Lexicon) -> dict[str, str]:
    months = alt(lex.months)
    return {
        "DAY": r"(?P<day>1er|1re|premier|3[01]|[12]\d|0?[1-9])",
        "MONTH": rf"(?P<month>{months})\b",
        "MONTH_ANY": rf"(?P<month>{months}\b|{alt(lex.month_abbreviations)})",
        "YEAR": r"(?P<year>(?:1[89]|20)\d\d)(?![\d,.]\d|\s\d)",
        "YEAR2": r"(?P<year2>\d\d)(?![\w%,.]?\d|\s*(?:h\b|heures|%|ans\b))",
        "WEEKDAY": alt(lex.weekdays, "weekday") + r"\b",
        "DIR": alt(lex.directions, "dir") + r"\b",
        "PART": alt(lex.parts_of_day, "part") + r"\b",
        "REL": alt(lex.relative_days, "rel"),
        "SEASON": alt(lex.seasons, "season") + r"\b",
        "NUM": rf"(?P<num>\d{{1,3}}|{alt(lex.numbers)})",
        "ORD": alt(lex.ordinals, "ord"),
        "YEAR_PREP": alt(lex.year_prepositions),
        "MONTH_PREP": alt(lex.month_prepositions),
        "ANA": alt(lex.anaphoric_days, "ana"),
        "SEQUEL": alt(lex.sequels, "sequel") + r"\b",
        "LATER": alt(lex.later, "later") + r"\b",
        "HOLIDAY": alt(lex.holidays, "holiday"),
        "VAGUE": alt(lex.vague, "vague"),
        # a two-digit year stands alone: "en 97", "en 97 et 98", "la saison 98-99"
        "YEAR2_ALONE": r"(?P<year2>['’]?\d\d)(?=\s*(?:[,.;:)!?]|-\d\d\b|\s(?:et|ou|à|and|or|to)\s|$))",
    }


_FR_MOD = (
    r"(?P<mod>(?:(?:la|le)\s+)?(?:début|fin|milieu|courant|mi)(?:\s+d[eu]\s+|\s+d['’]\s*|-|\s+))"
)
# "dix ans après sa mort", "trois jours avant le scrutin": counted from an event, not a date
_FR_DETERMINERS = "le|la|les|de|du|des|que|qu|sa|son|ses|leur|leurs|un|une|ce|cet|cette|ces|mon|ma"
_FR_UNIT = r"(?P<unit>semaine|week-end|mois|année|an|trimestre|décennie|siècle)"
_FR_UNITS_N = r"(?P<unit>jours?|semaines?|mois|ans?|années?)(?![\w¬-])"
# "il y a près de deux ans", "il y a plus d'un an", "au moins" (HeidelTime's reApproximate),
# "il y a tout juste un an", "il y a à peine trois mois"
_FR_APPROX = (
    r"(?:(?:près|plus|moins|pas\s+plus)\s+d(?:e\s+|['’]\s*)|environ\s+|presque\s+|quelque\s+|déjà\s+"
    r"|au\s+moins\s+|approximativement\s+|tout\s+juste\s+|exactement\s+|à\s+peine\s+)?"
)
# a count of units, also a round one: "trois jours", "une dizaine de jours", "une vingtaine d'années"
_FR_COUNT = (
    r"(?:{NUM}\s+|une\s+(?P<round>dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine"
    r"|cinquantaine|centaine)\s+d(?:e\s+|['’]\s*))"
)
# "à la fin de l'été", "au début du printemps", "en plein hiver" (never a bare space: "fin été")
_FR_SEASON_MOD = (
    r"(?P<mod>(?:(?:la|le)\s+)?(?:début|fin|milieu|cœur|coeur)(?:\s+d[eu]\s+|\s+d['’]\s*)"
    r"|mi-|(?:en\s+)?plein\s+)"
)

_FR_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_FR_MONTHS = alt(FRENCH.months)

_FRENCH_RULES = [
    # 2022-01-10, 10/01/2022, 10.01.22
    ("calendar", r"\b(?P<x>(?P<year>(?:1[89]|20)\d\d)-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d))\b"),
    (
        "calendar",
        r"(?<![\d/.])(?P<x>(?P<day>[0-3]?\d)[/.](?P<monthnum>[01]?\d)[/.](?P<year>(?:1[89]|20)\d\d|\d\d))(?![\d/.]\d)",
    ),
    (
        "calendar",
        r"(?<![\d/.-])(?P<x>(?P<day>[0-3]?\d)-(?P<monthnum>[01]?\d)-(?P<year>(?:1[89]|20)\d\d))(?![\d/.-]?\d)",
    ),
    # le 16/06 (HeidelTime's date_r2d, only after "le": "16/06" alone may be a score)
    ("calendar", r"\ble\s+(?P<x>(?P<day>[0-3]?\d)/(?P<monthnum>[01]?\d))(?![/\d])"),
    # le 10 janvier 2022, vendredi 7 janvier, le 1er mars 1999, le 6 mai dernier
    (
        "calendar",
        r"\b(?P<x>(?:(?:le|ce)\s+)?(?:{WEEKDAY},?\s+)?{DAY}\s+{MONTH_ANY}(?:\s+(?:{YEAR}|{YEAR2}))?(?:\s+{DIR})?"
        r"(?:\s+au\s+{PART})?)",
    ),
    # "samedi 12" of "samedi 12 et dimanche 13 juin": the month comes later
    (
        "calendar",
        r"\b(?P<x>(?:le\s+)?{WEEKDAY}\s+{DAY})(?=\s+(?:et|au)\s+(?:le\s+)?(?:" + _FR_WEEKDAYS + r")"
        r"\s+(?P<until>\d{{1,2}})(?:er)?\s+{MONTH}(?:\s+{YEAR})?)",
    ),
    # samedi 12, le mardi 3 (the month left out: the one where that day is that weekday)
    (
        "weekday_day",
        r"\b(?P<x>(?:(?:le|ce)\s+)?{WEEKDAY},?\s+{DAY})(?![\w,.:/]?\d|\s*(?:h\b|heures?\b|[%°]))",
    ),
    # "les 6" of "les 6 et 13 avril": the month comes later
    (
        "calendar",
        r"\b(?P<x>(?:les\s+)?{DAY})(?=(?:\s*,\s*\d{{1,2}})*\s+(?:et|ou|au)\s+(?:le\s+)?(?P<until>\d{{1,2}})(?:er)?\s+{MONTH}(?:\s+{YEAR})?(?:\s+{DIR})?)",
    ),
    # janvier 2022, octobre 98, fin mars 2021, le mois de juin 1999
    (
        "calendar",
        r"\b(?P<x>" + _FR_MOD + r"?(?:(?:le\s+)?mois\s+d['’e]\s*)?{MONTH}\s+(?:{YEAR}|{YEAR2}))",
    ),
    # novembre de l'année prochaine, le 3 mai de cette année (HeidelTime's date_r8a)
    (
        "calendar",
        r"\b(?P<x>(?:(?:le\s+)?{DAY}\s+)?{MONTH}\s+(?P<ofyear>de\s+l['’]\s*(?:année|an)\s+{DIR}"
        r"|de\s+(?P<dem>cette)\s+année))",
    ),
    # "mai" of "mai et juin 2011", "juin-juillet 1999": the year named after the second
    # month (HeidelTime's date_r7d)
    (
        "calendar",
        r"\b(?P<x>" + _FR_MOD + r"?{MONTH})(?=(?:\s*[-–]\s*|\s+(?:et|ou|à|au|jusqu['’]à"
        r"|jusqu['’]en)\s+)(?:" + _FR_MONTHS + r")\s+{YEAR})",
    ),
    # a bare month needs a preposition, a modifier or a direction: en mars, début mars, mars dernier
    ("calendar", r"\b{MONTH_PREP}\s+(?P<x>" + _FR_MOD + r"?{MONTH}(?:\s+{DIR})?)"),
    ("calendar", r"\b(?P<x>" + _FR_MOD + r"{MONTH}(?:\s+{DIR})?)"),
    ("calendar", r"\b(?P<x>(?:(?:le|ce)\s+)?mois\s+d['’e]\s*{MONTH}(?:\s+{DIR})?)"),
    ("calendar", r"\b(?P<x>{MONTH}\s+{DIR})"),
    # a month name alone, as HeidelTime reads one ("entre mars et juin"; not "Mars" the planet)
    ("bare_month", r"(?<![\w-])(?P<x>{MONTH})(?![-¬])"),
    # a bare year needs context: depuis 2019, l'année 2001, fin 2021, 2002/2003, (1998)
    ("year", r"\b{YEAR_PREP}\s+(?P<x>{YEAR})\b"),
    ("year", r"\b(?P<x>(?:l['’]\s*an(?:née)?\s+|année\s+|" + _FR_MOD + r"){YEAR})\b"),
    ("year", r"\b(?P<x>{YEAR})(?=\s*[/-]\s*(?:1[89]|20)\d\d\b)"),
    # the second year of "1998-99", "la saison 2001/02" (HeidelTime's date_r12b)
    ("year_tail", r"\b(?P<head>(?:1[89]|20)\d\d)\s*[-–/]\s*(?P<x>\d\d)\b(?![-–/.,]?\d)"),
    ("year", r"(?:\b(?:1[89]|20)\d\d\s*[/-]\s*|\()(?P<x>{YEAR})\b"),
    # a year alone, as HeidelTime reads one ("l'Euro 2000", "le budget 2003."), unless a
    # noun follows ("2000 personnes"): the words allowed after it are in ``_LABEL_YEAR_AFTER``
    ("label_year", r"(?<![\w.,'’/°-])(?P<x>{YEAR})(?![\w-])"),
    # en 97, depuis 85, la saison 98 (a two-digit year alone after a preposition)
    (
        "year",
        r"(?:(?<=\ben\s)|(?<=depuis\s)|(?<=dès\s)|(?<=jusqu'en\s)|(?<=jusqu’en\s))(?P<x>{YEAR2_ALONE})",
    ),
    ("year", r"\b(?:saison|cuvée|millésime|promotion|édition|exercice)\s+(?P<x>{YEAR2})"),
    # Noël, (à la) Toussaint, (le) lundi de Pâques, (le) 14-Juillet, Pâques 2001
    (
        "holiday",
        r"(?<![\w-])(?P<x>{HOLIDAY}(?:\s+{YEAR})?)(?![\w-])",
    ),
    # le 11-Septembre, le 8-Mai: a day named by its date, a capital month after a hyphen
    ("calendar", r"(?<![\w-])(?P<x>{DAY}-(?P<named>{MONTH}))(?![\w-])"),
    # la veille de Noël, le lendemain du 14-Juillet, l'avant-veille du 1er mai 2001
    (
        "eve",
        r"(?<![\w-])(?P<x>(?:(?:la|le|l['’])\s*)?(?P<ana>veille|avant-veille|lendemain|surlendemain)"
        r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|de\s+|d['’]\s*)"
        r"(?:{HOLIDAY}|{DAY}\s+{MONTH})(?:\s+{YEAR})?)(?![\w-])",
    ),
    # actuellement, récemment, bientôt, à l'avenir: PRESENT_REF, PAST_REF, FUTURE_REF
    ("vague", r"(?<![\w'’-])(?P<x>{VAGUE})(?![\w-])"),
    # les années 1990, le XXe siècle
    ("decade", r"\b(?P<x>(?:les\s+)?années\s+(?P<decade>(?:1[89]|20)?\d0)\b)"),
    # les années soixante (HeidelTime's reDecadeWord), le siècle dernier, ce siècle
    (
        "decade",
        r"\b(?P<x>(?:les\s+)?années\s+(?P<decade_word>vingt|trente|quarante|cinquante"
        r"|soixante(?:-dix)?|quatre-vingts?(?:-dix)?))(?![\w-])",
    ),
    (
        "relcentury",
        r"\b(?P<x>(?:le\s+)?siècle\s+(?P<dir>dernier|passé|prochain)|(?P<dem>ce)\s+siècle)\b",
    ),
    # le soir même, la nuit même: that part of the day last mentioned
    ("part", r"\b(?P<x>(?:le|la)\s+(?P<part>nuit|soirée|matinée|matin|soir)\s+même)\b"),
    ("century", r"\b(?P<x>(?:le\s+)?(?P<century>[XVI]{{1,5}}|\d{{1,2}})(?:e|ème|eme|è)\s+siècle)"),
    # hier, avant-hier soir, aujourd'hui vendredi, ce matin
    ("relday", r"(?<![\w-])(?P<x>{REL}(?:\s+{PART})?(?:\s+{WEEKDAY})?)(?![\w-])"),
    ("relday", r"\b(?P<x>(?P<dem>ce|cet|cette)\s+{PART})"),
    ("relday", r"\b(?P<x>(?:la|le)\s+{PART}\s+(?P<last>dernière|dernier))\b"),
    # vendredi, mardi dernier, ce dimanche, ce même lundi après-midi (not habitual "le mercredi")
    (
        "weekday",
        r"\b(?P<x>(?:(?P<art>ce|cette|le)\s+(?P<same>même\s+)?)?{WEEKDAY}(?:\s+{PART})?(?:\s+{DIR})?)",
    ),
    # la semaine prochaine, le mois dernier, cette année, ce week-end, la fin de l'année dernière
    ("relunit", r"\b(?P<x>(?:la|le|l['’])\s*" + _FR_UNIT + r"\s+{DIR})"),
    ("relunit", r"\b(?P<x>(?P<dem>ce|cet|cette)\s+" + _FR_UNIT + r"(?:-ci)?)\b"),
    # ce dernier week-end, le prochain week-end (the direction before the unit)
    ("relunit", r"\b(?P<x>(?:ce|le)\s+{DIR}\s+(?P<unit>week-end))\b(?!\s+(?:de|du|des|d['’]))"),
    # l'année en cours, le mois en cours: the publication's
    ("relunit", r"\b(?P<x>(?:(?:la|le|l['’])\s*)?" + _FR_UNIT + r"\s+(?P<dem>en\s+cours))\b"),
    ("relunit", r"\b(?P<x>" + _FR_MOD + r"(?:l['’]\s*|la\s+|le\s+)?" + _FR_UNIT + r"\s+{DIR})"),
    # "les chiffres du mois dernier", "au cours de l'année écoulée" (the article outside)
    ("relunit", r"\bd(?:u|e\s+la|e\s+l['’])\s*(?P<x>" + _FR_UNIT + r"\s+{DIR})"),
    # en fin de semaine, au début de l'année, à la fin du mois: the anchor's
    (
        "relunit",
        r"\b(?P<x>"
        + _FR_MOD
        + r"(?:l['’]\s*|la\s+|le\s+)?(?P<unit>semaine|mois|année|décennie|siècle))\b(?!\s+(?:d[eu]|des|d['’]|\d))",
    ),
    # le lendemain (matin), la veille au soir, ce jour-là, deux jours plus tard, l'année suivante
    (
        "anaphor",
        r"(?<![\w-])(?P<x>(?:le|la|l['’]|ce|au)\s*{ANA}(?:\s+(?:au\s+)?{PART})?)(?![\w-])",
    ),
    (
        "anaphor",
        r"\b(?P<x>"
        + _FR_COUNT
        + _FR_UNITS_N
        + r"\s+{LATER})(?!\s+(?:"
        + _FR_DETERMINERS
        + r")\b|\s+l['’])",
    ),
    ("anaphor", r"\b(?P<x>(?:la|le|l['’])\s*" + _FR_UNIT + r"\s+{SEQUEL})"),
    # "par rapport au trimestre précédent", "les chiffres du mois suivant" (the article outside)
    ("anaphor", r"\b(?:au|du)\s+(?P<x>" + _FR_UNIT + r"\s+{SEQUEL})"),
    # cette année-là, ce mois-là, ce soir-là: the year, month or day the text is telling
    (
        "anaphor",
        r"\b(?P<x>(?:ce|cet|cette)\s+(?:" + _FR_UNIT + r"|{PART})(?P<there>-là))(?![\w-])",
    ),
    # l'an dernier à la même époque, à pareille date: this time of year, in the year named
    (
        "sametime",
        r"\b(?:à|a|de|pour)\s+(?P<x>(?:la\s+même|pareille)\s+(?P<epoch>époque|période|date))\b",
    ),
    # il y a deux ans, dans trois jours
    ("ago", r"\b(?P<x>il\s+y\s+a\s+" + _FR_APPROX + _FR_COUNT + _FR_UNITS_N + r")\b"),
    # "À l'heure de l'Europe, …" opening a sentence: this era (not "à l'heure du déjeuner")
    (
        "present_ref",
        r"(?:^|[.!?»\n]\s*)[AÀ]\s+(?P<x>l['’](?:heure|ère)\s+(?:de\s+l['’]|de\s+la\s|d['’]|du\s|des\s)\s*"
        r"(?!(?:déjeuner|dîner|diner|repas|goûter|apéritif|sieste|bilan|départ|arrivée)\b)"
        r"[^,.;:!?\n]{{2,60}}?)(?=,)",
    ),
    ("in", r"\b(?P<x>dans\s+" + _FR_APPROX + _FR_COUNT + _FR_UNITS_N + r")\b"),
    # d'ici deux ans, d'ici à trois mois: the day or unit that far ahead
    ("in", r"\b(?P<x>d['’]ici\s+(?:à\s+)?" + _FR_APPROX + _FR_COUNT + _FR_UNITS_N + r")\b"),
    # cet été, l'hiver prochain, été 2021, en été (generic: XXXX-SU); the preposition
    # before it ("à l'automne") is read by rules.find_candidates
    (
        "season",
        r"(?<![\w-])(?P<x>(?:(?P<dem>cet|cette|ce)\s+|l['’]\s*|le\s+)?{SEASON}(?:\s+(?:{YEAR}|{DIR}))?)",
    ),
    # l'été 99, l'hiver de 1956 (HeidelTime's date_r9b/c)
    (
        "season",
        r"(?<![\w-])(?P<x>(?:l['’]\s*|le\s+)?{SEASON}\s+(?:de\s+)?(?:{YEAR}|{YEAR2}))",
    ),
    (
        "season",
        r"\b(?P<x>" + _FR_SEASON_MOD + r"(?:l['’]\s*|le\s+)?{SEASON}(?:\s+(?:{YEAR}|{DIR}))?)",
    ),
    # le premier trimestre 2022
    (
        "quarter",
        r"\b(?P<x>(?:le\s+)?{ORD}\s+(?P<period>trimestre|semestre)"
        r"(?:\s+(?:de\s+l['’]année\s+|d['’]|de\s+)?{YEAR}"
        r"|\s+(?P<ofyear>de\s+l['’]\s*(?:année|an)\s+{DIR}|de\s+(?P<dem>cette)\s+année))?)",
    ),
    # à deux heures du matin, vers onze heures du soir (a spelled hour needs its part of day)
    (
        "time",
        r"\b(?P<x>(?:vers\s+)?(?P<hour_word>une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze"
        r"|douze)\s+heures?(?:\s+et\s+demie)?\s+(?P<pm>du\s+matin|du\s+soir|de\s+l['’]après-midi))\b",
    ),
    # 15 h, 21 h 45, 15h30, vers midi, 8 h. du soir, 15:30
    (
        "time",
        r"(?<![\w,.])(?P<x>(?:vers\s+)?(?P<hour>[01]?\d|2[0-3])\s*(?P<h>heures?|h)(?:\.?\s*(?P<minute>[0-5]\d)(?!\d))?(?:\.?\s+(?P<pm>du\s+soir|de\s+l['’]après-midi))?)(?![^\W\d_])",
    ),
    (
        "time",
        r"\b(?:à|vers|dès|jusqu['’]à|avant|après|de|entre|et)\s+(?P<x>(?P<noon>midi|minuit)"
        r"(?:\s+et\s+(?P<half>demie?|quart))?)\b",
    ),
    ("time", r"(?<![\w:])(?P<x>(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))(?![\w:])"),
    # dans la nuit, dans la soirée, le matin même: the part of a day mentioned elsewhere
    (
        "part",
        r"\b(?:dans|pendant|durant|au\s+cours\s+de|en|où|dès|vers)\s+(?P<x>(?:(?:la|le)\s+|l['’]\s*)?(?P<part>nuit|soirée|matinée|après-midi|matin|soir)(?:\s+même)?)\b(?!\s+des\b)",
    ),
    # à l'aube, au petit matin, à la tombée de la nuit (not "à l'aube du XXIe siècle")
    (
        "part",
        r"\b(?:à|dès|avant|vers)\s+(?P<x>(?P<part>l['’]aube|l['’]aurore|la\s+tombée\s+de\s+la\s+nuit"
        r"|la\s+nuit\s+tombée))(?!\s+(?:de|du|des|d['’])\b)",
    ),
    ("part", r"\bau\s+(?P<x>(?P<part>petit\s+matin))\b"),
    # à la mi-journée: midday (TIMEX3 MI)
    ("part", r"\b(?:à|vers|en|dès)\s+(?P<x>(?:la\s+)?(?P<part>mi-journée))(?![\w-])"),
    # pendant le week-end: the one just past or to come, by the tense
    ("weekend", r"\b(?:pendant|durant|lors\s+du|au\s+cours\s+du)\s+(?P<x>le\s+week-end)\b"),
    # dans la journée (de mardi): the day mentioned, TDT (not "la journée de la femme")
    (
        "part",
        r"\b(?:dans|au\s+cours\s+de|durant|pendant)\s+(?P<x>la\s+(?P<part>journée)(?:\s+même)?)\b"
        r"(?!\s+(?:de|du|des|d['’])(?!\s*(?:{WEEKDAY}|hier|demain|\d)))",
    ),
    # en fin d'après-midi, en début de soirée, tard dans la nuit, en pleine nuit
    (
        "part",
        r"\b(?P<x>(?:en\s+)?(?:fin|début|milieu|tard|tôt|plein[e]?)\s+(?:d[eu]\s+|d['’]\s*|dans\s+(?:la\s+|l['’]\s*|le\s+))?(?P<part>nuit|soirée|matinée|après-midi|matin|soir|journée))\b",
    ),
    # "ont été volés la nuit", "rentré le soir" (not at a sentence's start: "La nuit tombe")
    (
        "part",
        r"\b(?P<pre>[^\W\d_]+)\s+(?P<x>(?:la|le)\s+(?P<part>nuit|soirée|matinée|après-midi|matin|soir)|l['’]\s*(?P<part2>après-midi))\b(?![\w-]|\s+(?:d[eu'’]|des|où|qui|que|dont)\b)",
    ),
    # la nuit de samedi à dimanche → Saturday night
    (
        "weekday",
        r"\b(?P<x>(?:la\s+)?(?P<part>nuit)\s+d[eu]\s+{WEEKDAY}\s+(?:à|au)\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))\b",
    ),
]


def compile_rules(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """(kind, compiled pattern) pairs for a language; empty for unsupported languages."""
    table = {"fr": (_FRENCH_RULES, FRENCH), "en": (ENGLISH_RULES, ENGLISH)}.get(language)
    if table is None:
        return []
    rules, lex = table
    parts = _shared(lex)
    return [(kind, re.compile(p.format(**parts), re.IGNORECASE)) for kind, p in rules]
