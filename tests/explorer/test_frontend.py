"""The explorer's sources: type-checked, client generated from the live OpenAPI document,
committed build current and small. Each rebuilds into a temporary folder and compares."""

from __future__ import annotations

import fnmatch
import json
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.explorer.conftest import FRONTEND, ROOT, STATIC

REBUILD = "run `make explorer` and commit the result"
# Everything the browser downloads: the page, the script and the style sheet.
BUNDLE_LIMIT = 150 * 1024


def run(*args: str, cwd: Path = FRONTEND) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_typescript_type_checks(node: str) -> None:
    result = run(node, "node_modules/typescript/bin/tsc", "--noEmit")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_api_client_matches_the_openapi_document(node: str, tmp_path: Path) -> None:
    """frontend/src/api/ is generated from the app's /openapi.json, never edited by hand."""
    document = tmp_path / "openapi.json"
    dumped = run(sys.executable, str(FRONTEND / "scripts" / "dump_openapi.py"))
    assert dumped.returncode == 0, dumped.stderr
    document.write_text(dumped.stdout)
    output = tmp_path / "schema.ts"
    generated = run(
        node,
        "node_modules/openapi-typescript/bin/cli.js",
        str(document),
        "--output",
        str(output),
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    committed = (FRONTEND / "src" / "api" / "schema.ts").read_text()
    assert output.read_text() == committed, f"frontend/src/api/schema.ts is stale: {REBUILD}"


def test_committed_build_is_current(node: str, tmp_path: Path) -> None:
    built = run(node, "build.mjs", str(tmp_path))
    assert built.returncode == 0, built.stdout + built.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in STATIC.iterdir() if p.is_file())
    for name in names:
        assert (tmp_path / name).read_bytes() == (STATIC / name).read_bytes(), (
            f"app/explorer/static/{name} is stale: {REBUILD}"
        )


def test_bundle_is_under_150_kb() -> None:
    size = sum(p.stat().st_size for p in STATIC.iterdir() if p.is_file())
    assert 0 < size < BUNDLE_LIMIT, f"the explorer weighs {size} bytes"


def test_lock_file_matches_package_json_and_nothing_ships_but_the_build() -> None:
    """`npm ci` installs what the lock file pins; the packages are build tools only (the
    browser gets the committed build, no runtime dependency)."""
    package = json.loads((FRONTEND / "package.json").read_text())
    lock = json.loads((FRONTEND / "package-lock.json").read_text())
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"]
    assert not package.get("dependencies")


def test_every_built_file_ships_in_the_wheel_as_package_data() -> None:
    """A non-editable install serves the explorer too: pyproject's package-data covers it."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["app"]
    for path in STATIC.iterdir():
        relative = path.relative_to(ROOT / "app").as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), f"{relative} is not shipped"


def test_evidence_unit_tests_pass(node: str) -> None:
    """frontend/tests/*.test.mjs (the offsets logic), bundled by esbuild, run by node --test."""
    result = run(node, "tests/run.mjs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 3" in result.stdout
