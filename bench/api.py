"""API benchmark at scale, side by side with Datasette and a bare ASGI app.

``python -m bench.api --sizes 10000,100000,1000000 --backends sqlite,postgresql``
builds (or reuses) synthetic stores under ``/tmp/newsmeta-bench/``, serves each with
``uvicorn app.main:create_app --factory`` (1 worker, then 2) on 127.0.0.1, drives every
query of ``QUERIES`` with ``wrk`` (or httpx) at fixed concurrency, then the same queries
on Datasette (same SQLite file) and the article detail's bytes from a bare ASGI app.
Queries whose route does not exist yet are skipped. ``--quick``: 10k SQLite, 1 worker.
Results go to a JSON file; ``bench/report.py`` turns them into the tables of
``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.db import make_engine
from bench import corpus, loadgen, workloads
from bench.corpus_gen import build_universe
from bench.servers import ROOT, Server, datasette_argv, serve, uvicorn_argv


@dataclass(frozen=True)
class Query:
    """One benchmarked request: our path, Datasette's equivalent (or None)."""

    name: str
    newsmeta: str
    datasette: str | None = None


# Placeholders are filled from the store (``fixtures``); a list value gives one path per item.
QUERIES = [
    Query("latest", "/v1/articles?limit=20",
          "/{db}/article.json?_sort_desc=published_at&_size=20&_nocol=body"),
    Query("detail", "/v1/articles/{article_id}", "/{db}/article/{article_id}.json"),
    Query("entity_frequent", "/v1/articles?entity={entity_frequent}&limit=20",
          "/{db}/article_entity.json?entity_id={entity_frequent}&_sort_desc=published_at"
          "&_size=20&_labels=on"),
    Query("entity_rare", "/v1/articles?entity={entity_rare}&limit=20",
          "/{db}/article_entity.json?entity_id={entity_rare}&_sort_desc=published_at"
          "&_size=20&_labels=on"),
    Query("entity_articles_route", "/v1/entities/{entity_frequent}/articles?limit=20"),
    Query("search_common", "/v1/articles?q={word_common}&limit=20",
          "/{db}/article.json?_search={word_common}&_fts_table=article_fts&_fts_pk=id"
          "&_sort_desc=published_at&_size=20&_nocol=body"),
    Query("search_rare", "/v1/articles?q={word_rare}&limit=20",
          "/{db}/article.json?_search={word_rare}&_fts_table=article_fts&_fts_pk=id"
          "&_sort_desc=published_at&_size=20&_nocol=body"),
    Query("page_500", "/v1/articles?limit=20&cursor={cursor_500}",
          "/{db}/article.json?_sort_desc=published_at&_size=20&_nocol=body&_next={ds_next_500}"),
    Query("events_range", "/v1/events?from={date_from}&to={date_to}&limit=20",
          "/{db}/event.json?date_start__gte={date_from}&date_start__lte={date_to}"
          "&_sort=date_start&_size=20"),
    Query("entity_related_frequent", "/v1/entities/{entity_frequent}/related"),
    Query("entity_related_rare", "/v1/entities/{entity_rare}/related"),
    Query("entities_top", "/v1/entities?sort=-article_count&limit=20",
          "/{db}/entity.json?_sort_desc=article_count&_size=20"),
    # Only with --proto (bench/proto_detail.py): the detail without ORM and pydantic.
    Query("detail_proto_sync", "/proto/sync/articles/{article_id}"),
    Query("detail_proto_async", "/proto/async/articles/{article_id}"),
    Query("quotes_speaker", "/v1/quotes?speaker={speaker}&limit=20",
          "/{db}/quote.json?speaker_id={speaker}&_sort_desc=id&_size=20"),
    # Random workloads (bench.workloads): every request a new draw, as real traffic comes.
    Query("random_detail", "/v1/articles/{random_article_id}",
          "/{db}/article/{random_article_id}.json"),
    Query("random_search_mid", "/v1/articles?q={zipf_word_mid}&limit=20",
          "/{db}/article.json?_search={zipf_word_mid}&_fts_table=article_fts&_fts_pk=id"
          "&_sort_desc=published_at&_size=20&_nocol=body"),
    Query("random_search_rare", "/v1/articles?q={zipf_word_rare}&limit=20",
          "/{db}/article.json?_search={zipf_word_rare}&_fts_table=article_fts&_fts_pk=id"
          "&_sort_desc=published_at&_size=20&_nocol=body"),
    Query("random_entity", "/v1/articles?entity={zipf_entity}&limit=20",
          "/{db}/article_entity.json?entity_id={zipf_entity}&_sort_desc=published_at"
          "&_size=20&_labels=on"),
]  # fmt: skip
RANDOM = {q.name for q in QUERIES if q.name.startswith("random_")}


