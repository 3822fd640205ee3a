"""Evaluate the temporal tagger on the French TimeBank dev split (DATE/TIME expressions).

Usage: ``python bench/eval_dates.py [--no-doc] [--misses] [--baseline]``

Scoring (per gold expression): *found* when a predicted span overlaps the gold span;
*value right* when the predicted value equals the gold value up to the 'T'.
The eval data is read from ``$NEWSMETA_EVAL_DIR`` (CI: ``../shared/eval``), never copied.

The documents are split by file name into a *tune* half (rules are changed looking at
its misses only: ``--misses`` prints them) and a *check* half (the number that counts),
and each gold expression falls into one class of the issue's failure classes
(``gold_class``), reported per half as found / value right.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.pipeline.types import DateResult
from bench.paths import eval_dir
from bench.split import HALVES, Half, half_of


def timebank_dir() -> Path:
    return eval_dir() / "fr-timebank-dev"


Tagger = Callable[["TimeMLDoc"], list[DateResult]]


@dataclass(frozen=True)
class GoldTimex:
    text: str
    start: int
    end: int
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    anchor: date | None
    gold: tuple[GoldTimex, ...]


# Failure classes of the gold expressions, first match wins (the order of the issue).
_WEEKDAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    r"|novembre|décembre|decembre"
)
CLASSES: list[tuple[str, re.Pattern[str]]] = [
    (
        "anaphora",
        re.compile(
            r"lendemain|veille|même\s+(?:jour|soir|matin|date|époque)|jour\s+même|jour-là"
            r"|plus\s+tard|plus\s+tôt|auparavant|suivant|précédent",
            re.I,
        ),
    ),
    ("part of day", re.compile(r"matin|après-midi|soir|nuit|\bmidi\b", re.I)),
    ("weekday", re.compile(rf"^(?:(?!\d).)*\b(?:{_WEEKDAYS})\b(?:(?!\d).)*$", re.I)),
    (
        "narrative",
        re.compile(
            rf"^(?:(?!\b(?:1[89]|20)?\d\d\b(?!\s*(?:{_MONTHS}))|dernier|prochain"
            rf"|passé).)*\b(?:{_MONTHS})\b(?:(?!\b\d{{2,4}}\b|dernier|prochain).)*$",
            re.I,
        ),
    ),
    (
        "years, seasons, holidays",
        re.compile(
            r"^\W*(?:l['’]\s*an(?:née)?\s+|(?:la\s+)?saison\s+)?['’]?\d\d(?:\d\d)?\W*$"
            r"|printemps|[ée]t[ée]|automne|hiver|pâques|pentecôte|toussaint|noël|ascension"
            r"|juillet\b.*14|14[ -]juillet|nouvel\s+an|assomption|saint-sylvestre|réveillon",
            re.I,
        ),
    ),
]
# Finer classes of the third pass (HeidelTime's French coverage), by the gold's words; an
# expression may fall into several, or none (then it is only counted in the classes above).
DETAIL_CLASSES: list[tuple[str, re.Pattern[str]]] = [
    (
        "count from now/then",  # il y a un an, dans une quinzaine de jours, d'ici deux ans
        re.compile(
            r"\bil\s+y\s+a\b|\bd['’]ici\b|\bdans\s+\S+.*\b(?:jours?|semaines?|mois|ans?|années?)\b"
            r"|\b(?:plus\s+tard|plus\s+tôt|auparavant|après)$",
            re.I,
        ),
    ),
    (
        "part word + unit/season",  # au début de l'année, à la fin de l'été, mi-janvier
        re.compile(
            r"\b(?:début|fin|milieu|courant|plein|cœur)\b.*\b(?:semaine|mois|année|an|siècle"
            r"|décennie|printemps|été|automne|hiver)\b|\bmi-",
            re.I,
        ),
    ),
    ("that one (-là, écoulé, en cours)", re.compile(r"-là\b|écoulée?s?\b|\ben\s+cours\b", re.I)),
    ("day next to a date (la veille de …)", re.compile(r"(?:veille|lendemain)\s+d", re.I)),
    ("clock time", re.compile(r"\d\s*h\b|\d\s*heures?\b|\bmidi\b|\bminuit\b|\d:\d", re.I)),
    ("decade, century", re.compile(r"\bannées\s+\S|\bsiècle|\bdécennie", re.I)),
    # fourth pass: a month, day or quarter of a year named by words ("novembre de l'année
    # prochaine", "premier trimestre de cette année"), a day with its part ("le 2 mai au soir")
    (
        "year by words (de l'année prochaine)",
        re.compile(r"\bde\s+(?:l['’]\s*(?:année|an)\s+\w+|cette\s+année)", re.I),
    ),
    ("day + part (le 2 mai au soir)", re.compile(r"\d\s+\w+\s+au\s+(?:matin|soir)\b", re.I)),
]
VAGUE = "vague (PRESENT_REF…)"
OTHER = "other"
CLASS_NAMES = [name for name, _ in CLASSES] + [VAGUE, OTHER]


def gold_class(text: str, value: str = "") -> str:
    """The failure class of a gold expression, by its words (and vague values)."""
    if value.endswith("_REF"):
        return VAGUE
    for name, pattern in CLASSES:
        if pattern.search(text):
            return name
    return OTHER


@dataclass
class Count:
    gold: int = 0
    found: int = 0
    value_right: int = 0

    def __str__(self) -> str:
        return f"{self.found:3d}/{self.gold:<3d} found, {self.value_right:3d}/{self.gold:<3d} right"


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    value_right: int = 0
    predicted: int = 0
    spurious: int = 0  # predicted spans overlapping no gold DATE/TIME
    misses: list[str] = field(default_factory=list)
    by_class: dict[str, Count] = field(default_factory=lambda: {n: Count() for n in CLASS_NAMES})
    by_detail: dict[str, Count] = field(
        default_factory=lambda: {n: Count() for n, _ in DETAIL_CLASSES}
    )

    @property
    def found_ratio(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def value_ratio(self) -> float:
        return self.value_right / self.gold if self.gold else 0.0


def _plain_text(element: ElementTree.Element, gold: list[GoldTimex], parts: list[str]) -> None:
    """Append the element's text to ``parts``, recording DATE/TIME TIMEX3 offsets."""
    start = sum(len(p) for p in parts)
    parts.append(element.text or "")
    for child in element:
        _plain_text(child, gold, parts)
        parts.append(child.tail or "")
    is_date = element.tag == "TIMEX3" and element.get("type") in {"DATE", "TIME"}
    if is_date and element.get("value"):
        end = sum(len(p) for p in parts)
        text = "".join(parts)[start:end]
        gold.append(GoldTimex(text, start, end, element.get("value", "")))


