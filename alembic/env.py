"""Alembic environment: the whole metadata, batch mode on SQLite."""

import app.models  # noqa: F401  (registers every table)
from alembic import context
from app.config import get_settings
from app.db import is_sqlite, make_engine, metadata

config = context.config
url = config.get_main_option("sqlalchemy.url") or get_settings().database_url


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # Full-text search objects (FTS5 virtual tables and their shadow tables, the
    # PostgreSQL tsvector column and its index) are created by raw SQL in migrations;
    # autogenerate must not try to drop them.
    is_fts = type_ in ("table", "index", "column") and bool(name) and name.startswith("article_fts")
    return not is_fts


def run_migrations_offline() -> None:
    context.configure(
        url=url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=is_sqlite(url),
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A table rebuilt in batch mode is dropped and re-created: with foreign keys on,
        # the drop would cascade to the rows pointing at it. The pragma only takes
        # effect outside a transaction, hence before the migrations' own.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        _migrate(connection)
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
