"""Tables of the change feed."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer
from sqlmodel import Field, SQLModel

# BIGINT on PostgreSQL; INTEGER PRIMARY KEY (the rowid) on SQLite.
_ID = BigInteger().with_variant(Integer(), "sqlite")


class Change(SQLModel, table=True):
    """One create, update or delete, in commit order (``id``)."""

    # AUTOINCREMENT on SQLite: an id is never handed out twice, even after pruning
    # emptied the table (the cursor of a consumer must never point at a reused id).
    __table_args__ = (
        Index("ix_change_changed_at", "changed_at"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, sa_column=Column(_ID, primary_key=True))
    resource: str = Field(max_length=16)  # article, entity, event, quote
    resource_id: int
    kind: str = Field(max_length=8)  # created, updated, deleted
    changed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ChangeHorizon(SQLModel, table=True):
    """One row: the highest change id pruned; a cursor below it is too old (410)."""

    __tablename__ = "change_horizon"

    id: int = Field(default=1, primary_key=True)
    pruned_through: int = Field(sa_column=Column(_ID, nullable=False))
    pruned_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