def parse_timeml(path: Path) -> TimeMLDoc:
    """Plain text of <TEXT>, the DCT as anchor and the gold DATE/TIME expressions."""
    root = ElementTree.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    anchor = date.fromisoformat(dct.get("value", "")[:10]) if dct is not None else None
    text_el = root.find("TEXT")
    gold: list[GoldTimex] = []
    parts: list[str] = []
    if text_el is not None:
        _plain_text(text_el, gold, parts)
    gold.sort(key=lambda g: g.start)
    return TimeMLDoc(path.stem, "".join(parts), anchor, tuple(gold))


def load_docs(directory: Path | None = None) -> list[TimeMLDoc]:
    directory = directory or timebank_dir()
    return [parse_timeml(p) for p in sorted(directory.glob("*.tml"))]


def date_part(value: str) -> str:
    return value.split("T", 1)[0]


def score(docs: Iterable[TimeMLDoc], tagger: Tagger) -> Scores:
    """Found / value-right counts of ``tagger`` over the gold expressions of ``docs``."""
    scores = Scores()
    for doc in docs:
        predicted = tagger(doc)
        scores.predicted += len(predicted)
        scores.spurious += sum(
            not any(p.start < g.end and g.start < p.end for g in doc.gold) for p in predicted
        )
        for g in doc.gold:
            scores.gold += 1
            counts = [scores.by_class[gold_class(g.text, g.value)]]
            counts += [scores.by_detail[name] for name, pat in DETAIL_CLASSES if pat.search(g.text)]
            for count in counts:
                count.gold += 1
            hits = [p for p in predicted if p.start < g.end and g.start < p.end]
            if hits:
                scores.found += 1
                for count in counts:
                    count.found += 1
            if any(date_part(p.value) == date_part(g.value) for p in hits):
                scores.value_right += 1
                for count in counts:
                    count.value_right += 1
            else:
                got = ", ".join(f"{p.text!r}={p.value}" for p in hits) or "-"
                context = doc.text[max(0, g.start - 50) : g.end + 30].replace("\n", " ")
                scores.misses.append(
                    f"{doc.name} {g.text!r} gold={g.value} got={got} | …{context}…"
                )
    return scores


