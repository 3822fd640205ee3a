"""The explorer's routes: the page for browsers, a JSON index for API clients, /v1 unchanged."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.explorer.conftest import STATIC

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def app_client() -> TestClient:
    # None of these routes opens the store.
    return TestClient(create_app())


def test_a_browser_gets_the_explorer_at_the_root(app_client: TestClient) -> None:
    response = app_client.get("/", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<main id="main"' in response.text
    # Everything the page loads is served by this process, versioned by content.
    assets = re.findall(r'(?:src|href)="(/explorer/[^"]+)"', response.text)
    assert {a.split("?")[0] for a in assets} == {"/explorer/explorer.js", "/explorer/explorer.css"}
    assert all("?v=" in a for a in assets)
    for asset in assets:
        assert app_client.get(asset).status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp


@pytest.mark.parametrize("accept", ["application/json", "*/*", None])
def test_an_api_client_gets_an_index_of_links_at_the_root(
    app_client: TestClient, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = app_client.get("/", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    links = response.json()["links"]
    for name in ("docs", "openapi", "articles", "entities", "events", "events.ics", "healthz"):
        assert name in links
    assert links["articles"]["href"].endswith("/v1/articles")
    assert links["events.ics"]["href"].endswith("/v1/events.ics")


@pytest.mark.parametrize("path", ["/articles/1", "/entities/7", "/events", "/events?type=talks"])
def test_each_explorer_route_serves_the_page(app_client: TestClient, path: str) -> None:
    response = app_client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "/explorer/explorer.js" in response.text


def test_a_page_asked_for_as_json_points_to_the_api(app_client: TestClient) -> None:
    response = app_client.get("/articles/3", headers={"Accept": "application/json"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert "/v1/articles/3" in response.json()["detail"]


def test_unknown_assets_are_404(app_client: TestClient) -> None:
    assert app_client.get("/explorer/../main.py").status_code == 404
    assert app_client.get("/explorer/nothing.js").status_code == 404


def test_explorer_routes_are_not_in_the_openapi_document(app_client: TestClient) -> None:
    paths = app_client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert not [
        p for p in paths if p.startswith(("/articles", "/entities", "/events", "/explorer"))
    ]


def test_the_api_is_unchanged_for_browsers_too(client: TestClient) -> None:
    """/v1 answers JSON whatever the Accept header: the explorer only adds pages outside it."""
    response = client.get("/v1/articles", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "data" in response.json()


def test_the_built_assets_are_committed_and_load_nothing_from_elsewhere() -> None:
    html = (STATIC / "index.html").read_text()
    css = (STATIC / "explorer.css").read_text()
    js = (STATIC / "explorer.js").read_text()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "@import" not in css and not re.search(r"url\((?:['\"])?(?:https?:)?//", css)
    assert "@font-face" not in css
    # The only absolute URLs in the script are outbound links and the SVG namespace.
    hosts = set(re.findall(r"https?://([a-z0-9.-]+)", js))
    assert hosts <= {"www.w3.org", "www.wikidata.org", "www.geonames.org"}, hosts
