"""HTTP semantics of reads: ETag/304, Cache-Control, HEAD, gzip, CORS, request ids."""

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.db import get_session
from tests.api_data import build_store
from tests.clock import pin


@pytest.fixture
def make_client(
    session: Session, database_url: str, settings_env: Callable[..., None]
) -> Iterator[Callable[..., TestClient]]:
    """A client over the test store with extra NEWSMETA_* settings."""
    clients: list[TestClient] = []

    def make(**settings: str) -> TestClient:
        settings_env(database_url=database_url, **settings)
        from app.main import create_app

        app = create_app()
        app.dependency_overrides[get_session] = lambda: session
        clients.append(TestClient(app).__enter__())
        return clients[-1]

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def test_strong_etag_on_resources_weak_on_lists_and_304(
    client: TestClient, session: Session
) -> None:
    ids = build_store(session)
    one = client.get(f"/v1/articles/{ids['first']}")
    assert one.headers["etag"].startswith('"')
    listed = client.get("/v1/articles")
    assert listed.headers["etag"].startswith('W/"')
    for response in (one, listed):
        again = client.get(str(response.url), headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == response.headers["etag"]
        assert "cache-control" in again.headers
    stale = client.get(f"/v1/articles/{ids['first']}", headers={"If-None-Match": '"other"'})
    assert stale.status_code == 200
    star = client.get(f"/v1/articles/{ids['first']}", headers={"If-None-Match": "*"})
    assert star.status_code == 304


def test_a_change_changes_the_etag(client: TestClient, session: Session) -> None:
    from tests.factories import make_article

    ids = build_store(session)
    before = client.get("/v1/articles").headers["etag"]
    make_article(session)
    after = client.get("/v1/articles", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    assert client.get(f"/v1/articles/{ids['first']}").headers["etag"] != before


def test_cache_control_is_configurable_and_errors_are_no_store(
    make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    # At noon: within 300 s of UTC midnight, max-age is cut to the seconds left.
    pin(monkeypatch, date(2022, 1, 7))
    client = make_client(cache_max_age="300")
    assert client.get("/v1/articles").headers["cache-control"] == "public, max-age=300"
    for path in ("/v1/articles/999999", "/v1/articles?limit=1000", "/v1/nothing"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    assert client.get("/healthz").headers["cache-control"] == "no-store"


def test_head_works_wherever_get_does(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    for path in ("/v1/articles", f"/v1/articles/{ids['first']}", "/v1/entities", "/healthz"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-length"] == get.headers["content-length"]
        assert head.headers.get("etag") == get.headers.get("etag")
    assert client.head("/v1/articles/999999").status_code == 404


def test_large_responses_are_gzipped(client: TestClient, session: Session) -> None:
    build_store(session)
    response = client.get(
        "/v1/articles", params={"include": "body"}, headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["data"][0]["body"]
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_cors_allows_configured_origins_only(make_client: Callable[..., TestClient]) -> None:
    client = make_client(cors_origins="https://app.example.org")
    allowed = client.get("/v1/articles", headers={"Origin": "https://app.example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.org"
    assert "ETag" in allowed.headers["access-control-expose-headers"]
    other = client.get("/v1/articles", headers={"Origin": "https://evil.example.com"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options(
        "/v1/articles",
        headers={"Origin": "https://app.example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200


def test_request_id_is_echoed_or_created(client: TestClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    assert len(client.get("/healthz").headers["x-request-id"]) == 32
    assert client.get("/v1/articles/0").headers["x-request-id"]


def test_unexpected_errors_are_problems_that_are_not_cached(
    database_url: str, settings_env: Callable[..., None]
) -> None:
    settings_env(database_url=database_url)
    from app.main import create_app

    app = create_app()

    def boom() -> None:
        raise RuntimeError("bug")

    app.add_api_route("/v1/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/boom", headers={"X-Request-ID": "trace-42"})
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "trace-42"
    assert "trace-42" in response.json()["detail"]
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["cache-control"] == "no-store"
    assert "bug" not in response.text


def test_405_lists_every_method_the_path_serves(client: TestClient) -> None:
    """GET and POST /v1/articles are two routes; the Allow header names both."""
    response = client.request("OPTIONS", "/v1/articles")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.headers["content-type"] == "application/problem+json"
    assert client.put("/v1/articles/1").headers["allow"] == "DELETE, GET"
