"""Scan a text with many regular expressions faster, with exactly the same matches.

The date rules are case-insensitive patterns that start with ``\\b`` or an optional
group, so Python's ``re`` cannot skip ahead to a likely start (it only does that for a
case-sensitive literal or character-class prefix): it tries every pattern at every
position. Two things computed once from each pattern's syntax tree cut that work:

- ``first_chars``: the characters a match can start with, put in front of the pattern as
  a lookahead ``(?=[...])`` — one test per position instead of trying each alternative;
- ``required_strings``: strings one of which every match contains; when the (lower-cased)
  text contains none of them, the pattern is not run at all ("siècle", "trimestre").

Both are supersets by construction (anything the analysis does not understand gives up),
so a ``ScanPattern`` finds exactly what its pattern finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
# Characters whose case-insensitive matches the lower-cased text does not show as their
# lower case (re's extra equivalences: "ı" ~ "i", "ſ" ~ "s", "µ" ~ "μ"; "İ" lowers to
# "i" + U+0307): a required string holding one of them is not used.
_UNSAFE = frozenset("µıſ\u0130")


@dataclass(frozen=True)
class ScanPattern:
    pattern: re.Pattern[str]  # the original pattern, behind a first-character lookahead
    required: tuple[str, ...] | None  # lower-cased; None: no cheap test

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``; ``lowered`` is ``caseless(text)``."""
        if self.required is not None and not any(map(lowered.__contains__, self.required)):
            return iter(())
        return self.pattern.finditer(text)


def caseless(text: str) -> str:
    """The text to test required strings against: lower case, re's equivalences applied."""
    lowered = text.lower()
    if not text.isascii():
        lowered = lowered.replace("\u0307", "").replace("ı", "i").replace("ſ", "s")
    return lowered


def scan_pattern(pattern: re.Pattern[str]) -> ScanPattern:
    tree = _parser.parse(pattern.pattern, pattern.flags)
    first = first_chars(tree.data)
    fast = pattern
    if first is not None:
        try:
            fast = re.compile(f"(?=[{''.join(first)}])(?:{pattern.pattern})", pattern.flags)
        except re.error:  # e.g. inline global flags, which must stay at the start
            fast = pattern
    return ScanPattern(fast, required_strings(tree.data))


def first_chars(items: Any) -> list[str] | None:
    """Character-class items (``a``, ``0-9``, ``\\d``) a match must start with; None if
    unknown or if the pattern can match the empty string."""
    found, nullable = _first(items)
    return None if found is None or nullable else sorted(set(found))


def _first(items: Any) -> tuple[list[str] | None, bool]:
    """(first characters, whether the sequence can match nothing) of a sequence."""
    found: list[str] = []
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next item starts the match
        if op is sre.LITERAL:
            return [*found, re.escape(chr(av))], False
        if op is sre.IN:
            members = _class_members(av)
            return (None, False) if members is None else (found + members, False)
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:  # scoped flags: the lookahead would not follow them
                return None, False
            more, nullable = _first(sub.data)
        elif op is sre.ATOMIC_GROUP:
            more, nullable = _first(av.data)
        elif op is sre.BRANCH:
            more, nullable = [], False
            for alternative in av[1]:
                chars, empty = _first(alternative.data)
                if chars is None:
                    return None, False
                more += chars
                nullable = nullable or empty
        elif op in _REPEATS:
            low, _high, sub = av
            more, empty = _first(sub.data)
            nullable = low == 0 or empty
        else:  # any character, a back-reference, a negated literal...: give up
            return None, False
        if more is None:
            return None, False
        found += more
        if not nullable:
            return found, False
    return found, True


def _class_members(members: Any) -> list[str] | None:
    out = []
    for op, av in members:
        if op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # a negated class or an unusual category
            return None
    return out


def required_strings(items: Any) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match contains; None if none is known.

    Of the sequence's mandatory parts (literal runs, groups, alternations whose every
    branch has one, repeats of at least once), the most selective: longest shortest string.
    """
    best: tuple[str, ...] | None = None
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and chr(av) not in _UNSAFE:
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, ("".join(run),))
            run = []
        candidate: tuple[str, ...] | None = None
        if op is sre.SUBPATTERN:
            candidate = required_strings(av[3].data)
        elif op is sre.ATOMIC_GROUP:
            candidate = required_strings(av.data)
        elif op is sre.BRANCH:
            branches = [required_strings(alternative.data) for alternative in av[1]]
            if all(b is not None for b in branches):
                candidate = tuple(dict.fromkeys(s for b in branches if b for s in b))
        elif op in _REPEATS and av[0] >= 1:
            candidate = required_strings(av[2].data)
        elif op is sre.ASSERT and av[0] == 1:  # a lookahead's text is in the text too
            candidate = required_strings(av[1].data)
        best = _better(best, candidate)
    if run:
        best = _better(best, ("".join(run),))
    return best


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if a is None or b is None:
        return a or b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a
