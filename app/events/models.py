"""Tables of the events domain: events, their entities and the articles that mention them."""

import datetime as dt

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Text
from sqlmodel import Field, SQLModel

from app.common.models import timestamp_field


class Event(SQLModel, table=True):
    """A dated happening, one across articles (``key`` is the merge key)."""

    __table_args__ = (
        Index("ix_event_date_start_id", "date_start", "id"),
        Index("ix_event_type_date_start", "type", "date_start"),
        # The importer looks up the stored events of a type on a date for every event.
        Index("ix_event_type_date", "type", "date"),
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
    status: str = Field(max_length=16, index=True)
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
