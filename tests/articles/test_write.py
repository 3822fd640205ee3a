"""POST and DELETE /v1/articles: API keys, the same pipeline as the importer, rate limit."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from app.common.timex import BAD_DATE
from tests.conftest import SEED_FILE

KEY = "s3cret-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
ARTICLE = {
    "url": "https://example.org/2022/01/07/otan",
    "title": "Le risque de conflit est réel",
    "text": "L'OTAN est ouverte à l'écoute des préoccupations de Moscou, a déclaré vendredi "
    "Jens Stoltenberg.\n\nUne réunion du Conseil OTAN-Russie devrait avoir lieu le 12 janvier.",
    "published_at": "2022-01-07",
    "language": "fr",
    "source": "example.org",
}


@pytest.fixture
def writer(client: TestClient, settings_env: Callable[..., None]) -> TestClient:
    settings_env(api_keys=f"other-key,{KEY}", write_rate_limit="0")
    return client


def test_writes_are_disabled_without_configured_keys(client: TestClient) -> None:
    response = client.post("/v1/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "writes are disabled: set NEWSMETA_API_KEYS"


def test_a_missing_key_is_401_and_a_wrong_key_403(writer: TestClient) -> None:
    missing = writer.post("/v1/articles", json=ARTICLE)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": "guess"})
    assert (wrong.status_code, wrong.json()["detail"]) == (403, "invalid API key")
    assert writer.delete("/v1/articles/1").status_code == 401


def test_post_creates_then_reports_unchanged_then_updated(writer: TestClient) -> None:
    created = writer.post("/v1/articles", json=ARTICLE, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/articles/{body['id']}"
    assert (body["title"], body["published_at"], body["source"]) == (
        ARTICLE["title"],
        "2022-01-07",
        "example.org",
    )
    assert body["body"] == ARTICLE["text"]
    assert body["urls"] == [ARTICLE["url"]]
    again = writer.post("/v1/articles", json=ARTICLE, headers={"X-API-Key": KEY})
    assert (again.status_code, again.json()["id"]) == (200, body["id"])
    assert again.json()["updated_at"] == body["updated_at"]
    edited = ARTICLE | {"text": ARTICLE["text"].replace("12 janvier", "13 janvier")}
    updated = writer.post("/v1/articles", json=edited, headers=AUTH)
    assert (updated.status_code, updated.json()["id"]) == (200, body["id"])
    assert "13 janvier" in updated.json()["body"]


def test_post_runs_the_plain_text_cleaning(writer: TestClient) -> None:
    response = writer.post(
        "/v1/articles",
        json={"text": SEED_FILE.read_text(), "published_at": "2022-01-07"},
        headers=AUTH,
    )
    assert response.status_code == 201
    article = response.json()
    assert article["republished"] is True
    assert article["body"].endswith("devrait avoir lieu le 12 janvier.")


def test_post_with_extracted_data_stores_it_as_given(writer: TestClient) -> None:
    record = ARTICLE | {
        "extracted": {
            "mentions": [
                {"text": "OTAN", "start": 2, "end": 6, "entity": {"name": "NATO", "type": "ORG"}}
            ]
        }
    }
    response = writer.post("/v1/articles", json=record, headers=AUTH)
    assert response.status_code == 201, response.text
    [mention] = response.json()["mentions"]
    assert (mention["text"], mention["entity"]["name"], mention["entity"]["type"]) == (
        "OTAN",
        "NATO",
        "ORG",
    )


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        (ARTICLE | {"titel": "x"}, "titel: unknown field"),
        (ARTICLE | {"authors": "Jean"}, "authors: Input should be a valid list"),
        ({"title": "Sans texte"}, "either 'text' or 'html' is required"),
        ([ARTICLE], "the body must be one JSON article object"),
    ],
)
def test_invalid_articles_are_422_problems(
    writer: TestClient, payload: object, detail: str
) -> None:
    response = writer.post("/v1/articles", json=payload, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_a_body_that_is_not_json_is_422(writer: TestClient) -> None:
    response = writer.post("/v1/articles", content=b"{not json", headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("the body is not valid JSON")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "text/html; charset=utf-8"]
)
def test_a_body_not_declared_as_json_is_415(writer: TestClient, content_type: str) -> None:
    response = writer.post(
        "/v1/articles",
        content=json.dumps(ARTICLE).encode(),
        headers=AUTH | {"Content-Type": content_type},
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/problems/unsupported-media-type"
    media_type = content_type.partition(";")[0]
    assert problem["detail"] == (
        f"the body is declared as {media_type}; send the article as application/json"
    )
    assert writer.get("/v1/articles").json()["data"] == []  # nothing stored


def test_json_with_parameters_or_a_json_suffix_is_accepted(writer: TestClient) -> None:
    for content_type in ("application/json; charset=utf-8", "application/vnd.article+json"):
        response = writer.post(
            "/v1/articles",
            content=json.dumps(ARTICLE).encode(),
            headers=AUTH | {"Content-Type": content_type},
        )
        assert response.status_code in (200, 201), (content_type, response.text)


@pytest.mark.parametrize("published_at", ["2022-13-01", "tomorrow", "07/01/2022", 1641513600])
def test_a_bad_date_has_the_one_wording_of_the_api(
    writer: TestClient, published_at: object
) -> None:
    response = writer.post(
        "/v1/articles", json=ARTICLE | {"published_at": published_at}, headers=AUTH
    )
    assert response.status_code == 422
    assert response.json()["detail"] == f"published_at: {BAD_DATE}"
    listed = writer.get("/v1/articles", params={"published_from": str(published_at)})
    assert listed.json()["detail"] == f"published_from: {BAD_DATE}"
    events = writer.get("/v1/events", params={"from": str(published_at)})
    assert events.json()["detail"] == f"from: {BAD_DATE}"
    assert "datetime" not in BAD_DATE


def test_the_articles_own_url_is_the_first_of_its_urls(writer: TestClient) -> None:
    without = ARTICLE | {"url": None}
    created = writer.post("/v1/articles", json=without, headers=AUTH).json()
    assert (created["url"], created["urls"]) == (None, [])
    # The same text seen under a URL: that is now the article's URL, first of its URLs.
    seen = writer.post("/v1/articles", json=ARTICLE, headers=AUTH).json()
    assert seen["id"] == created["id"]
    assert (seen["url"], seen["urls"]) == (ARTICLE["url"], [ARTICLE["url"]])
    other = "https://example.org/republished"
    again = writer.post("/v1/articles", json=ARTICLE | {"url": other}, headers=AUTH).json()
    assert again["id"] == created["id"] and again["urls"] == [ARTICLE["url"], other]


def test_a_body_over_the_limit_is_413(
    writer: TestClient, settings_env: Callable[..., None]
) -> None:
    settings_env(api_keys=KEY, max_article_bytes="300")
    response = writer.post("/v1/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 413
    assert response.json()["detail"] == "the body is larger than the 300-byte limit"


def test_writes_are_rate_limited_per_key(
    writer: TestClient, settings_env: Callable[..., None]
) -> None:
    settings_env(api_keys=KEY, write_rate_limit="2")
    for _ in range(2):
        assert writer.delete("/v1/articles/999999", headers=AUTH).status_code == 404
    limited = writer.delete("/v1/articles/999999", headers=AUTH)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert int(limited.headers["retry-after"]) >= 1


def test_delete_removes_the_article(writer: TestClient) -> None:
    created = writer.post("/v1/articles", json=ARTICLE, headers=AUTH).json()
    deleted = writer.delete(f"/v1/articles/{created['id']}", headers=AUTH)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert writer.get(f"/v1/articles/{created['id']}").status_code == 404
    unknown = writer.delete(f"/v1/articles/{created['id']}", headers=AUTH)
    assert unknown.status_code == 404


def test_openapi_documents_the_writes(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    post = paths["/v1/articles"]["post"]
    delete = paths["/v1/articles/{article_id}"]["delete"]
    assert (post["operationId"], delete["operationId"]) == ("create_article", "delete_article")
    assert post["tags"] == delete["tags"] == ["articles"]
    for status in ("201", "401", "403", "413", "422", "429"):
        assert status in post["responses"], status
    for status in ("204", "401", "403", "404", "429"):
        assert status in delete["responses"], status
    ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert "extracted" in schema["properties"] and schema["additionalProperties"] is False


def test_the_api_does_not_import_spacy_until_a_post_needs_it() -> None:
    code = (
        "import sys; from app.main import create_app; create_app(); print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr


def test_writes_run_in_threads_of_their_own(
    writer: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """POST and DELETE are handed to the writes' limiter, never to the readers' threads
    (a write waiting for SQLite's lock must not hold a thread reads need)."""
    limiters = []
    original = anyio.to_thread.run_sync

    async def spy(func, *args, limiter=None, **kwargs):  # type: ignore[no-untyped-def]
        limiters.append(limiter)
        return await original(func, *args, limiter=limiter, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", spy)
    created = writer.post("/v1/articles", json=ARTICLE, headers=AUTH)
    assert created.status_code == 201, created.text
    deleted = writer.delete(f"/v1/articles/{created.json()['id']}", headers=AUTH)
    assert deleted.status_code == 204
    writes = writer.app.state.write_limiter  # type: ignore[attr-defined]
    assert [limiter for limiter in limiters if limiter is writes] == [writes, writes]


def test_ids_of_a_deleted_article_are_never_handed_out_again(writer: TestClient) -> None:
    """Delete the newest article, import it again: a new id for it, its quotes and events."""
    first = writer.post("/v1/articles", json=ARTICLE, headers=AUTH).json()
    assert first["quotes"] and first["events"]  # else the test proves nothing for them
    deleted = writer.delete(f"/v1/articles/{first['id']}", headers=AUTH)
    assert deleted.status_code == 204
    again = writer.post("/v1/articles", json=ARTICLE, headers=AUTH)
    assert again.status_code == 201, again.text
    second = again.json()
    assert second["id"] > first["id"]
    assert min(q["id"] for q in second["quotes"]) > max(q["id"] for q in first["quotes"])
    old_events = {e["id"] for e in first["events"]}
    assert second["events"] and not old_events & {e["id"] for e in second["events"]}
    assert writer.get(f"/v1/articles/{first['id']}").status_code == 404
