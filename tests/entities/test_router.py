"""GET /v1/entities and its sub-resources."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.api_data import GENEVA, NATO, RUSSIA, STOLTENBERG, USA, build_store, entity_id
from tests.factories import make_article


def test_search_by_name_or_alias_prefix_ignoring_case_and_accents(
    client: TestClient, session: Session
) -> None:
    build_store(session)
    names = lambda **p: [e["name"] for e in client.get("/v1/entities", params=p).json()["data"]]  # noqa: E731
    assert names(q="stolt") == ["Jens Stoltenberg"]
    assert names(q="otan") == ["NATO"]  # alias
    assert names(q="l'OTAN") == ["NATO"]
    assert names(q="geneve") == ["Geneva"]  # accent-folded
    assert names(q="ÉTATS") == ["United States"]
    assert names(q="%") == [] and names(q="_") == []  # LIKE wildcards are literal
    assert names(type="PERSON") == ["Jens Stoltenberg"]
    assert names(q="r", type="LOC") == ["Russia"]


def test_sorted_by_article_count_then_name_with_cursor(
    client: TestClient, session: Session
) -> None:
    build_store(session)
    by_count = client.get("/v1/entities").json()["data"]
    counts = [(e["article_count"], e["id"]) for e in by_count]
    assert counts == sorted(counts, reverse=True)
    assert by_count[-1]["name"] == "Jens Stoltenberg"
    seen, cursor = [], None
    while True:
        params = {"sort": "name", "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/entities", params=params).json()
        seen += [e["name"] for e in page["data"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == ["Geneva", "Jens Stoltenberg", "NATO", "Russia", "United States"]


def test_entity_detail(client: TestClient, session: Session) -> None:
    build_store(session)
    nato = client.get(f"/v1/entities/{entity_id(session, NATO)}").json()
    assert nato["name"] == "NATO" and nato["type"] == "ORG"
    assert nato["ids"] == {"wikidata": "Q7184"}
    assert set(nato["aliases"]) == {"NATO", "OTAN", "l'OTAN"}
    assert nato["article_count"] == 2 and nato["mention_count"] == 2
    assert (nato["first_seen"], nato["last_seen"]) == ("2022-01-07", "2022-01-08")
    russia = client.get(f"/v1/entities/{entity_id(session, RUSSIA)}").json()
    assert russia["ids"] == {"iso3166": "RU"}


def test_unknown_entity_and_its_lists_are_404(client: TestClient) -> None:
    for suffix in ("", "/articles", "/related", "/quotes", "/events"):
        response = client.get(f"/v1/entities/999999{suffix}")
        assert response.status_code == 404, suffix
        assert response.headers["content-type"] == "application/problem+json"


def test_articles_of_an_entity_newest_first(client: TestClient, session: Session) -> None:
    ids = build_store(session)
    stoltenberg, geneva = entity_id(session, STOLTENBERG), entity_id(session, GENEVA)
    listed = client.get(f"/v1/entities/{geneva}/articles").json()
    assert [a["id"] for a in listed["data"]] == [ids["second"], ids["first"]]
    assert "body" not in listed["data"][0]
    page = client.get(f"/v1/entities/{geneva}/articles", params={"limit": 1})
    assert page.json()["data"][0]["id"] == ids["second"]
    assert 'rel="next"' in page.headers["link"]
    rest = client.get(
        f"/v1/entities/{geneva}/articles", params={"cursor": page.json()["next_cursor"]}
    ).json()
    assert [a["id"] for a in rest["data"]] == [ids["first"]] and rest["next_cursor"] is None
    only = client.get(f"/v1/entities/{stoltenberg}/articles").json()["data"]
    assert [a["id"] for a in only] == [ids["first"]]
    # a cursor of another entity's list is refused
    other = client.get(
        f"/v1/entities/{stoltenberg}/articles", params={"cursor": page.json()["next_cursor"]}
    )
    assert other.status_code == 422


def test_related_entities_are_counted_by_shared_articles(
    client: TestClient, session: Session
) -> None:
    build_store(session)
    extra = make_article(session, published_at=date(2022, 2, 1))
    assert extra
    related = client.get(f"/v1/entities/{entity_id(session, GENEVA)}/related").json()["data"]
    shared = {e["name"]: e["shared_articles"] for e in related}
    assert shared == {"United States": 2, "Russia": 2, "NATO": 2, "Jens Stoltenberg": 1}
    assert [e["shared_articles"] for e in related] == [2, 2, 2, 1]
    assert "Geneva" not in shared
    nato = next(e for e in related if e["name"] == "NATO")
    assert nato["ids"] == {"wikidata": "Q7184"}


def test_quotes_and_events_of_an_entity(client: TestClient, session: Session) -> None:
    build_store(session)
    quotes = client.get(f"/v1/entities/{entity_id(session, STOLTENBERG)}/quotes").json()["data"]
    assert [q["text"] for q in quotes] == ["Le risque de conflit est réel"]
    assert quotes[0]["speaker"]["name"] == "Jens Stoltenberg"
    for ref in (USA, GENEVA):  # participant, place
        events = client.get(f"/v1/entities/{entity_id(session, ref)}/events").json()["data"]
        assert [e["date"] for e in events] == ["2022-01-10"]
    none = client.get(f"/v1/entities/{entity_id(session, NATO)}/events").json()
    assert none == {"data": [], "next_cursor": None}
