"""Soak test: mixed reads against a live server while imports run, on loopback only.

Usage: ``python -m bench.soak [--seconds 180] [--readers 4] [--database-url URL]
[--rss-bound-mib 48] [--no-doc]``

Starts ``newsmeta serve`` on a fresh store (a temporary SQLite file unless
``--database-url`` names an empty database), keeps ``newsmeta import`` running on
generated French articles, and hammers the read API from ``--readers`` threads. It
samples the server's RSS every second. It fails (exit 1) on any error response or
connection error, or when RSS grows by more than ``--rss-bound-mib`` between the first
and last fifth of the run (after warm-up). Results go to ``docs/benchmarks.md`` under
``## Soak``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Soak"

PEOPLE = ["Emmanuel Macron", "Olaf Scholz", "Jens Stoltenberg", "Vladimir Poutine",
          "Joe Biden", "Ursula von der Leyen", "Antony Blinken", "Sergueï Lavrov"]  # fmt: skip
PLACES = ["Paris", "Berlin", "Moscou", "Washington", "Bruxelles", "Genève", "Kiev", "Varsovie"]
WORDS = ["OTAN", "sécurité", "sommet", "Russie", "paix", "négociations", "Europe", "sanctions"]


def article_text(n: int) -> str:
    """A short generated French news article (unique by its number)."""
    rng = random.Random(n)
    a, b, c = rng.sample(PEOPLE, 3)
    here, there = rng.sample(PLACES, 2)
    return (
        f"{a} et {b} discutent de la {rng.choice(WORDS)} (dépêche {n})\n\n"
        f"{a} a rencontré {b} à {here} le {rng.randint(1, 28)} janvier 2022 pour parler de "
        f"l'OTAN et de la sécurité en Europe. « Nous voulons la paix », a déclaré {a}.\n\n"
        f"{c} doit se rendre à {there} la semaine prochaine, selon l'Union européenne. "
        f"Les {rng.choice(WORDS)} continueront lundi, a indiqué {b}. Dépêche numéro {n}.\n"
    )


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if problem is not None:
                self.errors.append(problem)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


class Reader(threading.Thread):
    """One client doing a mix of list, search, detail, page-follow and filter reads."""

    def __init__(self, base: str, stats: Stats, stop: threading.Event, seed: int,
                 extra_paths: list[str]) -> None:  # fmt: skip
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=base, timeout=30)
        self.stats, self.stop, self.rng = stats, stop, random.Random(seed)
        self.extra_paths = extra_paths
        self.article_ids: list[int] = []
        self.entity_ids: list[int] = []
        self.cursor: str | None = None

    def run(self) -> None:
        while not self.stop.is_set():
            kind, path, params = self.pick()
            started = time.perf_counter()
            try:
                response = self.client.get(path, params=params)
                problem = None if response.status_code == 200 else (
                    f"{response.status_code} {path} {params} {response.text[:200]}")  # fmt: skip
                if response.status_code == 200:
                    self.learn(kind, response)
            except httpx.HTTPError as exc:
                problem = f"{exc.__class__.__name__} {path}"
            self.stats.record(kind, time.perf_counter() - started, problem)
        self.client.close()

    def pick(self) -> tuple[str, str, dict[str, Any]]:
        roll = self.rng.random()
        if roll < 0.25 or not self.article_ids:
            return "list", "/v1/articles", {"limit": 20}
        if roll < 0.45:
            return "search", "/v1/articles", {"q": self.rng.choice(WORDS + PLACES)}
        if roll < 0.70:
            return "detail", f"/v1/articles/{self.rng.choice(self.article_ids)}", {}
        if roll < 0.80 and self.cursor:
            return "next-page", "/v1/articles", {"limit": 20, "cursor": self.cursor}
        if roll < 0.88 and self.entity_ids:
            return "filter", "/v1/articles", {"entity": self.rng.choice(self.entity_ids)}
        if roll < 0.95 and self.extra_paths:
            return "other", self.rng.choice(self.extra_paths), {}
        return "health", self.rng.choice(["/readyz", "/healthz", "/metrics"]), {}

    def learn(self, kind: str, response: httpx.Response) -> None:
        if kind in {"list", "next-page"}:
            page = response.json()
            self.article_ids += [a["id"] for a in page["data"]]
            self.article_ids = self.article_ids[-500:]
            self.cursor = page.get("next_cursor")
        elif kind == "detail":
            mentions = response.json().get("mentions", [])
            self.entity_ids = ([m["entity"]["id"] for m in mentions] + self.entity_ids)[:200]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _env(url: str) -> dict[str, str]:
    return os.environ | {"NEWSMETA_DATABASE_URL": url, "PYTHONPATH": str(ROOT),
                         "NEWSMETA_LOG_LEVEL": "WARNING"}  # fmt: skip


def _newsmeta(*args: str, url: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=_env(url),
                                stdout=out, stderr=subprocess.STDOUT)  # fmt: skip


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited at start-up")
        try:
            if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not become ready")


class Importer(threading.Thread):
    """Keeps one ``newsmeta import`` running on fresh generated articles until stopped."""

    def __init__(self, url: str, work: Path, batch: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.url, self.work, self.batch, self.stop = url, work, batch, stop
        self.runs = self.failures = 0
        self.next_number = 0

    def run(self) -> None:
        while not self.stop.is_set():
            folder = self.work / f"batch-{self.runs:03d}"
            folder.mkdir()
            for n in range(self.next_number, self.next_number + self.batch):
                (folder / f"{n:05d}.txt").write_text(article_text(n), encoding="utf-8")
            self.next_number += self.batch
            process = _newsmeta("import", str(folder), "--language", "fr", "--published",
                                "2022-01-07", url=self.url, log=self.work / "import.log")  # fmt: skip
            while process.poll() is None:
                if self.stop.wait(0.5):
                    process.terminate()
                    process.wait(30)
                    return
            self.runs += 1
            self.failures += int(process.returncode != 0)


def run_soak(*, seconds: float, readers: int, database_url: str | None, batch: int = 40,
             imports: bool = True, work: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Run the soak; returns its summary (see ``summary_markdown``)."""
    work = work or Path(tempfile.mkdtemp(prefix="newsmeta-soak-"))
    url = database_url or f"sqlite:///{work / 'soak.db'}"
    from app.db import upgrade

    upgrade(url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _newsmeta("serve", "--host", "127.0.0.1", "--port", str(port), url=url,
                       log=work / "server.log")  # fmt: skip
    stop, stats = threading.Event(), Stats()
    samples: list[tuple[float, float]] = []
    importer = Importer(url, work, batch, stop)
    try:
        _wait_ready(base, server)
        paths = httpx.get(base + "/openapi.json").json()["paths"]
        extra = [p for p in ("/v1/entities", "/v1/events", "/v1/quotes") if p in paths]
        if imports:
            importer.start()
        clients = [Reader(base, stats, stop, i, extra) for i in range(readers)]
        started = time.monotonic()
        for client in clients:
            client.start()
        while (elapsed := time.monotonic() - started) < seconds:
            samples.append((elapsed, rss_mib(server.pid)))
            time.sleep(1)
        stop.set()
        for client in clients:
            client.join(60)
        if imports:
            importer.join(60)
        articles = _count_articles(url)
    finally:
        stop.set()
        server.terminate()
        server.wait(30)
    return _summary(seconds, readers, url, stats, samples, importer, articles)


def _count_articles(url: str) -> int:
    from sqlalchemy import text

    from app.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        count = int(connection.execute(text("SELECT count(*) FROM article")).scalar() or 0)
    engine.dispose()
    return count


def _summary(seconds: float, readers: int, url: str, stats: Stats,
             samples: list[tuple[float, float]], importer: Importer,
             articles: int) -> dict[str, Any]:  # fmt: skip
    everything = [t for values in stats.latencies.values() for t in values]
    warm = [rss for t, rss in samples if t >= seconds * 0.2]
    fifth = max(1, len(warm) // 5)
    growth = statistics.median(warm[-fifth:]) - statistics.median(warm[:fifth]) if warm else 0.0
    per_kind = {
        kind: {"n": len(v), "p50_ms": percentile(v, 50) * 1000, "p99_ms": percentile(v, 99) * 1000}
        for kind, v in sorted(stats.latencies.items())
    }
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "backend": url.split(":", 1)[0].split("+", 1)[0],
        "seconds": seconds,
        "readers": readers,
        "requests": len(everything),
        "rps": len(everything) / seconds if seconds else 0.0,
        "errors": len(stats.errors),
        "first_errors": stats.errors[:5],
        "p50_ms": percentile(everything, 50) * 1000,
        "p95_ms": percentile(everything, 95) * 1000,
        "p99_ms": percentile(everything, 99) * 1000,
        "max_ms": max(everything, default=0.0) * 1000,
        "per_kind": per_kind,
        "rss_start_mib": warm[0] if warm else 0.0,
        "rss_end_mib": warm[-1] if warm else 0.0,
        "rss_max_mib": max(warm, default=0.0),
        "rss_growth_mib": growth,
        "rss_fifths_mib": [
            statistics.median(warm[i * fifth : (i + 1) * fifth] or warm[-1:]) for i in range(5)
        ]
        if warm
        else [],
        "import_runs": importer.runs,
        "import_failures": importer.failures,
        "articles": articles,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}",
    }


