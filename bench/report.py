"""Markdown tables from ``bench.api`` results: ``python -m bench.report [RESULTS.json ...]``.

Without arguments, the newest ``/tmp/newsmeta-bench/results-*.json``. Several files are
merged (later rows win), so a 1M run can be added to an earlier 10k/100k run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.corpus import BENCH_DIR

Row = dict[str, Any]
# The API's two variants in bench.api, and how their tables are titled.
NEWSMETA = {"newsmeta": "", "newsmeta-nocache": ", response cache off"}


def load(paths: Iterable[Path]) -> list[Row]:
    merged: dict[tuple[Any, ...], Row] = {}
    for path in paths:
        for row in json.loads(path.read_text()):
            key = tuple(row.get(k) for k in ("backend", "size", "server", "workers", "query"))
            merged[key] = row
    return list(merged.values())


def _find(rows: list[Row], **where: Any) -> Row | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in where.items())), None)


def _cell(row: Row | None) -> str:
    if row is None or "rps" not in row:
        return "–"
    return f"{row['rps']:,.0f} · {row['p50_ms']:.1f}/{row['p99_ms']:.0f}"


def _ratio(a: float | None, b: float | None, target: float, *, at_least: bool) -> str:
    if a and b == 0 and at_least:
        return "∞ ✅"
    if not a or not b:
        return "–"
    value = a / b
    met = value >= target if at_least else value <= target
    return f"{value:.2f} {'✅' if met else '❌'}"


def _queries(rows: list[Row], server: str) -> list[str]:
    return list(dict.fromkeys(r["query"] for r in rows if r.get("server") == server and "rps" in r))


def throughput(
    rows: list[Row], backend: str, sizes: list[int], workers: int, server: str = "newsmeta"
) -> list[str]:
    head = " | ".join(f"{s:,}" for s in sizes)
    out = [
        f"| query | {head} | p50 {sizes[-1]:,} / p50 {sizes[0]:,} (≤ 2) |",
        "|---" * (len(sizes) + 2) + "|",
    ]
    for q in _queries(rows, server):
        cells = [
            _find(rows, backend=backend, size=s, server=server, workers=workers, query=q)
            for s in sizes
        ]
        if not any(c and "rps" in c for c in cells):
            continue
        first, last = cells[0], cells[-1]
        growth = _ratio(
            last and last.get("p50_ms"), first and first.get("p50_ms"), 2.0, at_least=False
        )
        out.append(f"| {q} | " + " | ".join(_cell(c) for c in cells) + f" | {growth} |")
    return out


def versus_datasette(rows: list[Row], sizes: list[int]) -> list[str]:
    out = [
        "| query | size | Datasette req/s | newsmeta req/s | ratio (≥ 2) "
        "| newsmeta, cache off | ratio, cache off |",
        "|---|---|---|---|---|---|---|",
    ]
    for q in _queries(rows, "datasette"):
        for s in sizes:
            theirs = _find(rows, backend="sqlite", size=s, server="datasette", query=q)
            if not (theirs and "rps" in theirs):
                continue
            cells = []
            for server in NEWSMETA:
                ours = _find(rows, backend="sqlite", size=s, server=server, workers=1, query=q)
                rps = ours.get("rps") if ours else None
                cells += [_cell(ours), _ratio(rps, theirs["rps"], 2.0, at_least=True)]
            out.append(f"| {q} | {s:,} | {_cell(theirs)} | " + " | ".join(cells) + " |")
    return out


def _cpu(row: Row | None) -> str:
    return f"{row['cpu_ms']:.2f}" if row and row.get("cpu_ms") else "–"


def issue_view(rows: list[Row], backend: str) -> list[str]:
    """Each query against Datasette (same SQLite file, same run), cache on and off:
    req/s and the server's CPU ms per request (steadier than req/s on a shared machine)."""
    out = [
        "| query | size | Datasette req/s · CPU ms | cache on | cache off "
        "| off ÷ Datasette req/s (≥ 2) | by CPU (≥ 2) | on ÷ off (≥ 0.95) | by CPU (≥ 0.95) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    sizes = sorted({r["size"] for r in rows if r.get("backend") == backend and "rps" in r})
    queries = [q for q in _queries(rows, "newsmeta-nocache") if not q.startswith("detail_proto")]
    for q in queries:
        for s in sizes:
            on, off = (
                _find(rows, backend=backend, size=s, server=v, workers=1, query=q) for v in NEWSMETA
            )
            if not (off and "rps" in off):
                continue
            theirs = _find(rows, backend="sqlite", size=s, server="datasette", query=q)
            rps = lambda r: r.get("rps") if r else None  # noqa: E731
            cpu = lambda r: r.get("cpu_ms") if r else None  # noqa: E731
            by_cpu = _ratio(cpu(theirs), cpu(off), 2.0, at_least=True)
            out.append(
                f"| {q} | {s:,} | "
                + (f"{theirs['rps']:,.0f} · {_cpu(theirs)}" if theirs and "rps" in theirs else "–")
                + f" | {rps(on) or 0:,.0f} · {_cpu(on)} | {off['rps']:,.0f} · {_cpu(off)} | "
                + f"{_ratio(rps(off), rps(theirs), 2.0, at_least=True)} | {by_cpu} | "
                + f"{_ratio(rps(on), rps(off), 0.95, at_least=True)} | "
                + f"{_ratio(cpu(off), cpu(on), 0.95, at_least=True)} |"
            )
    return out


def versus_ceiling(rows: list[Row]) -> list[str]:
    out = [
        "| backend | size | workers | bare ASGI req/s | detail req/s | ratio (≥ 0.4) "
        "| detail, cache off | ratio, cache off |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r.get("server") != "asgi" or "rps" not in r:
            continue
        cells = []
        for server in NEWSMETA:
            ours = _find(rows, backend=r["backend"], size=r["size"], server=server,
                         workers=r["workers"], query="detail")  # fmt: skip
            rps = ours.get("rps") if ours else None
            cells += [f"{rps:,.0f}" if rps else "–", _ratio(rps, r["rps"], 0.4, at_least=True)]
        out.append(
            f"| {r['backend']} | {r['size']:,} | {r['workers']} | {r['rps']:,.0f} | "
            + " | ".join(cells)
            + " |"
        )
    return out


def memory(rows: list[Row]) -> list[str]:
    out = ["| server | backend | size | workers | RSS MB | anonymous RSS MB | peak RSS MB |",
           "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        if r.get("query") == "(memory)":
            processes = r["workers"] + (r["workers"] > 1)  # + the supervisor
            out.append(
                f"| {r['server']} | {r['backend']} | {r['size']:,} | {r['workers']} "
                f"| {r['rss_mb']} | {r.get('anon_mb', '–')} "
                f"| {r['peak_mb']} (≈ {r['peak_mb'] / processes:.0f} per process) |"
            )
    return out


def stores(rows: list[Row]) -> list[str]:
    out = ["| backend | size | store set-up in the run (s) | store MB |", "|---|---|---|---|"]
    for r in rows:
        if r.get("server") == "store":
            out.append(f"| {r['backend']} | {r['size']:,} | {r['build_s']} | {r['store_mb']:,} |")
    return out


def skipped(rows: list[Row]) -> list[str]:
    seen = {(r["server"], r["query"], r["skipped"]) for r in rows if "skipped" in r}
    return [f"- {server} `{query}`: {why}" for server, query, why in sorted(seen)]


def render(rows: list[Row]) -> str:
    parts: list[str] = []
    for backend in ("sqlite", "postgresql"):
        sizes = sorted({r["size"] for r in rows if r.get("backend") == backend and "rps" in r})
        if not sizes:
            continue
        for server, label in NEWSMETA.items():
            for workers in sorted(
                {r["workers"] for r in rows if r.get("backend") == backend and "rps" in r}
            ):
                table = throughput(rows, backend, sizes, workers, server)
                if len(table) > 2:
                    parts += [f"\n#### {backend}, {workers} worker(s){label}: req/s · p50/p99 ms\n"]
                    parts += table
    sqlite_sizes = sorted({r["size"] for r in rows if r.get("server") == "datasette"})
    if sqlite_sizes:
        parts += ["\n#### newsmeta (1 worker) vs Datasette, same SQLite file\n"]
        parts += versus_datasette(rows, sqlite_sizes)
    for backend in ("sqlite", "postgresql"):
        table = issue_view(rows, backend)
        if len(table) > 2:
            parts += [f"\n#### {backend}: against Datasette, cache on and off (req/s · CPU ms)\n"]
            parts += table
    parts += ["\n#### Article detail vs bare ASGI (same uvicorn, same body bytes)\n"]
    parts += versus_ceiling(rows)
    parts += ["\n#### Server memory after the run\n", *memory(rows)]
    parts += ["\n#### Stores\n", *stores(rows)]
    if skipped(rows):
        parts += ["\n#### Skipped\n", *skipped(rows)]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(BENCH_DIR.glob("results-*.json"))[-1:]
    if not paths:
        print("no results yet: run `python -m bench.api` first")
        return 0
    print(render(load(paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
