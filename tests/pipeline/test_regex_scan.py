"""regex_scan: the first-character lookahead and required strings never change a match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.pipeline.dates.patterns import compile_rules
from app.pipeline.regex_scan import caseless, first_chars, required_strings, scan_pattern
from tests.pipeline.test_dates import ENGLISH_GOLDEN, FRENCH_GOLDEN

DATA = Path(__file__).resolve().parent.parent / "data" / "extraction" / "articles.json"


def _tree(pattern: str, flags: int = re.IGNORECASE):  # type: ignore[no-untyped-def]
    from re import _parser  # type: ignore[attr-defined]

    return _parser.parse(pattern, flags).data


@pytest.mark.parametrize(
    ("pattern", "first", "required"),
    [
        (r"\bsiècle", ["s"], ("siècle",)),
        (r"(?:le\s+)?(?P<c>[XVI]+)e\s+siècle", ["I", "V", "X", "l"], ("siècle",)),
        (r"(?<!\d)(?:\d+|premier)\s+(?:mars|avril)", [r"\d", "p"], ("mars", "avril")),
        (r"(?:en|au)?\s*été", None, ("été",)),  # "\s*" can start the match
        (r"a?", None, None),  # matches the empty string
        (r"[^a]bc", None, ("bc",)),  # a negated class: no first characters
        (r"(?i:x)yz", None, ("yz",)),  # scoped flags: not followed
        # "ſ" and "İ" match more than their lower case: no required string holds them
        (r"ſoir|MİDI", ["M", "ſ"], ("oir", "di")),
    ],
)
def test_analysis(pattern: str, first: list[str] | None, required: tuple[str, ...] | None) -> None:
    if first is not None:
        assert first_chars(_tree(pattern)) == sorted(first)
    assert required_strings(_tree(pattern)) == required


def test_first_chars_of_a_class_with_a_range() -> None:
    assert first_chars(_tree(r"(?:le\s+)?[0-3]?\d")) == ["0-3", r"\d", "l"]


def _texts() -> list[str]:
    texts = [sentence for sentence, _ in FRENCH_GOLDEN + ENGLISH_GOLDEN]
    texts += [record["text"] for record in json.loads(DATA.read_text())]
    odd = str.maketrans({"i": "ı", "s": "ſ", "I": "İ"})
    return texts + [t.upper() for t in texts] + [t.translate(odd) for t in texts]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_date_rules_find_the_same_matches(language: str) -> None:
    texts = _texts()
    checked = 0
    for _kind, pattern in compile_rules(language):
        fast = scan_pattern(pattern)
        for text in texts:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            found = [(m.span(), m.groupdict()) for m in fast.finditer(text, caseless(text))]
            assert found == expected, (pattern.pattern, text)
            checked += len(expected)
    assert checked > 50  # the texts do exercise the rules


def test_a_text_without_a_required_string_is_not_scanned() -> None:
    fast = scan_pattern(re.compile(r"\b(?:le\s+)?(?P<c>[XVI]{1,5})e\s+siècle", re.IGNORECASE))
    assert fast.required == ("siècle",)
    assert fast.pattern.pattern.startswith("(?=[")
    text = "Au XXe SİÈCLE, puis au XIXe ſiècle."
    assert [m.group() for m in fast.finditer(text, caseless(text))] == ["XXe SİÈCLE", "XIXe ſiècle"]
    assert list(fast.finditer("Au XXe s.", caseless("Au XXe s."))) == []
