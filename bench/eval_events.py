"""Events on real French news (fr-timebank-dev texts): how many get a place, how many are
reported called off, and whether their evidence reads as whole sentences — before and
after the rules of issue #23, on the tune and check halves (``bench/split.py``).

Usage: ``NEWSMETA_EVAL_DIR=../shared/eval python bench/eval_events.py [--show check]``

There is no event gold in the set: the counts are measured, and ``--show HALF`` prints
every event whose place or status the new rules set, to be judged by reading (the
report in ``docs/eval-events.md`` gives that reading for the check half). "Before" runs
the same code with the new rules switched off: no place outside the event's sentence,
no cancelled/postponed, evidence as the parser cut it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.pipeline.events import extract as event_extract
from app.pipeline.events import syntax
from app.pipeline.extract import extract_all
from app.pipeline.nlp import parse
from app.pipeline.types import EventResult
from bench.eval_dates import TimeMLDoc, load_docs
from bench.split import half_of

_WHOLE_START = '«"“(0123456789'


@contextlib.contextmanager
def rules_off() -> Iterator[None]:
    saved = (event_extract._placed, event_extract.called_off, syntax.whole_sentence)
    event_extract._placed = lambda event, undated, dateline: event  # type: ignore[assignment]
    event_extract.called_off = lambda *a, **k: None  # type: ignore[assignment]
    syntax.whole_sentence = lambda text, start, end: (start, end)  # type: ignore[assignment]
    try:
        yield
    finally:
        event_extract._placed, event_extract.called_off, syntax.whole_sentence = saved


def _events(doc: TimeMLDoc) -> list[EventResult]:
    article = dataclasses.make_dataclass("A", [("language", str), ("published_at", object)])(
        "fr", doc.anchor
    )
    return extract_all(parse(doc.text, "fr"), article).events  # type: ignore[arg-type]


def _counts(events: list[EventResult]) -> dict[str, int]:
    return {
        "events": len(events),
        "with a place": sum(e.location is not None for e in events),
        "cancelled/postponed": sum(e.status in ("cancelled", "postponed") for e in events),
        "evidence starts mid-sentence": sum(
            not (e.evidence[:1].isupper() or e.evidence[:1] in _WHOLE_START) for e in events
        ),
        "evidence ends mid-sentence": sum(
            not e.evidence.rstrip("»\"”') ").endswith((".", "!", "?", "…")) for e in events
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", choices=["tune", "check"])
    args = parser.parse_args()
    docs = load_docs()
    totals: dict[tuple[str, str], dict[str, int]] = {}
    for doc in docs:
        half = half_of(doc.name)
        with rules_off():
            before = _events(doc)
        after = _events(doc)
        for label, events in (("before", before), ("after", after)):
            counts = totals.setdefault((half, label), {})
            for key, n in _counts(events).items():
                counts[key] = counts.get(key, 0) + n
        if args.show == half:
            old = {(e.type, e.date, e.start): e for e in before}
            for event in after:
                was = old.get((event.type, event.date, event.start))
                placed = event.location is not None and (was is None or was.location is None)
                if placed or event.status in ("cancelled", "postponed"):
                    place = event.location.name if event.location else None
                    print(f"{doc.name}: {event.type} {event.date} {event.status} @ {place}")
                    print(f"    {event.evidence[:200]}")
    for half in ("tune", "check"):
        print(f"{half} ({sum(half_of(d.name) == half for d in docs)} documents)")
        for key in totals[(half, "before")]:
            b, a = totals[(half, "before")][key], totals[(half, "after")][key]
            print(f"  {key:32} {b:4} → {a:4}")


if __name__ == "__main__":
    main()
