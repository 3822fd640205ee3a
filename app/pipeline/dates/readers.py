"""Readers of the temporal tagger's rules: a match's groups → ``Parsed``, one reader per kind.

A reader returns None to veto a match its regex cannot rule out on its own (a count like
"2000 euros", habitual "le mercredi", "a été").
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from app.pipeline.dates.lexicon import LEXICONS, Lexicon, roman_to_int
from app.pipeline.dates.resolve import Parsed

Groups = dict[str, str | None]


def _key(word: str | None) -> str:
    return (word or "").lower().replace("’", "'")


def _lookup(table: dict[str, int], word: str | None) -> int | None:
    return table.get(_key(word))


def _phrase(table: dict[str, str], words: str | None) -> str | None:
    """Look up a several-word entry, its spaces normalised ("jour  de l'An")."""
    return table.get(" ".join(_key(words).split()))


def _number(lex: Lexicon, word: str | None) -> int | None:
    return int(word) if word and word.isdigit() else _lookup(lex.numbers, word)


# "une dizaine de jours": a round count (HeidelTime reads them as approximate numbers)
_ROUND = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "centaine": 100,
}


def _count(lex: Lexicon, g: Groups) -> int | None:
    return _ROUND.get(_key(g.get("round"))) or _number(lex, g.get("num"))


def _year(groups: Groups, lex: Lexicon, anchor_year: int | None) -> int | None:
    full = groups.get("year")
    if full and len(full) == 4:
        return int(full)
    short = full or groups.get("year2")  # "29/09/99": two digits in the year's place
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
    if g.get("named") and not (g["named"] or "")[0].isupper():
        return None  # "le 11-Septembre" names a day; "3-mai" may be a range or a code
    year = _year(g, lex, year_hint)
    if g.get("ofyear") and year_hint is not None:  # "novembre de l'année prochaine"
        shift = _direction(g, lex) or 0
        return Parsed("calendar", year_hint + shift, month, _day(g.get("day")), label=True)
    direction = _direction(g, lex) if year is None else None
    weekday = _lookup(lex.weekdays, g.get("weekday"))
    day = _day(g.get("day"))
    until = int(g["until"] or 0) if g.get("until") else None  # "du 3 au 10 janvier"
    part = lex.parts_of_day.get(_key(g.get("part")))  # "le 31 décembre au soir"
    return Parsed(
        "calendar", year, month, day, weekday=weekday, direction=direction, until=until, part=part
    )


def read_year(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    return Parsed("calendar", year=_year(g, lex, year_hint))


def read_label_year(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    return Parsed("calendar", year=_year(g, lex, year_hint), label=True)


_DECADE_WORDS = {
    "vingt": "20",
    "trente": "30",
    "quarante": "40",
    "cinquante": "50",
    "soixante": "60",
    "soixante-dix": "70",
    "quatre-vingt": "80",
    "quatre-vingts": "80",
    "quatre-vingt-dix": "90",
}


def read_decade(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    digits = _DECADE_WORDS.get(_key(g.get("decade_word")), "") or g.get("decade") or ""
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
    count = _count(lex, g)
    unit = _unit(lex, g["unit"])
    return Parsed("relunit", unit=unit, offset=sign * count) if count and unit else None


def read_season(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    prep, word = _key(g.get("prep")), g["season"] or ""
    determined = g.get("dem") or g.get("dir") or g.get("year") or g.get("year2") or g.get("mod")
    determined = determined or g.get("mod2")
    determined = determined or prep
    if g["x"] != word and not determined:
        return None  # "le printemps arabe", "l'hiver a été rude": too often not a date
    if _key(word) in {"été", "eté"} and not determined and word.islower():
        return None  # "a été": a participle
    if prep in {"d'", "de"}:
        return None  # "les Jeux d'hiver": a season as an adjective
    if prep and prep not in _BARE_SEASON_PREPS and g["x"] == word:
        return None  # "avant l'été", never "avant été" (an OCR'd "ayant été")
    if lex is LEXICONS["en"] and not (g.get("dir") or g.get("year") or prep or determined):
        return None  # "the fall of Rome", "a hot spring"
    year = _year(g, lex, year_hint)
    season = lex.seasons[_key(word)]
    return Parsed("season", season=season, year=year, direction=_direction(g, lex))


def read_quarter(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    """ "le premier trimestre 2022" → 2022-Q1, "le second semestre" → the anchor's -H2."""
    year = int(g["year"] or 0) if g.get("year") else None
    if g.get("ofyear") and year_hint is not None:  # "le premier trimestre de l'an dernier"
        year = year_hint + (_direction(g, lex) or 0)
    number = _lookup(lex.ordinals, g["ord"])
    if _key(g.get("period")) == "semestre":
        return (
            Parsed("quarter", number=number, year=year, unit="half") if number in {1, 2} else None
        )
    return Parsed("quarter", number=number, year=year)


