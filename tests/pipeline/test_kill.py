"""Nothing lost, nothing half-written: SIGKILL the importer mid-run, rerun, compare."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.db import make_engine, upgrade
from tests.conftest import drop_postgres_database, new_store_url

# More than two import batches (32 each): after the first commit, at least two more
# batches are left to kill (with one, a fast machine sometimes committed it first).
ARTICLES = 72
PER_ARTICLE = text(
    """
    SELECT a.content_hash,
      (SELECT count(*) FROM mention m WHERE m.article_id = a.id),
      (SELECT count(*) FROM article_entity e WHERE e.article_id = a.id),
      (SELECT count(*) FROM quote q WHERE q.article_id = a.id),
      (SELECT count(*) FROM date_mention d WHERE d.article_id = a.id),
      (SELECT count(*) FROM event_article v WHERE v.article_id = a.id),
      (SELECT count(*) FROM article_url u WHERE u.article_id = a.id)
    FROM article a
    """
)
CITIES = ["Genève", "Bruxelles", "Paris", "Berlin", "Madrid", "Rome", "Vienne", "Varsovie"]


def write_corpus(folder: Path) -> None:
    """Small, distinct French articles in the plain-text layout."""
    folder.mkdir()
    for n in range(ARTICLES):
        city = CITIES[n % len(CITIES)]
        body = (
            f"Les ministres se sont réunis le {n % 27 + 1} janvier à {city} pour la réunion "
            f"numéro {n}. « Nous avons progressé sur le dossier {n} », a déclaré Jens "
            f"Stoltenberg, secrétaire général de l'OTAN, devant la presse. La Russie et "
            f"l'Ukraine ont été invitées à la prochaine rencontre, prévue en février à {city}.\n\n"
            f"Le texte numéro {n} précise que la délégation de {city} a demandé un délai "
            f"supplémentaire. Les discussions reprendront le mois prochain."
        )
        (folder / f"article-{n:02d}.txt").write_text(f"Réunion numéro {n} à {city}\n\n{body}\n")


def newsmeta_import(folder: Path, url: str) -> subprocess.Popen[str]:
    env = os.environ | {"NEWSMETA_DATABASE_URL": url, "NEWSMETA_LOG_LEVEL": "WARNING"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "import",
            str(folder),
            "--language",
            "fr",
            "--published",
            "2022-01-07",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def article_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM article")).scalar() or 0)


def per_article(engine: Engine) -> dict[str, tuple[int, ...]]:
    with engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(PER_ARTICLE)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "articles"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, ...]]:
    """What an uninterrupted import stores, article by article."""
    url = new_store_url("sqlite", tmp_path_factory.mktemp("reference"))
    upgrade(url)
    process = newsmeta_import(corpus, url)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    engine = make_engine(url)
    expected = per_article(engine)
    engine.dispose()
    assert len(expected) == ARTICLES
    return expected


def test_sigkill_then_rerun_stores_every_article_exactly_once(
    backend: str, tmp_path: Path, corpus: Path, reference: dict[str, tuple[int, ...]]
) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        upgrade(url)
        engine = make_engine(url)
        process = newsmeta_import(corpus, url)
        deadline = time.monotonic() + 240
        while article_count(engine) == 0 and process.poll() is None:
            assert time.monotonic() < deadline, "the importer committed nothing"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        at_kill = article_count(engine)
        assert 0 < at_kill < ARTICLES, f"killed too late to test anything ({at_kill})"
        # What was committed is complete: every stored article has all its rows.
        stored = per_article(engine)
        assert all(stored[h] == reference[h] for h in stored)

        rerun = newsmeta_import(corpus, url)
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert f"imported {ARTICLES - at_kill}, updated 0, unchanged {at_kill}" in out
        assert per_article(engine) == reference
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
