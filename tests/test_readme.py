"""README's commands work on a fresh clone: every "Try it" curl line answers 2xx on a store
with examples/, the import lines run, and the POST/DELETE walk-through works against
`NEWSMETA_API_KEYS=KEY make run` (docker/start.sh)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import free_port, stop, wait_ready

ROOT = Path(__file__).resolve().parent.parent
README_BASE = "http://127.0.0.1:8000"


def try_it_commands() -> list[str]:
    """The ``curl`` lines of the code blocks of README's "Try it" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Try it\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README has no '## Try it' section"
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section.group(1), re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("curl ")]


def as_request(command: str, base: str) -> httpx.Request:
    """The HTTP request a ``curl`` line makes (the flags the README uses), sent to ``base``."""
    args = shlex.split(command)[1:]
    method, headers, body, url = "GET", {}, None, None
    while args:
        arg = args.pop(0)
        if arg in {"-s", "--silent", "-S", "-i", "--compressed"}:
            continue
        if arg in {"-X", "--request"}:
            method = args.pop(0)
        elif arg in {"-H", "--header"}:
            name, _, value = args.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif arg in {"-d", "--data", "--data-raw"}:
            body, method = args.pop(0), "POST" if method == "GET" else method
        elif arg.startswith("-"):
            raise AssertionError(f"curl flag {arg!r} is not understood by this test: {command}")
        else:
            url = arg
    assert url and url.startswith(README_BASE), command
    return httpx.Request(method, base + url[len(README_BASE) :], headers=headers, content=body)


def test_the_readme_has_a_walk_through() -> None:
    assert len(try_it_commands()) >= 5


@pytest.mark.parametrize("command", try_it_commands())
def test_each_try_it_command_answers_2xx(command: str, examples_server: str) -> None:
    with httpx.Client(timeout=30) as http:
        response = http.send(as_request(command, examples_server))
    assert 200 <= response.status_code < 300, (command, response.status_code, response.text)
    assert response.content, command
    if "/v1/" in command and "json" in response.headers["content-type"]:
        data = response.json()
        # A list the walk-through shows must show something on the examples.
        assert data.get("data", [None]), (command, data)


def section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", readme, re.S | re.M)
    assert found, f"README has no '## {title}' section"
    return found.group(1)


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def test_the_readme_names_no_folder_outside_the_clone() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = "\n".join(shell_blocks(readme))
    assert "../" not in commands
    assert "path/to" not in commands


def test_the_readme_documents_metrics_and_the_write_key() -> None:
    try_it = section("Try it")
    assert "/metrics" in try_it and "newsmeta_http_requests_total" in try_it
    assert "NEWSMETA_API_KEYS=" in section("Import and write")


def _newsmeta_here(block: str) -> str:
    """A README block with `.venv/bin/newsmeta` as this interpreter's `python -m app`."""
    return block.replace(".venv/bin/newsmeta", f"{shlex.quote(sys.executable)} -m app")


def test_the_import_commands_work_on_a_fresh_clone(tmp_path: Path) -> None:
    """Every `newsmeta import` line of "Import and write", from the clone's folder, after
    `make run` (a migrated store with examples/ imported)."""
    [block, *_] = shell_blocks(section("Import and write"))
    lines = [line for line in block.splitlines() if "newsmeta import" in line]
    assert len(lines) >= 3, block
    env = {
        **os.environ,
        "NEWSMETA_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "NEWSMETA_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    setup = [[sys.executable, "-m", "app", "db", "upgrade"]]
    setup.append([sys.executable, "-m", "app", "import", "examples"])
    for command in setup:
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    for line in lines:
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", _newsmeta_here(line)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, (line, result.stdout, result.stderr)
        assert "failed 0" in result.stdout, (line, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def make_run_with_a_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """What `NEWSMETA_API_KEYS=KEY make run` starts (docker/start.sh with the Makefile's
    variables), with the key the README gives; yields (base URL, key)."""
    newsmeta = Path(sys.executable).parent / "newsmeta"
    if not newsmeta.exists():
        pytest.skip(f"no `newsmeta` script beside {sys.executable} (not an installed venv)")
    [key] = re.findall(r"^NEWSMETA_API_KEYS=(\S+) make run$", section("Import and write"), re.M)
    port = free_port()
    folder = tmp_path_factory.mktemp("make-run")
    env = {
        **os.environ,
        "PATH": f"{newsmeta.parent}{os.pathsep}{os.environ['PATH']}",
        "NEWSMETA_IMPORT_PATHS": "examples",
        "NEWSMETA_HOST": "127.0.0.1",
        "NEWSMETA_PORT": str(port),
        "NEWSMETA_API_KEYS": key,
        "NEWSMETA_DATABASE_URL": f"sqlite:///{folder / 'store.db'}",
        "NEWSMETA_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        ["sh", "docker/start.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, seconds=300, what="start.sh")
        yield base, key
    finally:
        stop(process)


def test_the_write_commands_work_after_make_run_with_a_key(
    make_run_with_a_key: tuple[str, str],
) -> None:
    """The README's POST and DELETE, run by bash and curl as a reader would."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    base, key = make_run_with_a_key
    blocks = [b for b in shell_blocks(section("Import and write")) if "curl " in b]
    assert len(blocks) == 1, blocks
    script = blocks[0].replace(README_BASE, base)
    assert "-X POST" in script and "-X DELETE" in script and key in script
    before = httpx.get(f"{base}/v1/articles?limit=100").json()["data"]
    result = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.stdout, result.stderr)
    posted, status = result.stdout.rsplit("}", 1)
    article = json.loads(posted + "}")
    assert article["title"] == "Les dirigeants européens convoqués à Bruxelles"
    assert status.strip() == "204", result.stdout
    # One article posted, then the first one listed deleted: one fewer than both together.
    listed = {item["id"] for item in before} | {article["id"]}
    after = {item["id"] for item in httpx.get(f"{base}/v1/articles?limit=100").json()["data"]}
    assert after < listed and len(after) == len(listed) - 1


def test_the_knowledge_base_formats_the_readme_gives_parse(tmp_path: Path) -> None:
    from app.entities.kb import parse_kb_file

    text = section("Command line")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, re.S | re.M)
    [jsonl] = [body for lang, body in blocks if lang == "json"]
    [csv] = [body for lang, body in blocks if body.startswith("name,type")]
    entries = []
    for name, content in (("kb.jsonl", jsonl), ("kb.csv", csv)):
        (tmp_path / name).write_text(content, encoding="utf-8")
        entries += parse_kb_file(tmp_path / name)
    assert len(entries) == 2 and entries[0] == entries[1]
    assert entries[0].aliases == ("OTAN", "Alliance atlantique")
