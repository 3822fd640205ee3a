"""HTTP caching semantics for reads: ETag, If-None-Match → 304, Cache-Control, HEAD.

Single resources get a strong ETag, lists a weak one (same items, possibly another
serialisation). Errors are ``no-store``. ``HEAD`` is answered wherever ``GET`` is
(``HeadAsGetMiddleware``): the request runs as a GET and the body is dropped, so the
headers (Content-Length and Content-Encoding included) are those of the GET.
"""

from __future__ import annotations

import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.common import clock

CACHED_PREFIX = "/v1/"


def _etag(body: bytes, *, weak: bool) -> str:
    tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return "W/" + tag if weak else tag


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored."""
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


def cache_control(max_age: int) -> str:
    """``Cache-Control`` of a successful read: kept at most until the next UTC midnight,
    when computed values (an event's ``status``) may change with no write to the store."""
    return f"public, max-age={min(max_age, clock.seconds_to_midnight())}"


_MAX_AGE = re.compile(rb"max-age=(\d+)")


def replayed_cache_control(value: bytes) -> bytes:
    """A stored ``Cache-Control`` served again later: its max-age still ends by midnight."""
    found = _MAX_AGE.search(value)
    return cache_control(int(found.group(1))).encode() if found else value


def _is_single_resource(scope: Scope) -> bool:
    # Single resources end with their id: /v1/articles/{article_id}.
    path = getattr(scope.get("route"), "path", "")
    return path.endswith("}")


class HttpCacheMiddleware:
    def __init__(self, app: ASGIApp, *, max_age: int) -> None:
        self.app = app
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, _no_store_on_error(send))
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, buffer)
        body = b"".join(chunks)
        status = start["status"]
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        if status == 200 and scope["path"].startswith(CACHED_PREFIX):
            etag = _etag(body, weak=not _is_single_resource(scope))
            headers["ETag"] = etag
            if "cache-control" not in headers:  # a route's own (the change feed's) wins
                headers["Cache-Control"] = cache_control(self.max_age)
            headers.append("Vary", "Accept")
            if etag_matches(request_header(scope, b"if-none-match") or "", etag):
                for name in ("content-length", "content-type"):
                    del headers[name]
                status, body = 304, b""
        elif status >= 400 or not scope["path"].startswith(CACHED_PREFIX):
            headers["Cache-Control"] = "no-store"
        await send({"type": "http.response.start", "status": status, "headers": headers.raw})
        await send({"type": "http.response.body", "body": body})


class HeadAsGetMiddleware:
    """Answer HEAD like GET without the body (FastAPI routes only declare GET)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        # The same scope object: outer middleware (logs, metrics) still see the route.
        scope["method"] = "GET"
        try:
            await self.app(scope, receive, without_body)
        finally:
            scope["method"] = "HEAD"


def _no_store_on_error(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] >= 400:
            headers = MutableHeaders(raw=list(message.get("headers", [])))
            headers["Cache-Control"] = "no-store"
            message = {**message, "headers": headers.raw}
        await send(message)

    return wrapped


def request_header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None
