"""Test stores built by the migrations, on SQLite always and PostgreSQL when configured.

``NEWSMETA_TEST_DATABASE_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``)
names a server; each test run creates its own database there and drops it at the end.
Each test runs inside a transaction that is rolled back (commits become savepoints).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.config import get_settings
from app.db import get_engine, get_session, make_engine, upgrade
from bench.paths import EVAL_DIR_UNSET, SEED_DIR, EvalDataMissing, eval_dir, seed_file
from tests.live_server import examples_server  # noqa: F401  (a session fixture)

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = seed_file()
SEED_GOLD = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
BACKENDS = ["sqlite", "postgresql"]

# Most API tests share their rolled-back transaction with the app (``client``): nothing
# is committed, so the response cache, which is invalidated by commits, would serve
# stale reads. It is off by default here; tests/test_response_cache.py turns it on over
# stores that really commit.
os.environ.setdefault("NEWSMETA_RESPONSE_CACHE_MB", "0")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Every test that touches the store runs once per backend.
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, scope="session")


def eval_set(name: str) -> Path:
    """The folder of one evaluation set under ``$NEWSMETA_EVAL_DIR``.

    Skips the test when the variable is unset (a clone alone); fails when it names a folder
    without the set, or when it is unset in CI (``.ci/run`` always sets it).
    """
    try:
        folder = eval_dir() / name
    except EvalDataMissing:
        if os.environ.get("CI"):
            pytest.fail(f"{EVAL_DIR_UNSET}: the evaluation gates must run in CI")
        pytest.skip(f"{EVAL_DIR_UNSET}: evaluation gate on {name} not run")
    if not folder.is_dir():
        pytest.fail(f"evaluation set missing: {folder} (NEWSMETA_EVAL_DIR={eval_dir()})")
    return folder


def _postgres_server_url() -> str | None:
    return os.environ.get("NEWSMETA_TEST_DATABASE_URL") or None


def create_postgres_database(server_url: str) -> str:
    """A new empty database on the server; returns its URL."""
    url = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"newsmeta_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url.render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(database_url: str) -> None:
    url = make_url(database_url)
    name = url.database
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def new_store_url(backend: str, tmp_path: Path) -> str:
    """URL of a fresh, empty store of ``backend`` (skips PostgreSQL when not configured)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'store-{uuid.uuid4().hex[:8]}.db'}"
    server = _postgres_server_url()
    if server is None:
        pytest.skip("NEWSMETA_TEST_DATABASE_URL is not set")
    return create_postgres_database(server)


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated store shared by the tests of one backend."""
    url = new_store_url(backend, tmp_path_factory.mktemp(backend))
    upgrade(url)
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test.

    pysqlite emits no BEGIN for ``connection.begin()``: without one, a commit in the code
    under test (a RELEASE of the outermost SAVEPOINT) would commit for real on SQLite and
    leak rows into later tests.
    """
    connection = engine.connect()
    outer = connection.begin()
    if engine.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def session_factory(session: Session) -> Callable[[], Session]:
    """For code that opens its own sessions (the importer): all share the test transaction."""
    connection = session.connection()

    def factory() -> Session:
        return Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )

    return factory


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set NEWSMETA_* variables for one test, with the settings cache cleared around it."""

    def apply(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"NEWSMETA_{name.upper()}", value)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture
def client(
    session: Session, database_url: str, settings_env: Callable[..., None]
) -> Iterator[TestClient]:
    """The app over the test store; requests share the test's rolled-back transaction."""
    settings_env(database_url=database_url)
    from app.main import create_app

    app = create_app()

    def override() -> Iterator[Session]:
        yield session

    app.dependency_overrides[get_session] = override
    with TestClient(app) as test_client:
        yield test_client
