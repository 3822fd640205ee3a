"""``.ci/run`` always runs the evaluation gates: it sets NEWSMETA_EVAL_DIR to ../shared/eval
and fails, before any test, when that folder is missing. (PostgreSQL, chromium and make are
stubbed here: only the script's own decisions are under test.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ci_run(workplace: Path) -> subprocess.CompletedProcess[str]:
    clone = workplace / "clone"
    (clone / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", clone / ".ci" / "run")
    stubs = workplace / "stubs"
    stubs.mkdir()
    for name in ("pg_isready", "psql", "chromium"):
        (stubs / name).write_text("#!/bin/sh\nexit 0\n")
    (stubs / "make").write_text(f'#!/bin/sh\necho "$NEWSMETA_EVAL_DIR" > "{workplace}/make-ran"\n')
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    env = os.environ | {"PATH": f"{stubs}:{os.environ['PATH']}", "CI": "true"}
    env.pop("NEWSMETA_EVAL_DIR", None)
    return subprocess.run(
        ["bash", str(clone / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )


def test_ci_fails_without_the_evaluation_sets(tmp_path: Path) -> None:
    result = _ci_run(tmp_path)
    assert result.returncode == 1
    assert "evaluation sets are missing" in result.stderr
    assert not (tmp_path / "make-ran").exists()


def test_ci_points_the_gates_at_shared_eval(tmp_path: Path) -> None:
    (tmp_path / "shared" / "eval").mkdir(parents=True)
    result = _ci_run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "make-ran").read_text().strip() == str(tmp_path / "shared" / "eval")
