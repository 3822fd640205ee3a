"""An in-process cache of read responses that a commit to the store invalidates.

A news store changes when an import or a write commits, and is read far more often
than that. Successful ``GET /v1/…`` responses are kept, bytes and headers, keyed by
path, query and the request headers they vary on; a hit skips the framework, the
database and the serialisation. Entries are valid for one *version* of the store:

* SQLite: ``PRAGMA data_version`` on a connection of our own, read on every lookup;
  it changes when any other connection (another process included) commits. Exact.
* PostgreSQL: ``pg_current_snapshot()``, polled by a thread every ``POLL_SECONDS``;
  the snapshot changes whenever a write transaction starts or ends on the server. A
  hit may therefore lag a commit made by another process by up to ``POLL_SECONDS``;
  writes through this process's API (``POST``/``DELETE``) invalidate at once.

A response is stored under the version read *before* it was computed, so one computed
across a commit is never served as current. Requests with ``Origin`` (CORS) or
``Cache-Control: no-cache`` bypass the cache; errors are never stored. The cache is
bounded in bytes (LRU); ``NEWSMETA_RESPONSE_CACHE_MB=0`` turns it off. Keys carry the
UTC day (``clock.today()``): an event's status changes at midnight with no commit.

A response is admitted on its key's *second* miss (a doorkeeper remembers the keys seen
once, as TinyLFU does): traffic that rarely repeats (random article ids over a large
store) then costs the cache a set lookup per request, not the capture, copy and
eviction of a body nobody asks for again, while anything asked twice is kept.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.common import clock
from app.common.http import etag_matches, replayed_cache_control, request_header
from app.db import make_engine

log = logging.getLogger(__name__)

CACHED_PREFIX = "/v1/"
POLL_SECONDS = 0.2
_HIT = (b"x-cache", b"hit")
_MISS = (b"x-cache", b"miss")


class SqliteVersion:
    """``PRAGMA data_version`` of a private connection: changes when another commits."""

    def __init__(self, database: str) -> None:
        self._conn = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()

    def current(self) -> int | None:
        try:
            with self._lock:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def close(self) -> None:
        self._conn.close()


class PostgresVersion:
    """A counter bumped when ``pg_current_snapshot()`` changes (polled in a thread).

    ``None`` while the server cannot be read: the cache is bypassed, and the first
    successful poll after an outage starts a new version.
    """

    def __init__(self, engine: Engine, *, interval: float = POLL_SECONDS) -> None:
        self._engine = engine
        self._interval = interval
        self._version: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="response-cache", daemon=True)
        self._thread.start()

    def current(self) -> int | None:
        return self._version

    def _run(self) -> None:
        last: str | None = None
        counter = 0
        while not self._stop.is_set():
            try:
                with self._engine.connect() as conn:
                    while not self._stop.is_set():
                        snapshot = str(conn.execute(text("SELECT pg_current_snapshot()")).scalar())
                        conn.rollback()
                        if snapshot != last:
                            counter += 1
                            last = snapshot
                            self._version = counter
                        self._stop.wait(self._interval)
            except Exception as exc:  # the server is down or restarting: bypass, retry
                if self._version is not None:
                    log.warning("response cache off until the store answers (%s)", exc)
                self._version = None
                last = None
                self._stop.wait(max(self._interval, 1.0))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._engine.dispose()


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str | None
    route: Any


class Doorkeeper:
    """The keys seen once lately, in two generations of at most ``size`` hashes each.

    When the current generation is full it becomes the previous one: a key is
    remembered for between ``size`` and ``2 * size`` distinct keys after it was seen.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._current: set[int] = set()
        self._previous: set[int] = set()

    def seen_before(self, key: tuple[Any, ...]) -> bool:
        """Whether ``key`` was seen lately; remembers it either way."""
        digest = hash(key)
        if digest in self._current or digest in self._previous:
            return True
        self._current.add(digest)
        if len(self._current) >= self.size:
            self._previous, self._current = self._current, set()
        return False


