"""GET /v1/articles/{id} (complete, JSON-LD) and the entity/event/date filters of the list."""

from datetime import date
from unittest.mock import ANY

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.articles.models import Article, ArticleDuplicate
from app.articles.schemas import ArticleDetail
from app.entities.models import Mention
from tests.api_data import GENEVA, NATO, STOLTENBERG, build_store, entity_id, event_id
from tests.clock import pin


def test_detail_is_complete_with_offsets_into_the_body(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = build_store(session)
    pin(monkeypatch, date(2022, 1, 8))  # the talks are still to come
    article = client.get(f"/v1/articles/{ids['first']}").json()
    body = article["body"]
    assert article["source"] == "rt.com" and article["authors"] == ["RT France"]
    assert article["urls"] == ["https://example.org/otan-risque-conflit"]
    for mention in article["mentions"]:
        assert body[mention["start"] : mention["end"]] == mention["text"]
        assert set(mention["entity"]) == {"id", "name", "type"}
    assert [m["entity"]["name"] for m in article["mentions"]][:2] == ["NATO", "Jens Stoltenberg"]
    assert [(d["text"], d["value"], d["granularity"]) for d in article["dates"]] == [
        ("vendredi", "2022-01-07", "day"),
        ("le 10 janvier", "2022-01-10", "day"),
    ]
    (quote,) = article["quotes"]
    assert body[quote["start"] : quote["end"]] == quote["text"]
    assert quote["speaker"]["name"] == "Jens Stoltenberg" and quote["kind"] == "direct"
    assert article["events"] == [
        {
            "id": event_id(session),
            "title": "Pourparlers américano-russes à Genève",
            "type": "talks",
            "date": "2022-01-10",
            "status": "scheduled",
            "reported_as": "announced",
        }
    ]
    assert article["duplicates"] == []
    assert article["created_at"].endswith(("Z", "+00:00"))


def test_article_as_schema_org_news_article(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    response = client.get(
        f"/v1/articles/{ids['first']}",
        headers={"Accept": "application/ld+json, application/json;q=0.5"},
    )
    assert response.headers["content-type"] == "application/ld+json"
    doc = response.json()
    assert doc["@type"] == "NewsArticle" and doc["datePublished"] == "2022-01-07"
    assert doc["headline"].startswith("« Le risque de conflit est réel »")
    assert doc["publisher"] == {"@type": "Organization", "name": "rt.com"}
    assert {
        "@type": "Organization",
        "name": "NATO",
        "sameAs": "https://www.wikidata.org/wiki/Q7184",
    } in doc["mentions"]
    assert {"@type": "Place", "name": "Geneva"} in doc["mentions"]
    person = next(m for m in doc["mentions"] if m["@type"] == "Person")
    assert person["name"] == "Jens Stoltenberg"
    plain = client.get(
        f"/v1/articles/{ids['first']}", headers={"Accept": "application/json, */*;q=0.1"}
    )
    assert plain.headers["content-type"] == "application/json"
    assert plain.headers["etag"] != response.headers["etag"]
    assert "Accept" in response.headers["vary"]


def test_entity_event_and_mentioned_date_filters_compose(
    client: TestClient, session: Session
) -> None:
    ids = build_store(session)

    def listed(**params: object) -> list[int]:
        response = client.get("/v1/articles", params=params)
        assert response.status_code == 200, response.json()
        return [a["id"] for a in response.json()["data"]]

    nato, geneva, stoltenberg = (entity_id(session, e) for e in (NATO, GENEVA, STOLTENBERG))
    assert listed(entity=nato) == [ids["second"], ids["first"]]
    assert listed(entity=[nato, stoltenberg]) == [ids["first"]]
    assert listed(entity=[geneva, 999999]) == []
    assert listed(event=event_id(session)) == [ids["second"], ids["first"]]
    assert listed(mentions_date_from="2022-01-11") == [ids["second"]]
    assert listed(mentions_date_from="2022-01-07", mentions_date_to="2022-01-07") == [ids["first"]]
    assert listed(entity=nato, q="réunion") == [ids["second"]]
    assert listed(entity=nato, q="réunion", published_to="2022-01-07") == []


def test_detail_json_is_the_article_detail_document(client: TestClient, session: Session) -> None:
    """The detail is serialised from plain dicts: it must be exactly what ArticleDetail gives."""
    ids = build_store(session)
    session.add(
        ArticleDuplicate(article_id=ids["first"], duplicate_id=ids["second"], similarity=0.8125)
    )
    session.flush()
    for article_id in ids.values():
        response = client.get(f"/v1/articles/{article_id}")
        assert response.headers["content-type"] == "application/json"
        document = response.json()
        expected = ArticleDetail.model_validate(document).model_dump(mode="json")
        assert list(document) == list(expected) and document == expected
        orm = session.get(Article, article_id)
        assert orm is not None and document["updated_at"] == expected["updated_at"]
        assert document["body"] == orm.body and "snippet" not in document
    duplicates = client.get(f"/v1/articles/{ids['second']}").json()["duplicates"]
    assert duplicates == [{"id": ids["first"], "title": ANY, "similarity": 0.8125}]


def test_detail_cache_headers_and_head(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    path = f"/v1/articles/{ids['first']}"
    first = client.get(path)
    etag = first.headers["etag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    head = client.head(path)
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    jsonld = client.get(path, headers={"Accept": "application/ld+json"})
    assert jsonld.json()["@type"] == "NewsArticle"


def test_detail_relations_keep_their_order_and_every_digit(
    client: TestClient, session: Session
) -> None:
    """The relations are read as JSON arrays in SQL: rows added out of order come back in
    the document's order, and similarities (stored with 3 decimals) keep their value."""
    ids = build_store(session)
    first = ids["first"]
    body = client.get(f"/v1/articles/{first}").json()["body"]
    nato = entity_id(session, NATO)
    session.add(Mention(article_id=first, entity_id=nato, text=body[:3], start=0, end=3))
    third = Article(title="Troisième", body="x", language="fr", content_hash="third", word_count=1)
    session.add(third)
    session.flush()
    session.add(ArticleDuplicate(article_id=first, duplicate_id=ids["second"], similarity=0.667))
    session.add(ArticleDuplicate(article_id=third.id, duplicate_id=first, similarity=0.912))
    session.flush()
    article = client.get(f"/v1/articles/{first}").json()
    starts = [m["start"] for m in article["mentions"]]
    assert starts[0] == 0 and starts == sorted(starts)
    assert [(d["id"], d["similarity"]) for d in article["duplicates"]] == [
        (third.id, 0.912),
        (ids["second"], 0.667),
    ]
    assert article == ArticleDetail.model_validate(article).model_dump(mode="json")