def newsmeta_tagger(*, use_doc: bool = True) -> Tagger:
    """Our tagger; with ``use_doc`` each text is parsed once by spaCy for tense cues."""
    from app.pipeline.dates.extract import extract_dates
    from app.pipeline.nlp import parse

    def tag(doc: TimeMLDoc) -> list[DateResult]:
        spacy_doc = parse(doc.text, "fr") if use_doc else None
        return extract_dates(doc.text, anchor=doc.anchor, language="fr", doc=spacy_doc)

    return tag


def dateparser_tagger(doc: TimeMLDoc) -> list[DateResult]:
    """Baseline: dateparser's search_dates, spans located left to right in the text."""
    from dateparser.search import search_dates

    base = datetime.combine(doc.anchor or date.today(), datetime.min.time())
    found = search_dates(doc.text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
    results, cursor = [], 0
    for text, when in found:
        start = doc.text.find(text, cursor)
        if start < 0:
            continue
        cursor = start + len(text)
        results.append(DateResult(text, start, cursor, when.date().isoformat(), "day"))
    return results


def doc_half(doc: TimeMLDoc) -> Half:
    """The half of a document, by its file name."""
    return half_of(f"{doc.name}.tml")


def evaluate(
    tagger: Tagger | None = None, docs: list[TimeMLDoc] | None = None, half: Half | None = None
) -> Scores:
    """Score ``tagger`` (default: ours, with the spaCy doc) on the dev split or one half."""
    docs = docs if docs is not None else load_docs()
    if half is not None:
        docs = [d for d in docs if doc_half(d) == half]
    return score(docs, tagger or newsmeta_tagger())


def _report(label: str, scores: Scores, seconds: float) -> None:
    print(
        f"{label:<28} found {scores.found_ratio:6.1%}  value right {scores.value_ratio:6.1%}"
        f"  (predicted {scores.predicted}, spurious {scores.spurious}, {seconds:.1f} s)"
    )


def _report_classes(scores: Scores) -> None:
    for name in CLASS_NAMES:
        print(f"    {name:<26} {scores.by_class[name]}")
    print("    of which (third and fourth pass classes; an expression may be in several):")
    for name, _ in DETAIL_CLASSES:
        print(f"      {name:<36} {scores.by_detail[name]}")


def main(argv: list[str]) -> int:
    docs = load_docs()
    halves = {h: [d for d in docs if doc_half(d) == h] for h in HALVES}
    sizes = ", ".join(
        f"{h} {len(ds)} docs / {sum(len(d.gold) for d in ds)}" for h, ds in halves.items()
    )
    print(
        f"{len(docs)} documents, {sum(len(d.gold) for d in docs)} gold DATE/TIME expressions ({sizes})"
    )
    runs: list[tuple[str, Tagger]] = [("newsmeta (spaCy doc)", newsmeta_tagger(use_doc=True))]
    if "--no-doc" in argv or "--both" in argv:
        runs.append(("newsmeta (regex tense)", newsmeta_tagger(use_doc=False)))
    if "--baseline" in argv:
        runs.append(("dateparser", dateparser_tagger))
    for label, tagger in runs:
        for half in HALVES:
            started = time.perf_counter()
            scores = score(halves[half], tagger)
            _report(f"{label} {half}", scores, time.perf_counter() - started)
            _report_classes(scores)
            # Only the tune half's misses are ever printed: the check half is not for reading.
            if "--misses" in argv and half == "tune" and label.startswith("newsmeta"):
                print("\n".join(scores.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
