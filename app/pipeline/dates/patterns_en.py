"""English regular expressions of the temporal tagger (see ``patterns`` for the conventions:
each names the expression ``x``, its placeholders are filled from the English lexicon)."""

from __future__ import annotations

_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_EN_UNIT = r"(?P<unit>week|weekend|month|year|quarter|decade)"
_EN_UNITS_N = r"(?P<unit>days?|weeks?|months?|years?|decades?)"
# "about two years ago", "more than a year ago", "just over a year ago", "exactly a year ago"
_EN_APPROX = (
    r"(?:(?:just|exactly|barely|roughly|at\s+least)\s+)?"
    r"(?:(?:about|around|nearly|almost|some|over|under|more\s+than|less\s+than)\s+)?"
)

ENGLISH_RULES = [
    ("calendar", r"\b(?P<x>(?P<year>(?:1[89]|20)\d\d)-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d))\b"),
    (
        "calendar",
        r"\b(?P<x>(?:{WEEKDAY},?\s+)?{MONTH_ANY}\s+{DAY}(?:st|nd|rd|th)?\b(?:,?\s+{YEAR})?)",
    ),
    (
        "calendar",
        r"\b(?P<x>(?:the\s+)?{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_ANY}(?:,?\s+{YEAR})?)",
    ),
    ("calendar", r"\b(?P<x>{MONTH},?\s+{YEAR})"),
    # the evening of December 31 (French "le 31 décembre au soir")
    (
        "calendar",
        r"\b(?P<x>the\s+{PART}\s+of\s+{MONTH_ANY}\s+{DAY}(?:st|nd|rd|th)?\b(?:,?\s+{YEAR})?)",
    ),
    # November of next year, May 3 of last year (French "novembre de l'année prochaine")
    (
        "calendar",
        r"\b(?P<x>{MONTH}(?:\s+{DAY}(?:st|nd|rd|th)?)?\s+of\s+(?P<ofyear>{DIR}\s+year))\b",
    ),
    # "May" of "May and June 2011": the year named after the second month
    (
        "calendar",
        r"\b(?P<x>{MONTH})(?=(?:\s*[-–]\s*|\s+(?:and|or|to|through|until)\s+)(?:"
        + _EN_MONTHS
        + r")\s+{YEAR})",
    ),
    ("calendar", r"\b{MONTH_PREP}\s+(?P<x>{MONTH})"),
    ("calendar", r"\b(?P<x>{DIR}\s+{MONTH})"),
    # mid-January, mid January
    ("calendar", r"\b(?P<x>mid-?\s*{MONTH})"),
    ("year", r"\b{YEAR_PREP}\s+(?P<x>{YEAR})\b"),
    ("year", r"\b(?P<x>(?:the\s+)?year\s+{YEAR})\b"),
    # the 1990s, the early '80s
    (
        "decade",
        r"(?P<x>\bthe\s+(?:(?:early|mid|late)-?\s*)?['’]?(?P<decade>(?:1[89]|20)?\d0)['’]?s)\b",
    ),
    ("century", r"\b(?P<x>the\s+(?P<century>\d{{1,2}})(?:st|nd|rd|th)\s+century)\b"),
    ("relday", r"\b(?P<x>{REL}(?:\s+{PART})?)\b"),
    ("relday", r"\b(?P<x>(?P<dem>this)\s+{PART}|(?P<tonight>tonight))\b"),
    ("weekday", r"\b(?P<x>(?:{DIR}\s+)?{WEEKDAY}(?:\s+{PART})?)"),
    ("relunit", r"\b(?P<x>{DIR}\s+" + _EN_UNIT + r")\b"),
    # the end of the month, the beginning of next year
    (
        "relunit",
        r"\b(?P<x>the\s+(?P<mod>end|beginning|start|middle)\s+of\s+(?:the\s+|{DIR}\s+)"
        + _EN_UNIT
        + r")\b",
    ),
    ("ago", r"\b(?P<x>" + _EN_APPROX + r"{NUM}\s+" + _EN_UNITS_N + r"\s+ago)\b"),
    # the current year, the current month (French "l'année en cours")
    ("relunit", r"\b(?P<x>the\s+(?P<dem>current)\s+" + _EN_UNIT + r")\b"),
    # the next day, that day, the day before, the next morning, two days later, the following year
    ("anaphor", r"\b(?P<x>(?:the\s+)?{ANA})\b(?!\s+(?:of|that)\b)"),
    ("anaphor", r"\b(?P<x>the\s+(?P<sequel>next|following|previous)\s+{PART})\b"),
    (
        "anaphor",
        r"\b(?P<x>{NUM}\s+" + _EN_UNITS_N + r"\s+{LATER})(?!\s+(?:the|a|an|that|this|it)\b)",
    ),
    ("anaphor", r"\b(?P<x>the\s+{SEQUEL}\s+" + _EN_UNIT + r")\b"),
    # the day after Christmas, the day before June 5
    (
        "eve",
        r"\b(?P<x>the\s+(?P<ana>day\s+(?:after|before))\s+(?:{HOLIDAY}|{MONTH}\s+{DAY}(?:st|nd|rd|th)?)"
        r"(?:,?\s+{YEAR})?)\b",
    ),
    # that year, that month: the one the text is telling
    ("anaphor", r"\b(?P<x>(?P<there>that)\s+(?P<unit>week|month|year))\b"),
    (
        "sametime",
        r"\b(?P<x>(?:at\s+)?the\s+same\s+(?P<epoch>time|period|date))\s+(?=last|a\s+year)",
    ),
    # in '97, since 85
    ("year", r"\b(?:in|since|by|until|of)\s+(?P<x>(?P<year2>['’]\d\d))\b"),
    ("vague", r"\b(?P<x>{VAGUE})\b"),
    # Christmas, Easter Monday, Christmas 2001
    ("holiday", r"\b(?P<x>{HOLIDAY}(?:\s+{YEAR})?)\b"),
    # that evening, in the morning, at night, late in the evening
    ("part", r"\b(?P<x>(?P<that>that)\s+{PART})\b"),
    ("part", r"\b(?:in|during|late\s+in|early\s+in)\s+(?P<x>the\s+{PART})\b(?!\s+of\b)"),
    ("part", r"\b(?:at|by|during\s+the)\s+(?P<x>night)\b"),
    ("part", r"\b(?:at|by|before|after)\s+(?P<x>(?P<part>dawn|daybreak|dusk|nightfall))\b"),
    ("in", r"\b(?P<x>in\s+{NUM}\s+" + _EN_UNITS_N + r")\b(?!\s+(?:of|time)\b)"),
    (
        "season",
        r"(?:\b(?P<prep>in|during|by|until|since)\s+(?:the\s+)?)?(?P<x>\b(?:{DIR}\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?)",
    ),
    # late summer, early next spring, the end of the winter (French "à la fin de l'été")
    (
        "season",
        r"\b(?P<x>(?:(?P<mod>early|late|mid)-?\s*|the\s+(?P<mod2>end|beginning|start|middle)\s+of\s+"
        r"(?:the\s+)?)(?:{DIR}\s+)?{SEASON}(?:\s+(?:of\s+)?{YEAR})?)\b",
    ),
    (
        "quarter",
        r"\b(?P<x>(?:the\s+)?{ORD}\s+quarter(?:\s+of\s+(?:{YEAR}|(?P<ofyear>{DIR}\s+year)))?)",
    ),
    (
        "time",
        r"\b(?P<x>(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap])(?:\.m\.|m\b))",
    ),
    ("time", r"(?<![\w:])(?P<x>(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))(?![\w:])"),
    # at about 11 o'clock (French "vers les 11 heures")
    (
        "time",
        r"\b(?P<x>(?P<hour>1[0-2]|0?[1-9])\s+o['’]clock"
        r"(?:\s+(?P<pm>in\s+the\s+(?:evening|afternoon)|at\s+night))?)\b",
    ),
    ("time", r"\b(?:at|around|by|until|before|after)\s+(?P<x>(?P<noon>noon|midday|midnight))\b"),
]
