"""The room directory (names → what permissions need, cached) and what chat actions depend on."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.models import Room
from chat.permissions import RoomInfo
from server.errors import DomainError
from server.models import SchoolClass, User
from server.presence import MemoryPresence
from server.ratelimit import MemoryLimiter, RedisLimiter
from server.realtime import Hub
from server.timeutil import aware
from stands.models import Event

if TYPE_CHECKING:
    from chat.moderation import MuteBook
    from chat.store import MessageStore

ROOM_CACHE_SECONDS = 30.0  # opening hours and slow mode reach other workers within this delay


class RoomDirectory:
    """Room names → what permissions need, cached briefly: joins and sends never wait on a lookup twice."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, RoomInfo]] = {}

    async def get(self, db: AsyncSession, name: str) -> RoomInfo:
        hit = self._cache.get(name)
        if hit and time.monotonic() - hit[0] < ROOM_CACHE_SECONDS:
            return hit[1]
        owner = aliased(User)
        row = (
            await db.exec(
                select(Room, Event, owner.class_id, SchoolClass.label)
                .join(Event, col(Event.id) == Room.event_id)
                .outerjoin(owner, col(owner.id) == Room.owner_id)
                .outerjoin(SchoolClass, col(SchoolClass.id) == owner.class_id)
                .where(Room.name == name)
            )
        ).first()
        if row is None:
            raise DomainError("not_found", "Ce salon de discussion n'existe pas.")
        room, event, owner_class_id, owner_class_label = row
        assert room.id is not None
        info = RoomInfo(
            id=room.id,
            name=room.name,
            kind=room.kind,
            event_id=room.event_id,
            stand_id=room.stand_id,
            title=room.title,
            opens_at=aware(event.starts_at),
            closes_at=aware(event.ends_at),
            owner_id=room.owner_id,
            owner_class_id=owner_class_id,
            owner_class_label=owner_class_label or "",
            slow_mode_seconds=room.slow_mode_seconds,
        )
        self._cache[name] = (time.monotonic(), info)
        return info

    def forget(self, name: str) -> None:
        self._cache.pop(name, None)


@dataclass(frozen=True, slots=True)
class ChatDeps:
    """What chat actions need besides the database: fan-out, room cache, rate limiter, presence."""

    hub: Hub
    rooms: RoomDirectory
    limiter: MemoryLimiter | RedisLimiter
    presence: MemoryPresence
    mutes: MuteBook
    store: MessageStore  # the one-trip path for public rooms' messages


MODERATORS_CHANNEL = "moderators"


def stand_staff_channel(stand_id: int) -> str:
    return f"staff:{stand_id}"


def staff_channels(stand_id: int | None) -> list[str]:
    """Where the consoles listen: each stand's staff, and the moderators of the whole fair."""
    if stand_id is None:
        return [MODERATORS_CHANNEL]
    return [stand_staff_channel(stand_id), MODERATORS_CHANNEL]
