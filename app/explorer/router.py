"""Routes of the explorer, outside ``/v1`` and outside the OpenAPI document.

``/``, ``/articles/{id}``, ``/entities/{id}`` and ``/events`` answer a browser with the
same page shell; the script then reads the path and calls the API. ``/`` answers an API
client (``Accept: application/json``, or no preference) with an index of links instead.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse

from app.common.errors import ProblemError
from app.common.params import ID_MAX

# Handlers are ``async``: they only hand back bytes read once, so they run on the event
# loop instead of taking one of the request threads the API reads need.
router = APIRouter(include_in_schema=False)

# Built by `make explorer` from frontend/ (see frontend/build.mjs); shipped as package data.
ASSETS = {
    "explorer.js": "text/javascript; charset=utf-8",
    "explorer.css": "text/css; charset=utf-8",
}
# Everything the page loads comes from this origin: no CDN, no font, no script elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Vary": "Accept",
}


@cache
def asset(name: str) -> bytes:
    """A built file of the explorer, read once from the installed package."""
    return resources.files("app.explorer").joinpath("static", name).read_bytes()


@cache
def page_shell() -> bytes:
    """The HTML shell, its asset links versioned by content so a new build is fetched."""
    html = asset("index.html").decode()
    for name in ASSETS:
        version = hashlib.sha256(asset(name)).hexdigest()[:12]
        html = html.replace(f"/explorer/{name}", f"/explorer/{name}?v={version}")
    return html.encode()


def _quality(accept: str, media_types: tuple[str, ...]) -> float:
    """The highest q the Accept header gives any of ``media_types`` (0 when absent)."""
    best = 0.0
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media.lower() not in media_types:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def prefers_html(request: Request) -> bool:
    """True when the client names HTML and ranks it above JSON (what browsers send)."""
    accept = request.headers.get("accept", "")
    html = _quality(accept, ("text/html", "application/xhtml+xml"))
    json = _quality(accept, ("application/json",))
    return html > 0 and html >= json


def accepts_html(request: Request) -> bool:
    """True unless the Accept header rules HTML out (no header, ``*/*``, ``text/*`` pass)."""
    accept = request.headers.get("accept", "").strip()
    return not accept or _quality(accept, ("text/html", "text/*", "*/*")) > 0


def page(request: Request, api_path: str) -> Response:
    if not accepts_html(request):
        raise ProblemError(
            406,
            f"{request.url.path} is a page of the explorer (HTML); the API has it at {api_path}",
        )
    return Response(page_shell(), media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def link_index(request: Request) -> dict[str, Any]:
    base = str(request.base_url).rstrip("/")
    links = {
        "explorer": "/",
        "docs": "/docs",
        "redoc": "/redoc",
        "openapi": "/openapi.json",
        "articles": "/v1/articles",
        "entities": "/v1/entities",
        "events": "/v1/events",
        "events.ics": "/v1/events.ics",
        "quotes": "/v1/quotes",
        "healthz": "/healthz",
        "readyz": "/readyz",
    }
    return {
        "name": "newsmeta",
        "description": "Articles, entities, quotes, dates and events extracted from news, "
        "served under /v1.",
        "links": {name: {"href": base + path} for name, path in links.items()},
    }


@router.get("/")
async def home(request: Request) -> Response:
    """The Articles page to a browser, an index of links to an API client."""
    if prefers_html(request):
        return page(request, "/v1/articles")
    return JSONResponse(link_index(request), headers={"Vary": "Accept"})


@router.get("/articles/{article_id}")
async def article_page(
    request: Request, article_id: Annotated[int, Path(ge=1, le=ID_MAX)]
) -> Response:
    """The page of one article: its body with the evidence drawn on it."""
    return page(request, f"/v1/articles/{article_id}")


@router.get("/entities/{entity_id}")
async def entity_page(
    request: Request, entity_id: Annotated[int, Path(ge=1, le=ID_MAX)]
) -> Response:
    """The page of one entity: ids, articles per week, related entities, quotes, events."""
    return page(request, f"/v1/entities/{entity_id}")


@router.get("/events")
async def events_page(request: Request) -> Response:
    """The events timeline."""
    return page(request, "/v1/events")


@router.get("/explorer/{name}")
async def explorer_asset(name: str) -> Response:
    """The explorer's script and style sheet."""
    if name not in ASSETS:
        raise ProblemError(404, f"No explorer asset named {name}.", slug="not-found")
    return Response(
        asset(name), media_type=ASSETS[name], headers={"X-Content-Type-Options": "nosniff"}
    )
