"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, tuple_
from sqlalchemy.orm import Session

from app.common.errors import ProblemError
from app.common.pagination import PageParams, decode_cursor, encode_cursor
from app.common.params import (
    ID_MAX,  # ids are INTEGER: a larger bind parameter raises on PostgreSQL
)


def _checked(sort_column: Any, position: list[Any]) -> tuple[Any, int]:
    """[sort value, id] with the value as the column's type; 422 for anything else.

    Cursors are signed, but the default secret is derived from the database URL,
    so a forged position must fail as bad input, never reach SQL as a 500.
    """
    try:
        value, last_id = position
        value = _coerce(sort_column, value)
    except (TypeError, ValueError):
        raise _malformed() from None
    if not _is_int(last_id) or not 0 <= last_id <= ID_MAX or not _fits(sort_column, value):
        raise _malformed()
    return value, last_id


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _fits(column: Any, value: Any) -> bool:
    try:
        python_type = column.type.python_type
    except (AttributeError, NotImplementedError):
        return True
    if value is None:
        return True
    if python_type is int:
        return _is_int(value) and abs(value) <= ID_MAX
    if python_type is float:
        return _is_int(value) or isinstance(value, float)
    return isinstance(value, python_type)


def _malformed() -> ProblemError:
    return ProblemError(422, "cursor: malformed position.", slug="invalid-cursor")


def _coerce(column: Any, value: Any) -> Any:
    """Cursor JSON holds dates as ISO strings; compare them as the column's type."""
    if not isinstance(value, str):
        return value
    try:
        python_type = column.type.python_type
    except (AttributeError, NotImplementedError):
        return value
    if python_type in (date, datetime):
        return python_type.fromisoformat(value)
    return value


def order_by(sort_column: Any, id_column: Any, *, descending: bool) -> list[Any]:
    if descending:
        return [sort_column.desc().nulls_last(), id_column.desc()]
    return [sort_column.asc().nulls_last(), id_column.asc()]


def paginate(
    session: Session,
    stmt: Any,
    *,
    scope: str,
    page: PageParams,
    sort_column: Any,
    id_column: Any,
    descending: bool,
    position_of: Callable[[Row[Any]], list[Any]],
    nullable: bool = True,
    columns_only: bool = False,
) -> tuple[Sequence[Row[Any]], str | None]:
    """One page of ``stmt`` in (sort, id) order after the cursor, and the next cursor.

    Rows with a sort value come first, then (``nullable``) the rows without one, by
    id. Each part is read with a row-value seek ``(sort, id) < (:v, :id)`` and an
    ORDER BY an index on (sort, id) serves in either direction, so a deep page costs
    what the first costs. ``position_of(row)`` gives [sort value, id] of a row;
    ``scope`` names the list and its order so a cursor cannot be replayed elsewhere.
    ``columns_only``: ``stmt`` selects columns, not ORM entities, so it runs on the
    session's connection and skips the ORM's execution machinery.
    """
    execute = session.connection().execute if columns_only else session.execute
    position = (
        list(_checked(sort_column, decode_cursor(scope, page.cursor))) if page.cursor else None
    )
    wanted = page.limit + 1
    direction = (lambda c: c.desc()) if descending else (lambda c: c.asc())
    rows: list[Row[Any]] = []
    if position is None or position[0] is not None:
        valued = stmt.where(sort_column.is_not(None)) if nullable else stmt
        if position is not None:
            here = tuple_(sort_column, id_column)
            there = tuple_(_coerce(sort_column, position[0]), position[1])
            valued = valued.where(here < there if descending else here > there)
        valued = valued.order_by(direction(sort_column), direction(id_column))
        rows = list(execute(valued.limit(wanted)).all())
    if nullable and len(rows) < wanted:
        undated = stmt.where(sort_column.is_(None))
        if position is not None and position[0] is None:
            last_id = position[1]
            undated = undated.where(id_column < last_id if descending else id_column > last_id)
        undated = undated.order_by(direction(id_column))
        rows += execute(undated.limit(wanted - len(rows))).all()
    next_cursor = None
    if len(rows) > page.limit:
        next_cursor = encode_cursor(scope, position_of(rows[page.limit - 1]))
    return rows[: page.limit], next_cursor
