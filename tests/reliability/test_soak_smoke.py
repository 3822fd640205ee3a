"""The soak harness itself: a few seconds of reads against a real server, and its report."""

from __future__ import annotations

from pathlib import Path

from bench.soak import append_to_doc, percentile, run_soak, summary_markdown


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 99) == 0.0


def test_runs_go_under_their_own_section(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## API\n\nlatency table\n")
    append_to_doc("### run 1\n", doc)
    doc.write_text(doc.read_text() + "\n## Corpus\n\nother helper's text\n")
    append_to_doc("### run 2\n", doc)
    text = doc.read_text()
    assert text.count("## Soak") == 1
    assert text.index("## API") < text.index("## Soak") < text.index("### run 1")
    assert text.index("### run 1") < text.index("### run 2") < text.index("## Corpus")
    assert "latency table" in text and "other helper's text" in text


def test_a_short_read_soak_has_no_errors(tmp_path: Path) -> None:
    summary = run_soak(seconds=4, readers=2, database_url=None, imports=False, work=tmp_path)
    assert summary["errors"] == 0, summary["first_errors"]
    assert summary["requests"] > 10
    assert summary["p99_ms"] > 0
    assert "p99" in summary_markdown(summary)
