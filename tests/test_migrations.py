"""The migrations create exactly what the models describe, on both stores."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

import app.models  # noqa: F401
from alembic import command
from app.articles.models import Article
from app.articles.service import ArticleFilters, list_articles
from app.common.pagination import PageParams
from app.db import alembic_config, head_revision, make_engine, metadata, migration_state, upgrade
from app.pipeline.store import load
from tests.api_data import build_store
from tests.conftest import drop_postgres_database, new_store_url
from tests.factories import make_article


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


def _counts(engine: Engine) -> dict[str, int]:
    tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
    with engine.connect() as connection:
        return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
                for t in tables}  # fmt: skip


def test_upgrade_to_ids_never_reused_keeps_the_data(backend: str, tmp_path: Path) -> None:
    """A store with data upgrades through 0009 (tables rebuilt on SQLite) and loses nothing;
    the id of the newest article, deleted before the upgrade, is not handed out again."""
    url = new_store_url(backend, tmp_path)
    try:
        upgrade(url, "0008_change_feed")
        engine = make_engine(url)
        with Session(engine) as session:
            ids = build_store(session)
            session.commit()
            assert load.delete_article(session, ids["unrelated"])
            session.commit()
        before = _counts(engine)
        engine.dispose()
        upgrade(url)
        engine = make_engine(url)
        assert _counts(engine) == before
        with Session(engine) as session:
            assert session.get(Article, ids["first"]) is not None
            assert make_article(session) > ids["unrelated"]
            session.rollback()
            found = list_articles(
                session=session,
                filters=ArticleFilters(q="pourparlers"),
                page=PageParams(limit=10, cursor=None),
            )[0]
            assert {a["id"] for a in found} == {ids["first"]}
        if backend == "sqlite":
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
