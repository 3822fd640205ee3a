"""GET /v1/articles and /v1/articles/{id}."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.factories import make_article


def test_list_and_get_an_article(client: TestClient, session: Session) -> None:
    article_id = make_article(
        session, title="L'OTAN prête à négocier", published_at=date(2022, 1, 7)
    )
    listed = client.get("/v1/articles").json()
    assert [a["id"] for a in listed["data"]] == [article_id]
    assert listed["next_cursor"] is None
    detail = client.get(f"/v1/articles/{article_id}").json()
    assert detail["title"] == "L'OTAN prête à négocier"
    assert detail["published_at"] == "2022-01-07"
    assert detail["body"].startswith("Corps de l'article")
    assert {"mentions", "quotes", "dates", "events", "duplicates", "urls"} <= detail.keys()


def test_list_items_leave_out_what_was_not_asked_for(client: TestClient, session: Session) -> None:
    """No body without include=body, no snippet without q, no timestamps on any list item
    (the detail has them); never a key that is always null."""
    article_id = make_article(session, body="L'OTAN se réunit à Genève le 12 janvier.")
    plain = client.get("/v1/articles").json()["data"][0]
    assert not {"body", "snippet", "created_at", "updated_at"} & plain.keys()
    assert None not in (plain["id"], plain["title"], plain["language"])
    with_body = client.get("/v1/articles", params={"include": "body"}).json()["data"][0]
    assert with_body["body"].startswith("L'OTAN") and "snippet" not in with_body
    found = client.get("/v1/articles", params={"q": "Genève"}).json()["data"][0]
    assert "<mark>" in found["snippet"] and "body" not in found
    detail = client.get(f"/v1/articles/{article_id}").json()
    assert {"body", "created_at", "updated_at"} <= detail.keys() and "snippet" not in detail
    for path in ("/v1/events", "/v1/entities", "/v1/quotes"):
        for item in client.get(path).json()["data"]:
            assert not {"created_at", "updated_at"} & item.keys(), path


def test_unknown_article_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/articles/999999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No article with id 999999."


def test_newest_first_with_cursor_pages(client: TestClient, session: Session) -> None:
    ids = [make_article(session, published_at=date(2022, 1, day)) for day in range(1, 6)]
    undated = make_article(session, published_at=None)
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        response = client.get("/v1/articles", params=params)
        page = response.json()
        seen += [a["id"] for a in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            assert "link" not in response.headers
            break
        assert response.headers["link"].endswith('>; rel="next"')
    assert seen == [*reversed(ids), undated]


def test_filters_compose(client: TestClient, session: Session) -> None:
    make_article(session, language="fr", published_at=date(2022, 1, 7), source="rt.com")
    wanted = make_article(session, language="en", published_at=date(2022, 1, 8), source="rt.com")
    make_article(session, language="en", published_at=date(2021, 1, 8), source="rt.com")
    response = client.get(
        "/v1/articles",
        params={"language": "en", "source": "rt.com", "published_from": "2022-01-01"},
    )
    assert [a["id"] for a in response.json()["data"]] == [wanted]


def test_language_and_source_match_in_any_case(client: TestClient, session: Session) -> None:
    rt = make_article(session, language="FR", source="RT.com")
    make_article(session, language="en", source="rt.com")  # the same source, another case
    other = make_article(session, language="fr", source="Le Monde")

    def ids(**params: str) -> set[int]:
        response = client.get("/v1/articles", params=params)
        assert response.status_code == 200, response.text
        return {a["id"] for a in response.json()["data"]}

    assert ids(language="FR") == ids(language="fr") == {rt, other}
    assert ids(source="RT.com", language="Fr") == ids(source="rt.COM", language="fr") == {rt}
    assert ids(source="le monde") == {other}
    sources = {a["source"] for a in client.get("/v1/articles").json()["data"]}
    assert sources == {"RT.com", "Le Monde"}  # one source, with the case first seen
    assert client.get(f"/v1/articles/{rt}").json()["language"] == "fr"


def test_an_empty_date_range_is_a_422_saying_so(client: TestClient) -> None:
    for lower, upper in [
        ("published_from", "published_to"),
        ("mentions_date_from", "mentions_date_to"),
    ]:
        response = client.get("/v1/articles", params={lower: "2022-02-01", upper: "2022-01-01"})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == (
            f"{upper}: 2022-01-01 is before {lower} 2022-02-01, an empty range; "
            "swap them or drop one."
        )
    same_day = {"published_from": "2022-01-01", "published_to": "2022-01-01"}
    assert client.get("/v1/articles", params=same_day).status_code == 200
    quotes = client.get(
        "/v1/quotes", params={"published_from": "2022-02-01", "published_to": "2022-01-01"}
    )
    assert quotes.status_code == 422 and "empty range" in quotes.json()["detail"]


def test_bad_parameters_are_422_problems_naming_the_parameter(client: TestClient) -> None:
    for params, name in [
        ({"limit": 101}, "limit"),
        ({"published_from": "yesterday"}, "published_from"),
        ({"published_to": "0"}, "published_to"),
        ({"entity": "9223372036854775808"}, "entity"),
        ({"sort": "title"}, "sort"),
        ({"langauge": "fr"}, "langauge"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ]:
        response = client.get("/v1/articles", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
        assert name in response.json()["detail"], response.json()


def test_a_tampered_cursor_is_refused(client: TestClient, session: Session) -> None:
    for day in (1, 2):
        make_article(session, published_at=date(2022, 1, day))
    cursor = client.get("/v1/articles", params={"limit": 1}).json()["next_cursor"]
    payload, signature = cursor.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature
    assert client.get("/v1/articles", params={"cursor": forged}).status_code == 422
    other_sort = client.get("/v1/articles", params={"cursor": cursor, "sort": "published_at"})
    assert other_sort.status_code == 422
