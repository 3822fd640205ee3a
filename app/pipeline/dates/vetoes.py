"""Context vetoes of the temporal tagger: the text around a match that makes it no date.

A rule's regex finds the expression; these checks read the words before and after it
("2000 personnes" is a count, "pendant 3 h" a duration, "Noël Mamère" a name).
"""

from __future__ import annotations

import re

from app.pipeline.dates.lexicon import Lexicon


def _key(word: str | None) -> str:
    return (word or "").lower().replace("’", "'")


# Context vetoes, checked on the text around a match.
# "de 2000 à 3000 euros": look past the end of a range for the counted noun.
_RANGE_END = re.compile(r"(?:\s*(?:à|-|et|ou|to|and|or)\s*[\d\s.]*\d)?")
_COUNT_AFTER = re.compile(r"\s*([^\W\d_]+|[%€$])", re.UNICODE)
_DURATION_BEFORE = re.compile(
    r"(?:\b(?:pendant|durant|en|plus\s+de|moins\s+de|près\s+de|environ|toutes\s+les|chaque"
    r"|(?<!vers\s)les|for|within|every)\s+)$",  # not "vers les 18 heures"
    re.IGNORECASE,
)
_DAY_BEFORE = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|demain|aujourd['’]hui"
    r"|matin|soir|\d\d?(?:er)?\s+[a-zéû]+)\s*,?\s*$",
    re.I,
)
_TIME_PREP_BEFORE = re.compile(
    r"\b(à\s+partir\s+de|à|vers(?:\s+les)?|sur\s+les?\s+coups?\s+de|dès|jusqu['’]à|avant|après|alentours\s+de|environs\s+de|autour\s+de|de|entre|et"
    r"|il\s+(?:est|était)|at|by)\s+$",
    re.I,
)


_RANGE_AFTER = re.compile(r"\s*(?:à|-|et)\s*\d", re.I)
# "Noël Mamère", "Toussaint Louverture": a first name, not the feast.
_NAME_AFTER = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ]")
# "un dimanche", "chaque lundi", "tous les mardis": not one day
_EVENT_RELATIVE = {"lendemain", "surlendemain", "veille", "avant-veille", "day before", "day after"}
_OF_AFTER = re.compile(r"\s+(?:d[eu]|des|d['’]|of)\b", re.I)
_AS_BEFORE = re.compile(r"\bas\s+$", re.I)
_WORD_AFTER = re.compile(r"[ \t]+[a-z]")  # "in the past century": not a vague "in the past"
_GERUND_BEFORE = re.compile(r"\ben\s+$", re.I)
_HABITUAL_BEFORE = re.compile(r"\b(?:un|chaque|les|tous\s+les|a|every|on\s+a)\s+$", re.I)


def vetoed(kind: str, match: re.Match[str], text: str, lex: Lexicon) -> bool:
    start, end = match.span("x")
    if kind == "bare_month" and match.group("x")[0].isupper():
        return not _SENTENCE_START.search(text, max(0, start - 4), start)  # "Mars", "Mai Lan"
    if kind == "weekday_day":
        return not _LABEL_YEAR_AFTER.match(text, end)  # "samedi 3 buts": a count
    if kind == "label_year":
        previous = _WORD_BEFORE.search(text, max(0, start - 12), start)
        if previous and _key(previous.group(1)) in _NUMBERING_BEFORE:
            return True  # "article 1998", "n° 2001", "page 1900"
        if ".." in text[max(0, start - 4) : start]:
            return True  # a price after dot leaders in a table
        if not _LABEL_YEAR_AFTER.match(text, end):
            return True
    if kind == "holiday":
        if _key(match.group("holiday")).startswith("saint"):
            # a saint's feast is "la Saint-Nicolas"; "l'église Saint-Nicolas" is a name
            return not _FEAST_ARTICLE.search(text, max(0, start - 4), start)
        return bool(_NAME_AFTER.match(text, end))
    if kind == "anaphor" and _key(match.groupdict().get("ana")) in _EVENT_RELATIVE:
        # "la veille du scrutin", "the day after his marriage": an event's eve
        return bool(_OF_AFTER.match(text, end) or _DETERMINER_AFTER.match(text, end))
    if kind == "vague":
        word = " ".join(_key(match.group("x")).split())
        if word == "maintenant":
            return bool(_GERUND_BEFORE.search(text, max(0, start - 8), start))  # "en maintenant"
        if word == "soon":
            return bool(_AS_BEFORE.search(text, max(0, start - 8), start))  # "as soon as"
        if word == "à l'avenir":  # "À l'avenir, …" opens its clause; "pensant à l'avenir" no
            return not _CLAUSE_START.search(text, max(0, start - 4), start)
        if word == "il y a peu":
            return bool(_OF_AFTER.match(text, end))  # "il y a peu de chances"
        if word == "so far":  # "not so far from", "so far away": a distance
            return bool(_DISTANCE_AFTER.match(text, end))
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
_DISTANCE_AFTER = re.compile(r"\s+(?:from|away|off|behind|ahead|beyond|as|that|removed)\b", re.I)
_DETERMINER_AFTER = re.compile(
    r"\s+(?:his|her|their|its|the|a|an|my|our|your|this|that|these|those)\b", re.I
)
_FEAST_ARTICLE = re.compile(r"\bla\s+$", re.I)
_CLAUSE_START = re.compile(r"(?:^|[.!?\n«\"“:;,]\s*)$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+\.?|n°|no|nº)\s*$", re.I)
_NUMBERING_BEFORE = {
    *["article", "art.", "n°", "no", "nº", "numéro", "page", "p.", "pages", "tome", "code"],
    *["route", "rn", "rd", "km", "kilomètre", "lot", "vol.", "volume", "chapitre", "bus", "ligne"],
    *["vol", "flight", "number", "room", "chambre", "salle", "porte", "bp", "cedex", "cs", "rue"],
}
