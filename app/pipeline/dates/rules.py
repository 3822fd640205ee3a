"""Rule matching: find candidate date expressions and read their groups into ``Parsed``.

Each rule kind has one reader; a reader returns None to veto a match its regex cannot
rule out on its own (a count like "2000 euros", habitual "le mercredi", "a été").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.pipeline.dates.lexicon import LEXICONS, Lexicon, roman_to_int
from app.pipeline.dates.patterns import compile_rules
from app.pipeline.dates.resolve import Parsed
from app.pipeline.regex_scan import ScanPattern, caseless, scan_pattern

Groups = dict[str, str | None]


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: int  # index in the rule table: breaks ties between equally long matches
    parsed: Parsed


def _key(word: str | None) -> str:
    return (word or "").lower().replace("’", "'")


def _lookup(table: dict[str, int], word: str | None) -> int | None:
    return table.get(_key(word))


def _phrase(table: dict[str, str], words: str | None) -> str | None:
    """Look up a several-word entry, its spaces normalised ("jour  de l'An")."""
    return table.get(" ".join(_key(words).split()))


def _number(lex: Lexicon, word: str | None) -> int | None:
    return int(word) if word and word.isdigit() else _lookup(lex.numbers, word)


def _year(groups: Groups, lex: Lexicon, anchor_year: int | None) -> int | None:
    if groups.get("year"):
        return int(groups["year"] or 0)
    short = groups.get("year2")
    if not short:
        return None
    # The century that puts the year at most ten years after the anchor: "octobre 98" → 1998.
    latest = (anchor_year or 2020) + 10
    year = latest // 100 * 100 + int(short.lstrip("'’"))
    return year - 100 if year > latest else year


def _day(word: str | None) -> int | None:
    if not word:
        return None
    return 1 if _key(word) in {"1er", "1re", "premier"} else int(word)


def _month(groups: Groups, lex: Lexicon) -> int | None:
    if groups.get("monthnum"):
        return int(groups["monthnum"] or 0)
    word = groups.get("month")
    return _lookup(lex.months, word) or _lookup(lex.month_abbreviations, word)


def _direction(groups: Groups, lex: Lexicon) -> int | None:
    if groups.get("dem"):
        return 0
    return _lookup(lex.directions, groups.get("dir"))


def read_calendar(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    month = _month(g, lex)
    if month is None or not 1 <= month <= 12:
        return None
    if lex is LEXICONS["en"] and g.get("month") and not (g["month"] or "")[0].isupper():
        return None  # English months are capitalised; "may" and "march" are verbs
    year = _year(g, lex, year_hint)
    direction = _direction(g, lex) if year is None else None
    weekday = _lookup(lex.weekdays, g.get("weekday"))
    day = _day(g.get("day"))
    return Parsed("calendar", year, month, day, weekday=weekday, direction=direction)


def read_year(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    return Parsed("calendar", year=_year(g, lex, year_hint))


def read_label_year(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    return Parsed("calendar", year=_year(g, lex, year_hint), label=True)


def read_decade(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    digits = g["decade"] or ""
    if len(digits) == 2:  # "les années 90": the latest such decade not after the anchor
        century = 20 if 2000 + int(digits) <= (year_hint or 2030) else 19
        digits = f"{century}{digits}"
    return Parsed("decade", number=int(digits) // 10)


def read_century(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    word = g["century"] or ""
    ordinal = int(word) if word.isdigit() else roman_to_int(word)
    return Parsed("century", number=ordinal - 1) if ordinal and ordinal <= 22 else None


def read_relday(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    offset = -1 if g.get("last") else _lookup(lex.relative_days, g.get("rel")) or 0
    part = lex.parts_of_day.get(_key(g.get("part"))) or ("NI" if g.get("tonight") else None)
    return Parsed("relday", offset=offset, part=part)


def read_weekday(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "mardi", "ce mardi", "mardi dernier", "la nuit de samedi à dimanche"."""
    art = _key(g.get("art"))
    direction = 0 if art in {"ce", "cette"} else _direction(g, lex)
    if art == "le" and direction is None:
        return None  # "le mercredi" without more is habitual: every Wednesday
    part = lex.parts_of_day.get(_key(g.get("part")))
    weekday = _lookup(lex.weekdays, g["weekday"])
    same = bool(g.get("same"))  # "ce même lundi": the Monday just mentioned
    return Parsed("weekday", weekday=weekday, direction=direction, part=part, same=same)


