"""A bounded outgoing queue per socket, so one stuck browser cannot grow the server's memory.

python-engineio queues every packet for a socket in an unbounded `asyncio.Queue` drained by a writer
task. A client that stops reading (a frozen Chromebook, a dead proxy) would keep every broadcast
of its rooms in memory. Past the limit we drop what is queued and close the socket instead: the
client reconnects and replays what it missed from the database with `since`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import engineio
import socketio

# At 5 messages/s in a busy talk room, 1,000 packets is more than three minutes behind: such a
# client is better served by a reconnect and a replay than by the backlog.
OUTBOX_LIMIT = 1_000


class BoundedOutbox(asyncio.Queue):  # type: ignore[type-arg]
    """An engine.io socket queue that turns overflow into a close (`None` ends the writer task)."""

    def __init__(self, limit: int = OUTBOX_LIMIT) -> None:
        super().__init__()
        self.limit = limit
        self.overflowed = False

    def put_nowait(self, item: Any) -> None:
        if item is None:  # engine.io's own "close" sentinel always goes through
            super().put_nowait(None)
            return
        if self.overflowed:
            return
        if self.qsize() >= self.limit:
            self.overflowed = True
            while not self.empty():
                self.get_nowait()
                self.task_done()
            super().put_nowait(None)
            return
        super().put_nowait(item)


class BoundedEngineIO(engineio.AsyncServer):
    def create_queue(self, *args: Any, **kwargs: Any) -> asyncio.Queue:  # type: ignore[type-arg]
        return BoundedOutbox()

    async def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "disconnect" and args:
            # A long-polling client that says goodbye still has a GET waiting on its queue;
            # python-engineio would hold it (and a school proxy's connection) until the next ping,
            # up to 45 s. Answer it now.
            socket = self.sockets.get(args[0])
            if socket is not None and not socket.upgraded:
                socket.queue.put_nowait(None)
        return await super()._trigger_event(event, *args, **kwargs)


class SalonSocketServer(socketio.AsyncServer):
    """python-socketio's server on an Engine.IO server with bounded per-socket queues."""

    def _engineio_server_class(self) -> type[engineio.AsyncServer]:
        return BoundedEngineIO
