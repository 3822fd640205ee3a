"""Start and stop the servers under test on 127.0.0.1, and read their memory from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def pids(self) -> list[int]:
        """The server process and its children (uvicorn workers)."""
        found = [self.process.pid]
        for pid in found:
            children = Path(f"/proc/{pid}/task/{pid}/children")
            if children.exists():
                found += [int(p) for p in children.read_text().split()]
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server's processes so far (from /proc).

        CPU per request is what a query costs the server whatever else the machine is
        doing: on a shared, noisy machine it moves far less than requests per second.
        """
        ticks = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, IndexError):
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
        return ticks / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> tuple[float, float, float]:
        """(RSS, peak RSS, anonymous RSS) summed over the processes, in MB.

        RSS counts the pages of the SQLite file mapped by ``mmap_size`` (file-backed,
        reclaimable); the anonymous part is the process's own memory (heap, page caches).
        """
        rss = peak = anon = 0
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            rss += int(fields.get("VmRSS", "0 kB").split()[0])
            peak += int(fields.get("VmHWM", "0 kB").split()[0])
            anon += int(fields.get("RssAnon", "0 kB").split()[0])
        return rss / 1024, peak / 1024, anon / 1024


def _wait_ready(server: Server, path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited; see {server.log}")
        try:
            if httpx.get(server.base + path, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} not ready after {timeout:.0f} s; see {server.log}")


@contextmanager
def serve(
    name: str, argv: list[str], *, env: dict[str, str], ready_path: str, cwd: Path = ROOT,
    timeout: float = 600,
) -> Iterator[Server]:  # fmt: skip
    """Run ``argv`` (which must listen on the port given as ``{port}``) until the block ends."""
    port = free_port()
    log = Path("/tmp/newsmeta-bench") / f"server-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [a.format(port=port) for a in argv],
            env=os.environ | env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole, nothing else
        )
    server = Server(name, process, port, log)
    try:
        _wait_ready(server, ready_path, timeout)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def uvicorn_argv(target: str, workers: int, *, factory: bool = False) -> list[str]:
    argv = [sys.executable, "-m", "uvicorn", target, "--host", HOST, "--port", "{port}"]
    argv += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return argv + (["--factory"] if factory else [])


def datasette_argv(db_file: Path) -> list[str]:
    # Immutable (-i): Datasette's fastest mode (no change checks, table counts cached).
    return [sys.executable, "-m", "datasette", "serve", "-i", str(db_file), "-h", HOST,
            "-p", "{port}", "--setting", "suggest_facets", "off"]  # fmt: skip
