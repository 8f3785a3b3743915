"""Private questions from a pupil to a stand: opening, waiting state, who takes them, the queue.

A thread is a room (`thread:<id>`) owned by one pupil; it is *waiting* from the pupil's first
unanswered message until a staff member writes. The waits that ended feed the queue's estimate.
"""

from __future__ import annotations

import math
import statistics
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.models import AnswerTime, Message, Room, RoomRead
from chat.permissions import RoomInfo, can_moderate, can_read
from chat.rooms import ChatDeps, staff_channels
from server.auth import Principal
from server.errors import DomainError
from server.models import Role, SchoolClass, User
from server.timeutil import aware, iso, utcnow
from stands.marks import initials, mark_colour
from stands.models import Event, Media, Stand

ESTIMATE_SAMPLES = 20  # recent answers the estimate is drawn from
ESTIMATE_MINIMUM = 3  # fewer known answers than this: no estimate rather than a guess
CONSOLE_ROOM_LIMIT = 50
PREVIEW_LENGTH = 140  # characters of the last message shown in a console row
MINOR_THREADS = "Les questions privées sont prises en charge par les adultes du stand."


def state_of(room: Room) -> str:
    if room.last_seq == 0:
        return "new"
    return "waiting" if room.waiting_since is not None else "answered"


async def open_thread(db: AsyncSession, deps: ChatDeps, principal: Principal, *, stand_id: int) -> dict[str, Any]:
    """The pupil's private thread at this stand, created on first use (one per pupil and stand)."""
    if principal.role != Role.PUPIL:
        raise DomainError("forbidden", "Seuls les élèves ouvrent une question privée ; les adultes y répondent.")
    stand = await db.get(Stand, stand_id)
    if stand is None:
        raise DomainError("not_found", "Ce stand n'existe pas.")
    event = await db.get(Event, stand.event_id)
    assert event is not None
    if not aware(event.starts_at) <= utcnow() < aware(event.ends_at):
        raise DomainError("closed", "Le salon est fermé : les questions privées ouvriront avec lui.")
    room = await _thread_of(db, stand_id, principal.id)
    if room is None:
        try:
            room = Room(
                name=f"thread:new:{uuid.uuid4().hex[:16]}",
                kind="thread",
                event_id=stand.event_id,
                stand_id=stand_id,
                owner_id=principal.id,
                title=stand.name,
            )
            db.add(room)
            await db.flush()
            room.name = f"thread:{room.id}"
            db.add(room)
            await db.commit()
        except IntegrityError:  # two tabs opened it at once: the first one won
            await db.rollback()
            room = await _thread_of(db, stand_id, principal.id)
            assert room is not None
    return await thread_view(db, room.name, viewer=principal)


async def existing_thread(db: AsyncSession, stand_id: int, owner_id: int) -> str | None:
    """The room name of this pupil's thread at this stand, if they opened one."""
    room = await _thread_of(db, stand_id, owner_id)
    return room.name if room else None


async def _thread_of(db: AsyncSession, stand_id: int, owner_id: int) -> Room | None:
    query = select(Room).where(Room.stand_id == stand_id, Room.owner_id == owner_id, Room.kind == "thread")
    return (await db.exec(query)).first()


async def record_message(db: AsyncSession, room: RoomInfo, author: Principal, now: datetime) -> bool:
    """Inside the send's transaction (the room row is already locked by the seq update): update
    the waiting state. Returns whether the thread changed state (first message, waiting, answered)."""
    row = await db.get(Room, room.id)
    assert row is not None
    before = "new" if row.last_seq <= 1 else state_of(row)
    if author.id == room.owner_id:
        if row.waiting_since is None:
            row.waiting_since = now
    elif row.waiting_since is not None:
        db.add(AnswerTime(stand_id=room.stand_id, seconds=(now - aware(row.waiting_since)).total_seconds()))
        row.waiting_since = None
    row.last_activity_at = now
    db.add(row)
    return state_of(row) != before


async def take(db: AsyncSession, deps: ChatDeps, principal: Principal, *, room_name: str, taking: bool) -> dict:
    """Mark the thread as answered by this person (or free it again) so colleagues leave it to them."""
    room = await deps.rooms.get(db, room_name)
    if not room.is_thread:
        raise DomainError("invalid", "Seules les questions privées se prennent en charge.")
    if not can_moderate(principal, room):
        raise DomainError("forbidden", "Seule l'équipe du stand prend en charge ses questions.")
    if principal.is_minor:
        raise DomainError("forbidden", MINOR_THREADS)
    row = await db.get(Room, room.id, with_for_update=True)
    assert row is not None
    holder = row.taken_by_id
    if holder not in (None, principal.id) and (taking or not principal.is_moderator):
        name = (await db.exec(select(User.name).where(User.id == holder))).first()
        raise DomainError("conflict", f"Cette question est déjà prise en charge par {name}.")
    row.taken_by_id = principal.id if taking else None
    db.add(row)
    await db.commit()
    await publish_changes(db, deps, room, announce=True)
    return await thread_view(db, room_name, viewer=principal)


