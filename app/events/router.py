"""HTTP routes of the events resource, with the iCalendar feed."""

from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.common.errors import ProblemError
from app.common.jsonld import JSONLD_RESPONSE, jsonld_response, wants_jsonld
from app.common.pagination import Page, PageDep, page_response
from app.common.params import (
    ID_MAX,
    IdValue,
    IsoDate,
    check_range,
    forbid_unknown_query_params,
)
from app.db import SessionDep
from app.events import feeds, service
from app.events.schemas import EventArticleRead, EventDetail, EventRead

# Routes return their documents serialised straight from dicts (no response-model
# validation); ``response_model`` documents the shape in the OpenAPI document.
router = APIRouter(
    prefix="/v1/events",
    tags=["events"],
    dependencies=[Depends(forbid_unknown_query_params)],
)
EventId = Annotated[int, Path(ge=1, le=ID_MAX, description="Event id.", examples=[1])]
CALENDAR = "text/calendar"


def _one_of(name: str, alias: str, value: Any, aliased: Any) -> Any:
    """``date_from`` or its alias ``from`` (the same value when both are given)."""
    if value is not None and aliased is not None and value != aliased:
        raise ProblemError(
            422,
            f"{name}: `{name}` and `{alias}` are the same filter; give one of them.",
            slug="validation-error",
            errors=[
                {"loc": ["query", alias], "msg": f"conflicts with {name}", "type": "value_error"}
            ],
        )
    return value if value is not None else aliased


async def event_filters(
    date_from: Annotated[
        IsoDate | None,
        Query(
            description="Events on or after this day (YYYY-MM-DD): their last day is.",
            examples=["2022-01-01"],
        ),
    ] = None,
    date_to: Annotated[
        IsoDate | None,
        Query(
            description="Events on or before this day (YYYY-MM-DD): their first day is.",
            examples=["2022-01-31"],
        ),
    ] = None,
    from_: Annotated[
        IsoDate | None, Query(alias="from", description="Alias of `date_from`.")
    ] = None,
    to: Annotated[IsoDate | None, Query(description="Alias of `date_to`.")] = None,
    entity: Annotated[
        list[IdValue] | None,
        Query(
            description="Entity id taking part in, named with or hosting the event; "
            "repeat to require all of them.",
            examples=[[1]],
        ),
    ] = None,
    location: Annotated[
        int | None, Query(ge=1, le=ID_MAX, description="Entity id of the place.", examples=[1])
    ] = None,
    type: Annotated[
        str | None,
        Query(
            description="talks, meeting, summit, press_conference, election, visit, vote, other…",
            max_length=32,
            examples=["talks"],
        ),
    ] = None,
    status: Annotated[
        Literal["scheduled", "past", "cancelled", "postponed"] | None,
        Query(
            description="Status on the day of the request (UTC): `scheduled` (last day "
            "today or later, not called off), `past` (over, not called off), `cancelled`, "
            "`postponed` (as an article reported it)."
        ),
    ] = None,
    upcoming: Annotated[
        bool,
        Query(
            description="`true`: events still to come, the same as `from=today&status=scheduled`."
        ),
    ] = False,
) -> service.EventFilters:
    date_from = _one_of("date_from", "from", date_from, from_)
    date_to = _one_of("date_to", "to", date_to, to)
    if upcoming:
        if status not in (None, "scheduled"):
            raise ProblemError(
                422,
                f"status: `upcoming=true` lists scheduled events; it cannot be `{status}`.",
                slug="validation-error",
                errors=[
                    {
                        "loc": ["query", "status"],
                        "msg": "conflicts with upcoming",
                        "type": "value_error",
                    }
                ],
            )
        status = "scheduled"  # from today at the earliest (``EventFilters.on``)
    # Named as the query named them (``from``/``to`` are aliases).
    check_range("from" if from_ else "date_from", date_from, "to" if to else "date_to", date_to)
    return service.EventFilters(
        date_from=date_from,
        date_to=date_to,
        entity=entity or [],
        location=location,
        type=type,
        status=status,
    )


FiltersDep = Annotated[service.EventFilters, Depends(event_filters)]


@router.get("", operation_id="list_events", response_model=Page[EventRead])
def list_events(
    request: Request,
    session: SessionDep,
    page: PageDep,
    filters: FiltersDep,
    sort: Annotated[
        Literal["date", "-date"], Query(description="`date` (earliest first) or `-date`.")
    ] = "date",
) -> Any:
    """List events by date, with filters that compose."""
    filters = service.EventFilters(**{**filters.__dict__, "sort": sort})
    items, next_cursor = service.list_events(session=session, filters=filters, page=page)
    return page_response(request, items, next_cursor)


@router.get(
    ".ics",
    operation_id="get_events_calendar",
    response_class=Response,
    responses={
        200: {
            "description": "An iCalendar (RFC 5545) feed of the matching events.",
            "content": {CALENDAR: {"schema": {"type": "string"}}},
        }
    },
)
def get_events_calendar(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """Get the matching events as an iCalendar feed (same filters as the list)."""
    from app.events.ics import IcsEvent, render_calendar

    events = feeds.calendar_events(session=session, filters=filters)
    body = render_calendar(
        (
            IcsEvent(
                id=e.id,
                title=e.title,
                type=e.type,
                date=e.date,
                granularity=e.granularity,
                location=e.location.name if e.location else None,
                status=e.status,
                description="\n\n".join(
                    part for part in (evidence, "; ".join(e.notes).capitalize()) if part
                ),
                updated=e.updated_at,
            )
            for e, evidence in events
        ),
        calendar_name="newsmeta events",
        base_url=str(request.base_url).rstrip("/"),
    )
    return Response(body, media_type=f"{CALENDAR}; charset=utf-8")


@router.get(
    "/{event_id}",
    operation_id="get_event",
    response_model=EventDetail,
    responses={200: {"content": JSONLD_RESPONSE}},
)
def get_event(event_id: EventId, request: Request, session: SessionDep) -> Any:
    """Get one event with its place, participants, notes and articles."""
    if wants_jsonld(request):
        event = service.get_event(session=session, event_id=event_id)
        return jsonld_response(feeds.event_jsonld(session=session, event=event))
    document = service.event_document(session=session, event_id=event_id)
    return Response(orjson.dumps(document), media_type="application/json")


@router.get(
    "/{event_id}/articles",
    operation_id="list_event_articles",
    response_model=Page[EventArticleRead],
)
def list_event_articles(
    event_id: EventId, request: Request, session: SessionDep, page: PageDep
) -> Any:
    """List the articles mentioning an event, newest first, with the evidence sentence."""
    items, next_cursor = service.list_event_articles(session=session, event_id=event_id, page=page)
    return page_response(request, items, next_cursor)
