"""HTTP routes of the entities resource."""

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.articles.schemas import ArticleRead
from app.common.pagination import Page, PageDep, page_response
from app.common.params import ID_MAX, forbid_unknown_query_params
from app.db import SessionDep
from app.entities import service
from app.entities.schemas import EntityDetail, EntityRead, RelatedEntity
from app.events import service as event_service
from app.events.schemas import EventRead
from app.quotes import service as quote_service
from app.quotes.schemas import QuoteItem

# Routes return their documents serialised straight from dicts (no response-model
# validation); ``response_model`` documents the shape in the OpenAPI document.
router = APIRouter(
    prefix="/v1/entities",
    tags=["entities"],
    dependencies=[Depends(forbid_unknown_query_params)],
)
EntityId = Annotated[int, Path(ge=1, le=ID_MAX, description="Entity id.", examples=[1])]


@router.get("", operation_id="list_entities", response_model=Page[EntityRead])
def list_entities(
    request: Request,
    session: SessionDep,
    page: PageDep,
    q: Annotated[
        str | None,
        Query(
            description="Prefix of the name or of an alias, case and accents ignored.",
            max_length=300,
            examples=["stolt"],
        ),
    ] = None,
    type: Annotated[
        Literal["PERSON", "ORG", "LOC", "MISC"] | None,
        Query(description="Entity type.", examples=["PERSON"]),
    ] = None,
    sort: Annotated[
        Literal["-article_count", "name"],
        Query(description="`-article_count` (most named first) or `name`."),
    ] = "-article_count",
) -> Any:
    """List entities, most named first, by name/alias prefix and type."""
    filters = service.EntityFilters(q=q, type=type, sort=sort)
    items, next_cursor = service.list_entities(session=session, filters=filters, page=page)
    return page_response(request, items, next_cursor)


@router.get("/{entity_id}", operation_id="get_entity", response_model=EntityDetail)
def get_entity(entity_id: EntityId, session: SessionDep) -> Any:
    """Get one entity with its aliases, external ids and counts."""
    document = service.get_entity(session=session, entity_id=entity_id)
    return Response(orjson.dumps(document), media_type="application/json")


@router.get(
    "/{entity_id}/articles", operation_id="list_entity_articles", response_model=Page[ArticleRead]
)
def list_entity_articles(
    entity_id: EntityId, request: Request, session: SessionDep, page: PageDep
) -> Any:
    """List the articles naming an entity, newest first."""
    items, next_cursor = service.list_entity_articles(
        session=session, entity_id=entity_id, page=page
    )
    return page_response(request, items, next_cursor)


@router.get(
    "/{entity_id}/related",
    operation_id="list_related_entities",
    response_model=Page[RelatedEntity],
)
def list_related_entities(
    entity_id: EntityId, request: Request, session: SessionDep, page: PageDep
) -> Any:
    """List entities named in the same articles, most shared first.

    Counted over the entity's 1,000 most recent articles.
    """
    items, next_cursor = service.list_related_entities(
        session=session, entity_id=entity_id, page=page
    )
    return page_response(request, items, next_cursor)


@router.get(
    "/{entity_id}/quotes", operation_id="list_entity_quotes", response_model=Page[QuoteItem]
)
def list_entity_quotes(
    entity_id: EntityId, request: Request, session: SessionDep, page: PageDep
) -> Any:
    """List the quotes of an entity (as speaker), newest first."""
    filters = quote_service.QuoteFilters(speaker=entity_id)
    items, next_cursor = service.read_sublist(
        session,
        entity_id,
        page,
        lambda: quote_service.list_quotes(session=session, filters=filters, page=page),
    )
    return page_response(request, items, next_cursor)


@router.get(
    "/{entity_id}/events", operation_id="list_entity_events", response_model=Page[EventRead]
)
def list_entity_events(
    entity_id: EntityId,
    request: Request,
    session: SessionDep,
    page: PageDep,
    sort: Annotated[
        Literal["date", "-date"], Query(description="`date` (earliest first) or `-date`.")
    ] = "date",
) -> Any:
    """List the events an entity takes part in, is named with, or hosts, by date."""
    filters = event_service.EventFilters(entity=[entity_id], sort=sort)
    items, next_cursor = service.read_sublist(
        session,
        entity_id,
        page,
        lambda: event_service.list_events(session=session, filters=filters, page=page),
    )
    return page_response(request, items, next_cursor)
