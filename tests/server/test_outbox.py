"""The bounded per-socket queue: a reader that stops is cut off, never buffered without limit."""

from __future__ import annotations

import asyncio

from server.config import load_settings
from server.outbox import BoundedOutbox
from server.realtime import create_sio


async def test_overflow_drops_the_backlog_and_ends_the_writer():
    outbox = BoundedOutbox(limit=3)
    for packet in ("a", "b", "c"):
        await outbox.put(packet)
    await outbox.put("d")  # one too many
    assert outbox.overflowed
    assert outbox.qsize() == 1 and outbox.get_nowait() is None  # the writer's "close" sentinel
    outbox.task_done()
    await outbox.put("e")
    assert outbox.empty()
    await asyncio.wait_for(outbox.join(), 1)  # task accounting stays balanced for engine.io's close()


async def test_the_close_sentinel_always_passes():
    outbox = BoundedOutbox(limit=1)
    await outbox.put("a")
    outbox.put_nowait(None)
    assert outbox.qsize() == 2


async def test_each_socket_of_the_server_gets_a_bounded_outbox():
    sio = create_sio(load_settings({"SALON_ENV": "test", "SECRET_KEY": "k"}))
    assert isinstance(sio.eio.create_queue(), BoundedOutbox)


def test_broadcasts_go_straight_into_the_bounded_queues_with_or_without_redis():
    from server.outbox import DirectFanout, DirectFanoutRedis

    local = create_sio(load_settings({"SALON_ENV": "test", "SECRET_KEY": "k"}))
    assert type(local.manager) is DirectFanout
    shared = create_sio(load_settings({"SALON_ENV": "test", "SECRET_KEY": "k", "REDIS_URL": "redis://127.0.0.1:1/0"}))
    assert type(shared.manager) is DirectFanoutRedis
