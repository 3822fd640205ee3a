"""Evaluate the web-page importer on trafilatura's evaluation pages (``html-dev``).

Usage: ``python bench/eval_html.py [--half tune|check|all] [--misses] [--no-baseline] [--rules]``

For each page, the importer's own path (``read_path`` → ``prepare``: what ``newsmeta import
page.html`` stores) gives a title, a publication date and a body; trafilatura 2.3.1
``bare_extraction(with_metadata=True)`` alone is scored in the same run beside it.
Scoring (trafilatura's): *title* right when the normalised titles are equal, *date* right
when the publication date starts with the gold date, each *with* snippet must be in the
body and each *without* snippet must not; text is compared after NFKC, curly quotes made
straight, whitespace collapsed and lower case. A refused page scores nothing on title,
date and *with*, and keeps every *without*.

Pages are split into tune and check halves by file name (``bench/split.py``): rules are
changed looking at the tune half, the check half is the number reported and held in tests.
The eval data is read from ``$NEWSMETA_EVAL_DIR/html-dev`` (never copied into the project).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.paths import eval_dir
from bench.split import HALVES, Half, half_of

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_SPACES = re.compile(r"\s+")
_MAX_BYTES = 10 * 1024 * 1024  # the importer's default max_article_bytes


def html_dir() -> Path:
    return eval_dir() / "html-dev"


def norm(text: str | None) -> str:
    """NFKC, straight quotes, one space, lower case: how titles and snippets are compared."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class Gold:
    name: str
    title: str
    date: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """What one extractor made of one page (``failure`` set when it refused the page)."""

    title: str | None = None
    date: str | None = None
    body: str = ""
    failure: str | None = None


Extractor = Callable[[Path], Output]


def load_gold(folder: Path | None = None) -> list[Gold]:
    folder = folder or html_dir()
    raw = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [
        Gold(name, g.get("title") or "", g.get("date") or "", tuple(g["with"]), tuple(g["without"]))
        for name, g in sorted(raw.items())
        if (folder / name).is_file()
    ]


def importer(path: Path) -> Output:
    """The page through ``read_path`` and ``prepare``: the article ``newsmeta import`` stores."""
    from app.pipeline.ingest.prepare import ImportDefaults, PrepareError, prepare
    from app.pipeline.ingest.readers import ReadFailure, read_path

    [item] = list(read_path(path, max_bytes=_MAX_BYTES))
    if isinstance(item, ReadFailure):
        return Output(failure=item.reason)
    try:
        article = prepare(item, ImportDefaults())
    except PrepareError as exc:
        return Output(failure=str(exc))
    published = article.published_at.isoformat() if article.published_at else None
    body = "\n\n".join(p for p in (article.standfirst, article.body) if p)
    return Output(article.title, published, body)


def trafilatura_alone(path: Path) -> Output:
    """trafilatura 2.3.1 ``bare_extraction(with_metadata=True)``: the baseline.

    Its answers are kept in a cache file per trafilatura version (keyed by each page's
    bytes): the baseline does not change between runs, the importer does.
    """
    import trafilatura

    from app.pipeline.ingest.decode import decode_bytes

    data = path.read_bytes()
    key = hashlib.sha1(data).hexdigest()
    cache = _baseline_cache(trafilatura.__version__)
    if key in cache:
        return Output(*cache[key])
    doc = trafilatura.bare_extraction(decode_bytes(data), with_metadata=True)
    if doc is None:
        return Output(failure="nothing extracted")
    out = Output(doc.title, doc.date, doc.text or "")
    cache[key] = [out.title, out.date, out.body, out.failure]
    return out


_CACHES: dict[str, dict[str, list[str | None]]] = {}


def _cache_file(version: str) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "newsmeta" / f"eval_html-trafilatura-{version}.json"


def _baseline_cache(version: str) -> dict[str, list[str | None]]:
    if version not in _CACHES:
        try:
            _CACHES[version] = json.loads(_cache_file(version).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _CACHES[version] = {}
    return _CACHES[version]


def save_baseline_cache() -> None:
    for version, answers in _CACHES.items():
        path = _cache_file(version)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(answers), encoding="utf-8")
        except OSError:
            pass  # a read-only home: the baseline is computed again next time


@dataclass
class Scores:
    pages: int = 0
    titles: int = 0
    dates: int = 0
    with_found: int = 0
    with_total: int = 0
    without_kept_out: int = 0
    without_total: int = 0
    refused: int = 0
    seconds: float = 0.0
    misses: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def ratios(self) -> dict[str, float]:
        return {
            "titles": self.titles / self.pages if self.pages else 0.0,
            "dates": self.dates / self.pages if self.pages else 0.0,
            "with": self.with_found / self.with_total if self.with_total else 0.0,
            "without": self.without_kept_out / self.without_total if self.without_total else 0.0,
        }

    def add(self, gold: Gold, out: Output) -> None:
        self.pages += 1
        if out.failure:
            self.refused += 1
            self.misses["refused"] += 1
            self.notes.append(f"{gold.name}: refused: {out.failure}")
        if norm(out.title) == norm(gold.title):
            self.titles += 1
        else:
            self.misses[_title_miss(out.title, gold.title)] += 1
            self.notes.append(f"{gold.name}: title {out.title!r} ≠ {gold.title!r}")
        if out.date and gold.date and out.date.startswith(gold.date):
            self.dates += 1
        else:
            self.misses["date missing" if not out.date else "date wrong"] += 1
            self.notes.append(f"{gold.name}: date {out.date} ≠ {gold.date}")
        body = norm(out.body)
        for snippet in gold.with_:
            self.with_total += 1
            if norm(snippet) in body:
                self.with_found += 1
            else:
                self.misses["with lost"] += 1
                self.notes.append(f"{gold.name}: with lost {snippet!r}")
        for snippet in gold.without:
            self.without_total += 1
            if norm(snippet) not in body:
                self.without_kept_out += 1
            else:
                self.misses["without kept"] += 1
                self.notes.append(f"{gold.name}: without kept {snippet!r}")


