"""Eval gate: the importer on the check half of trafilatura's evaluation pages (html-dev).

Floors hold the check half's titles, dates and text (``bench/eval_html.py`` scores them;
docs/eval-html.md has the figures). None is below trafilatura 2.3.1 alone on that half:
titles 113/171, dates 144/171, must-have 483/520, must-not 465/516.
Skipped without ``NEWSMETA_EVAL_DIR``; about 15 s of CPU (trafilatura on 171 pages).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.eval_html import Scores, evaluate, importer, load_gold
from bench.split import half_of

FLOORS = {"titles": 0.85, "dates": 0.84, "with": 0.92, "without": 0.90}
TRAFILATURA_ALONE = {"titles": 113 / 171, "dates": 144 / 171, "with": 483 / 520}


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


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_check_half_holds_its_floor(check_half: Scores, measure: str) -> None:
    assert check_half.ratios()[measure] >= FLOORS[measure], check_half.misses


def test_every_page_becomes_an_article(check_half: Scores) -> None:
    assert check_half.refused == 0, [n for n in check_half.notes if "refused" in n]


def test_titles_far_above_trafilatura_alone(check_half: Scores) -> None:
    assert check_half.ratios()["titles"] >= TRAFILATURA_ALONE["titles"] + 0.15
