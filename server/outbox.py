"""How packets leave the server: straight to each websocket (server/frames.py), or into each socket's
bounded outgoing queue.

Direct fan-out: python-socketio delivers a room broadcast by creating one asyncio task per recipient,
each of which then goes through engine.io's `send`; with thousands of recipients that is the largest
cost of a message (docs/performance.md). Our broadcasts never ask for callbacks, so the encoded packet
is the same for everyone and can be put in each socket's queue directly, in one loop.

Bounded queues: a stuck browser cannot grow the server's memory.

python-engineio queues every packet for a socket in an unbounded `asyncio.Queue` drained by a writer
task. A client that stops reading (a frozen Chromebook, a dead proxy) would keep every broadcast
of its rooms in memory. Past the limit we drop what is queued and close the socket instead: the
client reconnects and replays what it missed from the database with `since`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import engineio
import engineio.async_socket
import engineio.exceptions
import socketio
from engineio import packet as eio_packet
from socketio import packet as sio_packet

from server import metrics
from server.frames import text_frame, write_direct

# At 5 messages/s in a busy talk room, 1,000 packets is more than three minutes behind: such a
# client is better served by a reconnect and a replay than by the backlog.
OUTBOX_LIMIT = 1_000
# How often the sockets of silent clients are looked for (`BoundedEngineIO._service_task`).
SWEEP_SECONDS = 5.0


class BoundedOutbox(asyncio.Queue):  # type: ignore[type-arg]
    """An engine.io socket queue that turns overflow into a close (`None` ends the writer task)."""

    def __init__(self, limit: int = OUTBOX_LIMIT) -> None:
        super().__init__()
        self.limit = limit
        self.overflowed = False
        self._idle_timer: asyncio.TimerHandle | None = None
        self._idle_reader: asyncio.Future[Any] | None = None
        self._idle_since = 0.0

    def put_nowait(self, item: Any) -> None:
        if item is None:  # engine.io's own "close" sentinel always goes through
            super().put_nowait(None)
            return
        if self.overflowed:
            return
        if self.qsize() >= self.limit:
            self.overflow()
            return
        super().put_nowait(item)

    def overflow(self) -> None:
        """Drop the backlog and end the writer task, which closes the socket; later packets are dropped."""
        if self.overflowed:
            return
        self.overflowed = True
        while not self.empty():
            self.get_nowait()
            self.task_done()
        super().put_nowait(None)

    def get(self) -> asyncio.Future[Any]:  # type: ignore[override]
        """The next packet, as a Future rather than a coroutine.

        engine.io's writer waits with `asyncio.wait_for(queue.get(), timeout)`; on Python 3.11 a
        coroutine there is wrapped in a new Task on every wake-up, i.e. once per packet delivered. A
        Future needs no task. Same semantics as `asyncio.Queue.get`, cancellation included.
        """
        loop = asyncio.get_running_loop()
        result: asyncio.Future[Any] = loop.create_future()
        if not self.empty():
            result.set_result(self.get_nowait())
            return result
        self._wait_for_item(loop, result)
        return result

    def get_within(self, timeout: float) -> asyncio.Future[Any]:
        """`get()`, cancelled when no packet came within `timeout` seconds.

        What `asyncio.wait_for(queue.get(), timeout)` does, without arming and cancelling a timer (and a
        waiter future, and a loop iteration) for every packet: one timer per socket stays armed while
        packets flow, and when it fires it only re-arms for the rest of the current wait.
        """
        result = self.get()
        if result.done():
            return result
        loop = asyncio.get_running_loop()
        self._idle_reader, self._idle_since = result, loop.time()
        if self._idle_timer is None:
            self._idle_timer = loop.call_later(timeout, self._idle_check, timeout)
        return result

    def _idle_check(self, timeout: float) -> None:
        self._idle_timer = None
        reader = self._idle_reader
        if reader is None or reader.done():
            return  # nobody is waiting: the next wait arms a new timer
        loop = asyncio.get_running_loop()
        remaining = self._idle_since + timeout - loop.time()
        if remaining > 0:
            self._idle_timer = loop.call_later(remaining, self._idle_check, timeout)
        else:
            reader.cancel()

    def _wait_for_item(self, loop: asyncio.AbstractEventLoop, result: asyncio.Future[Any]) -> None:
        getter = loop.create_future()
        self._getters.append(getter)  # type: ignore[attr-defined]

        def woken(_: asyncio.Future[None]) -> None:
            if result.done():  # the reader gave up (timeout, cancel): pass an item's wake-up on
                if not self.empty():
                    self._wakeup_next(self._getters)  # type: ignore[attr-defined]
            elif self.empty():  # woken but another reader took the item: wait again
                self._wait_for_item(loop, result)
            else:
                result.set_result(self.get_nowait())

        def abandoned(_: asyncio.Future[Any]) -> None:
            if result.cancelled() and not getter.done():
                getter.cancel()
                with contextlib.suppress(ValueError):  # already taken off by a put
                    self._getters.remove(getter)  # type: ignore[attr-defined]

        getter.add_done_callback(woken)
        result.add_done_callback(abandoned)


async def poll_without_timers(self: Any) -> list[Any]:
    """`engineio.async_socket.AsyncSocket.poll` on a `BoundedOutbox`, through `get_within`.

    Same contract as the library's: the packets to send, [] for the close sentinel, QueueEmpty when nothing
    came within ping_interval + ping_timeout or the wait was cancelled.
    """
    queue = self.queue
    if not isinstance(queue, BoundedOutbox):
        return await _library_poll(self)
    try:
        first = await queue.get_within(self.server.ping_interval + self.server.ping_timeout)
    except asyncio.CancelledError:
        raise engineio.exceptions.QueueEmpty() from None
    queue.task_done()
    if first is None:
        return []
    packets = [first]
    while not queue.empty():
        pkt = queue.get_nowait()
        queue.task_done()
        if pkt is None:
            queue.put_nowait(None)
            break
        packets.append(pkt)
    return packets


# python-engineio builds its sockets itself (`async_socket.AsyncSocket(self, sid)`), so the poll is replaced
# on the class; every engine.io socket of a Salon process is a server socket with a BoundedOutbox.
_library_poll = engineio.async_socket.AsyncSocket.poll
engineio.async_socket.AsyncSocket.poll = poll_without_timers  # type: ignore[method-assign]


class BoundedEngineIO(engineio.AsyncServer):
    def create_queue(self, *args: Any, **kwargs: Any) -> asyncio.Queue:  # type: ignore[type-arg]
        return BoundedOutbox()

    async def _service_task(self) -> None:
        """engine.io's clean-up of sockets whose client stopped answering pings, as one sweep every few seconds.

        The library's version spreads a sweep over `ping_timeout` by waiting `ping_timeout / len(sockets)`
        between two sockets, each wait an `asyncio.wait_for` (a task, a timer, a TimeoutError): 250 a second
        with 5,000 sockets, for a check that costs a microsecond. A client that stops answering pings is
        closed at most `ping_interval` + `ping_timeout` + `SWEEP_SECONDS` after its last answer.
        """
        self.service_task_event = self.create_event()
        while not self.service_task_event.is_set():
            try:
                await asyncio.wait_for(
                    self.service_task_event.wait(), timeout=min(SWEEP_SECONDS, self.ping_timeout / 2)
                )
                break
            except TimeoutError:
                pass
            for socket in list(self.sockets.values()):
                try:
                    if socket.closed:
                        self.sockets.pop(socket.sid, None)
                    elif not socket.closing:
                        await socket.check_ping_timeout()
                except Exception:
                    self.logger.exception("service task exception")

    async def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "disconnect" and args:
            # A long-polling client that says goodbye still has a GET waiting on its queue;
            # python-engineio would hold it (and a school proxy's connection) until the next ping,
            # up to 45 s. Answer it now.
            socket = self.sockets.get(args[0])
            if socket is not None and not socket.upgraded:
                socket.queue.put_nowait(None)
        return await super()._trigger_event(event, *args, **kwargs)


class DirectFanout(socketio.AsyncManager):
    """Local delivery of a broadcast without a task per recipient (callbacks keep the library's path)."""

    async def emit(
        self,
        event: str,
        data: Any,
        namespace: str,
        room: Any = None,
        skip_sid: Any = None,
        callback: Any = None,
        to: Any = None,
        **kwargs: Any,
    ) -> None:
        room = to or room
        if callback is not None or room is None or namespace not in self.rooms:
            await super().emit(event, data, namespace, room=room, skip_sid=skip_sid, callback=callback, **kwargs)
            return
        args = list(data) if isinstance(data, tuple) else [] if data is None else [data]
        packet_class = self.server.packet_class
        try:  # Salon's payloads are JSON: skip the library's walk through them looking for bytes
            encoded = packet_class(sio_packet.EVENT, namespace=namespace, data=[event, *args], binary=False).encode()
        except TypeError:  # bytes somewhere (orjson refuses them): the library's binary packets
            encoded = packet_class(sio_packet.EVENT, namespace=namespace, data=[event, *args]).encode()
        packets = [
            eio_packet.Packet(eio_packet.MESSAGE, p) for p in (encoded if isinstance(encoded, list) else [encoded])
        ]
        # One websocket frame for every recipient whose writer is idle (server/frames.py).
        frame = text_frame(packets[0].encode()) if len(packets) == 1 and isinstance(packets[0].data, str) else None
        skip = set(skip_sid) if isinstance(skip_sid, list) else {skip_sid}
        sockets = self.server.eio.sockets
        deadline = time.time() - self.server.eio.ping_timeout
        slow: list[asyncio.Task[Any]] = []
        direct = queued = 0
        for sid, eio_sid in self.get_participants(namespace, room):
            if sid in skip:
                continue
            socket = sockets.get(eio_sid)
            if socket is None or socket.closed:
                continue
            if socket.last_ping and socket.last_ping < deadline:
                # Engine.io's own send notices the client is gone and closes the socket.
                slow += [asyncio.create_task(self.server._send_eio_packet(eio_sid, p)) for p in packets]
                continue
            if frame is not None and write_direct(socket, frame):
                direct += 1
                continue
            queued += 1
            for p in packets:
                socket.queue.put_nowait(p)
        metrics.inc("salon_deliveries_direct_total", direct)
        metrics.inc("salon_deliveries_queued_total", queued)
        if slow:
            await asyncio.wait(slow)


class DirectFanoutRedis(socketio.AsyncRedisManager, DirectFanout):
    """Redis between workers; each worker delivers what it hears through `DirectFanout.emit`."""


class SalonSocketServer(socketio.AsyncServer):
    """python-socketio's server on an Engine.IO server with bounded per-socket queues.

    `event_gate(sid, event)`, when set, runs before every event handler but connect's and disconnect's: a
    dict it returns is the event's ack instead of the handler's (pupils waiting to be admitted, see
    server/realtime.py)."""

    event_gate: Any = None

    async def _trigger_event(self, event: str, namespace: str, *args: Any) -> Any:
        if self.event_gate is not None and event not in ("connect", "disconnect") and args:
            refusal = await self.event_gate(args[0], event)
            if refusal is not None:
                return refusal
        return await super()._trigger_event(event, namespace, *args)

    def _engineio_server_class(self) -> type[engineio.AsyncServer]:
        return BoundedEngineIO
