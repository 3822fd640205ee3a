"""Rule matching: find candidate date expressions and read their groups into ``Parsed``.

Each rule kind has one reader (``readers``); a reader returns None to veto a match its
regex cannot rule out on its own (a count like "2000 euros", habitual "le mercredi").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.pipeline.dates.lexicon import LEXICONS
from app.pipeline.dates.patterns import compile_rules
from app.pipeline.dates.readers import READERS
from app.pipeline.dates.resolve import Parsed
from app.pipeline.dates.vetoes import vetoed
from app.pipeline.regex_scan import ScanPattern, caseless, scan_pattern


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: int  # index in the rule table: breaks ties between equally long matches
    parsed: Parsed


_SEASON_PREP = re.compile(
    r"\b(mois\s+d['’]|saison\s+d['’]|au\s+cours\s+d[eu]|lors\s+d[eu]|d['’]ici|en|au|à|dès|depuis|pendant|pour"
    r"|durant|avant|après|jusqu['’]à"
    r"|vers|d['’]|de\s+l['’]|in|during|by|until|since)\s*$",
    re.IGNORECASE,
)


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
            if match.group("x") is None or vetoed(kind, match, text, lex):
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