async def mark_read(db: AsyncSession, deps: ChatDeps, principal: Principal, *, room_name: str, seq: int) -> None:
    room = await deps.rooms.get(db, room_name)
    if not can_read(principal, room):
        raise DomainError("forbidden", "Vous n'avez pas accès à ce salon.")
    marker = await db.get(RoomRead, (principal.id, room.id))
    if marker is None:
        db.add(RoomRead(user_id=principal.id, room_id=room.id, last_read_seq=seq))
    elif seq > marker.last_read_seq:
        marker.last_read_seq = seq
        db.add(marker)
    else:
        return
    try:
        await db.commit()
    except IntegrityError:  # another tab marked it at the same moment
        await db.rollback()


def _views_query(viewer_id: int | None) -> Any:
    pupil, taker, writer = aliased(User), aliased(User), aliased(User)
    columns: list[Any] = [Room, pupil.name, SchoolClass.label, taker.name, Message, writer]
    query = select(*columns)
    if viewer_id is not None:
        query = select(*columns, RoomRead.last_read_seq).outerjoin(
            RoomRead, (col(RoomRead.room_id) == Room.id) & (col(RoomRead.user_id) == viewer_id)
        )
    return (
        query.join(pupil, col(pupil.id) == Room.owner_id)
        .outerjoin(SchoolClass, col(SchoolClass.id) == pupil.class_id)
        .outerjoin(taker, col(taker.id) == Room.taken_by_id)
        .outerjoin(Message, (col(Message.room_id) == Room.id) & (col(Message.seq) == Room.last_seq))
        .outerjoin(writer, col(writer.id) == Message.author_id)
        .where(Room.kind == "thread")
    )


def preview(message: Message | None, author: User | None) -> dict[str, Any] | None:
    """A room's last message for a console row: who, when, the first characters. A hidden message
    (moderation, word filter) shows no text at all, whoever reads it."""
    if message is None or author is None:
        return None
    text = "" if message.hidden else message.text
    if len(text) > PREVIEW_LENGTH:
        text = text[: PREVIEW_LENGTH - 1].rstrip() + "…"
    return {
        "author": {"id": author.id, "name": author.name, "role": author.role},
        "text": text,
        "ts": iso(message.created_at),
        "hidden": message.hidden,
    }


def _view(row: Any, with_unread: bool) -> dict[str, Any]:
    room, pupil_name, class_label, taker_name, message, writer = row[:6]
    view = {
        "room": room.name,
        "id": room.id,
        "stand_id": room.stand_id,
        "stand_name": room.title,
        "pupil": {"id": room.owner_id, "name": pupil_name},
        "class_label": class_label or "",
        "state": state_of(room),
        "waiting_since": iso(room.waiting_since) if room.waiting_since else None,
        "taken_by": {"id": room.taken_by_id, "name": taker_name} if room.taken_by_id else None,
        "last_seq": room.last_seq,
        "last_activity": iso(room.last_activity_at) if room.last_activity_at else None,
        "last_message": preview(message, writer),
    }
    if with_unread:
        view["unread"] = max(0, room.last_seq - (row[6] or 0))
    return view


async def thread_view(db: AsyncSession, room_name: str, *, viewer: Principal | None = None) -> dict[str, Any]:
    row = (await db.exec(_views_query(viewer.id if viewer else None).where(Room.name == room_name))).one()
    return _view(row, with_unread=viewer is not None)


async def console_state(db: AsyncSession, principal: Principal) -> dict[str, Any]:
    """The console's starting point: the caller's stand rooms and their threads, waiting first."""
    if not (principal.is_staff or principal.is_moderator):
        raise DomainError("forbidden", "La console est réservée aux équipes des stands et aux modérateurs.")
    read = RoomRead.last_read_seq
    rooms_query = (
        select(Room, read)
        .outerjoin(RoomRead, (col(RoomRead.room_id) == Room.id) & (col(RoomRead.user_id) == principal.id))
        .where(Room.kind == "stand")
        .order_by(col(Room.title))
    )
    if principal.is_moderator and not principal.staff_stands:
        now = utcnow()
        rooms_query = rooms_query.join(Event, col(Event.id) == Room.event_id).where(
            Event.starts_at <= now, Event.ends_at > now
        )
    else:
        rooms_query = rooms_query.where(col(Room.stand_id).in_(list(principal.staff_stands)))
    rooms = (await db.exec(rooms_query.limit(CONSOLE_ROOM_LIMIT))).all()
    stand_ids = [room.stand_id for room, _ in rooms]
    thread_rows = (
        []
        if principal.is_minor  # minor ambassadors do not handle private questions (chat/permissions.py)
        else (
            await db.exec(_views_query(principal.id).where(col(Room.stand_id).in_(stand_ids), Room.last_seq > 0))
        ).all()
    )
    views = [_view(row, with_unread=True) for row in thread_rows]
    waiting = sorted((t for t in views if t["state"] == "waiting"), key=lambda t: t["waiting_since"])
    others = sorted((t for t in views if t["state"] != "waiting"), key=lambda t: t["last_activity"] or "", reverse=True)
    previews = await last_messages(db, [room.id for room, _ in rooms if room.id is not None and room.last_seq > 0])
    logos = dict(
        (
            await db.exec(
                select(Stand.id, Media.sha256)
                .join(Media, col(Media.id) == col(Stand.logo_id))
                .where(col(Stand.id).in_([i for i in stand_ids if i is not None]))
            )
        ).all()
    )
    room_views = []
    for room, last_read in rooms:
        last = previews.get(room.id)  # type: ignore[arg-type]
        room_views.append(
            {
                "room": room.name,
                "title": room.title,
                "stand_id": room.stand_id,
                "last_seq": room.last_seq,
                "unread": max(0, room.last_seq - (last_read or 0)),
                "last_activity": last["ts"] if last else None,
                "last_message": last,
                # The stand's face in the list: its logo, else its initials mark (stands/marks.py).
                "logo_url": f"/media/{logos[room.stand_id]}" if room.stand_id in logos else None,
                "initials": initials(room.title),
                "mark_colour": mark_colour(room.title),
            }
        )
    return {"rooms": room_views, "threads": waiting + others}


