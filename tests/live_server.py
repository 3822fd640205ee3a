"""A real ``newsmeta serve`` in a subprocess, over a store with ``examples/`` imported."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Headless chromium that reaches for no network (closed here) at start: shared by the
# browser tests, which add their own flags.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_newsmeta(
    command: list[str], *args: str, env: Mapping[str, str], cwd: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``command`` (e.g. ``[python, -m, app]`` or an installed ``newsmeta``) with ``args``."""
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_ready(
    base: str, process: subprocess.Popen[Any], *, seconds: float, what: str = "the server"
) -> None:
    """Wait until ``/readyz`` answers 200; fail if ``process`` exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            stderr = process.stderr.read() if process.stderr is not None else ""
            pytest.fail(f"{what} exited with {process.returncode}: {stderr}")
        time.sleep(0.2)
    pytest.fail(f"{what} did not become ready in {seconds:.0f} s")


@contextmanager
def serving(command: list[str], *, env: Mapping[str, str], cwd: Path) -> Iterator[str]:
    """``newsmeta serve`` on a free loopback port until the block ends; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Generous: start-up is slow on a loaded machine (a deadline, not a timing assertion).
        wait_ready(base, process, seconds=90)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen[Any]) -> None:
    """Terminate ``process``; kill it if it is still there 10 s later."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def examples_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API as `make run` serves it: a migrated SQLite store with ``examples/`` imported."""
    folder = tmp_path_factory.mktemp("examples-server")
    env = {
        "NEWSMETA_DATABASE_URL": f"sqlite:///{folder / 'store.db'}",
        "NEWSMETA_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "app"]
    for args in (["db", "upgrade"], ["import", str(ROOT / "examples")]):
        result = run_newsmeta(command, *args, env=env, cwd=folder)
        assert result.returncode == 0, result.stdout + result.stderr
    with serving(command, env=env, cwd=folder) as base:
        yield base
