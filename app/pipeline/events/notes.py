"""Notes that qualify an event: "la première depuis 2019", "extraordinaire", "en ligne"."""

from __future__ import annotations

import re

from app.pipeline.events.lexicon import NOTE_PATTERNS
from app.pipeline.regex_scan import caseless, scan_pattern

_NOTE_SCANS = [scan_pattern(pattern) for pattern in NOTE_PATTERNS]  # same matches, faster


def find_notes(text: str, start: int, end: int) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """Notes found in ``text[start:end]`` in text order, and their character spans."""
    region = text[start:end]
    lowered = caseless(region)
    found: list[tuple[int, str, tuple[int, int]]] = []
    for pattern in _NOTE_SCANS:
        for match in pattern.finditer(region, lowered):
            span = (start + match.start(), start + match.end())
            found.append((match.start(), note_text(match), span))
    found.sort()
    notes = tuple(dict.fromkeys(note for _, note, _ in found))
    return notes, [span for _, _, span in found]


def note_text(match: re.Match[str]) -> str:
    """The note as written; "la première réunion … depuis des années" → "première depuis …"."""
    groups = match.groupdict()
    text = " ".join(match.group(0).split())
    if groups.get("gap") and groups["gap"].strip():
        word = "première" if "premi" in text.lower() else "first"
        return f"{word} {' '.join(groups['ref'].split())}"
    return text if text.isupper() else text.lower()
