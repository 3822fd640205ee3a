"""Concurrent writers: two importers on one store, overlapping folders.

Real processes (``python -m app import``), started together, on a fresh store per
backend. Afterwards every article is stored once, every entity once, no mention twice,
and the entity counters agree with the rows they count. While they run, a reader checks
that an article is never visible without all of its mentions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.db import for_writes, make_engine, upgrade
from tests.conftest import ROOT, drop_postgres_database, new_store_url

PEOPLE = [
    "Emmanuel Macron",
    "Olaf Scholz",
    "Jens Stoltenberg",
    "Vladimir Poutine",
    "Joe Biden",
    "Ursula von der Leyen",
]
PLACES = ["Paris", "Berlin", "Moscou", "Washington", "Bruxelles", "Genève"]
SHARED = range(6, 12)  # in both folders


def article_text(n: int) -> str:
    """A short French article; names rotate so that importers upsert them in other orders."""
    p = [PEOPLE[(n + k) % len(PEOPLE)] for k in range(4)]
    c = [PLACES[(n * 5 + k) % len(PLACES)] for k in range(2)]
    return (
        f"Rencontre numéro {n} entre {p[0]} et {p[1]}\n\n"
        f"{p[0]} a rencontré {p[1]} à {c[0]} le {n + 1} janvier 2022. "
        f"« Nous voulons la paix en Europe », a déclaré {p[0]} devant la presse.\n\n"
        f"{p[2]} et {p[3]} doivent se retrouver à {c[1]} la semaine prochaine, "
        f"selon l'OTAN et l'Union européenne. Réunion {n}.\n"
    )


def write_article(folder: Path, n: int) -> None:
    # Shared articles first in both folders (sorted names), so the importers race on them.
    prefix = "a_shared" if n in SHARED else "b_own"
    if n % 2:
        payload = {"url": f"https://example.org/rencontre/{n}", "text": article_text(n)}
        (folder / f"{prefix}_{n:02d}.json").write_text(json.dumps(payload), encoding="utf-8")
    else:
        (folder / f"{prefix}_{n:02d}.txt").write_text(article_text(n), encoding="utf-8")


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[str]:
    url = new_store_url(backend, tmp_path)
    upgrade(url)
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


def start_import(url: str, folder: Path) -> subprocess.Popen[str]:
    env = os.environ | {
        "NEWSMETA_DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "NEWSMETA_SQLITE_BUSY_TIMEOUT": "240",  # outlasts the lock the test holds
    }
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", str(folder), "--language", "fr",
         "--published", "2022-01-07"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


class ConsistencyReader(threading.Thread):
    """Polls (article, mention count) in one statement while the importers write."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.seen: dict[int, set[int]] = {}
        self.polls = 0
        self.errors: list[str] = []
        self.done = threading.Event()

    def run(self) -> None:
        query = text(
            "SELECT a.id, (SELECT count(*) FROM mention m WHERE m.article_id = a.id) FROM article a"
        )
        while not self.done.is_set():
            try:
                with self.engine.connect() as connection:
                    for article_id, mentions in connection.execute(query):
                        self.seen.setdefault(article_id, set()).add(mentions)
                self.polls += 1
            except OperationalError as exc:  # a reader must never be refused
                self.errors.append(str(exc.orig))
            time.sleep(0.02)


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_blocked(engine: Engine, processes: list[subprocess.Popen[str]]) -> bool:
    """True once both importers wait for the write lock the test holds (or False on timeout)."""
    deadline = time.monotonic() + 180
    if engine.dialect.name == "postgresql":
        query = text(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'article'::regclass"
        )
        while time.monotonic() < deadline:
            with engine.connect() as connection:
                if connection.execute(query).scalar() == len(processes):
                    return True
            time.sleep(0.2)
        return False
    # SQLite: a writer in the busy handler sleeps; its CPU time stops moving.
    last = [_cpu_ticks(p.pid) for p in processes]
    idle_since = time.monotonic()
    while time.monotonic() < deadline and all(p.poll() is None for p in processes):
        time.sleep(0.5)
        now = [_cpu_ticks(p.pid) for p in processes]
        if now != last:
            last, idle_since = now, time.monotonic()
        elif time.monotonic() - idle_since > 2:
            return True
    return False


