"""Keyset pagination with opaque, tamper-evident cursors.

A cursor is ``base64url(json) + "." + base64url(hmac)``: the client cannot forge
one, and a cursor from another sort order or resource is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field

from app.common.errors import ProblemError
from app.config import get_settings

T = TypeVar("T")
MAX_LIMIT = 100


class Page(BaseModel, Generic[T]):
    """One page of a list; follow ``next_cursor`` (or the ``Link`` header) for the next."""

    data: list[T]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` to get the next page; null on the last page."
    )


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


def _secret() -> bytes:
    settings = get_settings()
    return (settings.cursor_secret or "newsmeta:" + settings.database_url).encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(scope: str, position: list[Any]) -> str:
    """A cursor for the row after ``position`` (the sort key values + id) in ``scope``."""
    payload = json.dumps([scope, position], separators=(",", ":"), default=str).encode()
    signature = hmac.new(_secret(), payload, hashlib.sha256).digest()[:12]
    return f"{_b64(payload)}.{_b64(signature)}"


def decode_cursor(scope: str, cursor: str) -> list[Any]:
    """The position inside ``cursor``; 422 if it was altered or belongs elsewhere."""
    try:
        payload_b64, signature_b64 = cursor.split(".", 1)
        payload = _unb64(payload_b64)
        signature = _unb64(signature_b64)
    except (ValueError, TypeError):
        raise _bad_cursor() from None
    expected = hmac.new(_secret(), payload, hashlib.sha256).digest()[:12]
    if not hmac.compare_digest(signature, expected):
        raise _bad_cursor()
    try:
        cursor_scope, position = json.loads(payload)
    except (ValueError, TypeError):
        raise _bad_cursor() from None
    if cursor_scope != scope or not isinstance(position, list):
        raise ProblemError(
            422,
            "cursor: this cursor belongs to another list or sort order.",
            slug="invalid-cursor",
        )
    return position


def _bad_cursor() -> ProblemError:
    return ProblemError(
        422,
        "cursor: not a cursor issued by this API (use next_cursor as given).",
        slug="invalid-cursor",
    )


def set_next_link(request: Request, response: Response, next_cursor: str | None) -> None:
    """The RFC 8288 ``Link: <…>; rel="next"`` header, same query with the new cursor."""
    if next_cursor is None:
        return
    url = request.url.include_query_params(cursor=next_cursor)
    response.headers["Link"] = f'<{url}>; rel="next"'


def page_response(request: Request, items: list[Any], next_cursor: str | None) -> Response:
    """A ``Page`` of JSON-ready items serialised straight to bytes (no model validation).

    For the most read lists; their route keeps ``response_model=Page[...]`` to document it.
    """
    body = orjson.dumps({"data": items, "next_cursor": next_cursor})
    response = Response(body, media_type="application/json")
    set_next_link(request, response, next_cursor)
    return response


async def page_params(
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 100).", examples=[20]),
    ] = None,
    cursor: Annotated[
        str | None,
        Query(
            description="`next_cursor` of the previous page (opaque; do not build it).",
            max_length=2000,
        ),
    ] = None,
) -> PageParams:
    return PageParams(limit=limit or get_settings().page_size, cursor=cursor)


PageDep = Annotated[PageParams, Depends(page_params)]
