"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from app.common.errors import ProblemError

MAX_ID = 2**31 - 1  # ids are INTEGER on PostgreSQL: a larger bind parameter raises there


def after(
    sort_column: Any, id_column: Any, *, descending: bool, position: list[Any]
) -> ColumnElement[bool]:
    """Rows strictly after ``position`` = [sort value, id] in the order
    ``sort_column DESC|ASC NULLS LAST, id DESC|ASC``."""
    value, last_id = _checked(sort_column, position)
    if value is None:
        beyond_id = id_column < last_id if descending else id_column > last_id
        return and_(sort_column.is_(None), beyond_id)
    beyond_value = sort_column < value if descending else sort_column > value
    beyond_id = id_column < last_id if descending else id_column > last_id
    return or_(beyond_value, and_(sort_column == value, beyond_id), sort_column.is_(None))


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
    if not _is_int(last_id) or not 0 <= last_id <= MAX_ID or not _fits(sort_column, value):
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
        return _is_int(value) and abs(value) <= MAX_ID
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
