"""HTTP routes of the articles resource (thin: parse, call the service, return)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.articles import service
from app.articles.schemas import ArticleDetail, ArticleRead
from app.common.errors import PROBLEM_JSON, Problem
from app.common.jsonld import JSONLD_RESPONSE, jsonld_response, wants_jsonld
from app.common.pagination import Page, PageDep, set_next_link
from app.common.params import ID_MAX, IdValue, IsoDate, forbid_unknown_query_params
from app.db import SessionDep

# Problem responses for routes that declare their own (the OpenAPI builder in
# app/common/openapi.py adds 404/422/500/503 to every operation anyway).
PROBLEMS = {
    422: {"model": Problem, "description": "Invalid parameter.", "content": {PROBLEM_JSON: {}}},
}
router = APIRouter(
    prefix="/v1/articles",
    tags=["articles"],
    dependencies=[Depends(forbid_unknown_query_params)],
)


@router.get("", operation_id="list_articles", response_model=Page[ArticleRead])
def list_articles(
    request: Request,
    response: Response,
    session: SessionDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(
            description="Full-text query over title, standfirst and body: words (all "
            'required), `"exact phrases"` and `prefix*` terms; accents and case are ignored '
            "on SQLite, French/English stemming applies on PostgreSQL.",
            max_length=500,
            examples=['négociations "conseil OTAN-Russie"'],
        ),
    ] = None,
    language: Annotated[
        str | None, Query(description="ISO 639-1 code.", examples=["fr"], max_length=16)
    ] = None,
    source: Annotated[
        str | None, Query(description="Source name.", examples=["rt.com"], max_length=200)
    ] = None,
    published_from: Annotated[
        IsoDate | None,
        Query(description="Published on or after (YYYY-MM-DD).", examples=["2022-01-01"]),
    ] = None,
    published_to: Annotated[
        IsoDate | None,
        Query(description="Published on or before (YYYY-MM-DD).", examples=["2022-01-31"]),
    ] = None,
    entity: Annotated[
        list[IdValue] | None,
        Query(description="Entity id; repeat to require all of them.", examples=[[1]]),
    ] = None,
    event: Annotated[
        int | None,
        Query(ge=1, le=ID_MAX, description="Id of an event the article mentions.", examples=[1]),
    ] = None,
    mentions_date_from: Annotated[
        IsoDate | None,
        Query(description="Mentions a date on or after this day.", examples=["2022-01-10"]),
    ] = None,
    mentions_date_to: Annotated[
        IsoDate | None,
        Query(description="Mentions a date on or before this day.", examples=["2022-01-12"]),
    ] = None,
    sort: Annotated[
        Literal["-published_at", "published_at", "relevance"],
        Query(
            description="`-published_at` (newest first), `published_at`, or `relevance` "
            "(best match first; needs `q`)."
        ),
    ] = "-published_at",
    include: Annotated[
        Literal["body"] | None, Query(description="`body` to include article bodies.")
    ] = None,
) -> Page[ArticleRead]:
    """List articles, newest first, with filters that compose."""
    filters = service.ArticleFilters(
        q=q,
        language=language,
        source=source,
        published_from=published_from,
        published_to=published_to,
        entity=entity or [],
        event=event,
        mentions_date_from=mentions_date_from,
        mentions_date_to=mentions_date_to,
        sort=sort,
        include_body=include == "body",
    )
    items, next_cursor = service.list_articles(session=session, filters=filters, page=page)
    set_next_link(request, response, next_cursor)
    return Page(data=items, next_cursor=next_cursor)


@router.get(
    "/{article_id}",
    operation_id="get_article",
    response_model=ArticleDetail,
    responses={200: {"content": JSONLD_RESPONSE}},
)
def get_article(
    article_id: Annotated[int, Path(ge=1, le=ID_MAX, description="Article id.", examples=[1])],
    request: Request,
    session: SessionDep,
) -> Any:
    """Get one article with its mentions, quotes, dates, events and duplicates."""
    article = service.get_article(session=session, article_id=article_id)
    if wants_jsonld(request):
        return jsonld_response(service.article_jsonld(session=session, article=article))
    return article
