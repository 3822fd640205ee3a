"""The most read resources served without the framework's per-request machinery.

A read like ``GET /v1/articles/{id}`` is one indexed statement; through FastAPI it also
pays for route matching over every route, dependency solving, the exception and
telemetry layers and a session object: about two thirds of its CPU time (py-spy, 100k
store, see docs/benchmarks.md). ``FastReads`` answers the requests it recognises
exactly (an integer id in range, no query string, no JSON-LD wanted) itself: the same
statement and serialisation as the route, wrapped in the app's own middleware stack
(caching headers, ETag and 304, gzip, HEAD, CORS, request limits), its errors answered
by the app's own exception handlers. Everything else goes to FastAPI unchanged, and so
does everything when a test overrides a dependency.

The route stays declared in FastAPI (OpenAPI, JSON-LD, the fallback); ``scope["route"]``
is set to it, so metrics and logs name the same route template either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.common.params import ID_MAX
from app.db import engine_for

Reader = Callable[[Connection, int], bytes]


@dataclass(frozen=True)
class FastRead:
    """A read answered by id: ``path`` with one ``{id}``, ``endpoint`` the FastAPI route
    function that declares it, ``read(conn, id)`` its JSON body (raising the route's own
    errors, e.g. ``NotFound``)."""

    path: str
    endpoint: Callable[..., Any]
    read: Reader


def _pattern(path: str) -> re.Pattern[str]:
    prefix, _, suffix = path.partition("{id}")
    return re.compile(re.escape(prefix) + r"([1-9][0-9]{0,9})" + re.escape(suffix))


def _json_body(
    read: Reader, engine: Engine, ident: int
) -> bytes:  # runs in a worker thread (or inline on SQLite)
    with engine.connect() as conn:
        return read(conn, ident)


class FastReads:
    """ASGI layer in front of FastAPI: the ``reads`` it recognises, answered directly."""

    def __init__(self, app: FastAPI, inner: ASGIApp, reads: list[FastRead]) -> None:
        self.app = app
        self.inner = inner
        self.reads: list[tuple[re.Pattern[str], APIRoute, Reader]] = []
        for read in reads:
            route = next(r for r in _api_routes(app.routes) if r.endpoint is read.endpoint)
            self.reads.append((_pattern(read.path), route, read.read))
        self.chain: ASGIApp = self._answer
        # The app's own middleware (outermost first), as Starlette builds its stack.
        for middleware in reversed(app.user_middleware):
            self.chain = middleware.cls(self.chain, *middleware.args, **middleware.kwargs)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self._match(scope)
        if found is None:
            await self.inner(scope, receive, send)
            return
        scope["app"] = self.app
        scope["route"], scope["newsmeta.fast_read"] = found[0], found[1:]
        await self.chain(scope, receive, send)

    def _match(self, scope: Scope) -> tuple[APIRoute, Reader, int] | None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope.get("query_string")
            or self.app.dependency_overrides
        ):
            return None
        path = scope["path"]
        for pattern, route, read in self.reads:
            found = pattern.fullmatch(path)
            if found is not None:
                ident = int(found.group(1))
                if ident > ID_MAX or _wants_other_than_json(scope):
                    return None
                return route, read, ident
        return None

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        read, ident = scope["newsmeta.fast_read"]
        engine = engine_for(scope["method"])
        try:
            if engine.dialect.name == "sqlite":  # a local, sub-millisecond read
                body = _json_body(read, engine, ident)
            else:  # a network round trip: never on the event loop
                body = await run_in_threadpool(_json_body, read, engine, ident)
        except Exception as exc:
            response = await self._error(scope, exc)
            await response(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-length", str(len(body)).encode()),
                    (b"content-type", b"application/json"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _error(self, scope: Scope, exc: Exception) -> Response:
        """The app's exception handler for ``exc`` (the most specific class wins)."""
        handlers = self.app.exception_handlers
        handler = next(
            (handlers[cls] for cls in type(exc).__mro__ if cls in handlers),
            None,
        )
        if handler is None:
            raise exc
        response = handler(Request(scope), exc)
        if not isinstance(response, Response):
            response = await response
        return response


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every ``APIRoute`` of the app, those of included routers too."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):  # FastAPI's included routers
            for context in route.effective_route_contexts():
                if isinstance(context.original_route, APIRoute):
                    yield context.original_route


def _wants_other_than_json(scope: Scope) -> bool:
    """A client asking for JSON-LD (or anything the route negotiates): FastAPI answers."""
    for name, value in scope["headers"]:
        if name == b"accept":
            return b"ld+json" in value
    return False
