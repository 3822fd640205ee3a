"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement


def after(
    sort_column: Any, id_column: Any, *, descending: bool, position: list[Any]
) -> ColumnElement[bool]:
    """Rows strictly after ``position`` = [sort value, id] in the order
    ``sort_column DESC|ASC NULLS LAST, id DESC|ASC``."""
    value, last_id = position
    if value is None:
        beyond_id = id_column < last_id if descending else id_column > last_id
        return and_(sort_column.is_(None), beyond_id)
    beyond_value = sort_column < value if descending else sort_column > value
    beyond_id = id_column < last_id if descending else id_column > last_id
    return or_(beyond_value, and_(sort_column == value, beyond_id), sort_column.is_(None))


def order_by(sort_column: Any, id_column: Any, *, descending: bool) -> list[Any]:
    if descending:
        return [sort_column.desc().nulls_last(), id_column.desc()]
    return [sort_column.asc().nulls_last(), id_column.asc()]
