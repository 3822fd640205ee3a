"""Eval gate: the importer on the check half of trafilatura's evaluation pages (html-dev).

Floors hold the check half's counts (``bench/eval_html.py`` scores them; docs/eval-html.md
has the figures). trafilatura 2.3.1 alone on that half (``bench/eval_html.py`` runs it
beside the importer; its counts are constants here, so the gate runs trafilatura once per
page, not twice): titles 113/171, dates 144/171, must-have 483/520, must-not 465/516; the
importer must be at or above it on each.
Skipped without ``NEWSMETA_EVAL_DIR``. About 20 s of CPU (trafilatura on 171 pages: 83 %).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.eval_html import Scores, evaluate, importer, load_gold
from bench.split import half_of

# Counts on the check half (171 pages, 520 must-have and 516 must-not snippets).
FLOORS = {"titles": 146, "dates": 151, "with": 496, "without": 467}
TRAFILATURA_ALONE = {"titles": 113, "dates": 144, "with": 483, "without": 465}


@pytest.fixture(scope="module")
def check_half() -> Scores:
    root = os.environ.get("NEWSMETA_EVAL_DIR")
    if not root:
        pytest.skip("NEWSMETA_EVAL_DIR is not set: no html-dev pages to score")
    folder = Path(root) / "html-dev"
    if not (folder / "gold.json").is_file():
        pytest.skip(f"no html-dev set in {folder}")
    golds = [g for g in load_gold(folder) if half_of(g.name) == "check"]
    return evaluate(importer, golds, folder)["check"]


def _count(scores: Scores, measure: str) -> int:
    return {
        "titles": scores.titles,
        "dates": scores.dates,
        "with": scores.with_found,
        "without": scores.without_kept_out,
    }[measure]


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_check_half_holds_its_floor(check_half: Scores, measure: str) -> None:
    assert _count(check_half, measure) >= FLOORS[measure], check_half.misses


def test_every_page_becomes_an_article(check_half: Scores) -> None:
    assert check_half.refused == 0, [n for n in check_half.notes if "refused" in n]


def test_titles_far_above_trafilatura_alone(check_half: Scores) -> None:
    assert check_half.ratios()["titles"] >= 0.85
    assert _count(check_half, "titles") >= TRAFILATURA_ALONE["titles"] + 30


@pytest.mark.parametrize("measure", sorted(TRAFILATURA_ALONE))
def test_not_below_trafilatura_alone(check_half: Scores, measure: str) -> None:
    assert _count(check_half, measure) >= TRAFILATURA_ALONE[measure]


def test_must_have_snippets_reach_the_target(check_half: Scores) -> None:
    assert check_half.ratios()["with"] >= 0.95
