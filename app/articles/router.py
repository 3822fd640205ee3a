"""HTTP routes of the articles resource (thin: parse, call the service, return)."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from app.articles import service
from app.articles.schemas import ArticleDetail, ArticleRead
from app.common.errors import Problem
from app.common.pagination import MAX_LIMIT, Page, PageParams, set_next_link
from app.common.params import forbid_unknown_query_params
from app.config import get_settings
from app.db import SessionDep

PROBLEMS = {
    422: {
        "model": Problem,
        "description": "Invalid parameter.",
        "content": {"application/problem+json": {}},
    },
}
router = APIRouter(
    prefix="/v1/articles",
    tags=["articles"],
    dependencies=[Depends(forbid_unknown_query_params)],
    responses=PROBLEMS,  # type: ignore[arg-type]
)


def page_params(
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 100).")
    ] = None,
    cursor: Annotated[
        str | None, Query(description="`next_cursor` of the previous page.", max_length=2000)
    ] = None,
) -> PageParams:
    return PageParams(limit=limit or get_settings().page_size, cursor=cursor)


PageDep = Annotated[PageParams, Depends(page_params)]


@router.get("", operation_id="list_articles", response_model=Page[ArticleRead])
def list_articles(
    request: Request,
    response: Response,
    session: SessionDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(
            description="Full-text query over title, standfirst and body.",
            max_length=500,
            examples=["OTAN"],
        ),
    ] = None,
    language: Annotated[
        str | None, Query(description="ISO 639-1 code.", examples=["fr"], max_length=16)
    ] = None,
    source: Annotated[
        str | None, Query(description="Source name.", examples=["rt.com"], max_length=200)
    ] = None,
    published_from: Annotated[
        date | None, Query(description="Published on or after (YYYY-MM-DD).")
    ] = None,
    published_to: Annotated[
        date | None, Query(description="Published on or before (YYYY-MM-DD).")
    ] = None,
    entity: Annotated[
        list[int] | None, Query(description="Entity id; repeat to require all of them.")
    ] = None,
    event: Annotated[int | None, Query(description="Event id the article mentions.")] = None,
    mentions_date_from: Annotated[
        date | None, Query(description="Mentions a date on or after this day.")
    ] = None,
    mentions_date_to: Annotated[
        date | None, Query(description="Mentions a date on or before this day.")
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
    responses={
        404: {
            "model": Problem,
            "description": "No such article.",
            "content": {"application/problem+json": {}},
        }
    },  # type: ignore[dict-item]
)
def get_article(article_id: int, session: SessionDep) -> ArticleDetail:
    """Get one article with its mentions, quotes, dates and events."""
    return service.get_article(session=session, article_id=article_id)
