"""README's "Try it" walk-through works: every curl line answers 2xx on a store with examples/."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import httpx
import pytest

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
