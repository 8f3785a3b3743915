"""Chat actions: the only code that writes messages. Each checks, stores, commits, then publishes."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat import moderation, rules, teacher, threads
from chat.events import author_of, message_event, to_event
from chat.models import Message, Room
from chat.permissions import RoomInfo, can_read, can_write, sees_hidden_text
from chat.rooms import ChatDeps, RoomDirectory, staff_channels
from chat.store import DuplicateMessage
from server import audit, conduct, metrics
from server.auth import Principal
from server.errors import DomainError
from server.models import Role, User
from server.ratelimit import MemoryLimiter, RedisLimiter
from server.timeutil import iso, utcnow

HISTORY_PAGE = 50
REPLAY_LIMIT = 5_000  # a client more than this behind reloads the page instead
# Sends per account (never per IP: a whole school shares one address). Pupils keep a steady
# one message every 1.5 s; professionals answering several rooms get three times that.
SEND_BUDGET = {"pupil": (10, 15.0), "adult": (30, 15.0)}


async def open_for_reading(db: AsyncSession, rooms: RoomDirectory, principal: Principal, name: str) -> RoomInfo:
    room = await rooms.get(db, name)
    if not can_read(principal, room):
        raise DomainError("forbidden", "Vous n'avez pas accès à ce salon.")
    return room


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


async def history(db: AsyncSession, room: RoomInfo, since: int | None, *, show_hidden: bool) -> dict[str, Any]:
    """What `room:join` answers: the last page, or everything after `since`. Hidden messages keep
    their place as tombstones unless the reader moderates the room."""
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
        "room": room.name,
        "messages": [to_event(room.name, m, author_of(u), show_hidden=show_hidden) for m, u in rows],
        "last_seq": last_seq,
    }


def send_budget(principal: Principal) -> tuple[str, int, float]:
    limit, window = SEND_BUDGET["pupil" if principal.role == Role.PUPIL else "adult"]
    return f"send:{principal.id}", limit, window


def slow_mode_key(room: RoomInfo, principal: Principal) -> tuple[str, int, float] | None:
    if room.slow_mode_seconds <= 0 or sees_hidden_text(principal, room):
        return None  # the room's moderators are never slowed down
    return f"slow:{room.id}:{principal.id}", 1, float(room.slow_mode_seconds)


Budget = tuple[str, int, float]


async def take_budgets(limiter: MemoryLimiter | RedisLimiter, principal: Principal, room: RoomInfo) -> list[Budget]:
    """Spend one unit of each budget a new message needs (one round trip each with Redis), or refuse and
    spend nothing. A message that is not stored after all (a retry, an error) gives them back
    (`give_back_budgets`): only stored messages cost."""
    send = send_budget(principal)
    if (wait := await limiter.take(*send)) is not None:
        raise DomainError(
            "rate_limited", f"Vous écrivez trop vite : attendez {math.ceil(wait)} s avant le prochain message."
        )
    slow = slow_mode_key(room, principal)
    if slow and (wait := await limiter.take(*slow)) is not None:
        await limiter.give_back(send[0])
        raise DomainError(
            "rate_limited",
            f"Mode lent : un message toutes les {room.slow_mode_seconds} s. Attendez {math.ceil(wait)} s.",
        )
    return [send, slow] if slow else [send]


async def give_back_budgets(limiter: MemoryLimiter | RedisLimiter, budgets: list[Budget]) -> None:
    for key, _limit, _window in budgets:
        await limiter.give_back(key)


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

    Side effects: one row in `messages`, `rooms.last_seq` + 1 (and a thread's waiting state), one
    unit of the author's budgets, one emit to the room (or, for a message the word filter holds,
    to the stand's consoles), a copy to the teachers of the pupil concerned, console and queue
    updates for threads. A retry with the same `client_id` from the same author returns the stored
    message, emits nothing and costs nothing.
    """
    room = await deps.rooms.get(db, room_name)
    try:
        cleaned, budgets = await _admit(db, deps, principal, room, text)
    except DomainError:
        # A retry of a message stored earlier still gets its ack, even if the event has closed
        # or the budget is spent since. New messages skip this lookup: the unique key catches
        # their retries below.
        previous = await _find_sent(db, principal, client_id)
        if previous is None:
            raise
        metrics.inc("salon_messages_duplicate_total")
        return previous
    try:
        stored = await _store(db, deps, principal, room, room_name, client_id, cleaned)
    except Exception:
        await give_back_budgets(deps.limiter, budgets)
        raise
    if stored is None:  # a retry of a stored message, or the same client_id racing itself: it costs nothing
        await give_back_budgets(deps.limiter, budgets)
        return await _duplicate(db, principal, client_id)
    payload, words, _thread_changed = stored
    metrics.inc("salon_messages_stored_total")
    if words.held:
        await deps.hub.publish(staff_channels(room.stand_id), "message:held", {"room": room_name, "message": payload})
        return {**payload, "held": True}
    await deps.hub.publish(room_name, "chat:message", payload)
    await teacher.copy_to_teachers(db, deps, principal, room, payload)
    if room.is_thread:
        # Every thread message refreshes the consoles' row (last message, unread), not only state changes.
        await threads.publish_changes(db, deps, room, announce=True)
    return payload


