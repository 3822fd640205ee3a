"""A real browser renders /docs from a real server with every other host unreachable.

Debian's ``chromium`` runs headless; the host resolver maps every name but 127.0.0.1 to
nothing, so a page that needed a CDN would render blank. Skipped when chromium is absent
(a user's machine); fails in CI (``CI`` set), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live_server import CHROMIUM_FLAGS as OFFLINE_CHROMIUM

CHROMIUM_FLAGS = [
    *OFFLINE_CHROMIUM,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--virtual-time-budget=30000",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium): browser test not run")
    return found


def browse(url: str, profile: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *mode, url],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_docs_render_the_operations_offline(
    examples_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{examples_server}/docs"
    dom = browse(url, tmp_path / "profile-dom", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    # Swagger UI built the operations from /openapi.json: the page shows each path.
    for path in ("/v1/articles", "/v1/articles/{article_id}", "/v1/events", "/problems/{slug}"):
        assert f'data-path="{path}"' in dom.stdout, path
    assert "List articles, newest first" in dom.stdout

    screenshot = tmp_path / "docs.png"
    shot = browse(
        url, tmp_path / "profile-shot", "--window-size=1280,1600", f"--screenshot={screenshot}"
    )
    assert shot.returncode == 0 and screenshot.stat().st_size > 10_000, shot.stderr[-2000:]
    with capsys.disabled():
        print(f"\nscreenshot of /docs: {screenshot}")


def test_redoc_renders_offline(examples_server: str, tmp_path: Path) -> None:
    dom = browse(f"{examples_server}/redoc", tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "List articles, newest first" in dom.stdout
