"""/docs and /redoc work offline; every problem ``type`` is a page of the service."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from app.common.problems import BY_SLUG, SLUG_BY_STATUS
from app.main import create_app

ROOT = Path(__file__).resolve().parent.parent


class _References(HTMLParser):
    """Every URL a page makes the browser load or link to (src, href, srcset, action)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href", "action", "data", "poster"} and value:
                self.urls.append(value)
            elif name == "srcset" and value:
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]


def references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def app_client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_everything_from_the_app_itself(app_client: TestClient, page: str) -> None:
    response = app_client.get(page)
    assert response.status_code == 200
    urls = references(response.text)
    assert any(u.endswith(".js") for u in urls), urls
    for url in urls:
        host = urlsplit(url).netloc
        assert host in {"", "testserver"}, f"{page} refers to another host: {url}"
        assert app_client.get(url).status_code == 200, url
    # Nor in inline scripts: the page itself names no other host (fonts, CDNs).
    assert not re.findall(r"https?://(?!testserver)[\w.-]+", response.text)


def test_problem_types_are_relative_pages_of_the_service(client: TestClient) -> None:
    app_client = client
    problem = app_client.get("/v1/articles/999999999").json()
    assert problem["type"] == "/problems/not-found"
    page = app_client.get(problem["type"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Not Found" in page.text and "What to do" in page.text
    as_json = app_client.get(problem["type"], headers={"Accept": "application/json"}).json()
    assert as_json["status"] == 404 and as_json["type"] == "/problems/not-found"
    assert as_json["meaning"] and as_json["action"]
    assert as_json["title"] == problem["title"]  # one title per type, answer and page alike
    assert app_client.get("/v1/articles?limit=0").json()["type"] == "/problems/validation-error"
    assert app_client.get("/problems/no-such-thing").status_code == 404


def test_every_problem_type_the_code_names_has_a_page(app_client: TestClient) -> None:
    named = set(SLUG_BY_STATUS.values()) | {"not-ready"}
    for source in (ROOT / "app").rglob("*.py"):
        named |= set(re.findall(r'slug="([a-z-]+)"', source.read_text(encoding="utf-8")))
    assert named <= set(BY_SLUG), named - set(BY_SLUG)
    listed = app_client.get("/problems", headers={"Accept": "application/json"}).json()
    assert {p["type"] for p in listed} == {f"/problems/{slug}" for slug in BY_SLUG}
    for slug in named:
        assert app_client.get(f"/problems/{slug}").status_code == 200, slug


def test_problem_pages_are_in_the_openapi_document(app_client: TestClient) -> None:
    paths = app_client.get("/openapi.json").json()["paths"]
    operation = paths["/problems/{slug}"]["get"]
    assert operation["operationId"] == "get_problem_type"
    assert {"application/json", "text/html"} <= set(operation["responses"]["200"]["content"])
    assert paths["/problems"]["get"]["operationId"] == "list_problem_types"
