"""Engine, sessions and the migration check.

SQLite gets its pragmas once per connection (WAL, foreign keys, busy timeout);
PostgreSQL gets a pre-pinged pool so the API survives a database restart.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import MetaData, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlmodel import Session, SQLModel, create_engine

from app.common.models import NAMING_CONVENTION
from app.config import get_settings

log = logging.getLogger(__name__)

metadata: MetaData = SQLModel.metadata
assert metadata.naming_convention == NAMING_CONVENTION

# An installed package carries the migrations as app/migrations (setup.py copies them);
# a checkout, editable installs included, reads them from the top-level alembic/.
PACKAGED_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SOURCE_MIGRATIONS = Path(__file__).resolve().parent.parent / "alembic"


class MigrationsMissing(RuntimeError):
    """Neither the packaged nor the checkout's migrations are there (a broken install)."""


def migrations_dir() -> Path:
    """The Alembic script folder: the package's own copy, else the checkout's ``alembic/``."""
    for folder in (PACKAGED_MIGRATIONS, SOURCE_MIGRATIONS):
        if (folder / "env.py").is_file():
            return folder
    raise MigrationsMissing(
        f"the migrations are missing (looked in {PACKAGED_MIGRATIONS} and {SOURCE_MIGRATIONS}); "
        "reinstall newsmeta"
    )


class StoreUrlError(ValueError):
    """A database URL newsmeta cannot use; the message says why and what to write instead."""


URL_FORMS = "sqlite:///path/to/file.db or postgresql://user:password@host:5432/dbname"
# `postgresql://` names no driver: SQLAlchemy then wants psycopg2, while newsmeta
# depends on psycopg 3. The first installed driver of these is used.
_POSTGRES_DRIVERS = (("psycopg", "postgresql+psycopg"), ("psycopg2", "postgresql+psycopg2"))


def resolve_url(url: str) -> str:
    """``url`` as SQLAlchemy takes it: ``postgresql://`` and ``postgres://`` get the
    installed driver. A URL that names no usable store raises StoreUrlError (the message
    never contains the password)."""
    import importlib.util

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreUrlError(f"not a database URL; write it as {URL_FORMS}") from None
    if parsed.drivername in {"postgres", "postgresql"}:
        for module, drivername in _POSTGRES_DRIVERS:
            if importlib.util.find_spec(module) is not None:
                parsed = parsed.set(drivername=drivername)
                break
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise StoreUrlError(
            f"unsupported database {parsed.drivername + '://'!r}: newsmeta stores in SQLite or "
            f"PostgreSQL; write the URL as {URL_FORMS}"
        )
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise StoreUrlError(
            f"the driver of {parsed.drivername + '://'!r} is not installed; use "
            "postgresql:// (psycopg 3, installed with newsmeta) or pip install the driver"
        ) from None
    return _render(parsed)


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)


_FIX_URL = "fix NEWSMETA_DATABASE_URL"
# (pattern of the driver's message, what it means and what to do); the first match wins.
_STORE_ERRORS: list[tuple[str, str]] = [
    (
        r"no such table|relation \"[^\"]+\" does not exist|no such column",
        "the store has no tables or is behind the code ({0}): run `newsmeta db upgrade`",
    ),
    (
        r"port (\d+) failed: Connection refused|Connection refused",
        "cannot connect to PostgreSQL (connection refused): is the server running, and are "
        f"the host and port right? Start it or {_FIX_URL}",
    ),
    (
        r"password authentication failed for user \"([^\"]+)\"",
        "PostgreSQL refused the password of user {1}: " + _FIX_URL,
    ),
    (
        r"no password supplied|password authentication failed",
        "PostgreSQL wants a password: put it in the URL (postgresql://user:password@host/db)",
    ),
    (
        r"database \"([^\"]+)\" does not exist",
        "PostgreSQL has no database {1}: create it (`createdb {1}`) or " + _FIX_URL,
    ),
    (
        r"role \"([^\"]+)\" does not exist",
        "PostgreSQL has no user {1}: create it or " + _FIX_URL,
    ),
    (
        r"could not translate host name|failed to resolve host|Name or service not known",
        "cannot resolve the database host: " + _FIX_URL,
    ),
    (
        r"timeout expired|timed out",
        "the database did not answer within NEWSMETA_DB_CONNECT_TIMEOUT seconds: is the "
        f"host reachable? Check the network or {_FIX_URL}",
    ),
    (
        r"unable to open database file",
        "cannot open the SQLite file: does its folder exist and can this user write there? "
        + _FIX_URL,
    ),
    (
        r"attempt to write a readonly database|readonly database",
        "the SQLite file is read-only for this user: fix its permissions or " + _FIX_URL,
    ),
]


