"""Smoke test of bench/importer.py: a small deterministic corpus that imports cleanly."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "importer.py"


def load_bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_importer", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_realistic_and_imports(
    tmp_path: Path, session_factory: Callable[[], Session]
) -> None:
    bench = load_bench()
    bodies = bench.write_corpus(tmp_path / "a", 20)
    assert bench.write_corpus(tmp_path / "b", 20) == bodies
    assert all(280 <= len(b.split()) <= 700 for b in bodies)
    assert len(set(bodies)) == 20
    report = run_import(
        [str(tmp_path / "a")],
        session_factory=session_factory,
        defaults=ImportDefaults(language="fr"),
        max_bytes=1_000_000,
    )
    assert (report.imported, report.failed) == (20, 0), report.failures
