"""Fixed-window counters, per account or per key. Redis-backed when workers share the load."""

from __future__ import annotations

import logging
import math
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger("salon.ratelimit")


class MemoryLimiter:
    def __init__(self) -> None:
        self._windows: dict[str, tuple[int, float]] = {}

    async def hit(self, key: str, limit: int, window: float) -> float | None:
        """Count one event; return None when allowed, else the seconds to wait."""
        now = time.monotonic()
        count, started = self._windows.get(key, (0, now))
        if now - started >= window:
            count, started = 0, now
        if count >= limit:
            return max(0.0, window - (now - started))
        self._windows[key] = (count + 1, started)
        if len(self._windows) > 100_000:  # old windows are only garbage; bound the dict
            self._windows = {k: v for k, v in self._windows.items() if now - v[1] < window}
        return None

    async def peek(self, key: str, limit: int, window: float) -> float | None:
        now = time.monotonic()
        count, started = self._windows.get(key, (0, now))
        if now - started < window and count >= limit:
            return window - (now - started)
        return None


class RedisLimiter:
    """Shared counters. While Redis is unreachable the limiter lets everything through (and says
    so in the logs): a Redis restart must not stop a fair, and messages are still stored."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = f"{prefix}:rl:"

    async def hit(self, key: str, limit: int, window: float) -> float | None:
        name = f"{self._prefix}{key}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(name)
                pipe.expire(name, math.ceil(window), nx=True)
                pipe.pttl(name)
                count, _, ttl_ms = await pipe.execute()
        except RedisError as exc:
            log.warning("rate limiter unavailable, allowing: %s", exc)
            return None
        if count > limit:
            return max(ttl_ms, 0) / 1000
        return None

    async def peek(self, key: str, limit: int, window: float) -> float | None:
        name = f"{self._prefix}{key}"
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                pipe.get(name)
                pipe.pttl(name)
                count, ttl_ms = await pipe.execute()
        except RedisError as exc:
            log.warning("rate limiter unavailable, allowing: %s", exc)
            return None
        if count is not None and int(count) >= limit:
            return max(ttl_ms, 0) / 1000
        return None
