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

    async def take(self, key: str, limit: int, window: float) -> float | None:
        """`hit`: one unit if the window has one left (None), else the seconds to wait, spending nothing."""
        return await self.hit(key, limit, window)

    async def give_back(self, key: str) -> None:
        """Return a unit taken by `take` for an action that did not happen after all."""
        if (entry := self._windows.get(key)) is not None and entry[0] > 0:
            self._windows[key] = (entry[0] - 1, entry[1])

    async def peek(self, key: str, limit: int, window: float) -> float | None:
        now = time.monotonic()
        count, started = self._windows.get(key, (0, now))
        if now - started < window and count >= limit:
            return window - (now - started)
        return None


# KEYS[1] the counter, ARGV[1] the limit, ARGV[2] the window in ms; returns {1, 0} or {0, ms to wait}.
TAKE_SCRIPT = """
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return {1, 0}
"""
GIVE_BACK_SCRIPT = """
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then
  redis.call('DECR', KEYS[1])
end
return 0
"""


class RedisLimiter:
    """Shared counters. While Redis is unreachable the limiter lets everything through (and says
    so in the logs): a Redis restart must not stop a fair, and messages are still stored."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        self._redis = redis
        self._prefix = f"{prefix}:rl:"
        self._take = redis.register_script(TAKE_SCRIPT)
        self._give_back = redis.register_script(GIVE_BACK_SCRIPT)

    async def take(self, key: str, limit: int, window: float) -> float | None:
        """Check and spend in one round trip (a Lua script, atomic in Redis): None when a unit was left and is
        now spent, else the seconds to wait, spending nothing."""
        name = f"{self._prefix}{key}"
        try:
            taken, ttl_ms = await self._take(keys=[name], args=[limit, math.ceil(window * 1000)])
        except RedisError as exc:
            log.warning("rate limiter unavailable, allowing: %s", exc)
            return None
        return None if taken else max(ttl_ms, 0) / 1000

    async def give_back(self, key: str) -> None:
        try:
            await self._give_back(keys=[f"{self._prefix}{key}"])
        except RedisError as exc:
            log.warning("rate limiter unavailable, not giving back: %s", exc)

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
