"""Keyset ("seek") conditions: page N costs what page 1 costs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Row, bindparam, tuple_
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


# Bound at execution: the page statements of a list are built once (``Keyset``), and
# building a select and its cache key on every request costs more than running it.
LIMIT = bindparam("keyset_limit", type_=Integer)
AFTER_ID = bindparam("keyset_id", type_=Integer)


class Keyset:
    """The page statements of one list in (sort, id) order, built on first use and reused.

    Rows with a sort value come first, then (``nullable``) the rows without one, by id.
    Each part is read with a row-value seek ``(sort, id) < (:v, :id)`` and an ORDER BY
    that an index on (sort, id) serves in either direction, so a deep page costs what the
    first costs. ``parts`` are statements whose rows together make the list, each read
    along its own index and merged (the undated rows are read from the first part);
    filter values are bind parameters given to ``page``. A ``Keyset`` kept at module
    level (or per shape of filters) builds its statements once for every request.
    """

    def __init__(
        self,
        *parts: Any,
        sort_column: Any,
        id_column: Any,
        descending: bool,
        nullable: bool = True,
    ) -> None:
        self.parts = parts
        self.sort_column = sort_column
        self.id_column = id_column
        self.descending = descending
        self.nullable = nullable
        self._statements: dict[tuple[bool, bool], tuple[Any, ...]] = {}

    def _direction(self, column: Any) -> Any:
        return column.desc() if self.descending else column.asc()

    def statements(self, *, dated: bool, after: bool) -> tuple[Any, ...]:
        """The statements of the dated (or undated) rows, from the top or after a cursor."""
        key = (dated, after)
        built = self._statements.get(key)
        if built is None:
            built = self._statements[key] = self._build(dated=dated, after=after)
        return built

    def _build(self, *, dated: bool, after: bool) -> tuple[Any, ...]:
        sort, ident = self.sort_column, self.id_column
        if not dated:
            undated = self.parts[0].where(sort.is_(None))
            if after:
                undated = undated.where(ident < AFTER_ID if self.descending else ident > AFTER_ID)
            return (undated.order_by(self._direction(ident)).limit(LIMIT),)
        built = []
        for part in self.parts:
            valued = part.where(sort.is_not(None)) if self.nullable else part
            if after:
                here = tuple_(sort, ident)
                there = tuple_(bindparam("keyset_value", type_=sort.type), AFTER_ID)
                valued = valued.where(here < there if self.descending else here > there)
            order = (self._direction(sort), self._direction(ident))
            built.append(valued.order_by(*order).limit(LIMIT))
        return tuple(built)

    def page(
        self,
        execute: Callable[..., Any],
        params: dict[str, Any],
        *,
        scope: str,
        page: PageParams,
        position_of: Callable[[Row[Any]], list[Any]],
    ) -> tuple[list[Row[Any]], str | None]:
        """One page after the cursor, and the next cursor; ``execute(statement, params)``.

        ``position_of(row)`` gives [sort value, id] of a row; ``scope`` names the list and
        its order so a cursor cannot be replayed elsewhere.
        """
        position = (
            list(_checked(self.sort_column, decode_cursor(scope, page.cursor)))
            if page.cursor
            else None
        )
        wanted = page.limit + 1
        values = {**params, "keyset_limit": wanted}
        if position is not None:
            values |= {"keyset_value": position[0], "keyset_id": position[1]}
        rows: list[Row[Any]] = []
        if position is None or position[0] is not None:
            statements = self.statements(dated=True, after=position is not None)
            for statement in statements:
                rows += execute(statement, values).all()
            if len(statements) > 1:  # merge the parts
                rows.sort(key=position_of, reverse=self.descending)
                del rows[wanted:]
        if self.nullable and len(rows) < wanted:
            after = position is not None and position[0] is None
            (undated,) = self.statements(dated=False, after=after)
            values["keyset_limit"] = wanted - len(rows)
            rows += execute(undated, values).all()
        next_cursor = None
        if len(rows) > page.limit:
            next_cursor = encode_cursor(scope, position_of(rows[page.limit - 1]))
        return rows[: page.limit], next_cursor


def rows_by_id(execute: Callable[..., Any], statement: Any, ids: list[int]) -> list[Row[Any]]:
    """The rows of ``statement`` (id first, ``:ids`` an expanding parameter) for a page
    chosen before, in the page's order; ids with no row (gone since) are skipped."""
    if not ids:
        return []
    found = {row[0]: row for row in execute(statement, {"ids": ids})}
    return [found[i] for i in ids if i in found]


def sublist(
    page: PageParams,
    read: Callable[[], tuple[list[Any], str | None]],
    ensure: Callable[[], None],
) -> tuple[list[Any], str | None]:
    """``read()`` a page of a resource's sub-list; ``ensure()`` raises 404 for no resource.

    Existence costs a statement only where it changes the answer: before a cursor is
    decoded (an unknown resource is 404, not a cursor error) and after an empty first page.
    """
    if page.cursor:
        ensure()
    items, next_cursor = read()
    if not items and not page.cursor:
        ensure()
    return items, next_cursor


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
) -> tuple[Sequence[Row[Any]], str | None]:
    """One page of ``stmt`` (built for this request) in (sort, id) order: see ``Keyset``.

    ``stmt`` selects columns, not ORM entities: it runs on the session's connection and
    skips the ORM's execution machinery.
    """
    keyset = Keyset(
        stmt,
        sort_column=sort_column,
        id_column=id_column,
        descending=descending,
        nullable=nullable,
    )
    return keyset.page(
        session.connection().execute, {}, scope=scope, page=page, position_of=position_of
    )
