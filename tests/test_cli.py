"""`newsmeta` end to end in a subprocess, on a real store (committed writes)."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from app.db import make_engine
from tests.conftest import SEED_FILE, drop_postgres_database, new_store_url


def newsmeta(*args: str, url: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"NEWSMETA_DATABASE_URL": url, "NEWSMETA_LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
    )


def test_upgrade_import_twice_and_report(backend: str, tmp_path: Path) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        assert newsmeta("db", "upgrade", url=url).returncode == 0
        first = newsmeta("import", str(SEED_FILE), "--published", "2022-01-07", url=url)
        assert first.returncode == 0, first.stderr
        assert "imported 1, updated 0, unchanged 0, failed 0" in first.stdout
        again = newsmeta("import", str(SEED_FILE), "--published", "2022-01-07", url=url)
        assert "imported 0, updated 0, unchanged 1, failed 0" in again.stdout
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM article")).scalar() == 1
            assert (
                str(conn.execute(text("SELECT published_at FROM article")).scalar()) == "2022-01-07"
            )
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def test_failures_give_exit_code_1_with_reasons(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    (tmp_path / "empty.txt").write_text("")
    result = newsmeta(
        "import",
        str(SEED_FILE),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "missing.txt"),
        url=url,
    )
    assert result.returncode == 1
    assert "imported 1, updated 0, unchanged 0, failed 2" in result.stdout
    assert f"failed: {tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert "missing.txt: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_refuses_a_store_behind_its_migrations(tmp_path: Path) -> None:
    result = newsmeta("import", str(SEED_FILE), url=f"sqlite:///{tmp_path / 'new.db'}")
    assert result.returncode == 2
    assert "newsmeta db upgrade" in result.stderr


def test_stdin_import(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    result = newsmeta(
        "import", "-", "--published", "2022-01-07", url=url, stdin=SEED_FILE.read_text()
    )
    assert result.returncode == 0 and "imported 1" in result.stdout
