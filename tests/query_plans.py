"""The plans of the statements a read runs, on both stores (for the query-plan tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlmodel import Session


def statement_plans(session: Session, read: Callable[[], Any]) -> list[tuple[str, str]]:
    """(SQL, plan) of every page statement (one with a LIMIT) ``read()`` runs, with sorts
    made as dear as possible.

    PostgreSQL would rightly sort a handful of test rows: with ``enable_sort`` off a
    Sort node still appears when no index gives the order, and only then.
    """
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if " LIMIT " in statement.upper() and not statement.startswith("EXPLAIN"):
            statements.append((statement, parameters))

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    connection = session.connection()
    sqlite = engine.dialect.name == "sqlite"
    if not sqlite:
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        connection.exec_driver_sql("SET LOCAL enable_incremental_sort = off")
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
    plans = [
        (sql, "\n".join(str(row[-1]) for row in connection.exec_driver_sql(prefix + sql, params)))
        for sql, params in statements
    ]
    assert plans
    return plans


def page_plans(session: Session, read: Callable[[], Any]) -> list[str]:
    """The plan of every page statement ``read()`` runs (see ``statement_plans``)."""
    return [plan for _, plan in statement_plans(session, read)]


def sorts(plan: str) -> bool:
    return "TEMP B-TREE FOR ORDER BY" in plan or "Sort" in plan