async def _store(
    db: AsyncSession,
    deps: ChatDeps,
    principal: Principal,
    room: RoomInfo,
    room_name: str,
    client_id: str,
    cleaned: str,
) -> tuple[dict[str, Any], rules.WordCheck, bool] | None:
    """Redact, filter and store an admitted message; returns its event, the filter's verdict and whether a
    thread's state changed, or None when `client_id` was already stored (the unique key said so)."""
    final, redacted = rules.redact(cleaned)
    words = rules.check_words(final)
    now = utcnow()
    thread_changed = False
    if not room.is_thread and not words.held:
        # The common case, in one trip to the database (chat/store.py).
        try:
            message_id, seq = await deps.store.insert(
                room_id=room.id,
                author_id=principal.id,
                client_id=client_id,
                text=words.text,
                redacted=redacted or words.masked,
                created_at=now,
            )
        except DuplicateMessage:
            return None
        payload = message_event(
            id=message_id,
            room=room_name,
            seq=seq,
            client_id=client_id,
            author=principal.public(),
            text=words.text,
            ts=iso(now),
            redacted=redacted or words.masked,
            hidden=False,
        )
    else:
        try:
            message, thread_changed = await _store_with_orm(db, principal, room, client_id, words, redacted, now)
        except IntegrityError:
            # A retry of a stored message, or the same client_id racing itself (two workers, a fast
            # retry): the first one won, and the unique key (author_id, client_id) said so.
            await db.rollback()
            return None
        payload = to_event(room_name, message, principal.public(), show_hidden=True)
    return payload, words, thread_changed


async def _store_with_orm(
    db: AsyncSession,
    principal: Principal,
    room: RoomInfo,
    client_id: str,
    words: rules.WordCheck,
    redacted: bool,
    now: datetime,
) -> tuple[Message, bool]:
    """Messages that change more than the room in the same transaction: private threads (waiting state,
    answer times) and held messages (their audit entry). Returns the message and whether the thread's
    state changed."""
    thread_changed = False
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
        room_id=room.id,
        seq=seq,
        author_id=principal.id,
        client_id=client_id,
        text=words.text,
        redacted=redacted or words.masked,
        hidden=words.held,
        hidden_reason="filter" if words.held else "",
        created_at=now,
    )
    db.add(message)
    if room.is_thread:
        thread_changed = await threads.record_message(db, room, principal, now)
    if words.held:
        await db.flush()
        audit.record(
            db, actor_id=None, action="message.held", target=f"message:{message.id}", words=list(words.matches)
        )
    await db.commit()
    return message, thread_changed


async def _duplicate(db: AsyncSession, principal: Principal, client_id: str) -> dict[str, Any]:
    previous = await _find_sent(db, principal, client_id)
    if previous is None:
        raise RuntimeError("a duplicate client id without its stored message")
    metrics.inc("salon_messages_duplicate_total")
    return previous


async def _admit(
    db: AsyncSession, deps: ChatDeps, principal: Principal, room: RoomInfo, text: str
) -> tuple[str, list[Budget]]:
    """Every refusal a new message can meet, cheapest first; returns the cleaned text and the budgets it
    took (last, so that a refused message takes none)."""
    if not can_write(principal, room):
        raise DomainError("forbidden", "Vous ne pouvez pas écrire dans ce salon.")
    if not principal.conduct_ok:  # staff who have not accepted the charte yet (free for everyone else)
        await conduct.ensure_accepted(db, principal)
    if not room.is_open():
        raise DomainError("closed", "Le salon est fermé : vous pouvez relire la discussion, pas écrire.")
    cleaned = rules.clean_text(text)
    if not cleaned:
        raise DomainError("invalid", "Le message est vide.")
    if len(cleaned) > rules.MAX_TEXT:
        raise DomainError("too_long", f"Le message dépasse {rules.MAX_TEXT} caractères.")
    await moderation.check_not_muted(db, deps, principal, room)
    return cleaned, await take_budgets(deps.limiter, principal, room)


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
    payload = to_event(room_name, message, principal.public(), show_hidden=True)
    return {**payload, "held": True} if message.hidden_reason == "filter" and message.hidden else payload
