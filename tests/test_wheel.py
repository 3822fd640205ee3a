"""The package stands alone: a wheel built from the repository, installed with the
interpreter's own pip (not upgraded) into a clean venv without extras, migrates a store,
imports an HTML page, a feed and a JSON file, and serves, from a folder that is not the
repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.live_server import run_newsmeta, serving

ROOT = Path(__file__).resolve().parent.parent
_ANYWHERE = shutil.ignore_patterns("__pycache__", ".*_cache", "*.egg-info", "*.db", "*.db-*")
_AT_ROOT = {".git", ".venv", "data", "build", "dist"}


def _not_source(folder: str, names: list[str]) -> set[str]:
    """What a user's checkout lacks: the developer's venv, stores and build leftovers."""
    ignored = set(_ANYWHERE(folder, names))
    return ignored | (_AT_ROOT & set(names) if Path(folder) == ROOT else set())


def _run(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=1500
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.slow
def test_wheel_in_a_clean_venv_migrates_imports_and_serves(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_not_source)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env = {k: v for k, v in env.items() if not k.startswith("NEWSMETA_")}
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path, env=env)  # its bundled pip
    pip = [venv / "bin" / "python", "-m", "pip"]
    _run(
        *pip, "wheel", "--no-deps", "--wheel-dir", tmp_path / "dist", source, cwd=tmp_path, env=env
    )
    (wheel,) = (tmp_path / "dist").glob("newsmeta-*.whl")
    _run(*pip, "install", wheel, cwd=tmp_path, env=env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = _run(
        venv / "bin" / "python", "-c", "import app; print(app.__file__)", cwd=elsewhere, env=env
    )
    assert "site-packages" in installed  # not the repository's copy

    newsmeta = [str(venv / "bin" / "newsmeta")]
    store = {"NEWSMETA_DATABASE_URL": f"sqlite:///{elsewhere / 'store.db'}", "PATH": env["PATH"]}
    upgraded = run_newsmeta(newsmeta, "db", "upgrade", env=store, cwd=elsewhere)
    assert upgraded.returncode == 0, upgraded.stderr
    inputs = [
        ROOT / "tests" / "data" / "formats" / "page.html",
        ROOT / "tests" / "data" / "formats" / "feed.rss",
        ROOT / "examples" / "geneve-pourparlers.json",
    ]
    imported = run_newsmeta(newsmeta, "import", *map(str, inputs), env=store, cwd=elsewhere)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "failed 0" in imported.stdout and "Traceback" not in imported.stderr

    with serving(newsmeta, env=store, cwd=elsewhere) as base:
        articles = httpx.get(f"{base}/v1/articles", timeout=30).json()["data"]
        assert len(articles) >= 3
        assert httpx.get(f"{base}/docs-assets/swagger-ui-bundle.js", timeout=30).status_code == 200