def _title_miss(found: str | None, gold: str) -> str:
    found_n, gold_n = norm(found), norm(gold)
    if not found_n:
        return "title missing"
    if gold_n and gold_n in found_n:
        return "title with site name"
    if found_n and found_n in gold_n:
        return "title cut"
    return "title other"


def evaluate(
    extractor: Extractor, golds: Iterable[Gold], folder: Path | None = None
) -> dict[Half, Scores]:
    folder = folder or html_dir()
    scores: dict[Half, Scores] = {half: Scores() for half in HALVES}
    for gold in golds:
        started = time.perf_counter()
        out = extractor(folder / gold.name)
        half = scores[half_of(gold.name)]
        half.seconds += time.perf_counter() - started
        half.add(gold, out)
    return scores


@dataclass
class RuleEffect:
    """What one cleaning rule removed: must-have snippets lost, must-not snippets removed."""

    paragraphs: int = 0
    with_lost: int = 0
    without_removed: int = 0


def clean_rule(paragraph: str, title: str) -> str:
    """The cleaning rule that removes a paragraph of the extracted text (clean.py's order)."""
    from app.pipeline.ingest import clean

    if clean.same_line(paragraph, title):
        return "title repeated"
    if clean._SEPARATOR.match(paragraph) or clean._URL_ONLY.match(paragraph):
        return "separator or bare link"
    if clean.is_original_notice(paragraph):
        return "original-article notice"
    if clean.is_boilerplate(paragraph):
        return "prompt to the reader"
    if clean._is_dangling(paragraph):
        return "dangling scrap at the end"
    return "appeal block at the end"


def audit_cleaning(golds: Iterable[Gold], folder: Path | None = None) -> dict[str, RuleEffect]:
    """Each cleaning rule measured on the pages: the paragraphs it removed and what they held."""
    from app.pipeline.ingest.clean import normalize, paragraphs
    from app.pipeline.ingest.prepare import ImportDefaults, PrepareError, prepare
    from app.pipeline.ingest.readers import ReadFailure, read_path

    folder = folder or html_dir()
    effects: dict[str, RuleEffect] = {}
    for gold in golds:
        [raw] = list(read_path(folder / gold.name, max_bytes=_MAX_BYTES))
        if isinstance(raw, ReadFailure):
            continue
        try:
            article = prepare(raw, ImportDefaults())
        except PrepareError:
            continue
        kept = set(paragraphs(article.body))
        for paragraph in paragraphs(normalize(raw.text or "")):
            if paragraph in kept:
                continue
            effect = effects.setdefault(clean_rule(paragraph, article.title), RuleEffect())
            effect.paragraphs += 1
            text = norm(paragraph)
            body = norm("\n\n".join(p for p in (article.standfirst, article.body) if p))
            effect.with_lost += sum(norm(s) in text and norm(s) not in body for s in gold.with_)
            effect.without_removed += sum(
                norm(s) in text and norm(s) not in body for s in gold.without
            )
    return effects


def _row(label: str, half: str, s: Scores) -> str:
    r = s.ratios()
    return (
        f"| {label} | {half} ({s.pages}) | {s.titles}/{s.pages} {r['titles']:.3f} "
        f"| {s.dates}/{s.pages} {r['dates']:.3f} | {s.with_found}/{s.with_total} {r['with']:.3f} "
        f"| {s.without_kept_out}/{s.without_total} {r['without']:.3f} | {s.refused} "
        f"| {s.seconds:.0f} s |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=["tune", "check", "all"], default="all")
    parser.add_argument("--misses", action="store_true", help="list the tune half's misses")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura alone")
    parser.add_argument("--rules", action="store_true", help="measure each cleaning rule")
    args = parser.parse_args(argv)
    folder = html_dir()
    if not (folder / "gold.json").is_file():
        print(f"no html-dev set in {folder} (set NEWSMETA_EVAL_DIR)", file=sys.stderr)
        return 2
    golds = [g for g in load_gold(folder) if args.half == "all" or half_of(g.name) == args.half]
    systems: list[tuple[str, Extractor]] = [("newsmeta", importer)]
    if not args.no_baseline:
        systems.insert(0, ("trafilatura alone", trafilatura_alone))
    print("| system | half (pages) | titles | dates | with | without | refused | time |")
    print("|---|---|---|---|---|---|---|---|")
    results = {label: evaluate(extractor, golds, folder) for label, extractor in systems}
    save_baseline_cache()
    for label, scores in results.items():
        for half in HALVES:
            if scores[half].pages:
                print(_row(label, half, scores[half]))
    print()
    for label, scores in results.items():
        for half in HALVES:
            if scores[half].pages:
                classes = ", ".join(f"{k} {v}" for k, v in sorted(scores[half].misses.items()))
                print(f"{label}, {half}: {classes}")
    if args.rules:
        from bench.eval_html_rules import ablation

        print("\nEach rule switched off (its effect: with it minus without it):\n")
        print("\n".join(ablation(folder)))
        print("\n| cleaning rule | paragraphs removed | must-have lost | must-not removed |")
        print("|---|---|---|---|")
        for rule, effect in sorted(audit_cleaning(golds, folder).items()):
            print(
                f"| {rule} | {effect.paragraphs} | {effect.with_lost} | {effect.without_removed} |"
            )
    if args.misses:
        print()
        for note in results["newsmeta"]["tune"].notes:
            print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