def read_weekday_day(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "samedi 12": the 12th nearest the anchor that falls on a Saturday."""
    weekday = _lookup(lex.weekdays, g["weekday"])
    return Parsed("weekday", weekday=weekday, day=_day(g.get("day")))


def _unit(lex: Lexicon, word: str | None) -> str | None:
    return lex.units.get(_key(word)) or lex.units.get(_key(word).rstrip("s"))


def read_relunit(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    direction = _direction(g, lex)
    if direction is None and not g.get("mod"):
        return None
    return Parsed("relunit", unit=_unit(lex, g["unit"]), offset=direction or 0)


def _read_shift(g: Groups, lex: Lexicon, sign: int) -> Parsed | None:
    count = _number(lex, g.get("num"))
    unit = _unit(lex, g["unit"])
    return Parsed("relunit", unit=unit, offset=sign * count) if count and unit else None


def read_season(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    prep, word = _key(g.get("prep")), g["season"] or ""
    determined = g.get("dem") or g.get("dir") or g.get("year") or prep
    if g["x"] != word and not determined:
        return None  # "le printemps arabe", "l'hiver a été rude": too often not a date
    if _key(word) in {"été", "eté"} and not determined and word.islower():
        return None  # "a été": a participle
    if prep in {"d'", "de"}:
        return None  # "les Jeux d'hiver": a season as an adjective
    if prep and prep not in _BARE_SEASON_PREPS and g["x"] == word:
        return None  # "avant l'été", never "avant été" (an OCR'd "ayant été")
    if lex is LEXICONS["en"] and not (g.get("dir") or g.get("year") or prep):
        return None  # "the fall of Rome", "a hot spring"
    year = int(g["year"] or 0) if g.get("year") else None
    season = lex.seasons[_key(word)]
    return Parsed("season", season=season, year=year, direction=_direction(g, lex))


def read_quarter(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    year = int(g["year"] or 0) if g.get("year") else None
    return Parsed("quarter", number=_lookup(lex.ordinals, g["ord"]), year=year)


def read_time(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    if g.get("noon"):
        return Parsed("time", hour=0 if _key(g["noon"]) in {"minuit", "midnight"} else 12)
    if g.get("noon") is None and (g["x"] or "").startswith(("Midi", "Minuit")):
        return None
    hour, minute = int(g["hour"] or 0), int(g.get("minute") or 0)
    if g.get("ampm"):
        hour = hour % 12 + (12 if _key(g["ampm"]) == "p" else 0)
    elif g.get("pm") and hour < 12:  # "8 h. du soir"
        hour += 12
    return Parsed("time", hour=hour, minute=minute)


# Words before a bare "la nuit" that make it no date: "toute la nuit", "de la nuit".
_NOT_BEFORE_PART = {
    *["toute", "tout", "chaque", "une", "de", "par", "pour", "sur", "entre", "et", "ou", "à"],
    *["est", "était", "sera", "fut", "passer", "passé", "passée", "passait", "tombe"],
}


def read_part(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    if _key(g.get("pre")) in _NOT_BEFORE_PART:
        return None
    word = _key(g.get("part") or g.get("part2"))
    part = "DT" if word == "journée" else lex.parts_of_day.get(word)
    return Parsed("part", part=part)


def read_anaphor(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "le lendemain (matin)", "deux jours plus tard", "l'année suivante": from the reference."""
    part = lex.parts_of_day.get(_key(g.get("part")))
    if g.get("ana"):
        return Parsed(
            "anaphor", unit="day", offset=_lookup(lex.anaphoric_days, g["ana"]) or 0, part=part
        )
    if g.get("later"):
        count = _number(lex, g.get("num"))
        unit = _unit(lex, g.get("unit"))
        sign = _lookup(lex.later, " ".join((g["later"] or "").split())) or 0
        return Parsed("anaphor", unit=unit, offset=sign * count) if count and unit else None
    sign = _lookup(lex.sequels, g.get("sequel")) or 0
    unit = _unit(lex, g.get("unit")) or ("day" if part else None)
    return Parsed("anaphor", unit=unit, offset=sign, part=part) if unit and sign else None


def read_sametime(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "à la même époque" → this month, "à la même date" → this day, in the year named."""
    unit = "day" if _key(g.get("epoch")) == "date" else "month"
    return Parsed("sametime", unit=unit)


def read_vague(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "actuellement" → PRESENT, "récemment" → PAST, "bientôt" → FUTURE."""
    return Parsed("vague", unit=_phrase(lex.vague, g["vague"]))


def read_holiday(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """Noël → XXXX-12-25 anchored later; Pâques → Easter Sunday of its year (``holiday``)."""
    word = g["holiday"] or ""
    if not (word[0].isupper() or word[0].isdigit()):
        return None  # "l'ascension du col", "easter" in lower case is rarely the feast
    value = _phrase(lex.holidays, word)
    if value is None:
        return None
    year = int(g["year"] or 0) if g.get("year") else None
    if value.startswith("E"):
        return Parsed("holiday", year=year, offset=int(value[1:]))
    month, day = (int(n) for n in value.split("-"))
    return Parsed("calendar", year=year, month=month, day=day)


Reader = Callable[[Groups, Lexicon, int | None], Parsed | None]

READERS: dict[str, Reader] = {
    "calendar": read_calendar,
    "bare_month": read_calendar,
    "year": read_year,
    "label_year": read_label_year,
    "decade": read_decade,
    "century": read_century,
    "relday": read_relday,
    "weekday": read_weekday,
    "weekday_day": read_weekday_day,
    "relunit": read_relunit,
    "ago": lambda g, lex, _: _read_shift(g, lex, -1),
    "present_ref": lambda g, lex, _: Parsed("vague", unit="PRESENT"),
    "in": lambda g, lex, _: _read_shift(g, lex, +1),
    "season": read_season,
    "quarter": read_quarter,
    "time": read_time,
    "part": read_part,
    "anaphor": read_anaphor,
    "sametime": read_sametime,
    "holiday": read_holiday,
    "vague": read_vague,
}

# Context vetoes, checked on the text around a match.
# "de 2000 à 3000 euros": look past the end of a range for the counted noun.
_RANGE_END = re.compile(r"(?:\s*(?:à|-|et|ou|to|and|or)\s*[\d\s.]*\d)?")
_COUNT_AFTER = re.compile(r"\s*([^\W\d_]+|[%€$])", re.UNICODE)
_DURATION_BEFORE = re.compile(
    r"(?:\b(?:pendant|durant|en|plus\s+de|moins\s+de|près\s+de|environ|toutes\s+les|chaque"
    r"|les|for|within|every)\s+)$",
    re.IGNORECASE,
)
_DAY_BEFORE = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|aujourd['’]hui"
    r"|matin|soir|\d\d?(?:er)?\s+[a-zéû]+)\s*,?\s*$",
    re.I,
)
_TIME_PREP_BEFORE = re.compile(r"\b(à|vers|dès|jusqu['’]à|avant|après|de|entre|et|at|by)\s+$", re.I)


_RANGE_AFTER = re.compile(r"\s*(?:à|-|et)\s*\d", re.I)
_BARE_SEASON_PREPS = {
    "en",
    "au",
    "d'",
    "de l'",
    "mois d'",
    "saison d'",
    "in",
    "during",
    "by",
    "until",
    "since",
}
_SEASON_PREP = re.compile(
    r"\b(mois\s+d['’]|saison\s+d['’]|en|au|à|dès|depuis|pendant|durant|avant|après|jusqu['’]à"
    r"|vers|d['’]|de\s+l['’]|in|during|by|until|since)\s*$",
    re.IGNORECASE,
)
# "Noël Mamère", "Toussaint Louverture": a first name, not the feast.
_NAME_AFTER = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ]")
# "un dimanche", "chaque lundi", "tous les mardis": not one day
_EVENT_RELATIVE = {"lendemain", "surlendemain", "veille", "avant-veille", "day before", "day after"}
_OF_AFTER = re.compile(r"\s+(?:d[eu]|des|d['’]|of)\b", re.I)
_AS_BEFORE = re.compile(r"\bas\s+$", re.I)
_WORD_AFTER = re.compile(r"[ \t]+[a-z]")  # "in the past century": not a vague "in the past"
_GERUND_BEFORE = re.compile(r"\ben\s+$", re.I)
_HABITUAL_BEFORE = re.compile(r"\b(?:un|chaque|les|tous\s+les|a|every|on\s+a)\s+$", re.I)


def _vetoed(kind: str, match: re.Match[str], text: str, lex: Lexicon) -> bool:
    start, end = match.span("x")
    if kind == "bare_month" and match.group("x")[0].isupper():
        return not _SENTENCE_START.search(text, max(0, start - 4), start)  # "Mars", "Mai Lan"
    if kind == "weekday_day":
        return not _LABEL_YEAR_AFTER.match(text, end)  # "samedi 3 buts": a count
    if kind == "label_year":
        before = _WORD_BEFORE.search(text, max(0, start - 12), start)
        if before and _key(before.group(1)) in _NUMBERING_BEFORE:
            return True  # "article 1998", "n° 2001", "page 1900"
        if ".." in text[max(0, start - 4) : start]:
            return True  # a price after dot leaders in a table
        if not _LABEL_YEAR_AFTER.match(text, end):
            return True
    if kind == "holiday":
        return bool(_NAME_AFTER.match(text, end))
    if kind == "anaphor" and _key(match.groupdict().get("ana")) in _EVENT_RELATIVE:
        return bool(_OF_AFTER.match(text, end))  # "la veille du scrutin": an event's eve
    if kind == "vague":
        word = " ".join(_key(match.group("x")).split())
        if word == "maintenant":
            return bool(_GERUND_BEFORE.search(text, max(0, start - 8), start))  # "en maintenant"
        if word == "soon":
            return bool(_AS_BEFORE.search(text, max(0, start - 8), start))  # "as soon as"
        return word.startswith("in the") and bool(_WORD_AFTER.match(text, end))
    if kind == "weekday" and not match.groupdict().get("part"):
        return bool(_HABITUAL_BEFORE.search(text, max(0, start - 12), start))
    if kind in {"year", "label_year"} or match.groupdict().get("year2"):
        range_end = _RANGE_END.match(text, end)
        after = _COUNT_AFTER.match(text, range_end.end() if range_end else end)
        return bool(after and _key(after.group(1)) in lex.count_nouns)
    if kind == "time" and match.groupdict().get("hour") and match.groupdict().get("h"):
        before = text[max(0, start - 30) : start]
        if _DURATION_BEFORE.search(before):
            return True  # "pendant 3 h", "en 2 h 30": a duration
        if not _key(match.group("h")).startswith("heure"):
            return False
        # Spelled "heures" is a time only after "à", "vers"...; "de 4 heures" only in a range.
        prep = _TIME_PREP_BEFORE.search(before)
        if prep and prep.group(1).lower() == "de":
            return not _RANGE_AFTER.match(text, end)
        if match.group("minute") or match.group("x").lower().startswith("vers"):
            return False  # "15 heures 30", "vers 7 heures"
        if _DAY_BEFORE.search(before):  # "lundi 15 heures", not "samedi, 20 heures de route"
            return bool(_OF_AFTER.match(text, end))
        return prep is None
    return False


# After a year standing alone: punctuation, the end, a capitalised word or a function word
# ("l'Euro 2000 de football", "2002 sera"), never a noun ("2000 personnes").
_LABEL_YEAR_AFTER = re.compile(
    r"\s*(?:$|\.(?!\s*\.)|[,;:!?)»\"”\]\n]|[-–—]\s|(?:\s(?:[A-ZÀ-Ý]|(?:de|du|des|d['’]|et|ou|à|au|aux|en"
    r"|dans|pour|par|sur|avec|contre|qui|que|a|aura|est|sera|fut|était|restera|sont|ont"
    r"|avait|va|doit|devrait|pourrait|ne|n['’]|se|s['’]|y"
    r"|and|or|of|in|was|is|will|has|had)\b)))"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?\n«\"“:]\s*)$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+\.?|n°|no|nº)\s*$", re.I)
_NUMBERING_BEFORE = {
    *["article", "art.", "n°", "no", "nº", "numéro", "page", "p.", "pages", "tome", "code"],
    *["route", "rn", "rd", "km", "kilomètre", "lot", "vol.", "volume", "chapitre", "bus", "ligne"],
    *["vol", "flight", "number", "room", "chambre", "salle", "porte", "bp", "cedex", "cs", "rue"],
}


@lru_cache(maxsize=4)
def _rules(language: str) -> list[tuple[str, ScanPattern]]:
    return [(kind, scan_pattern(pattern)) for kind, pattern in compile_rules(language)]


def find_candidates(text: str, language: str, year_hint: int | None) -> list[Candidate]:
    """Every rule match in ``text`` that its reader accepts (overlapping, unresolved)."""
    lex = LEXICONS.get(language)
    if lex is None:
        return []
    found = []
    lowered = caseless(text)
    for index, (kind, pattern) in enumerate(_rules(language)):
        for match in pattern.finditer(text, lowered):
            if match.group("x") is None or _vetoed(kind, match, text, lex):
                continue
            groups = match.groupdict()
            if kind == "season" and "prep" not in groups:  # "à l'automne", "en été"
                before = _SEASON_PREP.search(text, max(0, match.start("x") - 20), match.start("x"))
                groups["prep"] = before.group(1) if before else None
            parsed = READERS[kind](groups, lex, year_hint)
            if parsed is not None:
                start, end = match.span("x")
                found.append(Candidate(start, end, index, parsed))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first (ties: earlier rule), sorted by start."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.rule, c.start)):
        if all(cand.end <= c.start or c.end <= cand.start for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)
