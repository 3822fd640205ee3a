"""The loader's INSERT statements, and which of them SQLAlchemy can cache.

SQLAlchemy compiles the PostgreSQL and SQLite ``insert`` constructs (the ones that take
``on_conflict_do_nothing``) on every execution: they have no cache key. So does the
ORM's bulk insert of a model class. A Core ``insert`` of the table is compiled once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def insert_or_ignore(session: Session, model: Any) -> Any:
    """An INSERT into ``model``'s table that can take ``on_conflict_do_nothing``."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


def plain_insert(model: Any) -> Any:
    """A cached INSERT into ``model``'s table, for rows that cannot conflict."""
    return insert(model.__table__)
