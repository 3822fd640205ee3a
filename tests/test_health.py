from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app


def test_healthz_and_readyz_on_a_current_store(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_readyz_fails_on_a_store_behind_its_migrations(
    tmp_path: Path, settings_env: Callable[..., None], caplog
) -> None:
    settings_env(database_url=f"sqlite:///{tmp_path / 'unmigrated.db'}")
    with TestClient(create_app()) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "newsmeta db upgrade" in response.json()["detail"]
    assert "migrations are behind" in caplog.text


def test_readyz_fails_when_the_store_is_unreachable(settings_env: Callable[..., None]) -> None:
    settings_env(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none")
    with TestClient(create_app()) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["detail"] == "The store is unreachable."


def test_metrics_count_requests(client: TestClient) -> None:
    client.get("/healthz")
    body = client.get("/metrics").text
    assert 'newsmeta_http_requests_total{method="GET",route="/healthz",status="200"}' in body


def test_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert len(client.get("/healthz").headers["x-request-id"]) == 32


def test_json_log_line_per_request(client: TestClient, capsys) -> None:
    import json

    from app.common.logs import configure_logging

    configure_logging("INFO", "json")
    client.get("/healthz")
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    access = [line for line in lines if line["logger"] == "newsmeta.access"]
    assert access and access[-1]["method"] == "GET" and access[-1]["path"] == "/healthz"
    assert access[-1]["status"] == 200 and "duration_ms" in access[-1]
    configure_logging("INFO", "text")


def test_a_never_migrated_store_says_to_run_db_upgrade_not_to_retry(
    backend: str, tmp_path: Path, settings_env: Callable[..., None]
) -> None:
    from tests.conftest import drop_postgres_database, new_store_url

    url = new_store_url(backend, tmp_path)
    try:
        settings_env(database_url=url, response_cache_mb="0")
        with TestClient(create_app(), raise_server_exceptions=False) as client:
            ready = client.get("/readyz")
            listed = client.get("/v1/articles")
            one = client.get("/v1/events/1")
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
    assert ready.status_code == 503
    assert ready.json()["detail"] == "The store has no tables yet: run `newsmeta db upgrade`."
    for response in (ready, listed, one):
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert "Retry-After" not in response.headers
        assert "run `newsmeta db upgrade`" in response.json()["detail"]
        assert response.json()["type"] == "/problems/not-ready"
    assert "retry shortly" not in listed.json()["detail"]
