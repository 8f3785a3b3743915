"""A broadcast's websocket frame, built once and written straight to each idle recipient's connection.

Through python-engineio, every packet delivered to a websocket client costs a wake-up of that socket's writer
task, a coroutine chain (`ws.send` → uvicorn's `asgi_send`) and a frame built by the `websockets` library for
that recipient alone: about two thirds of the server's CPU per delivered message (docs/performance.md).
Server-to-client frames are not masked and Salon turns permessage-deflate off, so a broadcast's frame is the
same bytes for every recipient: it is serialised once and handed to each connection's transport, the way the
Node.js server does it.

The short cut is taken only where it cannot reorder or lose anything, and engine.io's queue is used otherwise:
- the socket is on the websocket transport (not long-polling, not in the middle of an upgrade);
- its writer task is idle, waiting on an empty queue (`BoundedOutbox.idle`): nothing of this socket's is in
  flight, so the frame goes out after everything sent before it;
- the connection is uvicorn's sans-I/O websocket protocol, open, with no extension negotiated.

The same short cut serves packets for one socket (acks, pings): engine.io's `AsyncSocket.send` is replaced.

A client that stops reading piles bytes up in its transport's buffer instead of the queue; past
`WRITE_BUFFER_LIMIT` the socket is closed like one whose queue overflowed, and it replays on reconnect.
"""

from __future__ import annotations

from typing import Any

import engineio.async_socket
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
    reader = outbox._idle_reader  # `BoundedOutbox.idle`, inlined: this runs once per recipient
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


async def _websocket_handler(self: Any, ws: Any) -> Any:
    """engine.io's websocket handler, remembering which connection the socket writes to while it runs."""
    self.salon_protocol = _uvicorn_protocol(ws)
    try:
        return await _library_websocket_handler(self, ws)
    finally:
        self.salon_protocol = None


# python-engineio builds its sockets itself, so the handler and `send` are replaced on the class (as
# `server.outbox` does for `poll`). A socket that never ran the handler (long-polling) has no `salon_protocol`
# and always uses its queue.
_library_websocket_handler = engineio.async_socket.AsyncSocket._websocket_handler
engineio.async_socket.AsyncSocket._websocket_handler = _websocket_handler  # type: ignore[method-assign]
engineio.async_socket.AsyncSocket.send = _send  # type: ignore[method-assign]
