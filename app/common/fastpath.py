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
from functools import cached_property, lru_cache
from typing import Any, Protocol
from urllib.parse import parse_qsl

from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.common.http import request_header
from app.common.params import ID_MAX
from app.db import engine_for

Headers = list[tuple[bytes, bytes]]


class FastRoute(Protocol):
    """A read the fast path answers: ``endpoint`` is the FastAPI route function that
    declares it (OpenAPI, fallback); ``match`` the arguments of a request it answers
    exactly as that route would (None: the route answers); ``answer`` its JSON body and
    extra headers, read on ``engine`` (raising the route's own errors)."""

    @property
    def endpoint(self) -> Callable[..., Any]: ...

    def match(self, path: str, query_string: bytes) -> Any | None: ...

    def answer(self, engine: Engine, args: Any, scope: Scope) -> tuple[bytes, Headers]: ...


@dataclass(frozen=True)
class FastRead:
    """A resource read by id: ``path`` with one ``{id}``, ``read(conn, id)`` its JSON body."""

    path: str
    endpoint: Callable[..., Any]
    read: Callable[[Connection, int], bytes]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        prefix, _, suffix = self.path.partition("{id}")
        return re.compile(re.escape(prefix) + r"([1-9][0-9]{0,9})" + re.escape(suffix))

    def match(self, path: str, query_string: bytes) -> int | None:
        found = self.pattern.fullmatch(path)
        if found is None or query_string:
            return None
        ident = int(found.group(1))
        return ident if ident <= ID_MAX else None

    def answer(self, engine: Engine, args: int, scope: Scope) -> tuple[bytes, Headers]:
        with engine.connect() as conn:
            return self.read(conn, args), []


class FastReads:
    """ASGI layer in front of FastAPI: the ``reads`` it recognises, answered directly."""

    def __init__(self, app: FastAPI, inner: ASGIApp, reads: list[FastRoute]) -> None:
        self.app = app
        self.inner = inner
        routes = list(_api_routes(app.routes))
        self.reads = [(next(r for r in routes if r.endpoint is f.endpoint), f) for f in reads]
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

    def _match(self, scope: Scope) -> tuple[APIRoute, FastRoute, Any] | None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or self.app.dependency_overrides
        ):
            return None
        path, query_string = scope["path"], scope.get("query_string", b"")
        for route, read in self.reads:
            args = read.match(path, query_string)
            if args is not None:
                accept = request_header(scope, b"accept")
                # A client asking for JSON-LD (the route negotiates it): FastAPI answers.
                return None if accept and "ld+json" in accept else (route, read, args)
        return None

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        read, args = scope["newsmeta.fast_read"]
        engine = engine_for(scope["method"])
        try:
            if engine.dialect.name == "sqlite":  # a local, sub-millisecond read
                body, headers = read.answer(engine, args, scope)
            else:  # a network round trip: never on the event loop
                body, headers = await run_in_threadpool(
                    read.answer, _autocommit(engine), args, scope
                )
        except Exception as exc:
            response = await self._error(scope, exc)
            await response(scope, receive, send)
            return
        headers = [
            (b"content-length", str(len(body)).encode()),
            (b"content-type", b"application/json"),
            *headers,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
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


@lru_cache(maxsize=8)
def _autocommit(engine: Engine) -> Engine:
    """``engine`` without transactions: a read of one statement (or of a page whose rows
    are read again by id) needs no snapshot of its own, and psycopg's ``BEGIN`` and the
    pool's ``ROLLBACK`` on return were two round trips of the three a detail cost
    (PostgreSQL detail: API CPU 1.37 → 0.67–0.87 ms in process, see docs/benchmarks.md)."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def query_items(query_string: bytes) -> list[tuple[str, str]]:
    """The query's (name, value) pairs, as Starlette reads them."""
    return parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every ``APIRoute`` of the app, those of included routers too."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):  # FastAPI's included routers
            for context in route.effective_route_contexts():
                if isinstance(context.original_route, APIRoute):
                    yield context.original_route
