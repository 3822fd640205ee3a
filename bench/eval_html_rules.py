"""Each cleaning rule of the web-page importer measured on html-dev by ablation.

For each rule the pages are prepared again with that rule switched off (the pages are read
once: trafilatura's text, headline and date are the same for every variant) and scored
like ``bench/eval_html.py`` scores them: must-have snippets kept, must-not snippets kept
out, per half. A rule that loses more must-have snippets than it removes must-not ones goes.

Usage: ``python bench/eval_html_rules.py`` (needs ``NEWSMETA_EVAL_DIR``).
"""

from __future__ import annotations

import re
import sys
from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.eval_html import _MAX_BYTES, Gold, html_dir, load_gold, norm
from bench.split import HALVES, Half, half_of

if TYPE_CHECKING:
    from app.pipeline.types import RawArticle

_NEVER = re.compile(r"(?!)")


@dataclass
class TextScore:
    with_found: int = 0
    without_kept_out: int = 0


_CLEAN = "app.pipeline.ingest.clean."

# (rule, what switches it off: a name in clean.py and its stand-in; None for the lead)
RULES: list[tuple[str, tuple[str, object] | None]] = [
    ("title repeated at the top of the body", (_CLEAN + "same_line", lambda a, b: False)),
    ("separator line", (_CLEAN + "_SEPARATOR", _NEVER)),
    ("bare link", (_CLEAN + "_URL_ONLY", _NEVER)),
    ("original-article notice", (_CLEAN + "_ORIGINAL_NOTICE", _NEVER)),
    ("prompt to the reader", (_CLEAN + "_READER_PROMPT_RE", _NEVER)),
    ("dangling scrap at the end", (_CLEAN + "_is_dangling", lambda p: False)),
    ("appeal block at the end", (_CLEAN + "_is_long_appeal", lambda p: False)),
    ("the page's lead as standfirst (adds text)", None),
]


_BOXES = "app.pipeline.ingest.boxes."
_SET_APART = "app.pipeline.ingest.html.set_apart"


def _box_rules() -> list[tuple[str, tuple[str, object]]]:
    """The rules of ``boxes.py``: they act while a page is read (what switches each off)."""
    from app.pipeline.ingest import boxes

    def names_without(kind: str) -> dict[str, tuple[str, ...]]:
        return {k: v for k, v in boxes.BOX_NAMES.items() if k != kind}

    rules: list[tuple[str, tuple[str, object]]] = [
        ("`<aside>` or `<nav>` element", (_BOXES + "BOX_TAGS", {}))
    ]
    rules += [
        (f"box named: {kind}", (_BOXES + "BOX_NAMES", names_without(kind)))
        for kind in boxes.BOX_NAMES
    ]
    rules += [
        ("links the text ends with", (_SET_APART, partial(boxes.set_apart, link_list=False))),
        (
            "short line after the article",
            (_SET_APART, partial(boxes.set_apart, after_the_article=False)),
        ),
    ]
    return rules


def read_all(golds: list[Gold], folder: Path) -> list[tuple[Gold, RawArticle]]:
    from app.pipeline.ingest.readers import ReadFailure, read_path

    pages = []
    for gold in golds:
        [raw] = list(read_path(folder / gold.name, max_bytes=_MAX_BYTES))
        if not isinstance(raw, ReadFailure):
            pages.append((gold, raw))
    return pages


def score(pages: list[tuple[Gold, RawArticle]], *, lead: bool = True) -> dict[Half, TextScore]:
    from app.pipeline.ingest.prepare import ImportDefaults, PrepareError, prepare

    scores = {half: TextScore() for half in HALVES}
    for gold, raw in pages:
        raw = raw if lead else replace(raw, standfirst=None)
        try:
            article = prepare(raw, ImportDefaults())
        except PrepareError:
            body = ""
        else:
            body = norm("\n\n".join(p for p in (article.standfirst, article.body) if p))
        half = scores[half_of(gold.name)]
        half.with_found += sum(norm(s) in body for s in gold.with_)
        half.without_kept_out += sum(norm(s) not in body for s in gold.without)
    return scores


def ablation(folder: Path | None = None) -> list[str]:
    """Markdown rows: each rule's effect (with it minus without it), per half."""
    folder = folder or html_dir()
    pages = read_all(load_gold(folder), folder)
    full = score(pages)
    rows = [
        "| cleaning rule | must-have kept tune / check | must-not removed tune / check |",
        "|---|---|---|",
    ]
    for rule, switch in RULES:
        with mock.patch(*switch) if switch else nullcontext():
            off = score(pages, lead=switch is not None)
        kept = " / ".join(f"{full[h].with_found - off[h].with_found:+d}" for h in HALVES)
        removed = " / ".join(
            f"{full[h].without_kept_out - off[h].without_kept_out:+d}" for h in HALVES
        )
        rows.append(f"| {rule} | {kept} | {removed} |")
    rows.extend(_box_ablation(pages, folder))
    totals = " · ".join(
        f"{h}: must-have {full[h].with_found}, must-not {full[h].without_kept_out}" for h in HALVES
    )
    rows.append(f"\nWith every rule: {totals}.")
    return rows


def _box_ablation(pages: list[tuple[Gold, RawArticle]], folder: Path) -> list[str]:
    """The rules of ``boxes.py`` switched off one at a time: the pages are read again, with
    trafilatura's answer to each page kept from the first reading."""
    import trafilatura

    extract = trafilatura.bare_extraction
    answers: dict[tuple[str, bool], object] = {}

    def kept(html: str, **options: Any) -> object:
        key = (html, bool(options.get("with_metadata")))
        if key not in answers:
            answers[key] = extract(html, **options)
        return answers[key]

    golds = [gold for gold, _ in pages]
    rows = []
    with mock.patch("trafilatura.bare_extraction", kept):
        full = score(read_all(golds, folder))
        for rule, switch in _box_rules():
            with mock.patch(*switch):
                off = score(read_all(golds, folder))
            kept_ = " / ".join(f"{full[h].with_found - off[h].with_found:+d}" for h in HALVES)
            removed = " / ".join(
                f"{full[h].without_kept_out - off[h].without_kept_out:+d}" for h in HALVES
            )
            rows.append(f"| {rule} | {kept_} | {removed} |")
    return rows


if __name__ == "__main__":
    if not (html_dir() / "gold.json").is_file():
        print(f"no html-dev set in {html_dir()} (set NEWSMETA_EVAL_DIR)", file=sys.stderr)
        raise SystemExit(2)
    print("\n".join(ablation()))
