"""Moderation actions: report, hide or show a message, mute a person, slow a room down.

Staff moderate their own stand's rooms and threads; moderators (organisers included) moderate every
room. Every action is written to the audit log in the same transaction.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.events import author_of, to_event
from chat.models import Message, Mute, Report, Room
from chat.permissions import RoomInfo, can_moderate, can_read
from chat.rooms import ChatDeps
from server import audit
from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_time
from server.models import Role, User
from server.timeutil import aware, iso, utcnow


class MuteBook:
    """The active mutes of each event, cached briefly: one query per event every few seconds instead of
    one per message. The worker that mutes sees it at once; other workers within `TTL` seconds."""

    TTL = 5.0

    def __init__(self) -> None:
        self._books: dict[int, tuple[float, dict[int, list[tuple[int | None, datetime]]]]] = {}

    async def until(self, db: AsyncSession, *, user_id: int, event_id: int, stand_id: int | None) -> datetime | None:
        cached = self._books.get(event_id)
        if cached is None or time.monotonic() - cached[0] > self.TTL:
            rows = await db.exec(
                select(Mute.user_id, Mute.stand_id, Mute.until).where(Mute.event_id == event_id, Mute.until > utcnow())
            )
            book: dict[int, list[tuple[int | None, datetime]]] = defaultdict(list)
            for muted, scope, until in rows.all():
                book[muted].append((scope, aware(until)))
            cached = (time.monotonic(), book)
            self._books[event_id] = cached
        now = utcnow()
        ends = [until for scope, until in cached[1].get(user_id, ()) if scope in (None, stand_id) and until > now]
        return max(ends, default=None)

    def forget(self, event_id: int) -> None:
        self._books.pop(event_id, None)


async def check_not_muted(db: AsyncSession, deps: ChatDeps, principal: Principal, room: RoomInfo) -> None:
    """Refuse a muted person's message, saying until when."""
    until = await deps.mutes.until(db, user_id=principal.id, event_id=room.event_id, stand_id=room.stand_id)
    if until is not None:
        raise DomainError("muted", f"L'équipe de modération vous a mis en sourdine jusqu'à {fr_time(until)}.")


async def _message_and_room(db: AsyncSession, deps: ChatDeps, principal: Principal, message_id: int) -> Any:
    row = (
        await db.exec(
            select(Message, Room.name, User)
            .join(Room, col(Room.id) == Message.room_id)
            .join(User, col(User.id) == Message.author_id)
            .where(Message.id == message_id)
        )
    ).first()
    if row is None:
        raise DomainError("not_found", "Ce message n'existe pas.")
    message, room_name, author = row
    room = await deps.rooms.get(db, room_name)
    if not can_read(principal, room):
        raise DomainError("not_found", "Ce message n'existe pas.")
    return message, room, author


async def report(db: AsyncSession, deps: ChatDeps, principal: Principal, *, message_id: int, reason: str) -> None:
    """Anyone who can read a message may report it; reporting twice changes nothing."""
    message, room, _author = await _message_and_room(db, deps, principal, message_id)
    db.add(Report(message_id=message_id, reporter_id=principal.id, reason=reason.strip()))
    audit.record(db, actor_id=principal.id, action="message.report", target=f"message:{message_id}", room=room.name)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()


async def set_hidden(
    db: AsyncSession, deps: ChatDeps, principal: Principal, *, message_id: int, hidden: bool
) -> dict[str, Any]:
    """Hide a message (it stays in the room as a tombstone) or show it again, then tell the room."""
    message, room, author = await _message_and_room(db, deps, principal, message_id)
    if not can_moderate(principal, room):
        raise DomainError("forbidden", "Seule l'équipe du stand ou un modérateur peut masquer ce message.")
    message.hidden, message.hidden_reason = hidden, "moderator" if hidden else ""
    db.add(message)
    audit.record(
        db,
        actor_id=principal.id,
        action="message.hide" if hidden else "message.show",
        target=f"message:{message_id}",
        room=room.name,
    )
    await db.commit()
    full = to_event(room.name, message, author_of(author), show_hidden=True)
    await deps.hub.publish(
        room.name,
        "message:hidden",
        {
            "room": room.name,
            "id": message.id,
            "seq": message.seq,
            "hidden": hidden,
            "message": None if hidden else full,
        },
    )
    return full


async def mute(
    db: AsyncSession, deps: ChatDeps, principal: Principal, *, room_name: str, user_id: int, minutes: int
) -> str | None:
    """Stop a person writing for `minutes` (0 lifts it): at this stand for its staff, in the whole
    event for moderators. Staff may only mute pupils; nobody mutes a moderator."""
    room = await deps.rooms.get(db, room_name)
    if not can_moderate(principal, room):
        raise DomainError("forbidden", "Seule l'équipe du stand ou un modérateur peut mettre en sourdine ici.")
    target = await db.get(User, user_id)
    if target is None:
        raise DomainError("not_found", "Cette personne n'existe pas.")
    if target.role == Role.ORGANISER or target.is_moderator or target.id == principal.id:
        raise DomainError("forbidden", "Cette personne ne peut pas être mise en sourdine.")
    if not principal.is_moderator and target.role != Role.PUPIL:
        raise DomainError("forbidden", "L'équipe d'un stand ne peut mettre en sourdine que des élèves.")
    stand_id = None if principal.is_moderator else room.stand_id
    await db.exec(  # type: ignore[call-overload]
        delete(Mute).where(
            col(Mute.user_id) == user_id,
            col(Mute.event_id) == room.event_id,
            col(Mute.stand_id).is_(None) if stand_id is None else col(Mute.stand_id) == stand_id,
        )
    )
    until = utcnow() + timedelta(minutes=minutes) if minutes else None
    if until is not None:
        db.add(Mute(user_id=user_id, event_id=room.event_id, stand_id=stand_id, until=until, by_id=principal.id))
    audit.record(
        db,
        actor_id=principal.id,
        action="user.mute" if minutes else "user.unmute",
        target=f"user:{user_id}",
        room=room.name,
        minutes=minutes,
        scope="event" if stand_id is None else f"stand:{stand_id}",
    )
    await db.commit()
    deps.mutes.forget(room.event_id)
    return iso(until) if until else None


async def slow_mode(db: AsyncSession, deps: ChatDeps, principal: Principal, *, room_name: str, seconds: int) -> None:
    """Moderators only: one message per `seconds` per person in this room (0 turns it off)."""
    room = await deps.rooms.get(db, room_name)
    if not principal.is_moderator:
        raise DomainError("forbidden", "Seuls les modérateurs règlent le mode lent.")
    row = await db.get(Room, room.id)
    assert row is not None
    row.slow_mode_seconds = seconds
    db.add(row)
    audit.record(db, actor_id=principal.id, action="room.slow_mode", target=room_name, seconds=seconds)
    await db.commit()
    deps.rooms.forget(room_name)
    await deps.hub.publish(room_name, "room:slow_mode", {"room": room_name, "seconds": seconds})
