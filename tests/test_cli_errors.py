"""What a user sees when something goes wrong: one line each, a traceback only on request."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import cli
from app.db import upgrade
from app.pipeline import run
from tests.conftest import SEED_FILE
from tests.test_cli import newsmeta


@pytest.fixture
def store(tmp_path: Path, settings_env: Callable[..., None]) -> Iterator[str]:
    """A migrated SQLite store that ``cli.main`` (in this process) uses."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade(url)
    settings_env(database_url=url, log_level="WARNING")
    app_logger = logging.getLogger("app")
    level = app_logger.level
    yield url
    app_logger.setLevel(level)  # --verbose sets it
    cli.log.setLevel(logging.NOTSET)


def _boom_on(name: str, real: Callable[..., object]) -> Callable[..., object]:
    def prepare(raw, *args, **kwargs):  # type: ignore[no-untyped-def]
        if raw.origin.endswith(name):
            raise RuntimeError("kaboom\nsecond line")
        return real(raw, *args, **kwargs)

    return prepare


def test_an_unexpected_error_in_one_file_fails_that_file_only(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED_FILE, tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_text("Titre\n\nUn texte qui fera échouer une étape.\n")
    monkeypatch.setattr(run, "prepare", _boom_on("bad.txt", run.prepare))
    code = cli.main(["import", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "imported 1, updated 0, unchanged 0, failed 1" in out
    failed = [line for line in err.splitlines() if line.startswith("failed:")]
    assert failed == [
        f"failed: {tmp_path / 'bad.txt'}: unexpected error: RuntimeError: kaboom second line"
    ]
    assert "Traceback" not in err


def test_an_error_while_reading_a_file_fails_that_file_only(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED_FILE, tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_text("anything")
    real_read = run.read_path

    def read_path(path, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("bad.txt"):
            raise KeyError("lost")
        yield from real_read(path, **kwargs)

    monkeypatch.setattr(run, "read_path", read_path)
    code = cli.main(["import", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")])
    out, err = capsys.readouterr()
    assert code == 1 and "imported 1, updated 0, unchanged 0, failed 1" in out
    assert f"failed: {tmp_path / 'bad.txt'}: unexpected error: KeyError: 'lost'" in err
    assert "Traceback" not in err


def test_verbose_shows_the_traceback_of_a_failed_file(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.txt").write_text("Titre\n\nUn texte qui fera échouer une étape.\n")
    monkeypatch.setattr(run, "prepare", _boom_on("bad.txt", run.prepare))
    assert cli.main(["import", "--verbose", str(tmp_path / "bad.txt")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: kaboom" in err


def test_an_unexpected_error_of_a_command_is_one_line(
    store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise ValueError("no luck")

    monkeypatch.setattr(cli, "cmd_serve", broken)
    assert cli.main(["serve"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "newsmeta: unexpected error: ValueError: no luck (run with --verbose for the traceback)"
    )
    assert cli.main(["-v", "serve"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_missing_migrations_are_one_line(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app import db

    monkeypatch.setattr(db, "PACKAGED_MIGRATIONS", tmp_path / "nowhere")
    monkeypatch.setattr(db, "SOURCE_MIGRATIONS", tmp_path / "nowhere-either")
    assert cli.main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsmeta: the migrations are missing") and err.count("\n") == 1


@pytest.mark.parametrize(
    "command",
    [
        ["import", str(SEED_FILE)],
        ["db", "export", "-"],
        ["kb", "import", str(Path("app/entities/data/curated.jsonl").resolve())],
    ],
)
def test_a_store_without_tables_is_one_line_saying_what_to_run(
    command: list[str], tmp_path: Path
) -> None:
    result = newsmeta(*command, url=f"sqlite:///{tmp_path / 'new.db'}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run `newsmeta db upgrade`" in lines[0], result.stderr
