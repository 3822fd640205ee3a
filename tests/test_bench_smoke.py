"""Smoke test of the benchmark tooling (not a benchmark): a 1k corpus and a short load run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import make_engine
from app.pipeline.store import load
from bench import corpus, loadgen
from bench.api import fill, route_exists
from bench.corpus_gen import Universe, build_universe, generate
from bench.servers import serve, uvicorn_argv

SEED = 7


@pytest.fixture(scope="module")
def universe() -> Universe:
    return build_universe(SEED, n_entities=10_000, stream=200_003)  # smaller: faster


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, universe: Universe) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'store.db'}"
    stats = corpus.build(url, 1000, SEED, universe=universe, quiet=True)
    assert stats.articles == 1000
    return url


def _scalar(url: str, sql: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def test_generation_is_deterministic_with_offsets_into_the_body(universe: Universe) -> None:
    first = list(generate(60, SEED, universe))
    again = list(generate(60, SEED, universe))
    other = list(generate(60, SEED + 1, build_universe(SEED + 1, n_entities=1000, stream=10_007)))
    assert [(a.title, a.body, e.mentions) for a, e in first] == [
        (a.title, a.body, e.mentions) for a, e in again
    ]
    assert [a.body for a, _ in first] != [a.body for a, _ in other]
    for article, ex in first:
        assert corpus.content_hash(article.body) == load.content_hash(article.body)
        for item in (*ex.mentions, *ex.dates, *ex.quotes):
            assert article.body[item.start : item.end] == item.text
        for event in ex.events:
            assert article.body[event.start : event.end] == event.evidence


def test_corpus_counts_and_zipf(store: str) -> None:
    assert _scalar(store, "SELECT count(*) FROM article") == 1000
    assert _scalar(store, "SELECT count(*) FROM article_url") == 1000
    per_article = _scalar(store, "SELECT count(*) FROM article_entity") / 1000
    assert 3 <= per_article <= 10
    assert 100 <= _scalar(store, "SELECT count(*) FROM event_article") <= 300
    # Entity counts were recomputed at the end and match the rows.
    wrong = """SELECT count(*) FROM entity e WHERE article_count !=
               (SELECT count(*) FROM article_entity ae WHERE ae.entity_id = e.id)
               OR mention_count != (SELECT coalesce(sum(mention_count), 0)
               FROM article_entity ae WHERE ae.entity_id = e.id)"""
    assert _scalar(store, wrong) == 0
    # Zipf: the top entity is in a large share of articles, most entities in one or none.
    top = _scalar(store, "SELECT max(article_count) FROM entity")
    assert 150 <= top <= 700
    seen = _scalar(store, "SELECT count(*) FROM entity WHERE article_count > 0")
    once = _scalar(store, "SELECT count(*) FROM entity WHERE article_count = 1")
    assert once > seen / 2
    assert _scalar(store, "SELECT count(*) FROM pragma_foreign_key_check") == 0


def test_bulk_path_writes_what_store_article_writes(tmp_path: Path, universe: Universe) -> None:
    bulk, one_by_one = (f"sqlite:///{tmp_path / name}" for name in ("bulk.db", "store.db"))
    corpus.build(bulk, 120, SEED, universe=universe, quiet=True)
    corpus.build(one_by_one, 120, SEED, via="store", universe=universe, quiet=True)
    for table in ("article", "mention", "article_entity", "quote", "date_mention", "event_article"):
        sql = f"SELECT count(*) FROM {table}"
        assert _scalar(bulk, sql) == _scalar(one_by_one, sql), table
    counts = (
        "SELECT count(*) || ':' || sum(article_count) || ':' || sum(mention_count) "
        "FROM entity WHERE article_count > 0"
    )
    engine = make_engine(bulk)
    with engine.connect() as conn:
        expected = conn.execute(text(counts)).scalar_one()
    engine.dispose()
    engine = make_engine(one_by_one)
    with engine.connect() as conn:
        assert conn.execute(text(counts)).scalar_one() == expected
    engine.dispose()


def test_load_generator_drives_the_api(store: str) -> None:
    env = {"NEWSMETA_DATABASE_URL": store, "NEWSMETA_LOG_LEVEL": "WARNING"}
    argv = uvicorn_argv("app.main:create_app", 1, factory=True)
    with serve("smoke", argv, env=env, ready_path="/healthz", timeout=60) as server:
        assert route_exists(server, "/v1/articles/{article_id}")
        assert not route_exists(server, "/v1/no/{such}/route")
        paths = fill("/v1/articles/{article_id}", {"article_id": [1, 2, 3]})
        measure = loadgen.run(server.base, paths, connections=4, seconds=1)
        rss, _, anon = server.memory_mb()
    assert measure.requests > 0 and measure.errors == 0
    assert measure.p50_ms <= measure.p99_ms
    assert 20 < rss < 1000 and 0 < anon <= rss
