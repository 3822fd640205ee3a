"""Hostile input: every odd request gets a 4xx problem+json (or a 200), never a 500.

Runs on both backends: PostgreSQL raises where SQLite shrugs (int64 overflow, NUL in
text, a date compared with a string), so a case passing on one proves nothing about
the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.common.pagination import encode_cursor
from app.config import get_settings
from app.db import get_session, make_engine, upgrade
from app.main import create_app
from tests.conftest import drop_postgres_database, new_store_url
from tests.factories import make_article
from tests.reliability import asgi

SCOPE = "articles:-published_at"
ECHO = "/test/echo"
WRITE_KEY = "hostile-test-key"


def _limit() -> int:
    return get_settings().max_request_bytes


OK_OR_422 = {200, 422}


def _cursor(position: Any, scope: str = SCOPE) -> str:
    """A correctly signed cursor around a hostile position (the default secret is guessable)."""
    return encode_cursor(scope, position)


# (id, path, query params or None, allowed statuses). Cursors are built lazily: they
# are signed with the settings of the test's store.
GET_CASES: list[tuple[str, str, Any, set[int]]] = [
    ("q-sql-or", "/v1/articles", {"q": "' OR 1=1 --"}, {200}),
    ("q-sql-drop", "/v1/articles", {"q": "'; DROP TABLE article; --"}, {200}),
    ("q-unbalanced-quote", "/v1/articles", {"q": '"unbalanced'}, OK_OR_422),
    ("q-near", "/v1/articles", {"q": "NEAR("}, OK_OR_422),
    ("q-star", "/v1/articles", {"q": "*"}, OK_OR_422),
    ("q-and-or", "/v1/articles", {"q": "a AND OR b"}, OK_OR_422),
    ("q-not", "/v1/articles", {"q": "NOT"}, OK_OR_422),
    ("q-column-filter", "/v1/articles", {"q": "body:OTAN title:x"}, OK_OR_422),
    ("q-caret-minus", "/v1/articles", {"q": "^- -OTAN"}, OK_OR_422),
    ("q-tsquery", "/v1/articles", {"q": "OTAN & | ! <-> :*"}, OK_OR_422),
    ("q-backslash", "/v1/articles", {"q": "\\"}, OK_OR_422),
    ("q-like-wildcards", "/v1/articles", {"q": "%_%"}, OK_OR_422),
    ("q-nul", "/v1/articles", {"q": "\x00"}, OK_OR_422),
    ("q-nul-inside", "/v1/articles", {"q": "OT\x00AN"}, OK_OR_422),
    ("q-control-chars", "/v1/articles", {"q": "\x01\x1b[31m\x7f"}, OK_OR_422),
    ("q-emoji", "/v1/articles", {"q": "🦄 OTAN"}, OK_OR_422),
    ("q-too-long", "/v1/articles", {"q": "a" * 5000}, {422}),
    ("q-empty", "/v1/articles", {"q": ""}, {200}),
    ("language-injection", "/v1/articles", {"language": "fr' OR '1'='1"}, OK_OR_422),
    ("source-nul", "/v1/articles", {"source": "rt\x00.com"}, OK_OR_422),
    ("entity-not-int", "/v1/articles", {"entity": "1 OR 1=1"}, {422}),
    ("entity-beyond-int64", "/v1/articles", {"entity": "99999999999999999999"}, OK_OR_422),
    ("event-beyond-int64", "/v1/articles", {"event": "-99999999999999999999"}, OK_OR_422),
    ("date-impossible", "/v1/articles", {"published_from": "2022-13-45"}, {422}),
    ("date-far-future", "/v1/articles", {"published_to": "99999-01-01"}, {422}),
    ("date-as-number", "/v1/articles", {"mentions_date_from": "1e9999"}, {422}),
    ("sort-injection", "/v1/articles", {"sort": "id; DROP TABLE article"}, {422}),
    ("include-unknown", "/v1/articles", {"include": "../../etc/passwd"}, {422}),
    ("unknown-param", "/v1/articles", {"langauge": "fr"}, {422}),
    ("limit-negative", "/v1/articles", {"limit": "-1"}, {422}),
    ("limit-zero", "/v1/articles", {"limit": "0"}, {422}),
    ("limit-huge", "/v1/articles", {"limit": "99999999999999999999"}, {422}),
    ("limit-float", "/v1/articles", {"limit": "1e3"}, {422}),
    ("limit-text", "/v1/articles", {"limit": "ten"}, {422}),
    ("cursor-garbage", "/v1/articles", {"cursor": "!!!not a cursor!!!"}, {422}),
    ("cursor-dot", "/v1/articles", {"cursor": "."}, {422}),
    ("cursor-base64-junk", "/v1/articles", {"cursor": "Zm9vYmFy.YmF6"}, {422}),
    ("cursor-huge", "/v1/articles", {"cursor": "A" * 10_000}, {422}),
    ("cursor-bad-padding", "/v1/articles", {"cursor": "A.A"}, {422}),
    ("cursor-other-scope", "/v1/articles", lambda: {"cursor": _cursor([None, 1], "x")}, {422}),
    ("cursor-not-a-list", "/v1/articles", lambda: {"cursor": _cursor({"a": 1})}, {422}),
    ("cursor-three-items", "/v1/articles", lambda: {"cursor": _cursor([1, 2, 3])}, {422}),
    ("cursor-empty-list", "/v1/articles", lambda: {"cursor": _cursor([])}, {422}),
    ("cursor-bad-date", "/v1/articles", lambda: {"cursor": _cursor(["not-a-date", 1])}, {422}),
    ("cursor-int-date", "/v1/articles", lambda: {"cursor": _cursor([5, 1])}, {422}),
    ("cursor-str-id", "/v1/articles", lambda: {"cursor": _cursor(["2022-01-01", "x"])}, {422}),
    ("cursor-null-str-id", "/v1/articles", lambda: {"cursor": _cursor([None, "abc"])}, {422}),
    ("cursor-huge-id", "/v1/articles", lambda: {"cursor": _cursor([None, 10**30])}, {422}),
    ("cursor-float-id", "/v1/articles", lambda: {"cursor": _cursor([None, 1e308])}, {422}),
    ("cursor-dict-date", "/v1/articles", lambda: {"cursor": _cursor([{"a": 1}, 1])}, {422}),
    ("id-traversal", "/v1/articles/..%2F..%2Fetc%2Fpasswd", None, {404, 422}),
    ("id-dot-dot", "/v1/articles/..", None, {404, 422}),
    ("id-exponent", "/v1/articles/1e9999", None, {422}),
    ("id-beyond-int64", "/v1/articles/99999999999999999999", None, {404, 422}),
    ("id-min-int64-minus-1", "/v1/articles/-9223372036854775809", None, {404, 422}),
    ("id-negative", "/v1/articles/-1", None, {404, 422}),
    ("id-zero", "/v1/articles/0", None, {404, 422}),
    ("id-hex", "/v1/articles/0x10", None, {422}),
    ("id-nul", "/v1/articles/%00", None, {404, 422}),
    ("id-bad-utf8", "/v1/articles/%FF%FE", None, {404, 422}),
    ("id-sql", "/v1/articles/1%20OR%201=1", None, {422}),
    ("id-beyond-int32", "/v1/articles/2147483648", None, {404, 422}),
    ("route-unknown", "/v1/../../etc/passwd", None, {404}),
]

# The other resources (they may arrive after this test): the same hostile ids and
# queries. A route that does not exist yet answers a 404 problem, which passes.
HOSTILE_IDS = ["99999999999999999999", "2147483648", "-1", "abc", "%00", "1e9999"]
ID_PATHS = [
    "/v1/entities/{}",
    "/v1/entities/{}/articles",
    "/v1/entities/{}/related",
    "/v1/entities/{}/quotes",
    "/v1/entities/{}/events",
    "/v1/events/{}",
    "/v1/events/{}/articles",
    "/v1/quotes/{}",
]
GET_CASES += [
    (f"{path.format('ID')}={ident}", path.format(ident), None, {404, 422})
    for path in ID_PATHS
    for ident in HOSTILE_IDS
]
LIST_QUERIES: list[tuple[str, dict[str, str]]] = [
    ("/v1/entities", {"q": "' OR 1=1 --"}),
    ("/v1/entities", {"q": '"unbalanced'}),
    ("/v1/entities", {"q": "%_\\"}),
    ("/v1/entities", {"type": "x' OR '1'='1"}),
    ("/v1/entities", {"sort": "id; DROP TABLE entity"}),
    ("/v1/entities", {"limit": "99999999999999999999"}),
    ("/v1/entities", {"cursor": "Zm9v.YmFy"}),
    ("/v1/events", {"from": "2022-13-45"}),
    ("/v1/events", {"to": "99999-01-01"}),
    ("/v1/events", {"entity": "99999999999999999999"}),
    ("/v1/events", {"location": "2147483648"}),
    ("/v1/events", {"type": "'; --", "status": "\x00"}),
    ("/v1/events.ics", {"entity": "99999999999999999999"}),
    ("/v1/events.ics", {"from": "not-a-date"}),
    ("/v1/quotes", {"q": "NEAR("}),
    ("/v1/quotes", {"speaker": "99999999999999999999"}),
    ("/v1/quotes", {"q": "a AND OR b"}),
    ("/v1/articles", {"q": "OTAN", "sort": "relevance", "cursor": "Zm9v.YmFy"}),
    ("/v1/articles", {"sort": "relevance"}),
]
GET_CASES += [
    (f"{path}?{'&'.join(f'{k}={v}' for k, v in params.items())}", path, params, {200, 404, 422})
    for path, params in LIST_QUERIES
]


@pytest.fixture(scope="session")
def hostile_apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Per backend (built on first use): the app over its own store holding a few articles.

    One session per request, as in production: a statement the store refuses must not
    poison the next request (the shared rolled-back session of ``client`` would).
    """
    built: dict[str, Any] = {}
    yield built
    for store in built.values():
        store["engine"].dispose()
        if store["backend"] == "postgresql":
            drop_postgres_database(store["url"])


