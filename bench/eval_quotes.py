"""Evaluate direct quotes and their speakers on hand-annotated real news (fr-timebank-dev).

Usage: ``python bench/eval_quotes.py [--misses]``

Gold: ``bench/gold/quotes-fr-timebank-dev.json`` (offsets into the plain ``<TEXT>`` of each
document, parsed as ``bench/eval_dates.py`` parses it; provenance inside), and
``bench/gold/quotes-hipe-fr-dev.json`` (the modern documents of the HIPE French dev sets,
offsets into the text ``bench/eval_entities.py`` rebuilds). Scoring per gold
quote: *found* when a predicted direct quote overlaps the gold span; *speaker right* when the
overlapping quote's speaker entity has the gold name (or both are null). A predicted quote
overlapping a ``not_quotes`` span (a title, a name, a scare quote) is *spurious*. Scores are
printed per half (``bench/split.py``: tune to change rules, check to report) and per failure
class, next to the naive baseline "the nearest PERSON mention before the quote".
The eval data is read from ``$NEWSMETA_EVAL_DIR`` (never copied).
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.entities.types import MentionResult
from app.pipeline.types import QuoteResult
from bench.eval_dates import load_docs, timebank_dir
from bench.split import HALVES, half_of

GOLD = Path(__file__).resolve().parent / "gold" / "quotes-fr-timebank-dev.json"
# Second set: the modern news documents (1990 on) of HIPE-2022's French dev sets.
HIPE_GOLD = Path(__file__).resolve().parent / "gold" / "quotes-hipe-fr-dev.json"
Quoter = Callable[[str, str], list[QuoteResult]]  # (document name, text) → direct quotes


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0

    def add(self, found: bool, right: bool) -> None:
        self.gold += 1
        self.found += found
        self.right += right


@dataclass
class Scores:
    halves: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    classes: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    spurious: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    bad_names: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def ratio(self, half: str, what: str) -> float:
        tally = self.halves[half]
        return getattr(tally, what) / tally.gold if tally.gold else 0.0


def load_gold(path: Path = GOLD) -> dict[str, list[dict[str, object]]]:
    data: dict[str, list[dict[str, object]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def timebank_texts() -> dict[str, str]:
    return {doc.name: doc.text for doc in load_docs()}


def hipe_texts() -> dict[str, str]:
    """The HIPE documents' texts, rebuilt from the TSV as ``bench/eval_entities.py`` does."""
    from bench.eval_entities import load_gold as load_hipe_gold

    return {doc.doc_id: doc.text for doc in load_hipe_gold()}


SETS: dict[str, tuple[Path, Callable[[], dict[str, str]]]] = {
    "fr-timebank-dev": (GOLD, timebank_texts),
    "hipe-fr-dev (1990 on)": (HIPE_GOLD, hipe_texts),
}


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def _speaker_name(quote: QuoteResult) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


def _names_match(got: str | None, want: str | None) -> bool:
    """The gold name as the article spells it, or the entity's canonical name ending with it
    ("Jacques Chirac" for "Chirac") or extending it."""
    g, w = _norm(got), _norm(want)
    if g is None or w is None:
        return g is w
    return g == w or g.endswith(" " + w) or w.endswith(" " + g)


_ROLE_WORDS = frozenset(
    " ".join(
        (
            "le la les l' un une ministre président présidente directeur directrice",
            "ambassadeur porte-parole général maire adjoint secrétaire chef juge avocat",
            "avocate the a an minister president director ambassador spokesman spokeswoman",
            "maître me colonel commandant capitaine docteur professeur préfet sénateur député",
            "reine roi prince princesse pape abbé general colonel judge mayor",
        )
    ).split()
)


def _bad_name(name: str) -> bool:
    """A speaker name holding a determiner or a role word is a noun phrase, not a person."""
    tokens = name.replace("’", "'").replace("'", "' ").lower().split()
    return any(t in _ROLE_WORDS for t in tokens)


