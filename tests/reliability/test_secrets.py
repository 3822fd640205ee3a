"""Secrets and access: keys never logged or shown, CORS closed by default, no tracebacks."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.config import Settings, get_settings
from app.db import get_session
from app.main import create_app

KEY = "nm-live-7f3c9a1e5b2d4c60a8e9"
OTHER_KEY = "nm-live-0b1c2d3e4f5a6b7c8d9e"
PASSWORD = "pg-pass-5e6f7a8b"
CURSOR_SECRET = "cursor-secret-1a2b3c4d"


@pytest.fixture
def keyed_app(
    session: Session, database_url: str, settings_env: Callable[..., None]
) -> Iterator[FastAPI]:
    """The app with write keys configured, over the test's rolled-back session."""
    settings_env(database_url=database_url, api_keys=f"{KEY},{OTHER_KEY}")
    app = create_app()

    def override() -> Iterator[Session]:
        yield session

    app.dependency_overrides[get_session] = override
    yield app


def test_settings_repr_hides_keys_passwords_and_secrets() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        api_keys=f"{KEY},{OTHER_KEY}",
        database_url=f"postgresql+psycopg://newsmeta:{PASSWORD}@db:5432/newsmeta",
        cursor_secret=CURSOR_SECRET,
    )
    for shown in (repr(settings), str(settings), f"{settings!r}", f"{settings}"):
        for secret in (KEY, OTHER_KEY, PASSWORD, CURSOR_SECRET):
            assert secret not in shown
    # The importer's auth reads them as plain strings.
    assert settings.api_keys == [KEY, OTHER_KEY]
    assert all(isinstance(key, str) for key in settings.api_keys)


def test_keys_come_from_the_environment(settings_env: Callable[..., None]) -> None:
    settings_env(api_keys=f" {KEY} ,{OTHER_KEY},")
    assert get_settings().api_keys == [KEY, OTHER_KEY]


@pytest.fixture
def verbose_logs() -> Iterator[Callable[[str], None]]:
    from app.common.logs import configure_logging

    yield lambda log_format: configure_logging("DEBUG", log_format)
    configure_logging("INFO", "text")


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_keys_never_reach_the_logs(
    keyed_app: FastAPI,
    log_format: str,
    verbose_logs: Callable[[str], None],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    verbose_logs(log_format)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.WARNING, logger="httpx")  # the test client's own log, not ours
    client = TestClient(keyed_app, raise_server_exceptions=False)
    responses = [
        client.get("/v1/articles", headers={"Authorization": f"Bearer {KEY}"}),
        client.get("/v1/articles", headers={"X-API-Key": KEY}),
        client.get("/v1/articles", params={"api_key": KEY}),
        client.get("/v1/articles/1", headers={"Authorization": f"Bearer {OTHER_KEY}"}),
        # Write attempts: a valid key, a wrong key, a key in the query string.
        client.post(
            "/v1/articles",
            headers={"Authorization": f"Bearer {KEY}"},
            json={"text": "Emmanuel Macron a parlé à Paris.", "published_at": "2022-01-07"},
        ),
        client.post("/v1/articles", headers={"X-API-Key": KEY + "x"}, json={}),
        client.delete("/v1/articles/1", headers={"X-API-Key": KEY}),
        client.post(f"/v1/articles?key={KEY}", json={}),
    ]
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    logged = caplog.text + capsys.readouterr().err
    logged += "".join(json.dumps(r.__dict__, default=str) for r in caplog.records)
    assert "/v1/articles" in logged  # the access log did run
    for secret in (KEY, OTHER_KEY):
        assert secret not in logged
        assert all(secret not in r.text for r in responses)
    # uvicorn's own access line would carry the query string: it stays off.
    assert logging.getLogger("uvicorn.access").disabled


def test_cors_allows_only_configured_origins(settings_env: Callable[..., None]) -> None:
    settings_env(cors_origins="https://ok.example")
    client = TestClient(create_app())
    allowed = client.get("/healthz", headers={"Origin": "https://ok.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://ok.example"
    refused = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in refused.headers
    preflight = client.options(
        "/v1/articles",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code >= 400


def test_no_cors_when_no_origin_is_configured(settings_env: Callable[..., None]) -> None:
    settings_env(cors_origins="")
    client = TestClient(create_app())
    response = client.get("/healthz", headers={"Origin": "https://ok.example"})
    assert "access-control-allow-origin" not in response.headers


def _exploding_session() -> Iterator[Session]:
    raise RuntimeError(f"secret-internal-detail {PASSWORD} /etc/passwd")
    yield  # pragma: no cover


def _unreachable_session() -> Iterator[Session]:
    raise OperationalError("SELECT 1", {}, Exception(f"connection to db:{PASSWORD} failed"))
    yield  # pragma: no cover


@pytest.mark.parametrize(
    ("dependency", "status"), [(_exploding_session, 500), (_unreachable_session, 503)]
)
def test_errors_show_no_traceback_or_internal_detail(
    settings_env: Callable[..., None],
    dependency: Callable[[], Iterator[Session]],
    status: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings_env(database_url="sqlite://")
    app = create_app()
    assert app.debug is False
    app.dependency_overrides[get_session] = dependency
    response = TestClient(app, raise_server_exceptions=False).get("/v1/articles")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.text
    for leak in ("Traceback", 'File "', "secret-internal-detail", PASSWORD, "SELECT", "/etc"):
        assert leak not in body
    assert set(response.json()) <= {"type", "title", "status", "detail", "instance"}
    if status == 500:  # the operator still gets the whole story, in the log
        assert "secret-internal-detail" in caplog.text
