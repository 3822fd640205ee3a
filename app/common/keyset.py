"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement


def after(
    sort_column: Any, id_column: Any, *, descending: bool, position: list[Any]
) -> ColumnElement[bool]:
    """Rows strictly after ``position`` = [sort value, id] in the order
    ``sort_column DESC|ASC NULLS LAST, id DESC|ASC``."""
    value, last_id = position
    value = _coerce(sort_column, value)
    if value is None:
        beyond_id = id_column < last_id if descending else id_column > last_id
        return and_(sort_column.is_(None), beyond_id)
    beyond_value = sort_column < value if descending else sort_column > value
    beyond_id = id_column < last_id if descending else id_column > last_id
    return or_(beyond_value, and_(sort_column == value, beyond_id), sort_column.is_(None))


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