async def last_messages(db: AsyncSession, room_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The last message of each room (one query, through the unique (room_id, seq) index)."""
    if not room_ids:
        return {}
    rows = (
        await db.exec(
            select(Message, User)
            .join(Room, (col(Room.id) == Message.room_id) & (col(Room.last_seq) == Message.seq))
            .join(User, col(User.id) == Message.author_id)
            .where(col(Room.id).in_(room_ids))
        )
    ).all()
    found = {}
    for message, author in rows:
        view = preview(message, author)
        if view is not None:
            found[message.room_id] = view
    return found


async def publish_changes(db: AsyncSession, deps: ChatDeps, room: RoomInfo, *, announce: bool) -> None:
    """After a thread changed: tell the stand's consoles (when `announce`) and refresh the queue of
    every waiting pupil at the stand (their place moved) and of this thread."""
    if announce:
        await deps.hub.publish(staff_channels(room.stand_id), "thread:updated", await thread_view(db, room.name))
    assert room.stand_id is not None
    for room_name, payload in await queue_positions(db, deps, room.stand_id, also=room.name):
        await deps.hub.publish(room_name, "queue", payload)


async def queue_positions(
    db: AsyncSession, deps: ChatDeps, stand_id: int, *, also: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Each waiting thread's place in the stand's queue, with an estimate drawn from recent answers
    and who took it (the pupil is told by name)."""
    taker = aliased(User)
    waiting = (
        await db.exec(
            select(Room.name, Room.taken_by_id, taker.name)
            .outerjoin(taker, col(taker.id) == Room.taken_by_id)
            .where(Room.stand_id == stand_id, Room.kind == "thread", col(Room.waiting_since).is_not(None))
            .order_by(col(Room.waiting_since))
        )
    ).all()
    staff_online = len((await deps.presence.snapshot(f"stand:{stand_id}"))["staff_online"])
    recent = (
        await db.exec(
            select(AnswerTime.seconds)
            .where(AnswerTime.stand_id == stand_id)
            .order_by(col(AnswerTime.id).desc())
            .limit(ESTIMATE_SAMPLES)
        )
    ).all()
    typical = statistics.median(recent) if len(recent) >= ESTIMATE_MINIMUM else None
    result = []
    for position, (name, taker_id, taker_name) in enumerate(waiting, start=1):
        payload = queue_payload(name, position, len(waiting), staff_online, typical)
        result.append((name, {**payload, "taken_by": _taker(taker_id, taker_name)}))
    if also is not None and also not in {name for name, _, _ in waiting}:
        row = (
            await db.exec(
                select(Room.taken_by_id, taker.name)
                .outerjoin(taker, col(taker.id) == Room.taken_by_id)
                .where(Room.name == also)
            )
        ).first()
        payload = queue_payload(also, None, len(waiting), staff_online, typical)
        result.append((also, {**payload, "taken_by": _taker(*row) if row else None}))
    return result


def _taker(taker_id: int | None, taker_name: str | None) -> dict[str, Any] | None:
    return {"id": taker_id, "name": taker_name or ""} if taker_id is not None else None


def queue_payload(
    room: str, position: int | None, waiting: int, staff_online: int, typical_seconds: float | None
) -> dict[str, Any]:
    """An honest estimate: the typical recent answer time for each round of pupils ahead, or none
    when nobody is online or too few answers are known yet."""
    estimate = None
    if position is not None and typical_seconds is not None and staff_online > 0:
        estimate = round(typical_seconds * math.ceil(position / staff_online))
    return {
        "room": room,
        "position": position,
        "waiting": waiting,
        "staff_online": staff_online,
        "estimate_seconds": estimate,
    }