def score(
    quoter: Quoter,
    gold: dict[str, list[dict[str, object]]] | None = None,
    texts: dict[str, str] | None = None,
) -> Scores:
    gold = gold or load_gold()
    texts = texts if texts is not None else timebank_texts()
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for item in gold["quotes"]:
        by_doc[str(item["doc"])].append(item)
    not_quotes: dict[str, list[dict[str, object]]] = defaultdict(list)
    for item in gold["not_quotes"]:
        not_quotes[str(item["doc"])].append(item)
    scores = Scores()
    for name in sorted(set(by_doc) | set(not_quotes)):
        text, half = texts[name], half_of(name)
        predicted = [q for q in quoter(name, text) if q.kind == "direct"]
        for q in predicted:
            if q.speaker is not None and _bad_name(q.speaker.name):
                scores.bad_names.append(f"{half} {name} {q.speaker.name!r}")
        for item in not_quotes[name]:
            lo, hi = int(str(item["start"])), int(str(item["end"]))
            if any(q.start < hi and lo < q.end for q in predicted):
                scores.spurious[half] += 1
                scores.misses.append(f"{half} {name} SPURIOUS {text[lo:hi]!r}")
        for item in by_doc[name]:
            lo, hi = int(str(item["start"])), int(str(item["end"]))
            hits = [q for q in predicted if q.start < hi and lo < q.end]
            want = item["speaker"] if item["speaker"] is None else str(item["speaker"])
            right = bool(hits) and _names_match(_speaker_name(hits[0]), want)
            scores.halves[half].add(bool(hits), right)
            for cls in item["classes"]:  # type: ignore[attr-defined]
                scores.classes[(half, str(cls))].add(bool(hits), right)
            if not right:
                got = (
                    f"{_speaker_name(hits[0])!r} ({hits[0].speaker_text!r})"
                    if hits
                    else "NOT FOUND"
                )
                scores.misses.append(
                    f"{half} {name} {text[lo : lo + 40]!r}… gold={want!r} got={got}"
                )
    return scores


_parsed: dict[str, tuple[Any, list[MentionResult]]] = {}


def _parse(name: str, text: str) -> tuple[Any, list[MentionResult]]:
    """The spaCy doc and entity mentions of a document, as the importer makes them (cached)."""
    if name not in _parsed:
        from app.pipeline.doc_index import index_sentences
        from app.pipeline.entities.extract import extract_mentions
        from app.pipeline.extract import active_knowledge_base
        from app.pipeline.nlp import parse

        doc = parse(text, "fr")
        index_sentences(doc)
        _parsed[name] = (doc, extract_mentions(doc, kb=active_knowledge_base(), language="fr"))
    return _parsed[name]


def newsmeta_quoter() -> Quoter:
    """Our quote stage on the importer's doc and mentions."""
    from app.pipeline.quotes.extract import extract_quotes

    def run(name: str, text: str) -> list[QuoteResult]:
        doc, mentions = _parse(name, text)
        return extract_quotes(doc, mentions=mentions, language="fr")

    return run


def naive_quoter() -> Quoter:
    """Baseline: our quotation marks, speaker = the nearest PERSON mention before the quote."""
    from app.pipeline.quotes.marks import find_marked_spans

    def run(name: str, text: str) -> list[QuoteResult]:
        _, mentions = _parse(name, text)
        people = [m for m in mentions if m.entity.type == "PERSON"]
        quotes = []
        for span in find_marked_spans(text):
            before = [m for m in people if m.end <= span.open]
            m = before[-1] if before else None
            quotes.append(
                QuoteResult(
                    text[span.start : span.end],
                    span.start,
                    span.end,
                    "direct",
                    m.entity if m else None,
                    m.text if m else None,
                )
            )
        return quotes

    return run


def _report(label: str, scores: Scores, seconds: float) -> None:
    print(f"{label} ({seconds:.1f} s)")
    for half in HALVES:
        t = scores.halves[half]
        print(
            f"  {half:<6} gold {t.gold:3}  found {t.found:3} ({scores.ratio(half, 'found'):6.1%})"
            f"  speaker right {t.right:3} ({scores.ratio(half, 'right'):6.1%})"
            f"  spurious {scores.spurious[half]}"
        )
    print(f"  speaker names with a determiner or role word: {len(scores.bad_names)}")
    for name in scores.bad_names:
        print(f"    {name}")
    print("  per class (found/right of gold), tune | check:")
    for cls in sorted({c for _, c in scores.classes}):
        cells = []
        for half in HALVES:
            t = scores.classes.get((half, cls), Tally())
            cells.append(f"{t.found:2}/{t.right:2} of {t.gold:2}")
        print(f"    {cls:<18} {' | '.join(cells)}")


def main(argv: list[str]) -> int:
    if not timebank_dir().is_dir():
        print(f"skipped: {timebank_dir()} not found (set NEWSMETA_EVAL_DIR)")
        return 0
    for set_name, (path, load_texts) in SETS.items():
        gold, texts = load_gold(path), load_texts()
        print(
            f"== {set_name}: {len(gold['quotes'])} gold quotes, "
            f"{len(gold['not_quotes'])} marks that are no quote"
        )
        for label, quoter in (("newsmeta", newsmeta_quoter()), ("naive", naive_quoter())):
            started = time.perf_counter()
            scores = score(quoter, gold, texts)
            _report(label, scores, time.perf_counter() - started)
            if "--misses" in argv and label == "newsmeta":
                print("\n".join(f"    {m}" for m in scores.misses if m.startswith("tune")))
                print("  (check-half misses are not printed: rules are tuned on the tune half)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