def summary_markdown(s: dict[str, Any]) -> str:
    lines = [
        f"### {s['date']} — {s['backend']}, {s['seconds']:.0f} s, {s['readers']} readers",
        "",
        f"Machine: {s['machine']}. Imports during the run: {s['import_runs']} finished "
        f"({s['import_failures']} failed); {s['articles']} articles at the end.",
        "",
        f"- requests: {s['requests']} ({s['rps']:.1f}/s), errors: {s['errors']}",
        f"- latency: p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, "
        f"**p99 {s['p99_ms']:.1f} ms**, max {s['max_ms']:.1f} ms",
        f"- server RSS after warm-up: {s['rss_start_mib']:.1f} → {s['rss_end_mib']:.1f} MiB "
        f"(max {s['rss_max_mib']:.1f}, growth first→last fifth {s['rss_growth_mib']:+.1f} MiB; "
        f"median per fifth: {', '.join(f'{v:.0f}' for v in s['rss_fifths_mib'])})",
        "",
        "| reads | n | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {kind} | {v['n']} | {v['p50_ms']:.1f} | {v['p99_ms']:.1f} |"
        for kind, v in s["per_kind"].items()
    ]
    return "\n".join(lines) + "\n"


def append_to_doc(text: str, doc: Path = DOC) -> None:
    """Add a run at the end of the ``## Soak`` section (created if absent), other sections kept."""
    doc.parent.mkdir(parents=True, exist_ok=True)
    content = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if SECTION not in content.splitlines():
        content = content.rstrip("\n") + f"\n\n{SECTION}\n\n" + _SECTION_INTRO
    lines = content.splitlines(keepends=True)
    start = lines.index(SECTION + "\n") if SECTION + "\n" in lines else len(lines) - 1
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before, after = "".join(lines[:end]).rstrip("\n"), "".join(lines[end:])
    doc.write_text(before + "\n\n" + text + ("\n" + after if after else ""), encoding="utf-8")


