"""Temporal tagger: date and time expressions of an article, resolved to TIMEX3 values.

Rules (``patterns``, read by ``rules``) find French or English expressions;
``resolve`` anchors them on the publication date, using the tense of the clause
(``tense``) where the calendar alone does not decide:

- "a déclaré vendredi" → the Friday on or before the anchor (same day allowed);
  "se réunira vendredi" → the next Friday; "ce vendredi" → the anchor's week.
- "le 10 janvier" → the nearest 10 January, the next one when the verb is future.
- A bare time ("à 15 h", "vers midi") or part of a day ("dans la soirée", "la nuit") takes
  the day of the nearest day expression in its sentence, else the last one before it, else
  the anchor: ``2022-01-07T15:00``, ``2022-01-07TEV``.
- Anaphora ("le lendemain", "la veille", "deux jours plus tard", "ce jour-là") count from
  the last day the text mentioned, else from the anchor.
- Narrative time: the publication date is the reference until the text tells another
  year's story ("le 27 mai 1998", "en 1998"); then a past-tense "le 21 juin" or "en
  janvier" takes that year, until a deictic expression ("hier", "mardi", "cette année")
  brings the text back to the publication's time.

Without an anchor unknown parts stay X: "le 10 janvier" → ``XXXX-01-10``; "vendredi" and
"hier" → ``XXXX-XX-XX`` (kept, so the mention is stored, but ``date_range`` gives None).
Vague references are ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` ("actuellement",
"récemment", "bientôt"; granularity ``vague``); durations ("pendant trois jours") are not
tagged.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from app.pipeline.dates.resolve import Context, resolve
from app.pipeline.dates.rules import Candidate, find_candidates, select
from app.pipeline.dates.tense import clause_tense
from app.pipeline.types import DateResult

if TYPE_CHECKING:  # spaCy is imported where a Doc is made, not here
    from spacy.tokens import Doc

__all__ = ["extract_dates", "resolve_date"]

_FULL_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_KNOWN_YEAR = re.compile(r"^\d{4}")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
# "depuis 1998", "jusqu'en 2001", "avant 1990": a point of reference, not the story's time.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:depuis|dès|jusqu['’]en|jusqu['’]à|avant|après|since|until|before|after|"
    r"(?:né|née|nés|nées|créée?s?|fondée?s?|born|founded)\s+(?:le|en|in|on))\s+$",
    re.IGNORECASE,
)
# "depuis lundi", "since Monday": a point already past; "jusqu'à dimanche", "dès lundi",
# "à partir de mardi": a day still to come (read only where the clause's tense does not say).
_SINCE_BEFORE = re.compile(r"\b(?:depuis|since)\s+(?:le\s+|la\s+|l['’]\s*)?$", re.IGNORECASE)
_UNTIL_BEFORE = re.compile(
    r"\b(?:jusqu['’](?:à|au)|d['’]ici(?:\s+à)?|dès|à\s+(?:partir|compter)\s+d[eu]|until|till)"
    r"\s+(?:le\s+)?$",
    re.IGNORECASE,
)
# Kinds that say "now" in the publication's time, and so end a story told in another year.
_DEICTIC = {"relday", "weekday", "relunit", "ago", "in"}


def _needs_tense(cand: Candidate) -> bool:
    p = cand.parsed
    if p.kind in {"calendar", "season", "holiday"}:
        return (
            p.year is None and p.direction is None and (p.kind != "calendar" or p.month is not None)
        )
    if p.kind == "relunit":
        return p.unit == "weekend"
    return p.kind == "weekday" and p.direction is None


def _next_story_year(
    text: str, cand: Candidate, value: str, anchor: date | None, story: int | None
) -> int | None:
    """The story's year after ``cand``: set by an explicit other year, ended by a deictic."""
    p = cand.parsed
    if p.kind in _DEICTIC and not p.same:
        return None  # "hier", "mardi", "cette année": back to the publication's time
    explicit = p.kind in {"calendar", "season", "holiday"} and p.year is not None and not p.label
    if not explicit or not _KNOWN_YEAR.match(value):
        return story
    if _REFERENCE_BEFORE.search(text, max(0, cand.start - 30), cand.start):
        return story  # "depuis 1998": a point of reference, the story stays where it is
    year = int(value[:4])
    return None if anchor is not None and year == anchor.year else year


def _next_generic(cand: Candidate, value: str, anchor: date | None, generic: bool) -> bool:
    """Generic time starts with a season of no year ("en été" in the present, ``XXXX-SU``)
    and ends with the first expression of a known year ("En 1995", "hier")."""
    if anchor is None or value.endswith("_REF"):
        return generic
    if cand.parsed.kind == "season" and value.startswith("XXXX"):
        return True
    return generic and not _KNOWN_YEAR.match(value)


def _preposition_tense(
    text: str, cand: Candidate, tense: str | None, generic: bool = False
) -> str | None:
    """A present (or unknown) clause's date read by its preposition: "Depuis lundi, la grève
    continue" → the Monday gone by ("since": a day of the month on or before the anchor);
    "Jusqu'à dimanche, la ville est en fête", "ouvertes jusqu'au 30 septembre" → the next
    (not in generic time: "à partir du mois de juin" of every year stays every year's)."""
    if tense not in {None, "present"}:
        return tense
    before = text[max(0, cand.start - 24) : cand.start]
    if _SINCE_BEFORE.search(before):
        day_of_month = cand.parsed.kind == "calendar" and cand.parsed.day is not None
        return "since" if day_of_month else "past"
    if not generic and _UNTIL_BEFORE.search(before):  # not last September's 30th
        return "future"
    return tense