@pytest.fixture
def hostile(
    backend: str,
    hostile_apps: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    """A client of the hostile-input app of ``backend``; 500s are returned, not raised."""
    if backend not in hostile_apps:
        url = new_store_url(backend, tmp_path_factory.mktemp("hostile"))  # may skip
        hostile_apps[backend] = {"backend": backend, "url": url}
        upgrade(url)
        hostile_apps[backend]["engine"] = make_engine(url)
    store = hostile_apps[backend]
    monkeypatch.setenv("NEWSMETA_DATABASE_URL", store["url"])
    monkeypatch.setenv("NEWSMETA_API_KEYS", WRITE_KEY)
    monkeypatch.setenv("NEWSMETA_WRITE_RATE_LIMIT", "0")  # every hostile write gets parsed
    get_settings.cache_clear()
    if "client" not in store:
        store["client"] = _hostile_client(store["engine"])
    yield store["client"]
    monkeypatch.undo()
    get_settings.cache_clear()


def _hostile_client(engine: Engine) -> TestClient:
    with Session(engine) as session:
        for day in (5, 6, 7):
            make_article(session, title=f"L'OTAN le {day}", published_at=date(2022, 1, day))
        make_article(session, published_at=None)
        session.commit()
    app = create_app()

    def one_session_per_request() -> Iterator[Session]:
        with Session(engine, expire_on_commit=False) as session:
            yield session

    app.dependency_overrides[get_session] = one_session_per_request

    @app.post(ECHO)
    def echo(payload: dict[str, Any]) -> dict[str, int]:
        return {"keys": len(payload)}

    return TestClient(app, raise_server_exceptions=False)


def assert_problem(response: Any, allowed: set[int]) -> None:
    status = response.status_code if hasattr(response, "status_code") else response.status
    assert status in allowed, (status, response.text if hasattr(response, "text") else "")
    if status >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == status and problem["detail"]
        assert "Traceback" not in str(problem)


@pytest.mark.parametrize(
    ("path", "params", "allowed"), [c[1:] for c in GET_CASES], ids=[c[0] for c in GET_CASES]
)
def test_hostile_get_is_answered_without_a_500(
    hostile: TestClient, path: str, params: Any, allowed: set[int]
) -> None:
    query = params() if callable(params) else params
    assert_problem(hostile.get(path, params=query), allowed)
    # Whatever the request tried, the store still answers normally.
    assert hostile.get("/v1/articles", params={"limit": 1}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        b"q=\xff\xfe",
        b"q=%FF%FE",
        b"q=%C3%28",
        b"q=\xc3",
        b"source=%ED%A0%80",
        b"q=%00",
        b"q&q&q",
        b"=&=&q=",
        b"%%%",
        b"q=%",
        b"limit=%FF",
    ],
    ids=lambda q: q.decode("latin-1"),
)
def test_invalid_utf8_and_broken_query_strings(hostile: TestClient, query: bytes) -> None:
    response = asgi.call(hostile.app, "GET", "/v1/articles", query=query)
    assert_problem(response, OK_OR_422)


