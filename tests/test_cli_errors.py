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


# --- serve: the address must work before uvicorn starts (issue: --port 80000 served 14464)


@pytest.fixture
def uvicorn_runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The calls to uvicorn.run (none is made for real)."""
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    return calls


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("port", ["80000", "65536", "0", "-1", "http"])
def test_serve_refuses_a_port_out_of_range_in_one_line(
    port: str, store: str, uvicorn_runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--port", port])
    assert exited.value.code == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("newsmeta serve: argument --port:") and "newsmeta serve --help" in line
    assert uvicorn_runs == []


def test_serve_passes_the_port_it_was_given(
    store: str, uvicorn_runs: list[dict[str, object]]
) -> None:
    from tests.live_server import free_port

    port = free_port()
    assert cli.main(["serve", "--port", str(port)]) == 0
    assert uvicorn_runs[0]["port"] == port and uvicorn_runs[0]["host"] == "127.0.0.1"


def test_serve_refuses_a_host_that_does_not_resolve(
    store: str, uvicorn_runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["serve", "--host", "no-such-host.invalid"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("newsmeta: --host no-such-host.invalid: no such host")
    assert uvicorn_runs == []


def test_serve_refuses_an_address_of_another_machine(
    store: str, uvicorn_runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    # TEST-NET-1 (RFC 5737): never an address of this machine.
    assert cli.main(["serve", "--host", "192.0.2.1"]) == 2
    assert "is not an address of this machine" in _one_line(capsys.readouterr().err)
    assert uvicorn_runs == []


def test_serve_refuses_a_busy_port(
    store: str, uvicorn_runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 2
    line = _one_line(capsys.readouterr().err)
    assert line == (
        f"newsmeta: port {port} is already in use on 127.0.0.1: stop the program holding it, "
        "or pick another --port"
    )
    assert uvicorn_runs == []


def test_serve_refuses_an_unusable_database_url_before_serving(
    store: str,
    settings_env: Callable[..., None],
    uvicorn_runs: list[object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings_env(database_url="mysql://user:secret@db/news")
    assert cli.main(["serve"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("newsmeta: NEWSMETA_DATABASE_URL: unsupported database 'mysql://'")
    assert "secret" not in line
    assert uvicorn_runs == []
    settings_env(database_url=store, read_database_url="postgresql+nodriver://replica/news")
    assert cli.main(["serve"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("newsmeta: NEWSMETA_READ_DATABASE_URL: the driver of"), line
    assert uvicorn_runs == []


# --- database URLs: what is wrong and what to do, in one line


def test_plain_postgresql_urls_get_the_installed_driver() -> None:
    from app.db import resolve_url

    assert resolve_url("postgresql://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert resolve_url("postgres://u@h/db?sslmode=require") == (
        "postgresql+psycopg://u@h/db?sslmode=require"
    )
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///./data/x.db") == "sqlite:///./data/x.db"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "not a database URL; write it as sqlite:///"),
        ("mysql://u:secret@h/db", "unsupported database 'mysql://'"),
        ("oracle+cx_oracle://u:secret@h/db", "unsupported database 'oracle+cx_oracle://'"),
        ("postgresql+asyncpg2://u:secret@h/db", "the driver of 'postgresql+asyncpg2://'"),
    ],
)
def test_an_unusable_database_url_is_one_line(
    url: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    settings_env: Callable[..., None],
) -> None:
    settings_env(database_url=url, log_level="WARNING")
    assert cli.main(["db", "upgrade"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(f"newsmeta: NEWSMETA_DATABASE_URL: {expected}"), line
    assert "secret" not in line


@pytest.mark.parametrize(
    ("driver_says", "user_reads"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 5499 failed: '
            "Connection refused Is the server running on that host and accepting TCP/IP "
            "connections?",
            "cannot connect to PostgreSQL (connection refused): is the server running",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL: '
            'password authentication failed for user "news"',
            "PostgreSQL refused the password of user news: fix NEWSMETA_DATABASE_URL",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL: '
            'database "nosuch" does not exist',
            "PostgreSQL has no database nosuch: create it (`createdb nosuch`)",
        ),
        (
            'failed to resolve host "db.invalid": [Errno -2] Name or service not known',
            "cannot resolve the database host: fix NEWSMETA_DATABASE_URL",
        ),
        ("unable to open database file", "cannot open the SQLite file"),
        ("no such table: article", "the store has no tables or is behind the code"),
    ],
)
def test_store_errors_say_what_is_wrong_and_what_to_do(driver_says: str, user_reads: str) -> None:
    from sqlalchemy.exc import OperationalError

    from app.cli_errors import explain

    assert explain(OperationalError("SELECT 1", {}, Exception(driver_says))).startswith(user_reads)


def test_a_database_server_that_is_down_is_one_line(tmp_path: Path) -> None:
    # Port 1 on the loopback: nothing listens there.
    result = newsmeta("db", "upgrade", url="postgresql://postgres@127.0.0.1:1/news")
    assert result.returncode == 1
    line = _one_line(result.stderr)
    assert line.startswith("newsmeta: cannot connect to PostgreSQL (connection refused)")


def test_plain_postgresql_url_upgrades_a_real_server(tmp_path: Path) -> None:
    from tests.conftest import drop_postgres_database, new_store_url

    url = new_store_url("postgresql", tmp_path)  # skips without a server
    try:
        plain = "postgresql://" + url.split("://", 1)[1]
        result = newsmeta("db", "upgrade", url=plain)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("created the store")
    finally:
        drop_postgres_database(url)


# --- db upgrade and db export


def test_db_upgrade_says_it_created_a_new_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'store.db'}"
    created = newsmeta("db", "upgrade", url=url)
    assert created.returncode == 0 and created.stdout.startswith("created the store"), created
    again = newsmeta("db", "upgrade", url=url)
    assert again.stdout.startswith("the store is already at the latest migration")


def test_export_to_a_missing_folder_needs_parents(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backups" / "2026" / "dump.jsonl"
    assert cli.main(["db", "export", str(target)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == (
        f"newsmeta: the folder {target.parent} does not exist: create it, or pass --parents"
    )
    assert not (tmp_path / "backups").exists()
    assert cli.main(["db", "export", "--parents", str(target)]) == 0
    assert target.is_file()


def test_export_to_an_unwritable_place_is_one_line(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # as root, chmod would not stop us
    assert cli.main(["db", "export", str(tmp_path / "dump.jsonl")]) == 1
    assert _one_line(capsys.readouterr().err) == (
        f"newsmeta: cannot write in {tmp_path}: Permission denied"
    )
    monkeypatch.undo()
    (tmp_path / "a-file").write_text("")
    assert cli.main(["db", "export", str(tmp_path / "a-file" / "dump.jsonl")]) == 1
    assert "a-file is not a folder" in _one_line(capsys.readouterr().err)
    assert cli.main(["db", "export", str(tmp_path)]) == 1
    assert f"{tmp_path} is a folder: name the file" in _one_line(capsys.readouterr().err)


def test_a_bad_setting_is_named_without_its_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line names the variable and what is wrong; the value (a key, a URL with its
    password) never reaches the terminal or a log."""
    from app.config import get_settings

    monkeypatch.setenv("NEWSMETA_PAGE_SIZE", "s3cret-not-a-number")
    get_settings.cache_clear()
    try:
        assert cli.main(["db", "upgrade"]) == 1
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith("newsmeta: invalid setting: NEWSMETA_PAGE_SIZE: ")
    assert "s3cret" not in err and len(err.strip().splitlines()) == 1
