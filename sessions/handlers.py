"""Socket.IO events of the talks' live Q&A (`question:*`): parse, call the service, answer."""

from __future__ import annotations

import socketio

from server.services import Services


def register(sio: socketio.AsyncServer, services: Services) -> None:
    """Registers the `question:*` handlers (filled in by the live Q&A work)."""
