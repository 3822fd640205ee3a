"""Profile the API server under load with py-spy (all threads: the event loop and the pool).

``python -m bench.profile_api --url sqlite:////tmp/newsmeta-bench/store-100000-s1.db
--path /v1/articles/5000 --path /v1/articles/60000 --seconds 8`` serves the store with
one uvicorn worker, drives the paths with the load generator while ``py-spy record``
samples the server (response cache off unless ``NEWSMETA_RESPONSE_CACHE_MB`` is set),
and prints where the time goes: inclusive share per package and
per function. ``--svg FILE`` also writes py-spy's flame graph.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

from bench import loadgen
from bench.servers import serve, uvicorn_argv

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^:]*)(?::\d+)?\)$")


_IDLE = re.compile(r"^(Condition\.wait|EpollSelector\.select|select|wait|_worker) \(")


def _package(file: str) -> str:
    if "site-packages/" in file:
        return file.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/app/" in file:
        return "app (newsmeta)"
    return "python stdlib"


def summarize(raw: str, top: int = 30) -> str:
    """Inclusive shares of packages and functions in py-spy's collapsed stacks."""
    packages: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = stack.split(";")
        if _IDLE.match(frames[-1]) or any(f.startswith("Queue.get (") for f in frames):
            continue  # a pool thread or the event loop waiting for work
        count = int(count_text)
        total += count
        seen_packages, seen_functions = set(), set()
        for frame in frames:
            match = _FRAME.match(frame)
            if not match:
                continue
            seen_packages.add(_package(match["file"]))
            short = match["file"].split("site-packages/")[-1].split("/app/")[-1]
            seen_functions.add(f"{match['func']} ({short})")
        leaf = _FRAME.match(frames[-1])
        leaves[_package(leaf["file"]) if leaf else "?"] += count
        packages.update(dict.fromkeys(seen_packages, count))
        functions.update(dict.fromkeys(seen_functions, count))
    if not total:
        return "no busy samples"
    lines = [f"{total} busy samples; inclusive share per package:"]
    lines += [f"  {n / total:6.1%}  {name}" for name, n in packages.most_common()]
    lines.append("self time per package (where the CPU actually is):")
    lines += [f"  {n / total:6.1%}  {name}" for name, n in leaves.most_common()]
    lines.append("inclusive share per function:")
    lines += [f"  {n / total:6.1%}  {name}" for name, n in functions.most_common(top)]
    return "\n".join(lines)


def profile(url: str, paths: list[str], seconds: float, svg: Path | None = None) -> str:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    # The response cache off unless asked for: a profile of hits shows nothing of the query.
    cache = os.environ.get("NEWSMETA_RESPONSE_CACHE_MB", "0")
    env = {
        "NEWSMETA_DATABASE_URL": url,
        "NEWSMETA_LOG_LEVEL": "WARNING",
        "NEWSMETA_RESPONSE_CACHE_MB": cache,
    }
    argv = uvicorn_argv("app.main:create_app", 1, factory=True)
    with (
        serve("profiled", argv, env=env, ready_path="/healthz") as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        loadgen.run(server.base, paths, connections=16, seconds=1)  # warm-up
        raw_file = Path(tmp) / "stacks.txt"
        record = [spy, "record", "-p", str(server.process.pid), "-d", str(int(seconds)),
                  "-r", "250", "--gil", "--full-filenames", "--nonblocking"]  # fmt: skip
        load = threading.Thread(
            target=loadgen.run,
            args=(server.base, paths),
            kwargs={"connections": 16, "seconds": seconds},
        )
        load.start()
        jobs = [
            subprocess.Popen([*record, "-f", "raw", "-o", str(raw_file)], stdout=subprocess.DEVNULL)
        ]
        if svg:
            jobs.append(subprocess.Popen([*record, "-o", str(svg)], stdout=subprocess.DEVNULL))
        for job in jobs:
            job.wait()
        load.join()
        raw = raw_file.read_text()
    return summarize(raw)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.profile_api")
    parser.add_argument("--url", required=True)
    parser.add_argument("--path", action="append", required=True)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--svg", type=Path)
    args = parser.parse_args(sys.argv[1:])
    print(profile(args.url, args.path, args.seconds, args.svg))
