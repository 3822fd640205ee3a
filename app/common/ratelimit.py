"""The write rate limit's token buckets in Redis, shared by every API process and host.

The same bucket as ``auth.TokenBuckets`` (``capacity`` tokens, refilled at ``capacity``
a minute), updated atomically by a Lua script on Redis's own clock, so processes on
hosts whose clocks differ agree. A bucket left alone expires once it would be full.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
PREFIX = "newsmeta:writes:"
RETRY_SECONDS = 5.0  # after a Redis error, per-process buckets for this long

_TAKE = """
local capacity = tonumber(ARGV[1])
local rate = capacity / 60.0
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(stored[1]) or capacity
local updated = tonumber(stored[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], 61)
return tostring(wait)
"""


class RedisBuckets:
    def __init__(self, url: str, capacity: int) -> None:
        self.url = url
        self.capacity = capacity
        self._redis: Any = aioredis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._script = self._redis.register_script(_TAKE)
        self._down_until = 0.0

    async def take(self, client: str) -> float | None:
        """0 when a token was taken, else the seconds to wait; None when Redis is down."""
        if time.monotonic() < self._down_until:
            return None
        try:
            return float(await self._script(keys=[PREFIX + client], args=[self.capacity]))
        except (RedisError, OSError) as exc:
            log.warning("rate limit: Redis unreachable (%s); limiting per process", exc)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return None


def shared_buckets(state: Any, url: str, capacity: int) -> RedisBuckets:
    """The app's Redis buckets (one client per app, made on first use)."""
    buckets: RedisBuckets | None = getattr(state, "redis_buckets", None)
    if buckets is None or buckets.url != url or buckets.capacity != capacity:
        buckets = state.redis_buckets = RedisBuckets(url, capacity)
    return buckets
