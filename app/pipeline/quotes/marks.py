"""Quotation-mark spans and quote-aware sentences of a text (no spaCy needed).

French « », English “ ”, ‹ › and straight " quotes are paired per paragraph.
Marks inside an open quote are nested quotes and stay part of the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.pipeline.quotes.lexicon import ABBREVIATIONS

# Opening mark → closing mark. « » may nest; the others are paired left to right.
_PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"', "„": "“", "‘": "’"}
_OPENING = re.compile("[" + re.escape("".join(_PAIRS)) + "]")  # the next possible quotation
_SPACES = " \t\n\u00a0\u202f\u2009\u2007"
# Trailing punctuation that English puts inside the marks but belongs to the attribution.
_INNER_TRAILING = ","
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’)]*\s+")
_SENTENCE_START = '"“«‹(-–—0123456789'


@dataclass(frozen=True)
class MarkedSpan:
    """One quotation: outer offsets include the marks, inner offsets exclude them."""

    open: int
    close: int  # offset just after the closing mark (or the paragraph end if unclosed)
    start: int
    end: int
    mark: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end): the cleaner puts one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _straight_role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'unit' for a straight double quote at ``text[i]``; after a
    number it is the seconds or inches sign ("41 \" d'avance"), no quotation mark."""
    if text[max(0, i - 2) : i].strip(_SPACES)[-1:].isdigit():
        return "unit"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before in _SPACES or before in "([{–—-'’«/") and after not in _SPACES
    closes = before not in _SPACES and (after in _SPACES or after in ".,;:!?)]}…»-–—")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and (text[end - 1] in _SPACES or text[end - 1] in _INNER_TRAILING):
        end -= 1
    return start, end


def _close_of(text: str, i: int, end: int, mark: str) -> int | None:
    """Offset of the mark closing the quote opened at ``i`` (None if unclosed)."""
    closer = _PAIRS[mark]
    depth = 1
    for j in range(i + 1, end):
        ch = text[j]
        if mark == '"':
            if ch == '"' and _straight_role(text, j) in ("close", "either"):
                return j
        elif ch == closer:
            if mark == "‘" and text[j + 1 : j + 2].isalpha():
                continue  # an apostrophe: don’t
            depth -= 1
            if depth == 0:
                return j
        elif ch == mark:
            depth += 1
    return None


def _merged_close(text: str, i: int, end: int, mark: str) -> int | None:
    """ "« … : « Waow ! Il faut que je la contacte ». Mais …": one » closing a nested quote
    and the quote around it, at the end of a sentence (the outer one is never closed)."""
    closer = _PAIRS[mark]
    if closer == mark:
        return None
    depth, last = 1, None
    for j in range(i + 1, end):
        if text[j] == mark:
            depth += 1
        elif text[j] == closer:
            depth -= 1
            after = text[j + 1 : j + 3].lstrip(_SPACES)
            if depth == 1 and after[:1] in (".", "!", "?", "…"):
                last = j
    return last


def _continues(text: str, para_end: int, mark: str) -> bool:
    """Whether the next paragraph opens with the same mark (a multi-paragraph quote)."""
    rest = text[para_end:].lstrip(_SPACES)
    return rest.startswith(mark)


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every top-level quotation of ``text``, in order; nested marks are skipped."""
    spans: list[MarkedSpan] = []
    for para_start, para_end in paragraphs(text):
        i = para_start
        while i < para_end:
            found = _OPENING.search(text, i, para_end)  # skips what is no quotation mark
            if found is None:
                break
            i = found.start()
            mark = text[i]
            if mark == '"' and _straight_role(text, i) in ("close", "unit"):
                i += 1
                continue
            close = _close_of(text, i, para_end, mark)
            if close is None and not _continues(text, para_end, mark):
                close = _merged_close(text, i, para_end, mark)
            if close is None:
                lead = text[para_start:i].strip(_SPACES)
                # Unclosed, a quotation opens its paragraph, goes on in the next one, or
                # follows a colon ("X a déclaré : « …" to the paragraph's end).
                if lead and not (lead.endswith(":") or _continues(text, para_end, mark)):
                    i += 1  # a stray mark, not a quotation
                    continue
                inner_end = outer_end = para_end
            else:
                inner_end, outer_end = close, close + 1
            start, end = _inner(text, i + 1, inner_end)
            if end > start:
                spans.append(MarkedSpan(i, outer_end, start, end, mark))
            i = outer_end
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"(\w+)\W*$", text[max(0, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1)
    return token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def sentences(text: str, spans: list[MarkedSpan]) -> list[Sentence]:
    """Sentences that never cut through a quotation (quotes are atomic)."""
    result: list[Sentence] = []
    pieces, done = [], 0
    for span in spans:  # hide the inside of quotes from the sentence splitter
        hidden = range(max(span.open + 1, done), max(span.open + 1, span.close - 1))
        if hidden:
            pieces += [text[done : hidden.start], "x" * len(hidden)]
            done = hidden.stop
    flat = "".join([*pieces, text[done:]])
    for index, (para_start, para_end) in enumerate(paragraphs(text)):
        start = para_start
        for match in _SENTENCE_END.finditer(flat, para_start, para_end):
            following = flat[match.end() : match.end() + 1]
            if not following or not (following.isupper() or following in _SENTENCE_START):
                continue
            if match.group().startswith(".") and _is_abbreviation(flat, match.start()):
                continue
            end = match.end()
            while text[end - 1] in _SPACES:
                end -= 1
            result.append(Sentence(start, end, index))
            start = match.end()
        if start < para_end:
            result.append(Sentence(start, para_end, index))
    return result
