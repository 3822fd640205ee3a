"""API keys for writes, and a per-client rate limit on them.

Keys come from ``NEWSMETA_API_KEYS`` and are compared in constant time. No key set
means writes are disabled (403), reads stay open. The limit is an in-process token
bucket per API key (per client IP for requests without a valid key), so a client gets
``write_rate_limit`` writes a minute with bursts up to the same number. With
``NEWSMETA_REDIS_URL`` the buckets live in Redis (``ratelimit.RedisBuckets``), shared by
every API process and host; while Redis cannot be reached, each process limits alone.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from dataclasses import dataclass

from fastapi import Request

from app.common.errors import ProblemError
from app.config import get_settings

WRITES_DISABLED = "writes are disabled: set NEWSMETA_API_KEYS"


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """``capacity`` tokens per client, refilled at ``capacity`` per minute."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.rate = capacity / 60.0
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when a token was taken, else the seconds until one is available."""
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.get(client) or _Bucket(float(self.capacity), now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[client] = bucket
            if len(self._buckets) > 10_000:  # forget idle clients (full buckets)
                self._forget_full(now)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        for client, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.capacity:
                del self._buckets[client]


def presented_key(request: Request) -> str | None:
    """The key from ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("x-api-key", "").strip() or None


def is_valid_key(key: str, keys: list[str]) -> bool:
    # compare_digest on every key: the time taken does not tell which one nearly matched.
    matches = [hmac.compare_digest(key.encode(), k.encode()) for k in keys]
    return any(matches)


async def require_write_access(request: Request) -> str:
    """Dependency of write routes: 403 disabled, 401 no key, 403 wrong key, 429 too many.

    ``async``: no I/O, and the token buckets are only touched from the event loop.
    """
    keys = get_settings().api_keys
    if not keys:
        raise ProblemError(403, WRITES_DISABLED, slug="writes-disabled")
    key = presented_key(request)
    valid = key is not None and is_valid_key(key, keys)
    client = (
        "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
        if valid and key
        else "ip:" + (request.client.host if request.client else "unknown")
    )
    await _rate_limit(request, client)
    if key is None:
        raise ProblemError(
            401,
            "an API key is required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`",
            slug="unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not valid:
        raise ProblemError(403, "invalid API key", slug="forbidden")
    return client


async def _rate_limit(request: Request, client: str) -> None:
    settings = get_settings()
    limit = settings.write_rate_limit
    if limit <= 0:
        return
    buckets: TokenBuckets | None = getattr(request.app.state, "write_buckets", None)
    if buckets is None or buckets.capacity != limit:
        buckets = request.app.state.write_buckets = TokenBuckets(limit)
    wait: float | None = None
    if settings.redis_url:
        from app.common.ratelimit import shared_buckets

        wait = await shared_buckets(request.app.state, settings.redis_url, limit).take(client)
    if wait is None:  # no Redis, or Redis unreachable: this process's buckets
        wait = buckets.take(client)
    if wait > 0:
        retry_after = max(1, math.ceil(wait))
        raise ProblemError(
            429,
            f"too many writes: at most {limit} a minute; retry in {retry_after} s",
            slug="rate-limited",
            headers={"Retry-After": str(retry_after)},
        )
