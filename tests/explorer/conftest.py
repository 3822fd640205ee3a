"""What the explorer's tests need: node with frontend/node_modules, Debian's chromium.

On a user's machine without them the tests skip, saying what is missing; under CI (``CI``
set) they fail instead, so a green CI always means the explorer was built and driven.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
STATIC = ROOT / "app" / "explorer" / "static"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require(ok: bool, reason: str) -> None:
    """Skip with ``reason`` when ``ok`` is false, or fail under CI."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI is set: the explorer's tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def node() -> str:
    """The node binary, with the frontend's packages installed by `npm ci`."""
    path = shutil.which("node")
    require(path is not None, "node is not installed (apt-get install nodejs npm)")
    require(
        (FRONTEND / "node_modules" / ".package-lock.json").exists(),
        "frontend/node_modules is missing (run `make frontend-deps`, i.e. npm ci)",
    )
    assert path is not None
    return path


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """Debian's chromium and chromedriver."""
    require(
        Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists(),
        "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    )
    return CHROMIUM, CHROMEDRIVER


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    shots = sorted(SCREENSHOTS.glob("*.png")) if SCREENSHOTS.exists() else []
    if shots:
        terminalreporter.write_line(f"explorer screenshots ({len(shots)}): {SCREENSHOTS}/")
