"""Recording changes (the store stage) and reading them back (the feed).

Commit order. A change row is numbered when it is inserted, and a reader that has seen
change 10 must never find a change 9 committed later. So the rows of a transaction are
not inserted as the changes happen: ``record`` keeps them on the session, and they are
inserted by a ``before_commit`` hook, last thing before the commit. On PostgreSQL that
hook first takes a transaction-level advisory lock, held until the commit ends: the
transactions that write changes number their rows and commit one at a time, so ids are
handed out in commit order. SQLite has one writer at a time: its order is the commit
order already. A rolled-back transaction (or savepoint) takes its changes with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy import delete, event, func, insert, select, text
from sqlalchemy.orm import Session, SessionTransaction

from app.changes.models import Change, ChangeHorizon
from app.common.models import utcnow

Resource = Literal["article", "entity", "event", "quote"]
Kind = Literal["created", "updated", "deleted"]
# Any constant unique to newsmeta: pg_advisory_xact_lock(bigint) of the change writers.
ADVISORY_LOCK = 0x6E6577736D657461 & 0x7FFFFFFFFFFFFFFF  # "newsmeta"
_PENDING = "newsmeta_changes"


def record(session: Session, resource: Resource, ids: Iterable[int], kind: Kind) -> None:
    """Note that these resources were created, updated or deleted in this transaction."""
    pending: list[tuple[Any, str, int, str]] = session.info.setdefault(_PENDING, [])
    transaction = session.get_nested_transaction() or session.get_transaction()
    pending.extend((transaction, resource, int(id_), kind) for id_ in ids)


def _net(pending: list[tuple[Any, str, int, str]]) -> list[tuple[str, int, str]]:
    """One change per resource, at its last place: created then updated is created,
    created then deleted is nothing, deleted then created (an id reused) is updated."""
    first: dict[tuple[str, int], str] = {}
    last: dict[tuple[str, int], str] = {}
    for _tx, resource, id_, kind in pending:
        first.setdefault((resource, id_), kind)
        last.pop((resource, id_), None)  # re-inserted: moves to the end
        last[(resource, id_)] = kind
    rows = []
    for key, kind in last.items():
        began = first[key]
        if began == "created":
            if kind == "deleted":
                continue
            kind = "created"
        elif began == "deleted" and kind != "deleted":
            kind = "updated"
        rows.append((key[0], key[1], kind))
    return rows


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    # SQLAlchemy calls this hook for a savepoint's release too: its changes wait for the
    # real commit (taking the lock there would hold it while the transaction goes on).
    if session.in_nested_transaction():
        return
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    rows = _net(pending)
    if not rows:
        return
    # The ORM's pending writes first: under the lock, nothing may wait for a row lock that
    # a transaction waiting for the lock holds (a deadlock).
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Held until this transaction ends: see the module docstring.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    now = utcnow()
    session.execute(
        insert(Change.__table__),
        [
            {"resource": resource, "resource_id": id_, "kind": kind, "changed_at": now}
            for resource, id_, kind in rows
        ],
    )


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    pending = session.info.get(_PENDING)
    if not pending:
        return
    if not previous.nested:
        session.info.pop(_PENDING, None)
        return

    def inside(transaction: Any) -> bool:
        while transaction is not None:
            if transaction is previous:
                return True
            transaction = transaction.parent
        return False

    session.info[_PENDING] = [item for item in pending if not inside(item[0])]


# --- Reading ---


def horizon(session: Session) -> int:
    """The highest change id pruned (0: none)."""
    return int(session.scalar(select(ChangeHorizon.pruned_through)) or 0)


def changes_after(session: Session, since: int | None, limit: int) -> tuple[list[Change], int]:
    """Up to ``limit`` changes after ``since`` (None: the oldest kept), and the horizon
    read after them (a ``since`` below it may have missed pruned changes)."""
    query = select(Change).order_by(Change.id).limit(limit)
    if since is not None:
        query = query.where(Change.id > since)
    rows = list(session.scalars(query))
    return rows, horizon(session)


def has_changes_after(session: Session, since: int) -> bool:
    return session.scalar(select(Change.id).where(Change.id > since).limit(1)) is not None


def newest(session: Session) -> int:
    """The id of the newest change (the horizon when there is none)."""
    return int(session.scalar(select(func.max(Change.id))) or horizon(session))


def prune(session: Session, *, retention_days: int) -> int:
    """Delete changes older than the retention; returns how many (the caller commits)."""
    cutoff = utcnow() - timedelta(days=retention_days)
    through = session.scalar(select(func.max(Change.id)).where(Change.changed_at < cutoff))
    if through is None:
        return 0
    deleted = session.execute(delete(Change).where(Change.id <= through)).rowcount
    stored = session.get(ChangeHorizon, 1)
    if stored is None:
        session.add(ChangeHorizon(id=1, pruned_through=through, pruned_at=utcnow()))
    elif stored.pruned_through < through:
        stored.pruned_through = through
        stored.pruned_at = utcnow()
        session.add(stored)
    session.flush()
    return int(deleted or 0)
