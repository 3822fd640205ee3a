"""GET /v1/quotes and /v1/quotes/{id}."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.pipeline.types import Extraction, QuoteResult
from tests.api_data import STOLTENBERG, build_store, entity_id
from tests.factories import make_article


def _unattributed(session: Session) -> int:
    body = "« Nous ne voulons pas de guerre à 100 % », a-t-on entendu."
    text = "Nous ne voulons pas de guerre à 100 %"
    start = body.index(text)
    return make_article(
        session,
        body=body,
        published_at=date(2022, 1, 10),
        extraction=Extraction(
            quotes=[QuoteResult(text, start, start + len(text), "direct", None, None)]
        ),
    )


def test_list_filter_and_get_quotes(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    other = _unattributed(session)
    listed = client.get("/v1/quotes").json()["data"]
    assert [q["article"]["id"] for q in listed] == [other, ids["first"]]  # newest first
    assert listed[0]["speaker"] is None
    stoltenberg = entity_id(session, STOLTENBERG)
    by_speaker = client.get("/v1/quotes", params={"speaker": stoltenberg}).json()["data"]
    assert [q["text"] for q in by_speaker] == ["Le risque de conflit est réel"]
    quote = by_speaker[0]
    assert quote["speaker"] == {"id": stoltenberg, "name": "Jens Stoltenberg", "type": "PERSON"}
    assert quote["kind"] == "direct" and quote["speaker_text"] == "Stoltenberg"
    assert quote["speaker_role"] == "chef de l'OTAN"
    detail = client.get(f"/v1/articles/{ids['first']}").json()["quotes"]
    assert [(q["text"], q["speaker_role"]) for q in detail] == [(quote["text"], "chef de l'OTAN")]
    assert listed[0]["speaker_role"] is None
    assert quote["published_at"] == "2022-01-07"
    body = client.get(f"/v1/articles/{ids['first']}").json()["body"]
    assert body[quote["start"] : quote["end"]] == quote["text"]
    assert client.get(f"/v1/quotes/{quote['id']}").json() == quote
    assert client.get("/v1/quotes/999999").status_code == 404


def test_text_search_is_a_literal_case_insensitive_substring(
    client: TestClient, session: Session
) -> None:
    ids = build_store(session)
    other = _unattributed(session)

    def articles(**params: object) -> list[int]:
        return [q["article"]["id"] for q in client.get("/v1/quotes", params=params).json()["data"]]

    assert articles(q="RISQUE de conflit") == [ids["first"]]
    assert articles(q="100 %") == [other]
    assert articles(q="%") == [other]  # a literal percent sign, not a wildcard
    assert articles(q="_") == []
    assert articles(article=ids["first"]) == [ids["first"]]
    assert articles(published_from="2022-01-08") == [other]
    assert articles(published_to="2022-01-08", q="guerre") == []


def test_pages_follow_the_cursor(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    other = _unattributed(session)
    page = client.get("/v1/quotes", params={"limit": 1})
    assert 'rel="next"' in page.headers["link"]
    rest = client.get("/v1/quotes", params={"cursor": page.json()["next_cursor"]}).json()
    assert [q["article"]["id"] for q in page.json()["data"] + rest["data"]] == [other, ids["first"]]
    assert client.get("/v1/quotes", params={"speaker": "me"}).status_code == 422
