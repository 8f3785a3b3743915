"""The bounded per-socket queue: a reader that stops is cut off, never buffered without limit."""

from __future__ import annotations

import asyncio
import time

import pytest
from engineio.async_socket import AsyncSocket

from server import outbox
from server.config import load_settings
from server.outbox import BoundedEngineIO, BoundedOutbox
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


async def test_get_waits_for_the_next_packet_like_an_asyncio_queue():
    outbox = BoundedOutbox(limit=10)
    waiting = outbox.get()
    assert not waiting.done()
    await outbox.put("a")
    assert await waiting == "a"
    await outbox.put("b")
    assert await outbox.get() == "b"  # already there: no wait


async def test_a_reader_that_times_out_leaves_the_next_packet_for_the_next_reader():
    outbox = BoundedOutbox(limit=10)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(outbox.get(), 0.05)
    assert not outbox._getters  # the abandoned wait is cleaned up
    await outbox.put("x")
    assert await asyncio.wait_for(outbox.get(), 1) == "x"


async def test_two_readers_get_one_packet_each_in_order():
    outbox = BoundedOutbox(limit=10)
    first, second = outbox.get(), outbox.get()
    await outbox.put("1")
    await outbox.put("2")
    assert [await first, await second] == ["1", "2"]
    assert outbox.empty()


async def test_the_close_sentinel_reaches_a_waiting_reader():
    outbox = BoundedOutbox(limit=10)
    waiting = outbox.get()
    outbox.put_nowait(None)
    assert await asyncio.wait_for(waiting, 1) is None


async def test_get_within_gives_up_when_nothing_comes():
    outbox = BoundedOutbox(limit=10)
    with pytest.raises(asyncio.CancelledError):
        await outbox.get_within(0.05)
    assert not outbox._getters  # nothing left waiting
    await outbox.put("x")
    assert await outbox.get_within(1) == "x"


async def test_get_within_keeps_one_timer_while_packets_flow():
    outbox = BoundedOutbox(limit=10)
    timers = set()
    for i in range(50):
        waiting = outbox.get_within(30)
        timers.add(id(outbox._idle_timer))
        await outbox.put(i)
        assert await waiting == i
    assert len(timers) == 1  # asyncio.wait_for would have armed and cancelled fifty


async def test_the_engineio_poll_drains_the_outbox_and_reports_a_silent_client():
    from types import SimpleNamespace

    import engineio.exceptions

    from server.outbox import poll_without_timers

    socket = SimpleNamespace(
        queue=BoundedOutbox(limit=10), server=SimpleNamespace(ping_interval=0.02, ping_timeout=0.03)
    )
    for packet in ("a", "b", None):
        socket.queue.put_nowait(packet)
    assert await poll_without_timers(socket) == ["a", "b"]
    assert await poll_without_timers(socket) == []  # the close sentinel stays for the next poll
    empty = SimpleNamespace(queue=BoundedOutbox(limit=10), server=socket.server)
    with pytest.raises(engineio.exceptions.QueueEmpty):
        await poll_without_timers(empty)


async def test_the_sweep_closes_the_sockets_of_silent_clients_and_forgets_them(monkeypatch):
    monkeypatch.setattr(outbox, "SWEEP_SECONDS", 0.05)
    eio = BoundedEngineIO(async_mode="asgi")
    silent, alive = AsyncSocket(eio, "silent"), AsyncSocket(eio, "alive")
    silent.last_ping, alive.last_ping = time.time() - 3 * eio.ping_timeout, time.time()
    eio.sockets = {"silent": silent, "alive": alive}
    sweeping = asyncio.create_task(eio._service_task())
    try:
        for _ in range(100):
            if "silent" not in eio.sockets:
                break
            await asyncio.sleep(0.02)
        assert silent.closed and "silent" not in eio.sockets  # closed by one sweep, forgotten by the next
        assert not alive.closed and eio.sockets == {"alive": alive}
    finally:
        eio.service_task_event.set()
        await asyncio.wait_for(sweeping, 2)
