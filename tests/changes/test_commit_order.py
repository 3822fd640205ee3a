"""Concurrent writers: a reader that follows the feed never misses a change.

Ids are handed out as changes are inserted, but transactions commit in their own order:
without care, a reader could pass id 11 while id 10 is still to commit, and never see 10.
Here four writers commit at once, each pausing between its change rows and its commit
(where a slow commit would), while a reader follows the feed; afterwards the reader has
seen every change row, each once, in ascending order.
"""

from __future__ import annotations

import random
import threading
import time

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.changes import service
from app.changes.models import Change
from app.db import for_writes
from app.pipeline.store import load
from app.pipeline.types import Extraction
from tests.factories import clean_article

WRITERS = 4
TRANSACTIONS = 12


def _slow_commit(session: OrmSession) -> None:
    # Runs after the change rows are inserted (listeners run in order): a commit that
    # takes its time, the window in which a later transaction could overtake.
    time.sleep(random.uniform(0, 0.02))


def test_a_reader_following_concurrent_writers_misses_nothing(store_engine: Engine) -> None:
    writers_engine = for_writes(store_engine)
    errors: list[BaseException] = []
    done = threading.Event()
    seen: list[int] = []

    def write() -> None:
        try:
            for _ in range(TRANSACTIONS):
                with Session(writers_engine) as session:
                    for _ in range(2):
                        load.store_article(session, clean_article(), Extraction())
                    session.commit()
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        cursor = 0
        while True:
            finished = done.is_set()  # read once more after the writers are done
            with Session(store_engine) as session:
                rows, _ = service.changes_after(session, cursor, 1000)
            for row in rows:
                assert row.id is not None
                seen.append(row.id)
                cursor = row.id
            if finished and not rows:
                return
            time.sleep(0.001)

    event.listen(OrmSession, "before_commit", _slow_commit)
    try:
        reader = threading.Thread(target=read)
        reader.start()
        threads = [threading.Thread(target=write) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        reader.join(timeout=30)
    finally:
        event.remove(OrmSession, "before_commit", _slow_commit)
    assert errors == []
    with Session(store_engine) as session:
        stored = list(session.scalars(select(Change.id).order_by(Change.id)))
    assert len(stored) == WRITERS * TRANSACTIONS * 2
    assert seen == stored  # every one, once, in order
