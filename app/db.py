"""Engine, sessions and the migration check.

SQLite gets its pragmas once per connection (WAL, foreign keys, busy timeout);
PostgreSQL gets a pre-pinged pool so the API survives a database restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

from app.common.models import NAMING_CONVENTION
from app.config import get_settings

log = logging.getLogger(__name__)

metadata: MetaData = SQLModel.metadata
assert metadata.naming_convention == NAMING_CONVENTION

ALEMBIC_DIR = Path(__file__).resolve().parent.parent / "alembic"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 8 MB of page cache per connection (the pool holds up to 15): reads go through the
    # memory map below, so a bigger cache mostly grew the process (64 MB: ~900 MB at 100k).
    cursor.execute("PRAGMA cache_size=-8192")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file on demand."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        pool_timeout=5,
        connect_args={"connect_timeout": 5},
    )


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def get_session() -> Iterator[Session]:
    """One session per request; the request owns the transaction."""
    with Session(get_engine(), expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply the migrations to the store at ``url`` (``newsmeta db upgrade``)."""
    from alembic import command

    make_engine(url).dispose()  # creates the SQLite folder
    command.upgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migration_state(engine: Engine) -> tuple[str | None, str | None]:
    """(current, head) revisions of the store."""
    return current_revision(engine), head_revision()
