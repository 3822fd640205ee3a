"""Tables of the events domain: events, their entities and the articles that mention them."""

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    Text,
    column,
    func,
    literal_column,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlmodel import Field, SQLModel

from app.common.models import NEVER_REUSE_IDS, timestamp_field

# Events lasting at most this many days (day, week, month) are found in a date range
# by reading ``ix_event_date_start_id`` from ``from - SHORT_SPAN_DAYS``; the longer ones
# (quarter, season, year, decade…) are few and have their own partial index.
SHORT_SPAN_DAYS = 31


class _Span(ColumnElement[int]):
    """``date_end - date_start`` in days, as each store computes it."""

    type = Integer()
    inherit_cache = True
    _traverse_internals: Any = [  # noqa: RUF012 (as SQLAlchemy declares it)
        ("start", InternalTraversal.dp_clauseelement),
        ("end", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, start: Any, end: Any) -> None:
        self.start, self.end = start, end


@compiles(_Span)
def _span(element: _Span, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.end - element.start, **kw)  # type: ignore[no-any-return]


@compiles(_Span, "sqlite")
def _span_sqlite(element: _Span, compiler: Any, **kw: Any) -> str:
    span = func.julianday(element.end) - func.julianday(element.start)
    return compiler.process(span, **kw)  # type: ignore[no-any-return]


def lasts_long(start: Any = None, end: Any = None) -> Any:
    """The event lasts more than ``SHORT_SPAN_DAYS`` (the condition of its partial index).

    Written the same way in the index and in the query (SQLite matches the terms of a
    partial index literally); ``start``/``end``: the columns (by name in the index).
    """
    span = _Span(
        column("date_start") if start is None else start, column("date_end") if end is None else end
    )
    return span > literal_column(str(SHORT_SPAN_DAYS))


class Event(SQLModel, table=True):
    """A dated happening, one across articles (``key`` is the merge key)."""

    __table_args__ = (
        Index("ix_event_date_start_id", "date_start", "id"),
        Index("ix_event_type_date_start", "type", "date_start"),
        Index(
            "ix_event_long_date_start_id",
            "date_start",
            "id",
            sqlite_where=lasts_long(),
            postgresql_where=lasts_long(),
        ),
        # The importer looks up the stored events of a type on a date for every event.
        Index("ix_event_type_date", "type", "date"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=500, unique=True)
    title: str = Field(max_length=500)
    type: str = Field(max_length=32)
    date: str = Field(max_length=64)
    granularity: str = Field(max_length=16)
    # First and last day the date covers, for range filters and sorting (null: year unknown).
    date_start: dt.date | None = Field(default=None)
    date_end: dt.date | None = Field(default=None)
    # What the articles said, in their own time ("announced", "held", "cancelled",
    # "postponed"), as the most recent article mentioning the event said it (``reported_in``).
    # The status an answer shows is computed from it and the date (``app.events.status``).
    reported_as: str = Field(max_length=16, index=True)
    # The article's id; no foreign key (the importer refreshes it when links change).
    reported_in: int | None = Field(default=None, index=True)
    location_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("entity.id", ondelete="SET NULL"), index=True),
    )
    notes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = timestamp_field()
    updated_at: dt.datetime = timestamp_field()


class EventEntity(SQLModel, table=True):
    """An entity taking part in an event (``role`` participant) or named with it (``related``)."""

    __tablename__ = "event_entity"

    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    )
    entity_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    role: str = Field(default="participant", max_length=16, primary_key=True)


class EventArticle(SQLModel, table=True):
    """An article mentioning an event, with the evidence sentence and its offsets."""

    __tablename__ = "event_article"

    event_id: int = Field(
        sa_column=Column(Integer, ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    )
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    # What this article said of the event in its own time (see ``Event.reported_as``).
    reported_as: str = Field(default="announced", max_length=16)
