"""What the running app holds: built in `create_app`, opened and closed by its lifespan."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from server.auth import Principal, TokenSigner
from server.class_sockets import MemoryClassSockets
from server.config import Settings
from server.db import SessionFactory
from server.presence import MemoryPresence
from server.ratelimit import MemoryLimiter, RedisLimiter

if TYPE_CHECKING:
    from server.realtime import Hub


@dataclass
class Services:
    settings: Settings
    signer: TokenSigner
    hub: Hub
    presence: MemoryPresence
    limiter: MemoryLimiter | RedisLimiter
    redis: Redis | None = None
    # Each class's open pupil sockets and their whereabouts (server/class_sockets.py).
    class_sockets: MemoryClassSockets = field(default_factory=MemoryClassSockets)
    engine: AsyncEngine | None = None
    _sessions: SessionFactory | None = field(default=None, repr=False)
    # Called after a socket is authenticated (a domain subscribes it to its channels).
    connect_hooks: list[Callable[[str, Principal], Awaitable[None]]] = field(default_factory=list)
    # Called when the app stops, before the database engine is disposed (a domain closes what it opened).
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # Long-running loops a domain needs (the talks' scheduler): started by the lifespan once the database is
    # open, cancelled when the app stops.
    background: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @property
    def sessions(self) -> SessionFactory:
        if self._sessions is None:
            raise RuntimeError("the database is opened by the app's lifespan")
        return self._sessions