def test_nul_in_the_query_is_refused_before_reaching_the_store(hostile: TestClient) -> None:
    response = hostile.get("/v1/articles", params={"q": "OTAN\x00"})
    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]


def test_body_over_the_limit_by_content_length_is_a_413(hostile: TestClient) -> None:
    for path in (ECHO, "/v1/articles"):
        response = hostile.post(
            path,
            content=b"{" + b" " * _limit() + b"}",
            headers={"content-type": "application/json"},
        )
        assert_problem(response, {413})


def test_declared_length_alone_is_enough_for_a_413(hostile: TestClient) -> None:
    headers = [
        (b"content-length", str(10 * 1024**3).encode()),
        (b"content-type", b"application/json"),
    ]
    response = asgi.call(hostile.app, "POST", ECHO, headers=headers, chunks=[b"{}"])
    assert_problem(response, {413})
    assert response.headers["connection"] == "close"


def test_streamed_body_without_length_is_cut_at_the_limit(hostile: TestClient) -> None:
    pieces = _limit() // (256 * 1024) + 1
    chunks = [b'{"a": "'] + [b"x" * (256 * 1024)] * pieces + [b'"}']
    response = asgi.call(
        hostile.app, "POST", ECHO, headers=[(b"content-type", b"application/json")], chunks=chunks
    )
    assert_problem(response, {413})


