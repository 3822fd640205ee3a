"""Drive a server at fixed concurrency for a few seconds: ``wrk`` if installed, else httpx.

Both run in another process than the server and report requests/s and p50/p99 latency.
The paths of one measurement are cycled through (e.g. 100 article ids), so the server
does not answer the same row over and over.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\":%%d,\\"duration_us\\":%%d,\\"p50_us\\":%%d,\\"p99_us\\":%%d,"
    .. "\\"non_2xx\\":%%d,\\"socket_errors\\":%%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class Measure:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        return asdict(self) | {"rps": round(self.rps, 1)}


def tool() -> str:
    """``wrk`` when it is on the PATH, else the httpx fallback."""
    return "wrk" if shutil.which("wrk") else "httpx"


def run(base: str, paths: list[str], *, connections: int, seconds: float) -> Measure:
    """GET ``paths`` in turn on ``base`` with ``connections`` open for ``seconds``."""
    if tool() == "wrk":
        return _wrk(base, paths, connections, seconds)
    return _httpx(base, paths, connections, seconds)


def _wrk(base: str, paths: list[str], connections: int, seconds: float) -> Measure:
    quoted = ",".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % quoted)
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", script.name, base],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout  # fmt: skip
    finally:
        Path(script.name).unlink(missing_ok=True)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    r = json.loads(line[len("RESULT ") :])
    return Measure(
        requests=r["requests"],
        seconds=r["duration_us"] / 1e6,
        p50_ms=r["p50_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
        errors=r["non_2xx"] + r["socket_errors"],
        tool="wrk",
    )


def _httpx(base: str, paths: list[str], connections: int, seconds: float) -> Measure:
    """The fallback, in a child process so the client never shares the server's CPU slot."""
    payload = json.dumps({"base": base, "paths": paths, "c": connections, "s": seconds})
    out = subprocess.run(
        [sys.executable, "-m", "bench.loadgen", payload],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    return Measure(**json.loads(out.splitlines()[-1]))


async def _drive(base: str, paths: list[str], connections: int, seconds: float) -> Measure:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async def worker(offset: int, client: httpx.AsyncClient) -> None:
        nonlocal errors
        i = offset
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.get(paths[i % len(paths)])
            latencies.append(time.perf_counter() - started)
            errors += response.status_code >= 400
            i += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        await asyncio.gather(*(worker(k, client) for k in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return Measure(len(latencies), elapsed, pick(0.5), pick(0.99), errors, "httpx")


if __name__ == "__main__":
    args = json.loads(sys.argv[1])
    measure = asyncio.run(_drive(args["base"], args["paths"], args["c"], args["s"]))
    print(json.dumps(asdict(measure)))
