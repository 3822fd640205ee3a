"""The migrations create exactly what the models describe, on both stores."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import app.models  # noqa: F401
from alembic import command
from app.db import alembic_config, head_revision, make_engine, metadata, migration_state, upgrade
from tests.conftest import drop_postgres_database, new_store_url


def _not_full_text(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # Same rule as alembic/env.py: full-text objects are raw SQL (migration 0002).
    is_fts = type_ in ("table", "index", "column") and bool(name) and name.startswith("article_fts")
    return not is_fts


def test_models_and_migrations_agree(backend: str, tmp_path: Path) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        upgrade(url)
        engine = make_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": _not_full_text}
            )
            assert compare_metadata(context, metadata) == []
        assert migration_state(engine) == (head_revision(), head_revision())
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def test_downgrade_to_base_and_back(backend: str, tmp_path: Path) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        upgrade(url)
        command.downgrade(alembic_config(url), "base")
        engine = make_engine(url)
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert not {t for t in tables if not t.startswith("article_fts")}
        engine.dispose()
        upgrade(url)
        engine = make_engine(url)
        assert "article" in inspect(engine).get_table_names()
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
