"""Chat actions: the only code that writes messages. Each checks, stores, commits, then publishes."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat import rules
from chat.events import message_event
from chat.models import Message, Room
from server import metrics
from server.auth import Principal
from server.errors import DomainError
from server.models import Role, User
from server.ratelimit import MemoryLimiter, RedisLimiter
from server.realtime import Hub
from server.timeutil import aware, iso, utcnow
from stands.models import Event

HISTORY_PAGE = 50
# Sends per account (never per IP: a whole school shares one address). Pupils keep a steady
# one message every 1.5 s; professionals answering several rooms get three times that.
SEND_BUDGET = {"pupil": (10, 15.0), "adult": (30, 15.0)}
REPLAY_LIMIT = 5_000  # a client more than this behind reloads the page instead
ROOM_CACHE_SECONDS = 30.0
PUPIL_ROOM_KINDS = frozenset({"stand", "qa"})


@dataclass(frozen=True, slots=True)
class RoomInfo:
    id: int
    name: str
    kind: str
    event_id: int
    stand_id: int | None
    title: str
    opens_at: datetime
    closes_at: datetime

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.opens_at <= now < self.closes_at


class RoomDirectory:
    """Room names → what permissions need, cached briefly: joins and sends never wait on a lookup twice."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, RoomInfo]] = {}

    async def get(self, db: AsyncSession, name: str) -> RoomInfo:
        hit = self._cache.get(name)
        if hit and time.monotonic() - hit[0] < ROOM_CACHE_SECONDS:
            return hit[1]
        row = (
            await db.exec(select(Room, Event).join(Event, col(Event.id) == Room.event_id).where(Room.name == name))
        ).first()
        if row is None:
            raise DomainError("not_found", "Ce salon de discussion n'existe pas.")
        room, event = row
        assert room.id is not None
        info = RoomInfo(
            room.id,
            room.name,
            room.kind,
            room.event_id,
            room.stand_id,
            room.title,
            aware(event.starts_at),
            aware(event.ends_at),
        )
        self._cache[name] = (time.monotonic(), info)
        return info


async def open_for_reading(db: AsyncSession, rooms: RoomDirectory, principal: Principal, name: str) -> RoomInfo:
    """The room, if this person may read it (every signed-in person may read the public rooms)."""
    return await rooms.get(db, name)


def check_can_send(principal: Principal, room: RoomInfo) -> None:
    if principal.role == Role.PUPIL and room.kind not in PUPIL_ROOM_KINDS:
        raise DomainError("forbidden", "Vous ne pouvez pas écrire dans ce salon.")
    if not room.is_open():
        raise DomainError("closed", "Le salon est fermé : vous pouvez relire la discussion, pas écrire.")


async def ensure_room(
    db: AsyncSession, *, name: str, kind: str, event_id: int, stand_id: int | None = None, title: str = ""
) -> Room:
    """Create the live room of a stand, talk or Q&A room if it does not exist yet (no commit)."""
    room = (await db.exec(select(Room).where(Room.name == name))).first()
    if room is None:
        room = Room(name=name, kind=kind, event_id=event_id, stand_id=stand_id, title=title)
        db.add(room)
        await db.flush()
    elif room.title != title:
        room.title = title
        db.add(room)
    return room


async def history(db: AsyncSession, room: RoomInfo, since: int | None) -> dict[str, Any]:
    """What `room:join` answers: the last page, or everything after `since` (read access checked by
    `open_for_reading`)."""
    name = room.name
    query = select(Message, User).join(User, col(User.id) == Message.author_id).where(Message.room_id == room.id)
    if since is None:
        rows = list((await db.exec(query.order_by(col(Message.seq).desc()).limit(HISTORY_PAGE))).all())
        rows.reverse()
    else:
        rows = list(
            (await db.exec(query.where(Message.seq > since).order_by(col(Message.seq)).limit(REPLAY_LIMIT))).all()
        )
    last_seq = (await db.exec(select(Room.last_seq).where(Room.id == room.id))).one()
    return {
        "room": name,
        "messages": [_to_event(name, message, _author(user)) for message, user in rows],
        "last_seq": last_seq,
    }


