"""Entity recognition quality on the HIPE-2022 French dev sets (strict and overlap P/R/F1).

Run: ``python bench/eval_entities.py`` (reads ``$NEWSMETA_EVAL_DIR``; CI: ``../shared/eval``).
Compares newsmeta's ``extract_mentions`` with plain ``fr_core_news_sm`` on the same text.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.paths import eval_dir

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GOLD_TYPES = {"pers", "loc", "org"}
SPACY_TO_GOLD = {"PER": "pers", "LOC": "loc", "ORG": "org"}
NEWSMETA_TO_GOLD = {"PERSON": "pers", "LOC": "loc", "ORG": "org"}

# newseye tags are upper case and say PER for persons.
_GOLD_ALIASES = {"per": "pers"}

Span = tuple[int, int, str]  # start, end, gold type


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    entities: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (tp {self.tp} fp {self.fp} fn {self.fn})"


def load_hipe(path: Path) -> list[GoldDocument]:
    """Rebuild documents from a HIPE TSV: tokens joined by spaces unless ``NoSpaceAfter``."""
    docs: list[GoldDocument] = []
    doc: GoldDocument | None = None
    parts: list[str] = []
    pos = 0
    open_span: list = []  # [start, end, type] of the entity being read

    def close() -> None:
        if open_span and doc is not None:
            doc.entities.append((open_span[0], open_span[1], open_span[2]))
        open_span.clear()

    def finish() -> None:
        close()
        if doc is not None:
            doc.text = "".join(parts)
            docs.append(doc)

    header: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("TOKEN\t"):
            header = raw.split("\t")
            continue
        if raw.startswith("#"):
            if raw.startswith("# hipe2022:document_id"):
                finish()
                doc = GoldDocument(raw.split("=", 1)[1].strip(), "")
                parts, pos = [], 0
            continue
        if doc is None:
            continue
        cols = dict(zip(header, raw.split("\t"), strict=False))
        token, tag, misc = cols["TOKEN"], cols["NE-COARSE-LIT"], cols.get("MISC", "_")
        start = pos
        parts.append(token)
        pos += len(token)
        if "NoSpaceAfter" not in misc:
            parts.append(" ")
            pos += 1
        end = start + len(token)
        kind = _GOLD_ALIASES.get(tag[2:].lower(), tag[2:].lower())
        if tag.startswith("B-") or (
            tag.startswith("I-") and (not open_span or open_span[2] != kind)
        ):
            close()
            if kind in GOLD_TYPES:
                open_span.extend([start, end, kind])
        elif tag.startswith("I-") and open_span:
            open_span[1] = end
        else:
            close()
    finish()
    return docs


def load_gold(directory: Path | None = None) -> list[GoldDocument]:
    directory = directory or eval_dir() / "hipe-fr-dev"
    return [d for f in sorted(directory.glob("*.tsv")) for d in load_hipe(f)]


def score(gold: Iterable[Span], predicted: Iterable[Span], *, overlap: bool = False) -> Scores:
    """Strict: same span and type. Overlap: overlapping span, same type (each gold used once)."""
    gold_list, pred_list = list(gold), list(predicted)
    if not overlap:
        g, p = set(gold_list), set(pred_list)
        tp = len(g & p)
        return Scores(tp, len(p) - tp, len(g) - tp)
    used: set[int] = set()
    tp = 0
    for ps, pe, pt in pred_list:
        for i, (gs, ge, gt) in enumerate(gold_list):
            if i not in used and gt == pt and ps < ge and gs < pe:
                used.add(i)
                tp += 1
                break
    return Scores(tp, len(pred_list) - tp, len(gold_list) - tp)


def add(a: Scores, b: Scores) -> Scores:
    return Scores(a.tp + b.tp, a.fp + b.fp, a.fn + b.fn)


@dataclass(frozen=True)
class SystemScores:
    strict: Scores
    overlap: Scores


def spacy_spans(doc) -> list[Span]:
    """Plain model output: PER/LOC/ORG entities as they are."""
    return [
        (e.start_char, e.end_char, SPACY_TO_GOLD[e.label_])
        for e in doc.ents
        if e.label_ in SPACY_TO_GOLD
    ]


def newsmeta_spans(doc) -> list[Span]:
    """newsmeta mentions; MISC ones are not scored (HIPE has no such coarse type)."""
    from app.entities.kb import KnowledgeBase
    from app.pipeline.entities.extract import extract_mentions

    mentions = extract_mentions(doc, kb=KnowledgeBase.bundled(), language="fr")
    return [
        (m.start, m.end, NEWSMETA_TO_GOLD[m.entity.type])
        for m in mentions
        if m.entity.type in NEWSMETA_TO_GOLD
    ]


SYSTEMS: dict[str, Callable] = {"newsmeta": newsmeta_spans, "fr_core_news_sm": spacy_spans}


def evaluate(directory: Path | None = None) -> dict[str, SystemScores]:
    """Strict and overlap scores of each system on the HIPE French dev documents."""
    from app.pipeline.nlp import get_nlp

    documents = load_gold(directory)
    nlp = get_nlp("fr")
    zero = Scores(0, 0, 0)
    totals = {name: [zero, zero] for name in SYSTEMS}
    for gold, doc in zip(
        documents, nlp.pipe((d.text for d in documents), batch_size=4), strict=True
    ):
        for name, system in SYSTEMS.items():
            predicted = system(doc)
            strict, overlap = totals[name]
            totals[name] = [
                add(strict, score(gold.entities, predicted)),
                add(overlap, score(gold.entities, predicted, overlap=True)),
            ]
    return {name: SystemScores(*pair) for name, pair in totals.items()}


def main() -> None:
    started = time.perf_counter()
    results = evaluate()
    for name, scores in results.items():
        print(f"{name:16} strict   {scores.strict.line()}")
        print(f"{'':16} overlap  {scores.overlap.line()}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