def describe_store_error(original: str) -> str:
    """The store's error (a driver message) as what it means and what to do."""
    for pattern, text in _STORE_ERRORS:
        match = re.search(pattern, original)
        if match:
            return text.format(original, *match.groups())
    return f"store error: {original}"


# Connections kept open per engine, and how many more a burst may open (closed after use).
POOL_SIZE = 10
POOL_OVERFLOW = 10


def is_sqlite(url: str) -> bool:
    try:
        return make_url(url).get_backend_name() == "sqlite"
    except ArgumentError:
        return False


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    busy_ms = int(get_settings().sqlite_busy_timeout * 1000)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # A second writer waits this long for the first one instead of failing at once.
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # 4 MB of page cache per connection (the pool holds up to 20); the rest of the file
    # is the OS page cache's. No memory map: each connection maps the file anew, and a
    # 1M-article store then showed 2-3 GB of RSS in the API (file pages, counted once
    # per connection) for no measurable gain over the OS cache.
    cursor.execute("PRAGMA cache_size=-4096")
    cursor.execute("PRAGMA mmap_size=0")
    cursor.close()


def _sqlite_table_hint(_compiler: Any, _table: Any, text: str | None) -> str | None:
    return text


# ``select(...).with_hint(Table, "INDEXED BY ix_name", "sqlite")`` renders after the table
# name: SQLAlchemy's SQLite compiler drops table hints (it has no hint syntax of its own
# to render; SQLite's is ``INDEXED BY``).
SQLiteCompiler.get_from_hint_text = _sqlite_table_hint  # type: ignore[method-assign,assignment]


def _sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that reads and then writes cannot wait for another writer:
    # SQLite refuses the upgrade at once ("database is locked", busy timeout or not) when
    # that writer committed after the read. Writers opt in to taking the lock up front.
    if connection.get_execution_options().get("sqlite_begin") == "immediate":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def for_writes(engine: Engine) -> Engine:
    """The engine for write transactions (the importer): on SQLite they start with
    ``BEGIN IMMEDIATE``, so a second writer waits (busy timeout) instead of failing."""
    return engine.execution_options(sqlite_begin="immediate")


def make_engine(url: str, *, statement_timeout: float = 0) -> Engine:
    """An engine for ``url``; creates the folder of a SQLite file on demand.

    ``statement_timeout`` (seconds, PostgreSQL only, 0 = none) caps every statement;
    the app sets it, migrations do not (an index build may take longer).
    """
    settings = get_settings()
    url = resolve_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": settings.sqlite_busy_timeout},
            # Sized for the API's concurrency: overflow connections are closed when they
            # come back, and reopening one (with its pragmas) on every request cost ~4 %.
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {"connect_timeout": settings.db_connect_timeout}
    if statement_timeout > 0:
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout * 1000)}"
    # Pre-ping: a connection broken by a database restart is replaced, not served.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=settings.db_pool_timeout,
        connect_args=connect_args,
    )


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return make_engine(settings.database_url, statement_timeout=settings.db_statement_timeout)


def get_read_engine() -> Engine:
    """The engine for reads: the replica at ``NEWSMETA_READ_DATABASE_URL``, else the store."""
    settings = get_settings()
    if not settings.read_database_url:
        return get_engine()
    return _replica_engine(settings.read_database_url, settings.db_statement_timeout)


@lru_cache
def _replica_engine(url: str, statement_timeout: float) -> Engine:
    return make_engine(url, statement_timeout=statement_timeout)


def engine_for(method: str) -> Engine:
    """``GET``/``HEAD`` read from the replica; every other method (a write, and the read
    of what it wrote in the same request) goes to the primary."""
    return get_read_engine() if method in ("GET", "HEAD") else get_engine()


def get_writer_engine() -> Engine:
    """The importer's engine: on SQLite, write transactions queue behind each other."""
    settings = get_settings()
    return for_writes(
        make_engine(settings.database_url, statement_timeout=settings.db_statement_timeout)
    )


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request; the request owns the transaction. Reads (``GET``) go to
    the read replica when there is one, writes to the primary (``engine_for``).

    ``async`` so that opening it costs no thread-pool round trip: a Session connects
    lazily, on its first statement, in the endpoint's thread. Closing it rolls back and
    returns the connection to the pool: local and instant on SQLite, so it runs on the
    event loop; a network round trip on PostgreSQL, so it runs in the thread pool, where a
    stalled server cannot block the loop.
    """
    engine = engine_for(request.method)
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        if engine.dialect.name == "sqlite" or not session.in_transaction():
            session.close()
        else:
            await run_in_threadpool(session.close)


SessionDep = Annotated[Session, Depends(get_session)]


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
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
