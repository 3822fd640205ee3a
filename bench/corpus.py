"""Load N synthetic articles into a store: ``python -m bench.corpus --url URL --articles N --seed S``.

Two paths write the same rows in the same tables:

* ``bulk`` (default): thousands of articles per transaction, one ``executemany``
  (SQLite) or ``COPY`` (PostgreSQL) per table per batch. Entities and sources go
  through the importer's own upserts (``app.pipeline.store.entities.upsert_entities``), events
  are keyed by the importer's ``event_key``; entity counts are recomputed once, in SQL,
  at the end.
* ``store``: ``app.pipeline.store.load.store_article`` per article, exactly as the importer
  does (slow; used to check that the bulk path writes the same thing).

Generated stores belong under ``/tmp/newsmeta-bench/`` (see ``store_url``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, bindparam, text
from sqlalchemy.engine import make_url
from sqlalchemy.types import DateTime
from sqlmodel import Session

from app.common.models import utcnow
from app.db import make_engine, migration_state, upgrade
from app.pipeline.store import load
from app.pipeline.types import CleanArticle, Extraction
from bench.corpus_bulk import BulkLoader, LoadStats, content_hash
from bench.corpus_gen import Universe, build_universe, generate

__all__ = ["BulkLoader", "LoadStats", "build", "content_hash", "ensure", "store_url"]

BENCH_DIR = Path("/tmp/newsmeta-bench")
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def store_url(backend: str, articles: int, seed: int = 1, tag: str = "") -> str:
    """Where the benchmark keeps the store of ``articles`` articles for ``backend``.

    ``tag`` separates stores built by another version of the code (other migrations).
    """
    suffix = f"_{tag}" if tag else ""
    if backend == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'store-{articles}-s{seed}{suffix}.db'}"
    return f"{PG_SERVER}/newsmeta_bench_{articles}_s{seed}{suffix}"


def recount_entities(engine: Engine) -> None:
    """article_count, mention_count, first/last seen of every entity, in one UPDATE."""
    statement = text(
        "UPDATE entity SET article_count = s.n, mention_count = s.m, first_seen = s.f, "
        "last_seen = s.l, updated_at = :now FROM (SELECT entity_id, count(*) AS n, "
        "sum(mention_count) AS m, min(published_at) AS f, max(published_at) AS l "
        "FROM article_entity GROUP BY entity_id) AS s WHERE entity.id = s.entity_id"
    ).bindparams(bindparam("now", type_=DateTime(timezone=True)))
    with engine.begin() as conn:
        conn.execute(statement, {"now": utcnow()})
        if engine.dialect.name == "postgresql":
            for table in ("article", "event"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )


def finish(engine: Engine) -> None:
    """Statistics for the planner, as a live store would have them."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def load_via_store_article(
    engine: Engine, pairs: Iterable[tuple[CleanArticle, Extraction]]
) -> LoadStats:
    """The importer's own path, one ``store_article`` per article (slow; for checks)."""
    stats = LoadStats()
    started = time.perf_counter()
    with Session(engine) as session:
        for article, ex in pairs:
            load.store_article(session, article, ex)
            stats.articles += 1
            stats.mentions += len(ex.mentions)
            stats.quotes += len(ex.quotes)
            stats.dates += len(ex.dates)
            if stats.articles % 200 == 0:
                session.commit()
        session.commit()
    stats.seconds = time.perf_counter() - started
    return stats


def fresh_store(url: str) -> None:
    """An empty, migrated store at ``url`` (drops the SQLite file / PostgreSQL database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = parsed.database or ""
        if not name.startswith("newsmeta_bench"):
            raise SystemExit(f"refusing to drop database {name!r}: not a newsmeta_bench* database")
        admin = make_engine(parsed.set(database="postgres").render_as_string(hide_password=False))
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    upgrade(url)


def build(
    url: str,
    n: int,
    seed: int,
    *,
    via: str = "bulk",
    universe: Universe | None = None,
    quiet: bool = False,
) -> LoadStats:
    """Create a fresh store at ``url`` with ``n`` synthetic articles of ``seed``."""
    fresh_store(url)
    engine = make_engine(url)
    try:
        universe = universe or build_universe(seed)
        if via == "store":
            stats = load_via_store_article(engine, generate(n, seed, universe))
        else:
            stats = BulkLoader(engine, universe).load(generate(n, seed, universe))
        started = time.perf_counter()
        recount_entities(engine)
        finish(engine)
        stats.seconds += time.perf_counter() - started
    finally:
        engine.dispose()
    if not quiet:
        print(stats.line(), flush=True)
    return stats


def store_size(url: str) -> int:
    """Bytes on disk of the store."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return sum(
            Path(f"{parsed.database}{s}").stat().st_size
            for s in ("", "-wal")
            if Path(f"{parsed.database}{s}").exists()
        )
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            )
    finally:
        engine.dispose()


def article_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM article")).scalar_one())
    except Exception:  # missing store or tables: nothing loaded
        return -1
    finally:
        engine.dispose()


def ensure(url: str, n: int, seed: int) -> None:
    """Build the store unless it already holds ``n`` articles; migrate it if it is behind."""
    if article_count(url) != n:
        print(f"building {url} with {n} articles …", flush=True)
        build(url, n, seed)
        return
    engine = make_engine(url)
    try:
        current, head = migration_state(engine)
    finally:
        engine.dispose()
    if current != head:  # e.g. a store built before the full-text migration
        print(f"upgrading {url} from {current} to {head} …", flush=True)
        upgrade(url)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", help="store URL (default: /tmp/newsmeta-bench/store-N-sS.db)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--via", choices=["bulk", "store"], default="bulk")
    parser.add_argument("--tag", default="", help="store name suffix (another code version)")
    args = parser.parse_args(argv)
    url = args.url or store_url(args.backend, args.articles, args.seed, args.tag)
    print(f"{url}: {args.articles} articles, seed {args.seed}, {args.via}", flush=True)
    build(url, args.articles, args.seed, via=args.via)
    print(f"store size {store_size(url) / 1e6:,.0f} MB; started {date.today()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
