"""RFC 9457 problem+json for every error, never a traceback in a response."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.common.problems import BY_SLUG, SLUG_BY_STATUS, problem_type

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class ValidationErrorItem(BaseModel):
    loc: list[str | int] = Field(description="Where the error is, e.g. ['query', 'limit'].")
    msg: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(
        examples=["/problems/not-found"],
        description="The problem type: a page of this API (relative URI) saying what it means "
        "and what to do, or `about:blank`.",
    )
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["No article with id 42."])
    instance: str | None = Field(default=None, examples=["/v1/articles/42"])
    errors: list[ValidationErrorItem] | None = None


class ProblemError(Exception):
    """Raise from services and routes; becomes a problem+json response."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug or _slug(status)
        self.headers = headers
        self.errors = errors


class NotFound(ProblemError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(404, f"No {what} with id {ident}.", slug="not-found")


def _slug(status: int) -> str:
    return SLUG_BY_STATUS.get(status, "")


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    slug = slug or _slug(status)
    if slug in BY_SLUG:  # one title per type (RFC 9457), the one its page shows
        title = BY_SLUG[slug].title
    else:
        try:
            title = HTTPStatus(status).phrase
        except ValueError:
            title = "Error"
    body: dict[str, Any] = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = errors
    # Errors are never cached (500s are answered outside the HTTP cache middleware).
    headers = {"Cache-Control": "no-store", **(headers or {})}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    items = []
    for err in exc.errors():
        loc = [part if isinstance(part, int) else str(part) for part in err.get("loc", ())]
        # A validator's own message, without pydantic's "Value error, " in front.
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        items.append({"loc": loc, "msg": msg, "type": str(err.get("type", ""))})
    return items


def _describe(errors: list[dict[str, Any]]) -> str:
    parts = []
    for err in errors[:5]:
        loc = err["loc"]
        where = ".".join(str(p) for p in loc[1:]) if len(loc) > 1 else ".".join(map(str, loc))
        parts.append(f"{where}: {err['msg']}" if where else err["msg"])
    return "; ".join(parts) or "Invalid request."


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document lists for this path (Starlette's 405 names only
    the first matching route's, while e.g. GET and POST /v1/articles are two routes)."""
    path = request.url.path
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {m.upper() for m in operations if m.upper() in _HTTP_METHODS}
    return sorted(methods)


_HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}


NOT_MIGRATED = (
    "The store has no tables or is behind the code: run `newsmeta db upgrade` "
    "(retrying does not help until then)."
)
_MISSING_TABLE = re.compile(r"no such table|no such column|relation \"[^\"]+\" does not exist")


def is_missing_table(exc: Exception) -> bool:
    """True for the store's error when a table (or a column) the code reads is missing:
    the migrations were never run, or are behind."""
    return isinstance(exc, DBAPIError) and bool(_MISSING_TABLE.search(str(exc.orig)))


def _not_migrated(request: Request, exc: Exception) -> JSONResponse:
    log.error("store not migrated (%s): run `newsmeta db upgrade`", getattr(exc, "orig", exc))
    # No Retry-After: the store will not fix itself.
    return problem_response(request, 503, NOT_MIGRATED, slug="not-ready")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.detail, slug=exc.slug, headers=exc.headers, errors=exc.errors
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        return problem_response(
            request, 422, _describe(errors), slug="validation-error", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No route matches {request.method} {request.url.path}."
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            allowed = allowed_methods(request)
            detail = (
                f"{request.method} is not allowed on {request.url.path}; "
                f"allowed: {', '.join(allowed)}."
            )
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return problem_response(request, exc.status_code, detail, headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        if is_missing_table(exc):
            return _not_migrated(request, exc)
        log.error("store unavailable: %s", exc.__class__.__name__)
        return problem_response(
            request,
            503,
            "The store is unavailable; retry shortly.",
            slug="store-unavailable",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(DataError)
    @app.exception_handler(OverflowError)
    async def _unstorable(request: Request, exc: Exception) -> JSONResponse:
        # A value the store cannot hold (an id beyond INTEGER, a NUL in text) is bad input.
        log.warning(
            "value refused by the store on %s %s: %s",
            request.method,
            request.url.path,
            exc.__class__.__name__,
        )
        return problem_response(
            request,
            422,
            "A value in the request is out of range or cannot be stored.",
            slug="validation-error",
        )

    @app.exception_handler(DBAPIError)
    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        if getattr(exc, "connection_invalidated", False):  # e.g. InterfaceError on a lost link
            return await _unavailable(request, exc)
        if is_missing_table(exc):  # PostgreSQL: a ProgrammingError (undefined table)
            return _not_migrated(request, exc)
        request_id = request.scope.get("state", {}).get("request_id")
        log.exception(
            "unhandled error on %s %s",
            request.method,
            request.url.path,
            extra={"request_id": request_id},
        )
        # Answered outside the request-id middleware: echo the id here for support.
        headers = {"X-Request-ID": request_id} if request_id else None
        return problem_response(
            request,
            500,
            f"An unexpected error occurred; it has been logged (request id {request_id}).",
            headers=headers,
        )
