"""Temporal tagger: date and time expressions of an article, resolved to TIMEX3 values.

Rules (``patterns``, read by ``rules``) find French or English expressions;
``resolve`` anchors them on the publication date, using the tense of the clause
(``tense``) where the calendar alone does not decide:

- "a déclaré vendredi" → the Friday on or before the anchor (same day allowed);
  "se réunira vendredi" → the next Friday; "ce vendredi" → the anchor's week.
- "le 10 janvier" → the nearest 10 January, the next one when the verb is future.
- A bare time ("à 15 h", "vers midi") takes the day of the nearest day expression in its
  sentence, else the last one before it, else the anchor: ``2022-01-07T15:00``.

Without an anchor unknown parts stay X: "le 10 janvier" → ``XXXX-01-10``; "vendredi" and
"hier" → ``XXXX-XX-XX`` (kept, so the mention is stored, but ``date_range`` gives None).
Durations ("pendant trois jours") and vague references ("actuellement") are not tagged.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from app.pipeline.dates.resolve import resolve
from app.pipeline.dates.rules import Candidate, find_candidates, select
from app.pipeline.dates.tense import clause_tense
from app.pipeline.types import DateResult

if TYPE_CHECKING:  # spaCy is imported where a Doc is made, not here
    from spacy.tokens import Doc

__all__ = ["extract_dates", "resolve_date"]

_FULL_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
# Kinds whose value depends on the verb's tense.
_TENSE_SENSITIVE = {"calendar", "weekday", "relunit"}


def _needs_tense(cand: Candidate) -> bool:
    p = cand.parsed
    if p.kind == "calendar":
        return p.year is None and p.direction is None
    if p.kind == "relunit":
        return p.unit == "weekend"
    return p.kind == "weekday" and p.direction is None


def _needs_day(cand: Candidate) -> bool:
    """Times, "dans la nuit", "ce même lundi" take their day from elsewhere in the text."""
    return cand.parsed.kind in {"time", "part"} or cand.parsed.same


def _same_weekday(cand: Candidate, days: list[tuple[int, str]]) -> str | None:
    """The last day mentioned before ``cand`` that falls on its weekday."""
    for start, day in reversed(days):
        if start < cand.start and date.fromisoformat(day).weekday() == cand.parsed.weekday:
            return day
    return None


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return _SENTENCE_BREAK.search(text, low, high) is None


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
    if cand.parsed.kind == "time" and anchor is not None:
        return anchor.isoformat()
    return None


def extract_dates(
    text: str, *, anchor: date | None, language: str = "fr", doc: Doc | None = None
) -> list[DateResult]:
    """Date/time expressions of ``text`` resolved against ``anchor``, sorted, non-overlapping."""
    chosen = select(find_candidates(text, language, anchor.year if anchor else None))
    values: dict[int, tuple[str, str]] = {}
    for i, cand in enumerate(chosen):
        if _needs_day(cand):
            continue
        tense = None
        if _needs_tense(cand):
            tense = clause_tense(text, cand.start, cand.end, language=language, doc=doc)
        resolved = resolve(cand.parsed, anchor, tense)
        if resolved:
            values[i] = resolved
    days = [(chosen[i].start, v[:10]) for i, (v, _) in sorted(values.items()) if _FULL_DAY.match(v)]
    for i, cand in enumerate(chosen):
        if not _needs_day(cand):
            continue
        if cand.parsed.same:
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
