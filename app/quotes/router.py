"""HTTP routes of the quotes resource."""

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.common.pagination import Page, PageDep, page_response
from app.common.params import (
    ID_MAX,
    PublishedFrom,
    PublishedTo,
    check_range,
    forbid_unknown_query_params,
)
from app.db import SessionDep
from app.quotes import service
from app.quotes.schemas import QuoteItem

router = APIRouter(
    prefix="/v1/quotes",
    tags=["quotes"],
    dependencies=[Depends(forbid_unknown_query_params)],
)


@router.get("", operation_id="list_quotes", response_model=Page[QuoteItem])
def list_quotes(
    request: Request,
    session: SessionDep,
    page: PageDep,
    speaker: Annotated[
        int | None, Query(ge=1, le=ID_MAX, description="Entity id of the speaker.", examples=[1])
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Text the quote contains (case-insensitive).",
            max_length=500,
            examples=["risque de conflit"],
        ),
    ] = None,
    article: Annotated[
        int | None,
        Query(ge=1, le=ID_MAX, description="Id of the article quoted from.", examples=[1]),
    ] = None,
    published_from: PublishedFrom = None,
    published_to: PublishedTo = None,
) -> Any:
    """List quotes, newest first, by speaker, text, article and date."""
    check_range("published_from", published_from, "published_to", published_to)
    # Serialised straight from dicts (no response-model validation); ``response_model``
    # documents the shape.
    filters = service.QuoteFilters(
        speaker=speaker,
        q=q,
        article=article,
        published_from=published_from,
        published_to=published_to,
    )
    items, next_cursor = service.list_quotes(session=session, filters=filters, page=page)
    return page_response(request, items, next_cursor)


@router.get("/{quote_id}", operation_id="get_quote", response_model=QuoteItem)
def get_quote(
    quote_id: Annotated[int, Path(ge=1, le=ID_MAX, description="Quote id.", examples=[1])],
    session: SessionDep,
) -> Any:
    """Get one quote with its speaker and article."""
    document = service.get_quote(session=session, quote_id=quote_id)
    return Response(orjson.dumps(document), media_type="application/json")
