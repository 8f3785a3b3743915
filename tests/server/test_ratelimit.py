"""The fixed-window budgets, in memory and in a real Redis: take checks and spends in one step, a refusal
spends nothing, a unit given back can be taken again, and the window frees everything."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from server.ratelimit import MemoryLimiter, RedisLimiter


@pytest.fixture(params=["memory", "redis"])
async def limiter(request, redis_prefix) -> AsyncIterator[MemoryLimiter | RedisLimiter]:
    if request.param == "memory":
        yield MemoryLimiter()
        return
    redis = Redis.from_url(request.getfixturevalue("redis_url"))
    try:
        yield RedisLimiter(redis, f"{redis_prefix}-{uuid.uuid4().hex[:6]}")
    finally:
        await redis.aclose()


async def test_take_spends_until_the_limit_then_refuses_with_the_wait(limiter):
    assert [await limiter.take("send:1", 3, 10) for _ in range(3)] == [None, None, None]
    wait = await limiter.take("send:1", 3, 10)
    assert wait is not None and 9 < wait <= 10
    assert await limiter.peek("send:1", 3, 10) is not None  # the refusal spent nothing more:
    await limiter.give_back("send:1")
    assert await limiter.take("send:1", 3, 10) is None  # one unit back, one taken
    assert await limiter.take("send:1", 3, 10) is not None
    assert await limiter.take("send:2", 3, 10) is None  # another account has its own budget


async def test_give_back_never_goes_below_zero_and_the_window_frees_the_budget(limiter):
    await limiter.give_back("slow:9")  # nothing taken: nothing to give back
    assert await limiter.take("slow:9", 1, 0.3) is None
    await limiter.give_back("slow:9")
    await limiter.give_back("slow:9")
    assert await limiter.take("slow:9", 1, 0.3) is None
    assert await limiter.take("slow:9", 1, 0.3) is not None  # one, not two: the second give_back did nothing
    await asyncio.sleep(0.4)
    assert await limiter.take("slow:9", 1, 0.3) is None
