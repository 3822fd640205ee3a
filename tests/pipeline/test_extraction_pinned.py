"""extract_all's whole output on a few articles, pinned: speed-ups must not change it.

The articles (the bundled examples, four benchmark-corpus articles, an English text on
the blank pipeline) and their expected extraction are in ``tests/data/extraction``.
When an extraction change is meant to change the output, rewrite the expectations and
review the diff:

    PYTHONPATH=. python -m tests.pipeline.test_extraction_pinned --write
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.pipeline import nlp
from app.pipeline.extract import extract_all
from app.pipeline.types import CleanArticle

DATA = Path(__file__).resolve().parent.parent / "data" / "extraction"
ARTICLES = DATA / "articles.json"
EXPECTED = DATA / "expected.json"


def _articles() -> list[dict[str, Any]]:
    return json.loads(ARTICLES.read_text())


def extraction_of(record: dict[str, Any]) -> dict[str, Any]:
    article = CleanArticle(
        title=record["title"],
        standfirst=None,
        body=record["text"],
        language=record["language"],
        republished=False,
        published_at=date.fromisoformat(record["published_at"]),
    )
    doc = nlp.parse(article.body, article.language)
    # Through JSON: tuples become lists, as in the expectations.
    return json.loads(json.dumps(asdict(extract_all(doc, article)), ensure_ascii=False))


@pytest.mark.parametrize("record", _articles(), ids=lambda r: r["name"])
def test_extraction_is_unchanged(record: dict[str, Any]) -> None:
    expected = json.loads(EXPECTED.read_text())[record["name"]]
    found = extraction_of(record)
    for part in ("mentions", "dates", "quotes", "events"):
        assert found[part] == expected[part], part
    assert sum(len(expected[p]) for p in expected) > 0  # a pin of nothing pins nothing


def _write() -> None:
    expected = {record["name"]: extraction_of(record) for record in _articles()}
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {EXPECTED}")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write()