class ResponseCache:
    """Entries of one store version, least recently used first, at most ``max_bytes``."""

    def __init__(
        self,
        version: Callable[[], int | None],
        *,
        max_bytes: int,
        doorkeeper: Doorkeeper | None = None,
    ) -> None:
        self._version = version
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[Any, ...], Entry] = OrderedDict()
        self._bytes = 0
        self._at: int | None = None
        # ~one key per 2 KiB of cache (a list page gzipped), at least 4,096.
        self.doorkeeper = doorkeeper or Doorkeeper(max(4_096, max_bytes // 2_048))

    def version(self) -> int | None:
        """The store's version now; entries of another version are dropped."""
        current = self._version()
        if current != self._at:
            self.clear()
            self._at = current
        return current

    def get(self, key: tuple[Any, ...]) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: tuple[Any, ...], entry: Entry, version: int) -> None:
        size = len(entry.body) + 64 * len(entry.headers)
        if self._version() != version or size > self.max_bytes // 8:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = entry
        self._bytes += size
        while self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: tuple[Any, ...]) -> None:
        entry = self._entries.pop(key)
        self._bytes -= len(entry.body) + 64 * len(entry.headers)

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def version_source(engine: Engine) -> SqliteVersion | PostgresVersion | None:
    """How to read the version of the store behind ``engine`` (None: not cacheable)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return SqliteVersion(url.database)
    if url.get_backend_name() == "postgresql":
        return PostgresVersion(make_engine(url.render_as_string(hide_password=False)))
    return None


class ResponseCacheMiddleware:
    """Serve ``GET``/``HEAD`` reads under ``/v1/`` from ``ResponseCache``; store misses.

    ``cache_for`` gives the cache to use (built lazily, on the first request, from the
    app's engine) or None when caching is off.
    """

    def __init__(self, app: ASGIApp, cache_for: Callable[[], ResponseCache | None]) -> None:
        self.app = app
        self.cache_for = cache_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            await self._write(scope, receive, send)
            return
        cache = self.cache_for() if method in ("GET", "HEAD") else None
        key = _key(scope) if cache is not None else None
        version = cache.version() if cache is not None and key is not None else None
        if cache is None or key is None or version is None:
            await self.app(scope, receive, send)
            return
        entry = cache.get(key)
        if entry is not None:
            await _replay(scope, send, entry)
            return
        if method == "HEAD" or not cache.doorkeeper.seen_before(key):
            await self.app(scope, receive, _with_header(send, _MISS))
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                message = {**message, "headers": [*message.get("headers", []), _MISS]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    start.clear()  # streamed: not stored
            await send(message)

        await self.app(scope, receive, capture)
        headers = list(start.get("headers", []))
        # A route that says ``no-cache`` (the change feed) is never served from here.
        if start.get("status") == 200 and not any(
            k == b"cache-control" and b"no-cache" in v for k, v in headers
        ):
            etag = next((v.decode("latin-1") for k, v in headers if k == b"etag"), None)
            entry = Entry(200, headers, b"".join(chunks), etag, scope.get("route"))
            cache.put(key, entry, version)

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A write through this process: whatever it changed is not served from here."""
        try:
            await self.app(scope, receive, send)
        finally:
            cache = self.cache_for()
            if cache is not None:
                cache.clear()


def _with_header(send: Send, header: tuple[bytes, bytes]) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), header]}
        await send(message)

    return wrapped


def _key(scope: Scope) -> tuple[Any, ...] | None:
    path: str = scope["path"]
    if not path.startswith(CACHED_PREFIX):
        return None
    accept = accept_encoding = b""
    for name, value in scope["headers"]:
        if name == b"origin":
            return None
        if name == b"cache-control" and b"no-cache" in value:
            return None
        if name == b"accept":
            accept = value
        elif name == b"accept-encoding":
            accept_encoding = value
    # The day is part of the key: answers computed against it (an event's ``status``)
    # change at midnight without a write to the store.
    return (
        path,
        scope.get("query_string", b""),
        accept,
        b"gzip" in accept_encoding,
        clock.today(),
    )


async def _replay(scope: Scope, send: Send, entry: Entry) -> None:
    scope["route"] = entry.route  # the access log and metrics name the route
    headers = [
        (k, replayed_cache_control(v) if k == b"cache-control" else v) for k, v in entry.headers
    ]
    status = entry.status
    body = entry.body
    if entry.etag is not None:
        if_none_match = request_header(scope, b"if-none-match")
        if if_none_match is not None and etag_matches(if_none_match, entry.etag):
            status, body = 304, b""
            headers = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type")]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, _HIT]})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