def test_two_importers_on_overlapping_folders(store: str, tmp_path: Path) -> None:
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    folder_a.mkdir()
    folder_b.mkdir()
    for n in range(0, 12):
        write_article(folder_a, n)
    for n in range(6, 18):
        write_article(folder_b, n)
    engine = make_engine(store)
    reader = ConsistencyReader(engine)
    reader.start()
    # Hold the write lock so that both importers read the store (nothing there yet),
    # parse everything, and then meet at their first write: a real race on every
    # shared article, not two imports that merely follow each other.
    with engine.connect() as holder:
        if engine.dialect.name == "postgresql":
            holder.execute(text("LOCK TABLE article IN SHARE MODE"))
        else:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
        importers = [start_import(store, folder_a), start_import(store, folder_b)]
        staged = wait_until_blocked(engine, importers)
        holder.commit()
    outputs = [p.communicate(timeout=240) for p in importers]
    reader.done.set()
    reader.join()
    for process, (out, err) in zip(importers, outputs, strict=True):
        assert process.returncode == 0, f"{out}\n{err[-3000:]}"
    assert staged or engine.dialect.name == "sqlite", "the importers never met at the lock"
    if staged:  # both parsed the shared articles; one stored each, the other saw it stored
        reports = " / ".join(out.strip() for out, _ in outputs)
        assert sum(int(out.split()[1].rstrip(",")) for out, _ in outputs) == 18, reports
        assert sum(int(out.split()[5].rstrip(",")) for out, _ in outputs) == 6, reports

    with engine.connect() as connection:
        scalar: Callable[[str], object] = lambda sql: connection.execute(text(sql)).scalar()  # noqa: E731
        assert scalar("SELECT count(*) FROM article") == 18
        assert scalar("SELECT count(DISTINCT content_hash) FROM article") == 18
        assert scalar("SELECT count(*) FROM article_url") == 9
        assert scalar("SELECT count(*) - count(DISTINCT key) FROM entity") == 0
        people = connection.execute(text("SELECT name FROM entity WHERE type = 'PERSON'")).scalars()
        assert {"Emmanuel Macron", "Olaf Scholz"} <= set(people)
        assert (
            scalar(
                'SELECT count(*) FROM (SELECT article_id, start, "end", entity_id FROM mention '
                'GROUP BY article_id, start, "end", entity_id HAVING count(*) > 1) AS d'
            )
            == 0
        )
        assert (
            scalar(
                "SELECT count(*) FROM (SELECT article_id, entity_id FROM article_entity "
                "GROUP BY article_id, entity_id HAVING count(*) > 1) AS d"
            )
            == 0
        )
        # Counters written by concurrent transactions must agree with the rows.
        wrong_counts = connection.execute(
            text(
                "SELECT e.key, e.article_count, (SELECT count(*) FROM article_entity ae "
                "WHERE ae.entity_id = e.id) FROM entity e WHERE e.article_count <> "
                "(SELECT count(*) FROM article_entity ae WHERE ae.entity_id = e.id)"
            )
        ).all()
        assert wrong_counts == []
        final = dict(
            connection.execute(
                text(
                    "SELECT a.id, (SELECT count(*) FROM mention m WHERE m.article_id = a.id) "
                    "FROM article a"
                )
            ).all()
        )
    engine.dispose()
    assert all(count > 0 for count in final.values()), final
    # An article seen by the reader was seen whole: with its final number of mentions.
    assert reader.polls > 0 and not reader.errors, reader.errors
    torn = {a: counts for a, counts in reader.seen.items() if counts != {final[a]}}
    assert torn == {}, f"articles seen half-written: {torn}"


def test_a_second_sqlite_writer_waits_for_the_first(
    tmp_path: Path, settings_env: Callable[..., None]
) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    upgrade(url)
    settings_env(sqlite_busy_timeout="60")
    first, second = make_engine(url), make_engine(url)
    with first.connect() as holder:
        holder.exec_driver_sql("BEGIN IMMEDIATE")
        holder.exec_driver_sql("INSERT INTO source (name, created_at) VALUES ('a', '2022-01-01')")
        timer = threading.Timer(1.0, holder.connection.commit)
        timer.start()
        started = time.monotonic()
        with second.begin() as writer:  # waits for the first writer, then succeeds
            writer.exec_driver_sql(
                "INSERT INTO source (name, created_at) VALUES ('b', '2022-01-01')"
            )
        waited = time.monotonic() - started
        timer.join()
    assert waited >= 0.8
    with second.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM source").scalar() == 2
    first.dispose()
    second.dispose()


def test_sqlite_busy_timeout_setting_is_applied(
    tmp_path: Path, settings_env: Callable[..., None]
) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    upgrade(url)
    settings_env(sqlite_busy_timeout="0.2")
    first, second = make_engine(url), make_engine(url)
    with first.connect() as holder:
        holder.exec_driver_sql("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"), second.begin() as writer:
            writer.exec_driver_sql("INSERT INTO source (name, created_at) VALUES ('b', '2022')")
        assert 0.15 <= time.monotonic() - started < 2
        holder.rollback()
    first.dispose()
    second.dispose()


def _read_then_write(engine: Engine, name: str, other_writer: Callable[[], None]) -> None:
    """The importer's shape: a batch transaction, a savepoint per article that reads,
    then (after another writer committed) writes."""
    with Session(engine) as session:
        savepoint = session.begin_nested()  # on SQLite, SAVEPOINT opens the transaction
        session.execute(text("SELECT count(*) FROM source")).scalar()
        other_writer()
        session.execute(
            text("INSERT INTO source (name, created_at) VALUES (:n, '2022-01-01')"), {"n": name}
        )
        savepoint.commit()
        session.commit()


def test_sqlite_writers_take_the_lock_up_front(
    tmp_path: Path, settings_env: Callable[..., None]
) -> None:
    url = f"sqlite:///{tmp_path / 'snapshot.db'}"
    upgrade(url)
    settings_env(sqlite_busy_timeout="60")
    engine, other = make_engine(url), make_engine(url)

    def other_writer() -> None:
        with other.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO source (name, created_at) VALUES ('x' || random(), '2022')"
            )

    # Deferred: the read pinned a snapshot another writer then made stale; SQLite
    # refuses the write at once, busy timeout or not.
    started = time.monotonic()
    with pytest.raises(OperationalError, match="locked"):
        _read_then_write(engine, "deferred", other_writer)
    assert time.monotonic() - started < 5
    # Immediate (``for_writes``): the lock is taken at BEGIN; the other writer waits
    # its turn (here: until this transaction commits, from a thread).
    waiter = threading.Thread(target=other_writer)
    with Session(for_writes(engine)) as session:
        savepoint = session.begin_nested()
        session.execute(text("SELECT count(*) FROM source")).scalar()
        waiter.start()
        time.sleep(0.3)
        session.execute(text("INSERT INTO source (name, created_at) VALUES ('imm', '2022')"))
        savepoint.commit()
        session.commit()
    waiter.join(15)
    with engine.connect() as connection:
        names = set(connection.exec_driver_sql("SELECT name FROM source").scalars())
    assert "imm" in names and len(names) == 3  # 'x…' from each other_writer call
    engine.dispose()
    other.dispose()
