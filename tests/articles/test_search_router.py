"""Full-text search on GET /v1/articles (q, phrases, prefixes, relevance, snippets)."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.articles.search import parse_query
from tests.factories import make_article


def test_queries_are_parsed_into_safe_terms() -> None:
    query = parse_query('Genève "conseil OTAN-Russie" otan* l\'OTAN AND ) ("')
    assert [(t.words, t.prefix) for t in query.terms] == [
        (("genève",), False),
        (("conseil", "otan", "russie"), False),
        (("otan",), True),
        (("l", "otan"), False),
        (("and",), False),
    ]
    assert query.terms[1].text == "conseil OTAN-Russie"
    assert query.fts5() == '"genève" "conseil otan russie" "otan" * "l otan" "and"'


def _corpus(session: Session) -> dict[str, int]:
    return {
        "geneva": make_article(
            session,
            title="Pourparlers à Genève",
            body="Les négociations entre Washington et Moscou commencent lundi à Genève.",
            published_at=date(2022, 1, 7),
        ),
        "council": make_article(
            session,
            title="Réunion du Conseil OTAN-Russie",
            standfirst="Première réunion depuis 2019.",
            body="Le Conseil OTAN-Russie se réunira mercredi. Les négociations porteront sur "
            "la sécurité européenne.",
            published_at=date(2022, 1, 8),
        ),
        "english": make_article(
            session,
            title="NATO ready for negotiations",
            body="NATO said it is ready for negotiations with Russia in Geneva.",
            language="en",
            published_at=date(2022, 1, 9),
        ),
        "other": make_article(
            session,
            title="Météo",
            body="Il pleuvra demain sur la Bretagne.",
            published_at=date(2022, 1, 10),
        ),
    }


def _ids(client: TestClient, **params: str) -> list[int]:
    response = client.get("/v1/articles", params=params)
    assert response.status_code == 200, response.json()
    return [a["id"] for a in response.json()["data"]]


def test_words_with_accents_phrases_and_prefixes(client: TestClient, session: Session) -> None:
    ids = _corpus(session)
    assert _ids(client, q="négociations", language="fr") == [ids["council"], ids["geneva"]]
    assert _ids(client, q="Genève") == [ids["geneva"]]
    assert _ids(client, q='"Conseil OTAN-Russie"') == [ids["council"]]
    assert _ids(client, q='"Russie Conseil"') == []
    assert _ids(client, q="négoc*") == [ids["council"], ids["geneva"]]
    assert _ids(client, q="negotiation*") == [ids["english"]]
    assert _ids(client, q="sécurité réunion") == [ids["council"]]  # standfirst and body
    assert _ids(client, q="Genève", sort="published_at") == [ids["geneva"]]


def test_relevance_ranks_title_matches_first_and_pages(
    client: TestClient, session: Session
) -> None:
    ids = _corpus(session)
    ranked = _ids(client, q="réunion", sort="relevance")
    assert ranked == [ids["council"]]
    seen, cursor = [], None
    while True:
        params = {"q": "négociations", "sort": "relevance", "limit": "1"}
        page = client.get("/v1/articles", params=params | ({"cursor": cursor} if cursor else {}))
        seen += [a["id"] for a in page.json()["data"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([ids["council"], ids["geneva"]])


def test_results_carry_a_highlighted_snippet(client: TestClient, session: Session) -> None:
    _corpus(session)
    item = client.get("/v1/articles", params={"q": "Genève"}).json()["data"][0]
    assert "<mark>Genève</mark>" in item["snippet"]
    assert "snippet" not in client.get("/v1/articles").json()["data"][0]  # only with q


@pytest.mark.parametrize("q", ['"', "***", "()", "&|!:", "'"])
def test_queries_without_words_are_422_not_500(client: TestClient, q: str) -> None:
    response = client.get("/v1/articles", params={"q": q})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("q:")


@pytest.mark.parametrize("q", ['otan" OR', 'NEAR(a b) "x', "a:* & !b", "col:title", "'l'otan'"])
def test_search_syntax_in_queries_is_neutralised(
    client: TestClient, session: Session, q: str
) -> None:
    _corpus(session)
    assert client.get("/v1/articles", params={"q": q}).status_code == 200


def test_relevance_without_q_is_a_422(client: TestClient) -> None:
    response = client.get("/v1/articles", params={"sort": "relevance"})
    assert response.status_code == 422
    assert "sort" in response.json()["detail"]


def test_search_follows_updates_and_deletes(client: TestClient, session: Session) -> None:
    from app.articles.models import Article
    from app.pipeline.store import load

    article_id = make_article(session, title="Sommet", body="Le sommet de Vilnius.")
    assert _ids(client, q="Vilnius") == [article_id]
    article = session.get(Article, article_id)
    assert article is not None
    article.body = "Le sommet de Madrid."
    session.add(article)
    session.flush()
    assert _ids(client, q="Vilnius") == []
    assert _ids(client, q="Madrid") == [article_id]
    load.delete_article(session, article_id)
    session.flush()
    assert _ids(client, q="Madrid") == []


def test_postgresql_search_uses_the_gin_index(backend: str, session: Session) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL plan")
    from sqlalchemy import select, text

    from app.articles.models import Article
    from app.articles.search import parse_query, text_match

    query = parse_query('"OTAN" négoc*')
    match = text_match(dialect="postgresql", shape=query.shape)
    stmt = select(Article.id).where(match.condition).params(**query.params("postgresql"))
    compiled = stmt.compile(session.get_bind(), compile_kwargs={"render_postcompile": True})
    params = compiled.params
    session.execute(text("SET LOCAL enable_seqscan = off"))
    result = session.connection().exec_driver_sql("EXPLAIN " + str(compiled), params)
    plan = "\n".join(row[0] for row in result)
    assert "article_fts_vector_gin" in plan, plan


def test_nul_characters_are_422_on_every_store(client: TestClient) -> None:
    for path in ("/v1/articles", "/v1/entities", "/v1/quotes"):
        response = client.get(path, params={"q": "otan\x00"})
        assert response.status_code == 422, path
        assert "NUL" in response.json()["detail"]


def test_relevance_puts_title_matches_before_newer_body_matches(
    client: TestClient, session: Session
) -> None:
    in_title = make_article(
        session,
        title="Sanctions contre Moscou",
        body="Les ministres ont discuté longuement de plusieurs sujets européens.",
        published_at=date(2022, 1, 1),
    )
    in_body = make_article(
        session,
        title="Conseil des ministres",
        body="Un long compte rendu où, au détour d'une phrase, les sanctions sont évoquées.",
        published_at=date(2022, 1, 5),
    )
    assert _ids(client, q="sanctions") == [in_body, in_title]  # newest first
    assert _ids(client, q="sanctions", sort="relevance") == [in_title, in_body]


def test_a_rare_word_is_sorted_from_the_id_date_index_with_its_snippets(
    backend: str, client: TestClient, session: Session
) -> None:
    """A word of few matches: its page is chosen from ``(id, published_at)`` (SQLite keeps
    the date after the body in the row), the snippets read from one pass over its matches;
    the answer is the same as for any other plan (newest first, each with its snippet)."""
    from app.articles import service
    from app.articles.service import _list, _Shape

    ids = _corpus(session)
    session.commit()
    body = client.get("/v1/articles", params={"q": "négociations"}).json()
    assert [a["id"] for a in body["data"]] == [ids["council"], ids["geneva"]]
    assert all("<mark>négociations</mark>" in a["snippet"] for a in body["data"])
    if backend != "sqlite":
        return
    shape = _Shape(
        "sqlite", False, "-published_at", *([False] * 4), 0, *([False] * 3), (False,), "sorted"
    )
    pages, narrow = _list(shape)
    assert narrow and service.ID_DATE_INDEX
    (statement,) = pages.statements(dated=True, after=False)
    compiled = statement.compile(session.get_bind())
    params = compiled.construct_params({"fts_query": '"négociations"', "keyset_limit": 21})
    plan = session.connection().exec_driver_sql(
        "EXPLAIN QUERY PLAN " + str(compiled), tuple(params[k] for k in compiled.positiontup)
    )
    plan = [row[-1] for row in plan]
    assert any("COVERING INDEX ix_article_id_published_at" in step for step in plan), plan