# The API as deployed (response cache on), and with the cache off: what each query
# costs the framework and the store when it is not served from memory.
VARIANTS: dict[str, dict[str, str]] = {
    "newsmeta": {},
    "newsmeta-nocache": {"NEWSMETA_RESPONSE_CACHE_MB": "0"},
}
BODY_FILE = Path("/tmp/newsmeta-bench/detail-body.json")


@dataclass
class Options:
    sizes: list[int]
    backends: list[str]
    workers: list[int]
    seconds: float
    connections: int
    seed: int
    servers: list[str]
    app_dir: Path
    queries: list[str] | None
    out: Path
    tag: str
    proto: bool


def fill(template: str, fixtures: dict[str, Any]) -> list[str]:
    """Concrete paths for ``template``; None if a placeholder has no value here."""
    fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
    if any(fixtures.get(f) is None for f in fields):
        return []
    lists = [f for f in fields if isinstance(fixtures[f], list)]
    count = len(fixtures[lists[0]]) if lists else 1
    paths = []
    for i in range(count):
        values = {
            f: fixtures[f][i] if isinstance(fixtures[f], list) else fixtures[f] for f in fields
        }
        paths.append(template.format(**{k: quote(str(v), safe="") for k, v in values.items()}))
    return paths


def store_fixtures(url: str, seed: int) -> dict[str, Any]:
    """Ids and values the queries need, read from the store once."""
    engine = make_engine(url)
    one = lambda sql: conn.execute(text(sql)).scalar()  # noqa: E731
    try:
        with engine.connect() as conn:
            low, high = conn.execute(text("SELECT min(id), max(id) FROM article")).one()
            frequent = one("SELECT id FROM entity ORDER BY article_count DESC, id LIMIT 1")
            rare = one(
                "SELECT id FROM entity WHERE article_count BETWEEN 2 AND 8 "
                "ORDER BY article_count, id LIMIT 1"
            ) or one("SELECT id FROM entity WHERE article_count > 0 ORDER BY article_count LIMIT 1")
            speaker = one(
                "SELECT speaker_id FROM quote WHERE speaker_id IS NOT NULL "
                "GROUP BY speaker_id ORDER BY count(*) DESC, speaker_id LIMIT 1"
            )
        drawn = workloads.random_fixtures(engine, build_universe(seed).words, seed=seed)
    finally:
        engine.dispose()
    step = max(1, (high - low) // 100)
    return drawn | {
        "article_id": list(range(low, high + 1, step))[:100],
        "entity_frequent": frequent,
        "entity_rare": rare,
        "speaker": speaker,
        "word_common": "sommet",
        "word_rare": build_universe(seed).words[15_000],
        "date_from": "2020-01-01",
        "date_to": "2020-03-31",
        "db": Path(make_url(url).database or "").stem,
    }


def warm(db_file: Path) -> None:
    """Read the SQLite file once, so that its pages are in the OS cache before the first
    server runs: otherwise the first variant measured (the cache-on API) pays the disk
    reads of random rows that the next ones find in memory."""
    with db_file.open("rb") as f:
        while f.read(8 << 20):
            pass


def walk(
    base: str,
    first: str,
    next_of: Callable[[dict[str, Any]], str | None],
    pages: int,
    budget: float = 180.0,
) -> str | None:
    """Follow ``pages - 1`` next links from ``first``; the token of page ``pages``.

    None when the list is shorter or the walk takes more than ``budget`` seconds.
    """
    token = None
    deadline = time.monotonic() + budget
    name = "cursor" if "/v1/" in first else "_next"
    sep = "&" if "?" in first else "?"
    with httpx.Client(base_url=base, timeout=60) as client:
        url = first
        for _ in range(pages - 1):
            if time.monotonic() > deadline:
                print(f"  walking {first} took over {budget:.0f} s: page {pages} skipped")
                return None
            try:
                token = next_of(client.get(url).json())
            except httpx.TimeoutException:
                print(f"  a page of {first} took over 60 s: page {pages} skipped")
                return None
            if token is None:
                return None
            url = f"{first}{sep}{name}={quote(token, safe='')}"
    return token


def route_exists(server: Server, template: str) -> bool:
    """Whether the OpenAPI document has a path of this shape (any parameter names)."""
    shape = lambda p: [s if not s.startswith("{") else "{}" for s in p.split("?")[0].split("/")]  # noqa: E731
    paths = httpx.get(server.base + "/openapi.json", timeout=30).json().get("paths", {})
    return any(shape(p) == shape(template) for p in paths)


class Bench:
    def __init__(self, options: Options) -> None:
        self.o = options
        self.results: list[dict[str, Any]] = []

    def record(self, **row: Any) -> None:
        self.results.append(row)
        self.o.out.write_text(json.dumps(self.results, indent=1))
        if "rps" in row:
            print(
                f"  {row['server']:<9} w{row['workers']} {row['query']:<24} {row['rps']:>8.1f} req/s"
                f"  p50 {row['p50_ms']:7.1f} ms  p99 {row['p99_ms']:7.1f} ms"
                f"  cpu {row.get('cpu_ms', 0):6.3f} ms/req"
                + (f"  errors {row['errors']}" if row["errors"] else ""),
                flush=True,
            )
        elif "skipped" in row:
            print(f"  {row['server']:<9} {row['query']:<24} skipped: {row['skipped']}", flush=True)

    def measure(self, target: Server, paths: list[str], **where: Any) -> None:
        try:
            status = httpx.get(target.base + paths[0], timeout=60).status_code
        except httpx.TimeoutException:
            self.record(**where, skipped=f"one request took over 60 s: {paths[0]}")
            return
        if status != 200:
            self.record(**where, skipped=f"HTTP {status} on {paths[0]}")
            return
        c, s = self.o.connections, self.o.seconds
        if where.get("query") not in RANDOM:
            with httpx.Client(base_url=target.base, timeout=60) as client:
                for path in paths[1:]:  # each path once: the store's pages into the OS cache
                    client.get(path)
        loadgen.run(target.base, paths, connections=c, seconds=1)  # warm-up
        cpu = target.cpu_seconds()
        m = loadgen.run(target.base, paths, connections=c, seconds=s)
        cpu_ms = (target.cpu_seconds() - cpu) * 1000 / max(1, m.requests)
        self.record(**where, connections=c, **m.as_dict(), cpu_ms=round(cpu_ms, 3))

    def wants(self, name: str) -> bool:
        return not self.o.queries or name in self.o.queries

    def queries(self) -> list[Query]:
        return [q for q in QUERIES if not self.o.queries or q.name in self.o.queries]

    def run_size(self, backend: str, size: int) -> None:
        url = corpus.store_url(backend, size, self.o.seed, self.o.tag)
        started = time.perf_counter()
        corpus.ensure(url, size, self.o.seed)
        fixtures = store_fixtures(url, self.o.seed)
        if backend == "sqlite":
            warm(Path(make_url(url).database or ""))
        where = {"backend": backend, "size": size}
        self.record(**where, server="store", build_s=round(time.perf_counter() - started, 1),
                    store_mb=round(corpus.store_size(url) / 1e6))  # fmt: skip
        env = {"NEWSMETA_DATABASE_URL": url, "NEWSMETA_LOG_LEVEL": "WARNING",
               "PYTHONPATH": str(self.o.app_dir)}  # fmt: skip
        variants = [v for v in VARIANTS if v in self.o.servers]
        for workers in self.o.workers if variants else []:
            for variant in variants:
                self.run_newsmeta(variant, env | VARIANTS[variant], fixtures, where, workers)
            if "asgi" in self.o.servers:
                self.ceiling(BODY_FILE, where | {"workers": workers})
        if backend == "sqlite" and "datasette" in self.o.servers:
            self.datasette(url, fixtures, where)

    def run_newsmeta(
        self,
        variant: str,
        env: dict[str, str],
        fixtures: dict[str, Any],
        where: dict[str, Any],
        workers: int,
    ) -> None:
        """Every query against ``uvicorn app.main:create_app`` (one variant of settings)."""
        target = "bench.proto_detail:create_app" if self.o.proto else "app.main:create_app"
        argv = uvicorn_argv(target, workers, factory=True)
        backend = where["backend"]
        with serve(f"{variant}-{backend}", argv, env=env, ready_path="/healthz",
                   cwd=self.o.app_dir) as server:  # fmt: skip
            if "cursor_500" not in fixtures and self.wants("page_500"):
                fixtures["cursor_500"] = walk(
                    server.base, "/v1/articles?limit=20", lambda d: d.get("next_cursor"), 500
                )
            if variant == "newsmeta":  # the body the bare ASGI app serves
                detail = fill("/v1/articles/{article_id}", fixtures)[50]
                BODY_FILE.write_bytes(httpx.get(server.base + detail, timeout=30).content)
            for q in self.queries():
                self.run_query(server, q, fixtures, where | {"workers": workers}, variant)
            rss, peak, anon = server.memory_mb()
            self.record(**where, server=variant, workers=workers, query="(memory)",
                        rss_mb=round(rss), peak_mb=round(peak), anon_mb=round(anon))  # fmt: skip

    def run_query(
        self,
        server: Server,
        q: Query,
        fixtures: dict[str, Any],
        where: dict[str, Any],
        variant: str = "newsmeta",
    ) -> None:
        row = where | {"server": variant, "query": q.name}
        paths = fill(q.newsmeta, fixtures)
        if not paths:
            self.record(**row, skipped="no value for a placeholder (store too small?)")
        elif not route_exists(server, q.newsmeta):
            self.record(**row, skipped="route not in this API yet")
        else:
            self.measure(server, paths, **row)

    def ceiling(self, body_file: Path, where: dict[str, Any]) -> None:
        env = {"NEWSMETA_BENCH_BODY_FILE": str(body_file), "PYTHONPATH": str(ROOT)}
        argv = uvicorn_argv("bench.asgi_ceiling:app", where["workers"])
        with serve("asgi", argv, env=env, ready_path="/") as server:
            self.measure(server, ["/"], **where, server="asgi", query="detail")

    def datasette(self, url: str, fixtures: dict[str, Any], where: dict[str, Any]) -> None:
        db_file = Path(make_url(url).database or "")
        with serve(
            "datasette", datasette_argv(db_file), env={}, ready_path="/-/versions.json"
        ) as server:
            if self.wants("page_500"):
                first = fill(QUERIES[0].datasette or "", fixtures)[0]
                fixtures = fixtures | {
                    "ds_next_500": walk(server.base, first, lambda d: d.get("next"), 500)
                }
            for q in self.queries():
                row = where | {"workers": 1, "server": "datasette", "query": q.name}
                paths = fill(q.datasette, fixtures) if q.datasette else []
                if paths:
                    self.measure(server, paths, **row)
            rss, peak, anon = server.memory_mb()
            self.record(**where, server="datasette", workers=1, query="(memory)",
                        rss_mb=round(rss), peak_mb=round(peak), anon_mb=round(anon))  # fmt: skip

    def run(self) -> int:
        print(f"load generator: {loadgen.tool()}, {self.o.connections} connections, "
              f"{self.o.seconds:g} s per measurement; results → {self.o.out}", flush=True)  # fmt: skip
        started = time.perf_counter()
        for backend in self.o.backends:
            for size in self.o.sizes:
                print(f"== {backend}, {size:,} articles", flush=True)
                self.run_size(backend, size)
        print(f"total {time.perf_counter() - started:.0f} s", flush=True)
        return 0


def parse(argv: list[str]) -> Options:
    p = argparse.ArgumentParser(prog="python -m bench.api", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--workers", default="1,2")
    p.add_argument("--seconds", type=float, help="per measurement, plus warm-up (3; quick: 2)")
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--servers",
        default="newsmeta,newsmeta-nocache,asgi,datasette",
        help="which servers to run (newsmeta-nocache: response cache off)",
    )
    p.add_argument("--no-datasette", action="store_true")
    p.add_argument("--app-dir", type=Path, default=ROOT, help="source tree of the API to serve")
    p.add_argument("--queries", help="comma-separated query names (default: all)")
    p.add_argument("--out", type=Path, default=None)
    p.add_argument(
        "--tag", default="", help="store name suffix, for stores of another code version"
    )
    p.add_argument("--proto", action="store_true", help="also serve bench/proto_detail.py routes")
    p.add_argument("--quick", action="store_true", help="10k SQLite, 1 worker, 2 s")
    a = p.parse_args(argv)
    if a.quick:
        a.sizes, a.backends, a.workers = "10000", "sqlite", "1"
        a.seconds = a.seconds or 2.0
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Options(
        sizes=[int(s) for s in a.sizes.split(",")],
        backends=a.backends.split(","),
        workers=[int(w) for w in a.workers.split(",")],
        seconds=a.seconds or 3.0,
        connections=a.connections,
        seed=a.seed,
        servers=[x for x in a.servers.split(",") if not (a.no_datasette and x == "datasette")],
        app_dir=a.app_dir.resolve(),
        queries=a.queries.split(",") if a.queries else None,
        out=a.out or corpus.BENCH_DIR / f"results-{stamp}.json",
        tag=a.tag,
        proto=a.proto,
    )


def main(argv: list[str]) -> int:
    """Default (``make bench``): the quick run."""
    corpus.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    return Bench(parse(argv or ["--quick"])).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
