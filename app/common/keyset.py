"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, and_, or_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.common.pagination import PageParams, decode_cursor, encode_cursor


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
) -> tuple[Sequence[Row[Any]], str | None]:
    """One page of ``stmt`` in (sort, id) order after the cursor, and the next cursor.

    ``position_of(row)`` gives [sort value, id] of a row; ``scope`` names the list and
    its order so a cursor cannot be replayed on another one.
    """
    if page.cursor:
        position = decode_cursor(scope, page.cursor)
        stmt = stmt.where(after(sort_column, id_column, descending=descending, position=position))
    stmt = stmt.order_by(*order_by(sort_column, id_column, descending=descending))
    rows = session.execute(stmt.limit(page.limit + 1)).all()
    next_cursor = None
    if len(rows) > page.limit:
        next_cursor = encode_cursor(scope, position_of(rows[page.limit - 1]))
    return rows[: page.limit], next_cursor
