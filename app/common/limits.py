"""Guards against hostile requests, as plain ASGI middleware.

- A body larger than ``max_request_bytes`` gets a 413, whether its ``Content-Length``
  says so up front or a chunked body grows past the limit while it is read.
- A NUL character in the path or the query gets a 422: PostgreSQL text cannot hold
  one, so it would otherwise reach the driver and fail as a 500.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.common.errors import problem_response


class RequestTooLarge(HTTPException):
    """Raised while a body is read; FastAPI and the error handlers pass it through as 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


class RequestLimitsMiddleware:
    """413 for oversized bodies, 422 for NUL characters in the path or query."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _has_nul(scope):
            await _reject(scope, receive, send, 422, "The path or query contains a NUL character.")
            return
        declared = _content_length(scope)
        if declared is None:
            await _reject(scope, receive, send, 400, "Content-Length is not a number.")
            return
        if declared > self.max_bytes:
            await _reject(scope, receive, send, 413, RequestTooLarge(self.max_bytes).detail)
            return
        await self._call_limited(scope, receive, send)

    async def _call_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        too_large = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise RequestTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except RequestTooLarge:
            # Raised outside any handler (e.g. a route reading request.stream()).
            if started:
                raise
            await _reject(scope, receive, send, 413, RequestTooLarge(self.max_bytes).detail)
        else:
            if too_large and not started:
                await _reject(scope, receive, send, 413, RequestTooLarge(self.max_bytes).detail)


def _content_length(scope: Scope) -> int | None:
    """The declared length, 0 when absent, None when it is not a number."""
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isascii() and text.isdigit() else None
    return 0


def _has_nul(scope: Scope) -> bool:
    raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
    query = scope.get("query_string", b"")
    # Only a literal NUL or its escape %00 decodes to NUL: skip the unquoting otherwise.
    return any(
        b"\x00" in unquote_to_bytes(part)
        for part in (raw_path, query)
        if b"\x00" in part or b"%00" in part
    )


async def _reject(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    headers: dict[str, Any] = {"Connection": "close"} if status == 413 else {}
    response = problem_response(Request(scope), status, detail, headers=headers)
    await response(scope, receive, send)