@dataclass(frozen=True, slots=True)
class ChatDeps:
    """What chat actions need besides the database: the fan-out, the room cache, the rate limiter."""

    hub: Hub
    rooms: RoomDirectory
    limiter: MemoryLimiter | RedisLimiter


def send_budget(principal: Principal) -> tuple[str, int, float]:
    limit, window = SEND_BUDGET["pupil" if principal.role == Role.PUPIL else "adult"]
    return f"send:{principal.id}", limit, window


async def check_send_budget(limiter: MemoryLimiter | RedisLimiter, principal: Principal) -> None:
    """Refuse when the budget is spent; only messages actually stored spend it (`spend_send_budget`)."""
    wait = await limiter.peek(*send_budget(principal))
    if wait is not None:
        raise DomainError(
            "rate_limited", f"Vous écrivez trop vite : attendez {math.ceil(wait)} s avant le prochain message."
        )


async def send_message(
    db: AsyncSession,
    deps: ChatDeps,
    principal: Principal,
    *,
    room_name: str,
    text: str,
    client_id: str,
) -> dict[str, Any]:
    """Store a chat message and broadcast it as `chat:message`.

    Side effects: one row in `messages`, `rooms.last_seq` + 1, one emit to the room, one unit of
    the author's send budget. A retry with the same `client_id` from the same author returns the
    stored message, emits nothing and costs nothing.
    """
    room = await deps.rooms.get(db, room_name)
    previous = await _find_sent(db, principal, client_id)
    if previous is not None:
        metrics.inc("salon_messages_duplicate_total")
        return previous
    check_can_send(principal, room)
    cleaned = rules.clean_text(text)
    if not cleaned:
        raise DomainError("invalid", "Le message est vide.")
    if len(cleaned) > rules.MAX_TEXT:
        raise DomainError("too_long", f"Le message dépasse {rules.MAX_TEXT} caractères.")
    await check_send_budget(deps.limiter, principal)
    final, redacted = rules.redact(cleaned)
    try:
        # The row lock on the room serialises concurrent senders, so seq has no gaps and no twins;
        # a rollback gives the number back.
        seq = (
            await db.exec(
                update(Room)
                .where(col(Room.id) == room.id)
                .values(last_seq=col(Room.last_seq) + 1)
                .returning(col(Room.last_seq))
            )
        ).scalar_one()
        message = Message(
            room_id=room.id, seq=seq, author_id=principal.id, client_id=client_id, text=final, redacted=redacted
        )
        db.add(message)
        await db.commit()
    except IntegrityError:
        # The same client_id raced itself (two workers, a fast retry): the first one won.
        await db.rollback()
        previous = await _find_sent(db, principal, client_id)
        if previous is None:
            raise
        metrics.inc("salon_messages_duplicate_total")
        return previous
    assert message.id is not None
    payload = _to_event(room_name, message, principal.public())
    await deps.limiter.hit(*send_budget(principal))
    metrics.inc("salon_messages_stored_total")
    await deps.hub.publish(room_name, "chat:message", payload)
    return payload


async def _find_sent(db: AsyncSession, principal: Principal, client_id: str) -> dict[str, Any] | None:
    row = (
        await db.exec(
            select(Message, Room.name)
            .join(Room, col(Room.id) == Message.room_id)
            .where(Message.author_id == principal.id, Message.client_id == client_id)
        )
    ).first()
    if row is None:
        return None
    message, room_name = row
    return _to_event(room_name, message, principal.public())


def _author(user: User) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "role": user.role}


def _to_event(room_name: str, message: Message, author: dict[str, Any]) -> dict[str, Any]:
    assert message.id is not None
    return message_event(
        id=message.id,
        room=room_name,
        seq=message.seq,
        client_id=message.client_id,
        author=author,
        text=message.text,
        ts=iso(message.created_at),
        redacted=message.redacted,
    )
