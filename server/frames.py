"""A broadcast's websocket frame, built once and written straight to each idle recipient's connection.

Through python-engineio, every packet delivered to a websocket client costs a wake-up of that socket's writer
task, a coroutine chain (`ws.send` → uvicorn's `asgi_send`) and a frame built by the `websockets` library for
that recipient alone: about two thirds of the server's CPU per delivered message (docs/performance.md).
Server-to-client frames are not masked and Salon turns permessage-deflate off, so a broadcast's frame is the
same bytes for every recipient: it is serialised once and handed to each connection's transport, the way the
Node.js server does it.

The short cut is taken only where it cannot reorder or lose anything, and engine.io's queue is used otherwise:
- the socket is on the websocket transport (not long-polling, not in the middle of an upgrade);
- its writer task is idle, waiting on an empty queue (`BoundedOutbox.get_within` pending, nothing queued):
  nothing of this socket's is in flight, so the frame goes out after everything sent before it;
- the connection is uvicorn's sans-I/O websocket protocol, open, with no extension negotiated.

The same short cut serves packets for one socket (acks, pings): engine.io's `AsyncSocket.send` is replaced.

A client that stops reading piles bytes up in its transport's buffer instead of the queue; past
`WRITE_BUFFER_LIMIT` the socket is closed like one whose queue overflowed, and it replays on reconnect.
"""

from __future__ import annotations

import asyncio
from typing import Any

import engineio.async_socket
from engineio import exceptions, packet
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State

# 1 MiB waiting for one client (a thousand chat messages): it is not reading.
WRITE_BUFFER_LIMIT = 1 << 20


def text_frame(text: str) -> bytes:
    """The bytes of one unmasked, unfragmented websocket text frame, without extensions."""
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[])


def write_direct(socket: Any, frame: bytes) -> bool:
    """Write `frame` to the engine.io `socket`'s connection now; False when the queue must carry it instead."""
    protocol = getattr(socket, "salon_protocol", None)
    if protocol is None or not socket.upgraded or socket.upgrading:
        return False
    outbox = socket.queue
    reader = outbox._idle_reader  # the writer waits in `get_within` on an empty queue (checked per recipient)
    if reader is None or reader.done() or outbox._queue or protocol.close_sent:
        return False
    transport = protocol.transport
    if protocol.conn.state is not State.OPEN or transport.is_closing():
        return False
    if transport.get_write_buffer_size() > WRITE_BUFFER_LIMIT:
        outbox.overflow()
        return True  # dropped, like every packet of an overflowing queue
    transport.write(frame)
    return True


def _uvicorn_protocol(ws: Any) -> WebSocketsSansIOProtocol | None:
    """The uvicorn connection behind engine.io's ASGI websocket wrapper, when frames may be written to it."""
    protocol = getattr(getattr(ws, "asgi_send", None), "__self__", None)
    if not isinstance(protocol, WebSocketsSansIOProtocol) or protocol.conn.extensions:
        return None
    return protocol


async def _send(self: Any, pkt: Any) -> None:
    """engine.io's `AsyncSocket.send` (acks, pings, packets to one socket): the frame is written at once
    when the socket's writer is idle, queued otherwise, exactly as the library would."""
    if not await self.check_ping_timeout():
        return
    encoded = pkt.encode()
    if isinstance(encoded, str) and write_direct(self, text_frame(encoded)):
        return
    await self.queue.put(pkt)


async def _websocket_handler(self: Any, ws: Any) -> None:
    """engine.io's `AsyncSocket._websocket_handler` (python-engineio 4.x), remembering which connection the
    socket writes to, and reading frames without a new task and an `asyncio.wait_for` for each one.

    The library waits for every incoming frame with `wait_for(ensure_future(ws.wait()), ping_interval +
    ping_timeout)`, and its writer gives up after as long without a packet in its queue. Here the read simply
    waits, and the writer keeps waiting (packets may all go straight to the connection). A client that goes
    silent is still closed: its pings go unanswered, the sweep (`server.outbox.BoundedEngineIO._service_task`)
    closes the socket, the writer closes the websocket, and the read ends with it. The upgrade from
    long-polling is the library's.
    """

    async def websocket_wait() -> Any:
        data = await ws.wait()
        if data and len(data) > self.server.max_http_buffer_size:
            raise ValueError("packet is too large")
        return data

    if self.connected:
        # the socket was already connected (long-polling), so this is an upgrade
        self.upgrading = True  # hold packet sends during the upgrade
        try:
            pkt = await websocket_wait()
        except OSError:
            return
        decoded = packet.Packet(encoded_packet=pkt)
        if decoded.packet_type != packet.PING or decoded.data != "probe":
            self.server.logger.info("%s: Failed websocket upgrade, no PING packet", self.sid)
            self.upgrading = False
            return
        await ws.send(packet.Packet(packet.PONG, data="probe").encode())
        await self.queue.put(packet.Packet(packet.NOOP))  # end poll
        try:
            pkt = await websocket_wait()
        except OSError:
            self.upgrading = False
            return
        decoded = packet.Packet(encoded_packet=pkt)
        if decoded.packet_type != packet.UPGRADE:
            self.upgraded = False
            self.server.logger.info("%s: Failed websocket upgrade, expected UPGRADE packet", self.sid)
            self.upgrading = False
            return
        self.upgraded = True
        self.upgrading = False
    else:
        self.connected = True
        self.upgraded = True

    async def writer() -> None:
        while True:
            try:
                packets = await self.poll()
            except exceptions.QueueEmpty:
                # Nothing came through the queue for ping_interval + ping_timeout: the library takes that
                # for a dead client, but here pings and broadcasts may all have gone straight to the
                # connection. Silent clients are closed by the sweep, which ends this task with `None`.
                if self.closed or self.closing:
                    break
                continue
            if not packets:
                break  # the close sentinel
            try:
                for pkt in packets:
                    await ws.send(pkt.encode())
            except Exception:
                break
        await ws.close()

    self.salon_protocol = _uvicorn_protocol(ws)
    writer_task = asyncio.ensure_future(writer())
    try:
        while True:
            try:
                data = await websocket_wait()
            except Exception:  # OSError: the client went away; ValueError: too large
                break
            if data is None:
                break
            try:
                await self.receive(packet.Packet(encoded_packet=data))
            except exceptions.UnknownPacketError:
                pass
            except exceptions.SocketIsClosedError:
                self.server.logger.info("Receive error -- socket is closed")
                break
            except Exception:
                self.server.logger.exception("Unknown receive error")
    finally:
        self.salon_protocol = None
    await self.queue.put(None)  # unlock the writer task so it can exit
    await writer_task
    await self.close(wait=False, abort=True, reason=self.server.reason.TRANSPORT_CLOSE)


# python-engineio builds its sockets itself, so the handler and `send` are replaced on the class (as
# `server.outbox` does for `poll`); tests/server/test_frames.py checks the library version they were written
# for. A socket that never ran the handler (long-polling) has no `salon_protocol` and always uses its queue.
LIBRARY_WEBSOCKET_HANDLER = engineio.async_socket.AsyncSocket._websocket_handler
engineio.async_socket.AsyncSocket._websocket_handler = _websocket_handler  # type: ignore[method-assign]
engineio.async_socket.AsyncSocket.send = _send  # type: ignore[method-assign]
