"""Liveness, readiness and metrics."""

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.common import metrics as prometheus
from app.common.errors import PROBLEM_JSON, Problem
from app.common.problems import BY_SLUG, problem_type
from app.db import get_engine, migration_state

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    revision: str | None
    head: str | None


@router.get("/healthz", operation_id="get_health", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get(
    "/readyz",
    operation_id="get_readiness",
    response_model=Readiness,
    responses={
        503: {
            "model": Problem,
            "description": "Store unreachable or migrations behind.",
            "content": {PROBLEM_JSON: {}},
        }
    },  # type: ignore[dict-item]
)
def readyz() -> Readiness | JSONResponse:
    """The store is reachable and its migrations are current."""
    try:
        engine = get_engine()
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        current, head = migration_state(engine)
    except SQLAlchemyError as exc:
        log.error("readiness: store unreachable (%s)", exc.__class__.__name__)
        return _not_ready("The store is unreachable.")
    if current != head:
        log.error("readiness: store at migration %s, code expects %s", current, head)
        behind = (
            "The store has no tables yet"
            if current is None
            else f"The store is at migration {current}, the code expects {head}"
        )
        # No Retry-After: waiting does not migrate the store.
        return _not_ready(f"{behind}: run `newsmeta db upgrade`.", retry_after=None)
    return Readiness(status="ready", revision=current, head=head)


def _not_ready(detail: str, *, retry_after: int | None = 5) -> JSONResponse:
    return JSONResponse(
        {
            "type": problem_type("not-ready"),
            "title": BY_SLUG["not-ready"].title,
            "status": 503,
            "detail": detail,
            "instance": "/readyz",
        },
        status_code=503,
        media_type=PROBLEM_JSON,
        headers={"Retry-After": str(retry_after)} if retry_after else None,
    )


@router.get("/metrics", operation_id="get_metrics", response_class=PlainTextResponse)
def metrics() -> Response:
    """Prometheus metrics (of every API process when several share a folder)."""
    return Response(prometheus.render(), media_type=prometheus.CONTENT_TYPE)
