"""Column helpers shared by the table models."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

# Set before any table is defined: constraint names are fixed when a table is built.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp_field(**kwargs: Any) -> Any:
    """A timezone-aware timestamp column defaulting to now (UTC)."""
    return Field(
        default_factory=utcnow,
        sa_column=Column(DateTime(timezone=True), nullable=False, **kwargs),
    )


# The last of ``__table_args__`` of a table a client addresses by id (article, entity,
# event, quote): an id is never handed out twice, so a link or a stored id never shows
# another row. SQLite needs AUTOINCREMENT for that (else a new row takes the id of the
# deleted newest one); PostgreSQL's sequences never go back anyway. Migration 0009.
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}
