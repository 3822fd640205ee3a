"""The write rate limit is shared by every API process through Redis (NEWSMETA_REDIS_URL),
and falls back to a per-process limit while Redis cannot be reached."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

REDIS_URL = os.environ.get("NEWSMETA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_is_up() -> bool:
    host, port = REDIS_URL.split("//", 1)[1].split("/", 1)[0].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


def _app(database_url: str) -> TestClient:
    from app.main import create_app

    return TestClient(create_app())


def test_two_processes_share_one_limit(
    database_url: str, settings_env: Callable[..., None]
) -> None:
    if not _redis_is_up():
        pytest.skip(f"no Redis at {REDIS_URL}")
    key = f"key-{uuid.uuid4().hex}"  # a bucket of its own in the shared Redis
    settings_env(database_url=database_url, api_keys=key, write_rate_limit="3", redis_url=REDIS_URL)
    headers = {"X-API-Key": key}
    with _app(database_url) as one, _app(database_url) as two:
        statuses = [
            (one if n % 2 else two).delete("/v1/articles/987654", headers=headers).status_code
            for n in range(5)
        ]
        assert statuses == [404, 404, 404, 429, 429]  # 3 a minute, across both apps
        limited = one.delete("/v1/articles/987654", headers=headers)
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["content-type"] == "application/problem+json"
        # Another key has its own bucket.
        other = two.delete("/v1/articles/987654", headers={"X-API-Key": "wrong"})
        assert other.status_code == 403


def test_without_redis_each_process_limits_alone(
    database_url: str, settings_env: Callable[..., None]
) -> None:
    settings_env(
        database_url=database_url,
        api_keys="KEY",
        write_rate_limit="2",
        redis_url="redis://127.0.0.1:1/0",  # nothing listens there
    )
    headers = {"X-API-Key": "KEY"}
    with _app(database_url) as one, _app(database_url) as two:
        assert [
            one.delete("/v1/articles/987654", headers=headers).status_code for _ in range(3)
        ] == [404, 404, 429]
        assert two.delete("/v1/articles/987654", headers=headers).status_code == 404