def read_time(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    if g.get("hour_word"):  # "deux heures du matin", "onze heures du soir"
        hour = _number(lex, g["hour_word"]) or 0
        pm = "matin" not in _key(g.get("pm")) and hour < 12
        minute = 30 if "demie" in _key(g["x"]) else 0
        return Parsed("time", hour=hour + 12 if pm else hour % 12, minute=minute)
    if g.get("noon"):  # "midi et demi": 12:30, "minuit et quart": 00:15
        minute = {"demi": 30, "demie": 30, "quart": 15}.get(_key(g.get("half")), 0)
        hour = 0 if _key(g["noon"]) in {"minuit", "midnight"} else 12
        return Parsed("time", hour=hour, minute=minute)
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


_DAY_TIMES = {
    "journée": "DT",
    "mi-journée": "MI",
    **dict.fromkeys(["l'aube", "l'aurore", "petit matin", "dawn", "daybreak"], "MO"),
    **dict.fromkeys(["la tombée de la nuit", "la nuit tombée", "dusk", "nightfall"], "EV"),
}


def read_part(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    if _key(g.get("pre")) in _NOT_BEFORE_PART:
        return None
    word = " ".join(_key(g.get("part") or g.get("part2")).split())
    part = _DAY_TIMES.get(word) or lex.parts_of_day.get(word)
    return Parsed("part", part=part)


def read_anaphor(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "le lendemain (matin)", "deux jours plus tard", "l'année suivante": from the reference."""
    part = lex.parts_of_day.get(_key(g.get("part")))
    if g.get("there"):  # "cette année-là", "ce soir-là", "that year": offset 0 from the reference
        unit = _unit(lex, g.get("unit")) or ("day" if part else None)
        return Parsed("anaphor", unit=unit, offset=0, part=part) if unit else None
    if g.get("ana"):
        return Parsed(
            "anaphor", unit="day", offset=_lookup(lex.anaphoric_days, g["ana"]) or 0, part=part
        )
    if g.get("later"):
        count = _count(lex, g)
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
    if len(word.split()) == 1 and not (word[0].isupper() or word[0].isdigit()):
        return None  # "l'ascension du col", "easter" in lower case is rarely the feast
    value = _phrase(lex.holidays, word)
    if value is None:
        return None
    year = int(g["year"] or 0) if g.get("year") else None
    if value.startswith("E"):
        return Parsed("holiday", year=year, offset=int(value[1:]))
    month, day = (int(n) for n in value.split("-"))
    return Parsed("calendar", year=year, month=month, day=day)


def read_eve(g: Groups, lex: Lexicon, year_hint: int | None) -> Parsed | None:
    """ "la veille de Noël" → 12-24, "le lendemain du 1er mai" → 05-02: a day next to a date."""
    shift = _lookup(lex.anaphoric_days, " ".join((g["ana"] or "").split())) or 0
    if g.get("holiday"):
        feast = read_holiday(g, lex, year_hint)
        if feast is None or feast.kind == "holiday":  # movable: Easter + offset, one more shift
            return feast and Parsed("holiday", year=feast.year, offset=feast.offset + shift)
        month, day = feast.month, feast.day
    else:
        month, day = _month(g, lex), _day(g.get("day"))
    year = int(g["year"] or 0) if g.get("year") else None
    if month is None or day is None or not _valid_day(month, day):
        return None
    moved = date(year or 2001, month, day) + timedelta(days=shift)  # 2001: not a leap year
    return Parsed("calendar", year=moved.year if year else None, month=moved.month, day=moved.day)


def _valid_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]


def read_year_tail(g: Groups, lex: Lexicon, _: int | None) -> Parsed | None:
    """ "99" of "1998-99": the year after the first one whose last two digits these are."""
    head, tail = int(g["head"] or 0), int(g["x"] or 0)
    year = head // 100 * 100 + tail
    year = year + 100 if year <= head else year  # "1999-00" → 2000
    return Parsed("calendar", year=year) if year - head <= 10 else None


Reader = Callable[[Groups, Lexicon, int | None], Parsed | None]

READERS: dict[str, Reader] = {
    "calendar": read_calendar,
    "bare_month": read_calendar,
    "year": read_year,
    "label_year": read_label_year,
    "year_tail": read_year_tail,
    "decade": read_decade,
    "century": read_century,
    "relcentury": lambda g, lex, _: Parsed(
        "relunit", unit="century", offset=_direction(g, lex) or 0
    ),
    "relday": read_relday,
    "weekday": read_weekday,
    "weekday_day": read_weekday_day,
    "relunit": read_relunit,
    "weekend": lambda g, lex, _: Parsed("relunit", unit="weekend"),
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
    "eve": read_eve,
    "vague": read_vague,
}

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