_SECTION_INTRO = """\
`python -m bench.soak --seconds N [--database-url URL]` (loopback only): `newsmeta serve`
on a fresh store, `newsmeta import` kept running on generated articles (40 per run), and
reader threads doing list, search, detail, next-page, entity-filter and health reads. Any
non-200 answer or connection error counts as an error; the run fails on one, or when the
server's RSS (sampled each second) grows by more than `--rss-bound-mib` (48) between the
first and last fifth after warm-up. With SQLite the RSS includes the memory-mapped store
and its page cache, which grow with the store itself.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.soak", description=__doc__)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--database-url", help="an empty store to use (default: temporary SQLite)")
    parser.add_argument("--batch", type=int, default=40, help="articles per import run")
    parser.add_argument("--rss-bound-mib", type=float, default=48)
    parser.add_argument("--no-imports", action="store_true", help="reads only")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args(argv)
    summary = run_soak(seconds=args.seconds, readers=args.readers, batch=args.batch,
                       database_url=args.database_url, imports=not args.no_imports)  # fmt: skip
    text = summary_markdown(summary)
    print(text)
    if summary["first_errors"]:
        print(json.dumps(summary["first_errors"], indent=1), file=sys.stderr)
    if not args.no_doc:
        append_to_doc(text)
    failed = summary["errors"] or summary["import_failures"]
    too_big = summary["rss_growth_mib"] > args.rss_bound_mib
    if too_big:
        print(f"RSS grew by {summary['rss_growth_mib']:.1f} MiB (bound {args.rss_bound_mib})")
    return 1 if failed or too_big else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
