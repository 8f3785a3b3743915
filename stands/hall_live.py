"""Live staff counts in the hall, over Socket.IO.

`hall:watch {"event": slug}` puts the socket in the room `hall:<event id>` and answers every stand's count.
Then, whenever staff come to or leave stand rooms, the hub's presence loop (coalesced, every 0.5 s) calls
`publish_counts`, which emits `hall:presence {"event", "stands": {"<id>": n}}` to the halls of those stands
with only their counts. The worker where the staff member came or went publishes, through the same fan-out
as everything else (Redis with several workers), so every worker's watchers hear it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import socketio
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.db import SessionFactory
from server.presence import MemoryPresence
from server.realtime import acked
from server.services import Services
from stands import service
from stands.models import Event, Stand

STAND_ROOM_PREFIX = "stand:"


class HallWatch(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    event: str = Field(min_length=1, max_length=80)


def hall_room(event_id: int) -> str:
    return f"hall:{event_id}"


def stand_id_of(room: str) -> int | None:
    """12 for "stand:12"; None for any other room."""
    rest = room.removeprefix(STAND_ROOM_PREFIX)
    return int(rest) if rest != room and rest.isdigit() and len(rest) <= 10 else None


def stand_room(stand_id: int) -> str:
    return f"{STAND_ROOM_PREFIX}{stand_id}"


class StandEvents:
    """Stand id → (event id, event slug), kept for the life of the process: a stand never changes event."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[int, str]] = {}

    async def resolve(self, sessions: SessionFactory, stand_ids: list[int]) -> dict[int, tuple[int, str]]:
        """The owners of these stands; the database is only asked about stands not seen before."""
        missing = [i for i in stand_ids if i not in self._known]
        if missing:
            async with sessions() as db:
                rows = await db.exec(
                    select(Stand.id, Event.id, Event.slug)
                    .join(Event, col(Event.id) == col(Stand.event_id))
                    .where(col(Stand.id).in_(missing))
                )
                for stand_id, event_id, slug in rows.all():
                    self._known[stand_id] = (event_id, slug)
        return {i: self._known[i] for i in stand_ids if i in self._known}


def group_by_event(owners: dict[int, tuple[int, str]], online: dict[str, int]) -> dict[int, dict[str, Any]]:
    """{event id: the `hall:presence` payload} for the stands in `owners` (pure)."""
    payloads: dict[int, dict[str, Any]] = defaultdict(lambda: {"event": "", "stands": {}})
    for stand_id, (event_id, slug) in sorted(owners.items()):
        payloads[event_id]["event"] = slug
        payloads[event_id]["stands"][str(stand_id)] = online.get(stand_room(stand_id), 0)
    return dict(payloads)


async def stand_counts(db: AsyncSession, presence: MemoryPresence, event: Event) -> dict[str, int]:
    """The staff count of each of the event's stands, by stand id (one query, one presence round trip)."""
    rows = await db.exec(select(Stand.id).where(Stand.event_id == event.id).order_by(col(Stand.id)))
    stand_ids = [i for i in rows.all() if i is not None]
    online = await presence.staff_counts([stand_room(i) for i in stand_ids])
    return {str(i): online.get(stand_room(i), 0) for i in stand_ids}


def register(sio: socketio.AsyncServer, services: Services) -> None:
    stand_events = StandEvents()

    @sio.on("hall:watch")
    @acked
    async def hall_watch(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = HallWatch.model_validate(data)
        async with services.sessions() as db:
            event = await service.event_by_slug(db, payload.event)
            assert event.id is not None
            # Enter first: a change that happens while the counts are read is then also published to us.
            await sio.enter_room(sid, hall_room(event.id))
            counts = await stand_counts(db, services.presence, event)
        return {"ok": True, "event": event.slug, "stands": counts}

    @sio.on("hall:unwatch")
    @acked
    async def hall_unwatch(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = HallWatch.model_validate(data)
        async with services.sessions() as db:
            event = await service.event_by_slug(db, payload.event)
        assert event.id is not None
        await sio.leave_room(sid, hall_room(event.id))
        return {"ok": True}

    async def publish_counts(rooms: set[str]) -> None:
        """The current counts of the stand rooms among `rooms`, to the halls they belong to."""
        stand_ids = sorted({i for i in map(stand_id_of, rooms) if i is not None})
        if not stand_ids:
            return
        owners = await stand_events.resolve(services.sessions, stand_ids)
        online = await services.presence.staff_counts([stand_room(i) for i in owners])
        for event_id, payload in group_by_event(owners, online).items():
            await services.hub.publish(hall_room(event_id), "hall:presence", payload)

    services.hub.staff_listeners.append(publish_counts)