def _needs_day(cand: Candidate) -> bool:
    """Times, "dans la nuit", "ce même lundi" take their day from elsewhere in the text."""
    return cand.parsed.kind in {"time", "part", "sametime"} or cand.parsed.same


def _same_weekday(cand: Candidate, days: list[tuple[int, str]]) -> str | None:
    """The last day mentioned before ``cand`` that falls on its weekday."""
    for start, day in reversed(days):
        if start < cand.start and date.fromisoformat(day).weekday() == cand.parsed.weekday:
            return day
    return None


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return _SENTENCE_BREAK.search(text, low, high) is None


def _year_in_sentence(text: str, cand: Candidate, dated: list[tuple[int, str]]) -> str | None:
    """The nearest value of a known year in the sentence of ``cand`` (before it first)."""
    before = [(s, v) for s, v in dated if s < cand.start and _same_sentence(text, s, cand.start)]
    after = [(s, v) for s, v in dated if s > cand.start and _same_sentence(text, cand.end, s)]
    return before[-1][1] if before else after[0][1] if after else None


def _reference_day(
    text: str, cand: Candidate, days: list[tuple[int, str]], anchor: date | None
) -> str | None:
    """Day of a bare time: nearest day in its sentence, else the previous one, else anchor."""
    before = [(start, day) for start, day in days if start < cand.start]
    after = [(start, day) for start, day in days if start > cand.start]
    if before and _same_sentence(text, before[-1][0], cand.start):
        return before[-1][1]
    if after and _same_sentence(text, cand.end, after[0][0]):
        return after[0][1]
    if before:
        return before[-1][1]
    if anchor is not None:
        return anchor.isoformat()
    return None


def extract_dates(
    text: str, *, anchor: date | None, language: str = "fr", doc: Doc | None = None
) -> list[DateResult]:
    """Date/time expressions of ``text`` resolved against ``anchor``, sorted, non-overlapping."""
    chosen = select(find_candidates(text, language, anchor.year if anchor else None))
    values: dict[int, tuple[str, str]] = {}
    context = Context()
    for i, cand in enumerate(chosen):  # in text order: anaphora and the story's year follow it
        if _needs_day(cand):
            continue
        tense, parsed = None, cand.parsed
        if _needs_tense(cand):
            tense = clause_tense(text, cand.start, cand.end, language=language, doc=doc)
            tense = _preposition_tense(text, cand, tense, context.generic)
            if tense == "since":  # "depuis le 20 janvier": on or before the publication
                tense, parsed = "past", replace(parsed, direction=-1)
        resolved = resolve(parsed, anchor, tense, context=context)
        if not resolved:
            continue
        values[i] = resolved
        value = resolved[0]
        context = Context(
            day=value[:10] if _FULL_DAY.match(value) else context.day,
            value=value if _KNOWN_YEAR.match(value) else context.value,
            year=_next_story_year(text, cand, value, anchor, context.year),
            generic=_next_generic(cand, value, anchor, context.generic),
        )
    days = [(chosen[i].start, v[:10]) for i, (v, _) in sorted(values.items()) if _FULL_DAY.match(v)]
    dated = [(chosen[i].start, v) for i, (v, _) in sorted(values.items()) if _KNOWN_YEAR.match(v)]
    for i, cand in enumerate(chosen):
        if not _needs_day(cand):
            continue
        if cand.parsed.kind == "sametime":
            year_of = Context(value=_year_in_sentence(text, cand, dated))
            resolved = resolve(cand.parsed, anchor, None, context=year_of)
        elif cand.parsed.same:
            same_day = _same_weekday(cand, days)
            resolved = resolve(cand.parsed, anchor, None, same_day)
        else:
            resolved = resolve(cand.parsed, anchor, None, _reference_day(text, cand, days, anchor))
        if resolved:
            values[i] = resolved
    return [
        DateResult(text[c.start : c.end], c.start, c.end, *values[i])
        for i, c in enumerate(chosen)
        if i in values
    ]


def resolve_date(
    expression: str, anchor: date | None, *, tense: str | None = None, language: str = "fr"
) -> tuple[str, str] | None:
    """(value, granularity) of one expression, e.g. ("2022-01-10", "day"); None if not a date."""
    year_hint = anchor.year if anchor else None
    candidates = select(find_candidates(expression, language, year_hint))
    if not candidates:
        # In running text a bare month or year needs a preposition ("en mars", "in 2019");
        # a lone expression is read as if it had one.
        preposition = {"fr": "en ", "en": "in "}.get(language, "")
        candidates = select(find_candidates(preposition + expression, language, year_hint))
    if not candidates:
        return None
    cand = max(candidates, key=lambda c: c.end - c.start)
    ref_day = anchor.isoformat() if anchor else None
    return resolve(cand.parsed, anchor, tense, ref_day)
