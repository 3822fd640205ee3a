"""The problem types of the API: each ``type`` of a problem+json answer is a page here.

``/problems/{slug}`` says, in a few lines, what the problem means and what to do about it:
HTML for a person who follows the link, JSON for a client that asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

PROBLEMS_PATH = "/problems/"


@dataclass(frozen=True)
class ProblemKind:
    slug: str
    status: int
    title: str
    meaning: str
    action: str


KINDS = [
    ProblemKind(
        "bad-request",
        400,
        "Bad Request",
        "The request is malformed at the HTTP level (e.g. a Content-Length that is not a number).",
        "Fix the request; HTTP client libraries never send such requests on their own.",
    ),
    ProblemKind(
        "unauthorized",
        401,
        "Unauthorized",
        "A write (POST or DELETE) came without an API key.",
        "Send one of the keys of NEWSMETA_API_KEYS as `Authorization: Bearer KEY` or `X-API-Key: KEY`.",
    ),
    ProblemKind(
        "forbidden",
        403,
        "Forbidden",
        "The API key of a write is not one of the server's keys.",
        "Check the key against the server's NEWSMETA_API_KEYS.",
    ),
    ProblemKind(
        "writes-disabled",
        403,
        "Writes Disabled",
        "This server accepts no writes: it has no API keys (NEWSMETA_API_KEYS is empty).",
        "Reads work as usual. To write, start the server with NEWSMETA_API_KEYS set, or import "
        "files with `newsmeta import`.",
    ),
    ProblemKind(
        "not-found",
        404,
        "Not Found",
        "No resource has this id, or no route has this path.",
        "Check the id (list endpoints give valid ones) and the path against /openapi.json.",
    ),
    ProblemKind(
        "method-not-allowed",
        405,
        "Method Not Allowed",
        "The path exists but not with this HTTP method.",
        "Use one of the methods the `Allow` header lists.",
    ),
    ProblemKind(
        "content-too-large",
        413,
        "Content Too Large",
        "The request body is larger than the server accepts (NEWSMETA_MAX_REQUEST_BYTES, and "
        "NEWSMETA_MAX_ARTICLE_BYTES for articles).",
        "Send a smaller body; import big articles with `newsmeta import`.",
    ),
    ProblemKind(
        "unsupported-media-type",
        415,
        "Unsupported Media Type",
        "The request body is not declared as JSON: `POST /v1/articles` reads one JSON article.",
        "Send the article as JSON with `Content-Type: application/json` (curl: "
        "`-H 'Content-Type: application/json'`); import other formats with `newsmeta import`.",
    ),
    ProblemKind(
        "validation-error",
        422,
        "Unprocessable Content",
        "A parameter or the body is invalid: an unknown parameter, a wrong type, a value out of "
        "range. `detail` says which, and `errors` lists each one with its location.",
        "Fix the parameter `detail` names; /openapi.json lists every parameter and its type.",
    ),
    ProblemKind(
        "invalid-cursor",
        422,
        "Invalid Cursor",
        "The `cursor` parameter is not one this server issued for this list and sort (cursors are "
        "signed and opaque), or it was altered.",
        "Start again from the first page and follow `next_cursor` or the `Link` header as given.",
    ),
    ProblemKind(
        "rate-limited",
        429,
        "Too Many Requests",
        "Too many writes in a minute from this API key or client (NEWSMETA_WRITE_RATE_LIMIT).",
        "Wait the seconds the `Retry-After` header gives, then retry.",
    ),
    ProblemKind(
        "internal-error",
        500,
        "Internal Server Error",
        "The server failed on a request it should have answered. It logged the error with the "
        "request id that `detail` and the `X-Request-ID` header give.",
        "Retry later; if it persists, report it with the request id.",
    ),
    ProblemKind(
        "cursor-expired",
        410,
        "Cursor Expired",
        "The change-feed cursor is older than the changes the server keeps "
        "(`NEWSMETA_CHANGES_RETENTION_DAYS`): changes after it may have been pruned.",
        "Resync: note the `next_cursor` of `GET /v1/changes?since=latest`, list the resources "
        "again, then follow the feed from the cursor you noted.",
    ),
    ProblemKind(
        "store-unavailable",
        503,
        "Store Unavailable",
        "The server cannot reach its store (the database is down, restarting or saturated).",
        "Retry after the seconds the `Retry-After` header gives.",
    ),
    ProblemKind(
        "not-ready",
        503,
        "Not Ready",
        "The server is up but not ready: its store is unreachable, or the store's migrations are "
        "behind the code.",
        "An operator runs `newsmeta db upgrade` (or brings the database back); /readyz then "
        "answers 200.",
    ),
]
BY_SLUG = {kind.slug: kind for kind in KINDS}
# The type of a problem raised with a status only.
SLUG_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "content-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "store-unavailable",
}


def problem_type(slug: str) -> str:
    """The ``type`` URI of a problem: a page of this service, or ``about:blank`` (RFC 9457)
    for a status without a page of its own."""
    return PROBLEMS_PATH + slug if slug in BY_SLUG else "about:blank"


class ProblemType(BaseModel):
    """A problem type: what it means and what to do."""

    type: str = Field(examples=["/problems/not-found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    meaning: str
    action: str = Field(description="What to do about it.")


def _read(kind: ProblemKind) -> ProblemType:
    return ProblemType(
        type=problem_type(kind.slug),
        title=kind.title,
        status=kind.status,
        meaning=kind.meaning,
        action=kind.action,
    )


router = APIRouter(prefix="/problems", tags=["problems"])
_BOTH = {
    "content": {
        "application/json": {},
        "text/html": {"schema": {"type": "string"}},
    }
}


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "json" in accept and "text/html" not in accept


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} · newsmeta</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;"
        "padding:0 1em}code{background:#eee;padding:0 .2em}</style></head>"
        f"<body>{body}<p><a href='/problems'>All problem types</a> · "
        "<a href='/docs'>API docs</a></p></body></html>"
    )


@router.get(
    "",
    operation_id="list_problem_types",
    response_model=list[ProblemType],
    responses={200: _BOTH},
)
def list_problem_types(request: Request) -> object:
    """List the problem types the API answers with."""
    kinds = [_read(kind) for kind in KINDS]
    if _wants_json(request):
        return JSONResponse([k.model_dump() for k in kinds])
    items = "".join(
        f"<li><a href='{k.type}'>{escape(k.title)}</a> ({k.status}): {escape(k.meaning)}</li>"
        for k in kinds
    )
    return _page("Problem types", f"<h1>Problem types</h1><ul>{items}</ul>")


@router.get(
    "/{slug}",
    operation_id="get_problem_type",
    response_model=ProblemType,
    responses={200: _BOTH},
)
def get_problem_type(
    slug: Annotated[
        str, Path(description="The last part of a problem's `type`.", examples=["not-found"])
    ],
    request: Request,
) -> object:
    """Describe one problem type: what it means and what to do."""
    kind = BY_SLUG.get(slug)
    if kind is None:
        from app.common.errors import ProblemError

        raise ProblemError(404, f"No problem type {slug!r}.", slug="not-found")
    found = _read(kind)
    if _wants_json(request):
        return JSONResponse(found.model_dump())
    return _page(
        found.title,
        f"<h1>{escape(found.title)}</h1><p>HTTP status {found.status} · "
        f"<code>type: {escape(found.type)}</code></p>"
        f"<h2>What it means</h2><p>{escape(found.meaning)}</p>"
        f"<h2>What to do</h2><p>{escape(found.action)}</p>",
    )
