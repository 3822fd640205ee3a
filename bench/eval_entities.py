"""Entity recognition quality on the HIPE-2022 French dev sets (strict and overlap P/R/F1).

Run: ``NEWSMETA_EVAL_DIR=../shared/eval python -m bench.eval_entities [--english]``.
Documents are split by id into a *tune* half (look at its errors, change rules) and a
*check* half (the number that counts, held as a floor in the tests). Compares newsmeta's
``extract_mentions`` on each installed French model (``fr_core_news_sm``, ``_md``) with the
bare models on the same text, and counts errors by kind (boundary, type, missed,
spurious). ``--model=NAME`` measures one model only, ``--tune`` or ``--check`` one half; ``--english`` adds newsmeta on the HIPE English dev set (no model: knowledge
base and name finder).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.paths import eval_dir
from bench.split import HALVES, Half, split

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
    kinds: dict[str, int] = field(default_factory=dict)  # errors by kind (see ``errors``)


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


MODELS = ("fr_core_news_sm", "fr_core_news_md")
KINDS = ("boundary", "type", "missed", "spurious")


def errors(gold: Iterable[Span], predicted: Iterable[Span]) -> Counter[str]:
    """Errors by kind, against strict matching: a gold entity not found exactly is a
    *boundary* error when a prediction of its type overlaps it, a *type* error when only
    one of another type does, else *missed*; a prediction overlapping no gold is *spurious*."""
    gold_set, pred_set = set(gold), set(predicted)
    out: Counter[str] = Counter()
    for gs, ge, gt in gold_set - pred_set:
        near = [pt for ps, pe, pt in pred_set if ps < ge and gs < pe]
        out["boundary" if gt in near else "type" if near else "missed"] += 1
    for ps, pe, _ in pred_set - gold_set:
        if not any(gs < pe and ps < ge for gs, ge, _ in gold_set):
            out["spurious"] += 1
    return out


@dataclass
class Totals:
    strict: Scores = Scores(0, 0, 0)
    overlap: Scores = Scores(0, 0, 0)
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, gold: list[Span], predicted: list[Span]) -> None:
        self.strict = add(self.strict, score(gold, predicted))
        self.overlap = add(self.overlap, score(gold, predicted, overlap=True))
        self.kinds.update(errors(gold, predicted))

    def scores(self) -> SystemScores:
        return SystemScores(self.strict, self.overlap, dict(self.kinds))


def systems(models: Iterable[str] = MODELS) -> dict[str, tuple[str, Callable]]:
    """System name → (spaCy pipeline, spans of a parsed doc): newsmeta on each base model,
    and each bare model. Each is scored twice: with HIPE's person mention span (the data's
    convention, ``bench.hipe_spans``; the system's name) and as predicted (`` names``)."""
    out: dict[str, tuple[str, Callable]] = {}
    for model in models:
        out[f"newsmeta+{model.split('_')[-1]}"] = (model, newsmeta_spans)
        out[model] = (model, spacy_spans)
    return out


NAMES = " names"  # suffix of the systems scored on their spans as predicted


def installed(models: Iterable[str]) -> list[str]:
    import importlib.util

    return [m for m in models if importlib.util.find_spec(m) is not None]


def evaluate(
    directory: Path | None = None,
    *,
    models: Iterable[str] | None = None,
    only: Iterable[Half] | None = None,
) -> dict[Half, dict[str, SystemScores]]:
    """Strict and overlap scores and error kinds of each system on each half of the HIPE
    French dev documents (split by document id)."""
    from app.pipeline.nlp import as_shipped, load_model, parse_with
    from bench.hipe_spans import hipe_mentions

    halves = split(load_gold(directory), lambda d: d.doc_id)
    chosen = systems(installed(models or MODELS))
    wanted = [h for h in HALVES if h in (only or HALVES)]
    results: dict[Half, dict[str, SystemScores]] = {h: {} for h in wanted}
    for model in dict.fromkeys(m for m, _ in chosen.values()):
        nlp = load_model(model)
        for half in wanted:
            documents = halves[half]
            for name, (m, spans) in chosen.items():
                if m != model:
                    continue
                texts = (d.text for d in documents)
                mention, names = Totals(), Totals()
                if spans is newsmeta_spans:  # parsed as the importer does (nlp.parse_many)
                    docs = list(parse_with(nlp, texts, batch_size=4))
                else:  # the bare model as its package ships it
                    with as_shipped(nlp):
                        docs = list(nlp.pipe(texts, batch_size=4))
                for gold, doc in zip(documents, docs, strict=True):
                    predicted = spans(doc)
                    mention.add(gold.entities, hipe_mentions(doc, predicted))
                    names.add(gold.entities, predicted)
                results[half][name] = mention.scores()
                results[half][name + NAMES] = names.scores()
    return results


def evaluate_english(directory: Path | None = None) -> dict[Half, SystemScores]:
    """English articles have no NER model: mentions come from the knowledge base and the
    name finder on a blank pipeline. Scored on the HIPE English dev set, both halves."""
    from app.entities.kb import KnowledgeBase
    from app.pipeline.entities.extract import extract_mentions
    from app.pipeline.nlp import blank

    directory = directory or eval_dir() / "hipe-en-dev"
    documents = [d for f in sorted(directory.glob("*.tsv")) for d in load_hipe(f)]
    nlp, kb = blank("en"), KnowledgeBase.bundled()
    results: dict[Half, SystemScores] = {}
    for half, docs in split(documents, lambda d: d.doc_id).items():
        total = Totals()
        for gold in docs:
            found = extract_mentions(nlp(gold.text), kb=kb, language="en")
            predicted = [
                (m.start, m.end, NEWSMETA_TO_GOLD[m.entity.type])
                for m in found
                if m.entity.type in NEWSMETA_TO_GOLD
            ]
            total.add(gold.entities, predicted)
        results[half] = total.scores()
    return results


def _kinds(scores: SystemScores) -> str:
    return "  ".join(f"{k} {scores.kinds.get(k, 0)}" for k in KINDS)


def main() -> None:
    started = time.perf_counter()
    english = "--english" in sys.argv or "--all" in sys.argv
    if "--english-only" not in sys.argv:
        models = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--model=")] or None
        only = [h for h in HALVES if f"--{h}" in sys.argv] or None
        for half, results in evaluate(models=models, only=only).items():
            print(f"== hipe-fr-dev, {half} half")
            for name, scores in results.items():
                print(f"{name:18} strict   {scores.strict.line()}")
                print(f"{'':18} overlap  {scores.overlap.line()}")
                print(f"{'':18} errors   {_kinds(scores)}")
    if english or "--english-only" in sys.argv:
        for half, scores in evaluate_english().items():
            print(f"== hipe-en-dev, {half} half (knowledge base + name finder, no model)")
            print(f"{'newsmeta':18} strict   {scores.strict.line()}")
            print(f"{'':18} overlap  {scores.overlap.line()}")
            print(f"{'':18} errors   {_kinds(scores)}")
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
