"""HTTP route of the change feed."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from app.changes import service
from app.changes.schemas import ChangePage
from app.common.errors import PROBLEM_JSON, Problem, ProblemError
from app.common.params import forbid_unknown_query_params
from app.config import get_settings
from app.db import get_read_engine

MAX_WAIT = 30
# The longest a poll really waits (tests that fuzz ``wait`` shorten it).
wait_cap: float = MAX_WAIT
MAX_LIMIT = 1000
POLL_SECONDS = 0.2
RESOURCE_PATHS = {
    "article": "/v1/articles/",
    "entity": "/v1/entities/",
    "event": "/v1/events/",
    "quote": "/v1/quotes/",
}

router = APIRouter(
    prefix="/v1/changes",
    tags=["changes"],
    dependencies=[Depends(forbid_unknown_query_params)],
)


@router.get(
    "",
    operation_id="list_changes",
    response_model=ChangePage,
    responses={
        410: {
            "model": Problem,
            "description": "`since` is older than the changes kept "
            "(`NEWSMETA_CHANGES_RETENTION_DAYS`): resync, then follow the feed again.",
            "content": {PROBLEM_JSON: {}},
        }
    },
)
async def list_changes(
    request: Request,
    since: Annotated[
        str | None,
        Query(
            description="`next_cursor` of the previous page; omitted: from the oldest change "
            "kept; `latest`: none, only the cursor of the newest change (to follow from now).",
            pattern=r"^([0-9]{1,18}|latest)$",
            examples=["42"],
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Changes per page (at most 1000).")
    ] = 100,
    wait: Annotated[
        float,
        Query(
            ge=0,
            le=MAX_WAIT,
            description="Seconds to wait for a change when there is none yet (long poll, "
            "at most 30); 0 answers at once.",
            examples=[30],
        ),
    ] = 0,
) -> Any:
    """Follow every create, update and delete of articles, entities, events and quotes."""
    if since == "latest":
        newest = await run_in_threadpool(_newest)
        return _page(request, [], str(newest))
    position = int(since) if since is not None else None
    deadline = time.monotonic() + min(wait, wait_cap)
    rows, pruned = await run_in_threadpool(_read, position, limit)
    _refuse_expired(position, pruned)
    # A connection is taken for each short check only, never for the whole wait.
    while not rows and time.monotonic() < deadline and not await request.is_disconnected():
        await asyncio.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))
        if position is not None and not await run_in_threadpool(_any_after, position):
            continue
        rows, pruned = await run_in_threadpool(_read, position, limit)
        _refuse_expired(position, pruned)  # pruned while it waited
    # An empty page keeps the caller's position (the horizon when it gave none).
    last = rows[-1].id if rows else (position if position is not None else pruned)
    return _page(request, rows, str(last))


def _refuse_expired(position: int | None, pruned: int) -> None:
    """410 for a cursor below the pruned horizon: changes after it may be gone."""
    if position is not None and position < pruned:
        days = get_settings().changes_retention_days
        raise ProblemError(
            410,
            f"since: this cursor is older than the changes kept ({days} days; changes up to "
            f"{pruned} were pruned). Resync: note the next_cursor of "
            "GET /v1/changes?since=latest, list the resources again, then follow the feed "
            "from the cursor noted.",
            slug="cursor-expired",
        )


def _page(request: Request, rows: list[Any], next_cursor: str) -> Response:
    base = str(request.base_url).rstrip("/")
    data = [
        {
            "id": row.id,
            "resource": row.resource,
            "resource_id": row.resource_id,
            "kind": row.kind,
            "changed_at": row.changed_at,
            "url": None
            if row.kind == "deleted"
            else f"{base}{RESOURCE_PATHS[row.resource]}{row.resource_id}",
        }
        for row in rows
    ]
    page = ChangePage.model_validate({"data": data, "next_cursor": next_cursor})
    # A feed is never served from a cache: the next call must see the next change.
    return Response(
        page.model_dump_json(),
        media_type="application/json",
        headers={"Cache-Control": "no-cache"},
    )


def _read(position: int | None, limit: int) -> tuple[list[Any], int]:
    with Session(get_read_engine()) as session:
        return service.changes_after(session, position, limit)


def _any_after(position: int) -> bool:
    with Session(get_read_engine()) as session:
        return service.has_changes_after(session, position)


def _newest() -> int:
    with Session(get_read_engine()) as session:
        return service.newest(session)
