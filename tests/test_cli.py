"""`newsmeta` end to end in a subprocess, on a real store (committed writes)."""

import os
import re
import shutil
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
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")  # exists, cannot be read
    result = newsmeta(
        "import",
        str(SEED_FILE),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "dangling.txt"),
        url=url,
    )
    assert result.returncode == 1
    assert "imported 1, updated 0, unchanged 0, failed 2" in result.stdout
    assert f"failed: {tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert "dangling.txt: cannot read" in result.stderr
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


# --- help, version, inputs checked before spaCy loads


def test_help_describes_every_option_with_its_default() -> None:
    from app.cli import build_parser

    parser = build_parser()
    top = parser.format_help()
    assert "``" not in top and "newsmeta turns news articles" in top
    serve = newsmeta("serve", "--help", url="sqlite://").stdout
    for option, default in (("--host", "127.0.0.1"), ("--port", "8000"), ("--workers", "1")):
        described = re.search(rf"^  {option} \S+\s+(.+?)(?=^  -|\Z)", serve, re.S | re.M)
        assert described, (option, serve)
        assert f"(default: {default})" in " ".join(described.group(1).split()), serve
    kb = newsmeta("kb", "import", "--help", url="sqlite://").stdout
    assert "name,type,aliases,wikidata,geonames,iso3166" in kb
    assert '"aliases": ["OTAN"' in kb and "PERSON, ORG, LOC or MISC" in kb


def test_version() -> None:
    from importlib.metadata import version

    result = newsmeta("--version", url="sqlite://")
    assert result.returncode == 0 and result.stdout.strip() == f"newsmeta {version('newsmeta')}"


def test_a_missing_path_fails_at_once_without_loading_spacy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    check = (
        "import sys; from app.cli import main; "
        f"code = main(['import', {str(SEED_FILE)!r}, {str(tmp_path / 'nowhere.txt')!r}]); "
        "assert 'spacy' not in sys.modules, 'spaCy was loaded'; sys.exit(code)"
    )
    env = os.environ | {"NEWSMETA_DATABASE_URL": url, "NEWSMETA_LOG_LEVEL": "WARNING"}
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"newsmeta: no such file or folder: {tmp_path / 'nowhere.txt'}\n"
    with make_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM article")).scalar() == 0


def test_an_empty_folder_says_no_article_files_were_found(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "README.md").write_text("# Drop articles here\n")
    result = newsmeta("import", str(tmp_path / "inbox"), url=url)
    assert result.returncode == 1
    assert result.stderr.startswith(f"newsmeta: no article files in {tmp_path / 'inbox'} ")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_non_article_files_in_a_folder_are_skipped_with_a_note(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "article.txt")
    (folder / "README.md").write_text("# About this batch\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = newsmeta("import", str(folder), "--published", "2022-01-07", url=url)
    assert result.returncode == 0, result.stderr
    assert "imported 1, updated 0, unchanged 0, failed 0, skipped 2" in result.stdout
    assert f"skipped: {folder / 'README.md'}: not an article file (.md)" in result.stderr
    assert f"skipped: {folder / 'photo.jpg'}: not an article file (.jpg)" in result.stderr
    # Named on the command line, an unknown format is the user's mistake: it fails.
    named = newsmeta("import", str(folder / "README.md"), url=url)
    assert named.returncode == 1 and "failed 1" in named.stdout


def test_import_cpu_line_only_when_verbose(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    newsmeta("db", "upgrade", url=url)
    env = os.environ | {"NEWSMETA_DATABASE_URL": url, "NEWSMETA_LOG_LEVEL": "INFO"}
    for verbose in ([], ["--verbose"]):
        command = [sys.executable, "-m", "app", "import", *verbose, str(SEED_FILE)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        assert ("import cpu: main=" in result.stderr) == bool(verbose), result.stderr


def test_reimport_with_source_fills_a_missing_source_and_keeps_a_stored_one(
    backend: str, tmp_path: Path
) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        newsmeta("db", "upgrade", url=url)
        args = ("import", str(SEED_FILE), "--published", "2022-01-07")
        assert "imported 1" in newsmeta(*args, url=url).stdout
        filled = newsmeta(*args, "--source", "rt.com", url=url)
        assert filled.returncode == 0, filled.stderr
        assert "imported 0, updated 1, unchanged 0, failed 0" in filled.stdout
        kept = newsmeta(*args, "--source", "example.org", url=url)
        assert "imported 0, updated 0, unchanged 1, failed 0" in kept.stdout
        assert (
            f"note: {SEED_FILE}: unchanged; its stored source 'rt.com' is kept "
            "(not 'example.org')" in kept.stderr
        )
        engine = make_engine(url)
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT s.name FROM article a JOIN source s ON s.id = a.source_id")
            ).scalars()
            assert list(stored) == ["rt.com"]
            kinds = conn.execute(text("SELECT kind FROM change WHERE resource = 'article'"))
            assert sorted(kinds.scalars()) == ["created", "updated"]
        engine.dispose()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
