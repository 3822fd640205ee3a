"""The FastAPI application: routers, middleware and error handlers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Receive, Scope, Send

from app import health
from app.articles.fast import FAST_READS
from app.articles.router import router as articles_router
from app.changes.router import router as changes_router
from app.common import problems, threads
from app.common.docs import install_docs
from app.common.errors import install_error_handlers
from app.common.fastpath import FastReads
from app.common.http import HeadAsGetMiddleware, HttpCacheMiddleware
from app.common.limits import RequestLimitsMiddleware
from app.common.logs import configure_logging
from app.common.middleware import RequestContextMiddleware
from app.common.openapi import install_openapi
from app.common.response_cache import (
    PostgresVersion,
    ResponseCache,
    ResponseCacheMiddleware,
    SqliteVersion,
    version_source,
)
from app.config import get_settings
from app.db import (
    describe_store_error,
    get_engine,
    get_read_engine,
    is_sqlite,
    migration_state,
)
from app.entities.router import router as entities_router
from app.events.router import router as events_router
from app.explorer.router import router as explorer_router
from app.quotes.router import router as quotes_router

log = logging.getLogger(__name__)

DESCRIPTION = """\
newsmeta turns raw news articles into a linked store of **articles, entities,
quotes, dates and events**. Every extracted item carries character offsets into
the article `body`. Errors are RFC 9457 `application/problem+json`.
"""


class NewsmetaApp(FastAPI):
    """FastAPI with two layers outside its own middleware stack: the request context
    (request id, access log, metrics) and the response cache, so a cached read costs
    neither the framework nor the store."""

    outer: ASGIApp | None = None
    response_cache: ResponseCache | None = None
    _version: SqliteVersion | PostgresVersion | None = None
    _cache_checked = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.outer is None:
            inner = FastReads(self, partial(FastAPI.__call__, self), FAST_READS)
            self.outer = RequestContextMiddleware(ResponseCacheMiddleware(inner, self.cache))
        await self.outer(scope, receive, send)

    def cache(self) -> ResponseCache | None:
        """The response cache of this app's store, opened on first use (None: off)."""
        if not self._cache_checked:
            self._cache_checked = True
            megabytes = get_settings().response_cache_mb
            self._version = version_source(get_read_engine()) if megabytes > 0 else None
            if self._version is not None:
                self.response_cache = ResponseCache(
                    self._version.current, max_bytes=megabytes * 2**20
                )
        return self.response_cache

    def close_cache(self) -> None:
        if self._version is not None:
            self._version.close()
        self._version = self.response_cache = None
        self._cache_checked = False


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    try:
        current, head = migration_state(get_engine())
    except SQLAlchemyError as exc:
        reason = describe_store_error(" ".join(str(getattr(exc, "orig", exc)).split()))
        log.error("store unreachable at start-up: %s; /readyz will fail", reason)
    else:
        if current != head:
            log.error(
                "store migrations are behind (store %s, code %s): run `newsmeta db upgrade`; "
                "until then /readyz and the /v1 reads of missing tables answer 503",
                current,
                head,
            )
    settings = get_settings()
    threads.configure(
        app.state, sqlite=is_sqlite(settings.database_url), threads=settings.api_threads
    )
    yield
    if isinstance(app, NewsmetaApp):
        app.close_cache()


def create_app() -> NewsmetaApp:
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = NewsmetaApp(
        title="newsmeta",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # install_docs: served with local assets
        redoc_url=None,
        openapi_tags=[
            {"name": "articles", "description": "Articles and everything extracted from them."},
            {"name": "entities", "description": "People, organisations and places, one per thing."},
            {"name": "events", "description": "Dated happenings, one across articles."},
            {"name": "quotes", "description": "Who said what, in which article."},
            {"name": "changes", "description": "Every create, update and delete, in commit order."},
            {"name": "health", "description": "Liveness, readiness and metrics."},
            {"name": "problems", "description": "What each error `type` means, what to do."},
        ],
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(articles_router)
    app.include_router(entities_router)
    app.include_router(events_router)
    app.include_router(quotes_router)
    app.include_router(problems.router)
    install_docs(app)
    app.include_router(explorer_router)  # `/` and the pages outside /v1, not in the schema
    app.include_router(changes_router)
    install_openapi(app)
    # Innermost: ETags are computed on the uncompressed body.
    app.add_middleware(HttpCacheMiddleware, max_age=settings.cache_max_age)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(HeadAsGetMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", "If-None-Match"],
            expose_headers=["Link", "ETag", "X-Request-ID"],
        )
    app.add_middleware(RequestLimitsMiddleware, max_bytes=settings.max_request_bytes)
    # RequestContextMiddleware and the response cache wrap the whole app (NewsmetaApp).
    return app