def test_streamed_body_under_the_limit_goes_through(hostile: TestClient) -> None:
    chunks = [b'{"a": "', b"x" * 1000, b'", "b": 1}']
    response = asgi.call(
        hostile.app, "POST", ECHO, headers=[(b"content-type", b"application/json")], chunks=chunks
    )
    assert response.status == 200 and response.json() == {"keys": 2}


def test_a_normal_article_fits_under_the_limit(hostile: TestClient) -> None:
    article = {"title": "T", "body": "Une phrase d'article assez longue. " * 3000}  # ~100 KB
    assert hostile.post(ECHO, json=article).status_code == 200
    # A whole web page posted as `html` (heavy news pages weigh 1-2 MB).
    page = {"html": "<p>" + "Une phrase d'article, é à ç. " * 70_000 + "</p>"}  # ~2.2 MB
    assert hostile.post(ECHO, json=page).status_code == 200
    assert hostile.post(ECHO, json=article).status_code == 200


@pytest.mark.parametrize(
    ("body", "allowed"),
    [
        (b"[" * 200_000 + b"]" * 200_000, {400, 413, 422}),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, {400, 413, 422}),
        (b'{"a": "\xff\xfe"}', {400, 422}),
        (b"\xef\xbb\xbf{}", {200, 400, 422}),
        (b'{"a": "\\ud800"}', {200, 400, 422}),
        (b'{"a": 1e999999}', {200, 400, 422}),
        (b'{"a": ' + b"9" * 100_000 + b"}", {200, 400, 422}),
        (b"not json", {400, 422}),
        (b"", {400, 422}),
        (b"null", {400, 422}),
        (b'{"a": NaN}', {200, 400, 422}),
    ],
    ids=[
        "deep-arrays",
        "deep-objects",
        "bad-utf8",
        "bom",
        "lone-surrogate",
        "huge-float",
        "huge-int",
        "not-json",
        "empty",
        "null",
        "nan",
    ],
)
def test_hostile_json_bodies(hostile: TestClient, body: bytes, allowed: set[int]) -> None:
    headers = {"content-type": "application/json", "x-api-key": WRITE_KEY}
    assert_problem(hostile.post(ECHO, content=body, headers=headers), allowed)
    # The real write route, with a valid key (405 until it exists).
    response = hostile.post("/v1/articles", content=body, headers=headers)
    assert_problem(response, {400, 405, 413, 422})


def test_nul_and_control_characters_in_a_posted_article(hostile: TestClient) -> None:
    article = {
        "text": "L'OTAN\u0000 se réunit\u0001 à Genève\u001b[31m le 7 janvier 2022.\n\n"
        "Jens Stoltenberg a parlé.\u0000",
        "title": "Titre\u0000",
        "published_at": "2022-01-07",
    }
    body = json.dumps(article).encode()  # NULs as \\u0000 escapes
    response = hostile.post(
        "/v1/articles",
        content=body,
        headers={"content-type": "application/json", "x-api-key": WRITE_KEY},
    )
    assert_problem(response, {200, 201, 405, 422})


def test_content_length_that_is_not_a_number_is_a_400(hostile: TestClient) -> None:
    response = asgi.call(
        hostile.app, "POST", ECHO, headers=[(b"content-length", b"12abc")], chunks=[b"{}"]
    )
    assert_problem(response, {400})
