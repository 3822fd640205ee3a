"""The threads that run request handlers: how many, and a set of their own for writes.

FastAPI runs a ``def`` handler in anyio's thread pool (40 threads). On SQLite every query
is CPU in this process, and the ``sqlite3`` module hands the GIL back around each step:
with 16 requests at once the threads took turns ~150 times per request, and
``/v1/articles`` served 540 req/s at 2.2 ms of CPU each; with 2 threads 750, with 1 870
(100k articles, response cache off). SQLite therefore gets 2 (a slow request leaves the
other running). PostgreSQL handlers wait on the network and keep anyio's 40.

Writes run in threads of their own (``run_write``): a write waiting for SQLite's write
lock (up to the busy timeout) or running the extraction never holds a reader's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

SQLITE_HANDLER_THREADS = 2
WRITE_THREADS = 2

T = TypeVar("T")


def configure(state: object, *, sqlite: bool, threads: int = 0) -> None:
    """Size the handlers' thread pool (``threads``, or the store's default); in the loop."""
    if threads or sqlite:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = threads or SQLITE_HANDLER_THREADS
    state.write_limiter = anyio.CapacityLimiter(WRITE_THREADS)  # type: ignore[attr-defined]


async def run_write(request: Request, func: Callable[[], T]) -> T:
    """``func()`` in the writes' threads (the default pool if the app was not started)."""
    limiter = getattr(request.app.state, "write_limiter", None)
    return await anyio.to_thread.run_sync(func, limiter=limiter)
