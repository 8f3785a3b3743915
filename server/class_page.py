"""What a teacher's class page reads (no writes): pupils waiting and in, who is connected now and where,
the next registered talks, and the class's summary to discuss in class."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import class_codes
from server.class_rules import level_label
from server.class_sockets import MemoryClassSockets
from server.classes import class_pupils, class_teachers
from server.models import Role, SchoolClass, User
from server.timeutil import aware, utcnow

NEXT_TALKS = 5


def code_view(school_class: SchoolClass, now: datetime) -> dict[str, Any]:
    expires = aware(school_class.code_expires_at) if school_class.code_expires_at else None
    return {
        "code": class_codes.display(school_class.code),
        "spoken": class_codes.spoken(school_class.code),
        "expires_at": expires,
        "expired": bool(expires and expires <= now),
    }


async def where_titles(db: AsyncSession, rooms: set[str]) -> dict[str, dict[str, Any]]:
    """Room name → {"title", "url"} for the rooms pupils were last seen in."""
    from chat.models import Room  # chat sits above accounts; import late to keep layers one-way

    if not rooms:
        return {}
    rows = await db.exec(select(Room).where(col(Room.name).in_(sorted(rooms))))
    found = {}
    for room in rows.all():
        kind, _, ident = room.name.partition(":")
        url = (
            f"/stands/{room.stand_id}"
            if kind == "stand" and room.stand_id
            else f"/talks/{ident}"
            if kind == "talk"
            else ""
        )
        found[room.name] = {"title": room.title or room.name, "url": url, "kind": kind}
    return found


async def connected_now(db: AsyncSession, sockets: MemoryClassSockets, class_id: int) -> list[dict[str, Any]]:
    """The class's pupils with an open socket now (any worker), each once, with the room they last joined."""
    people: dict[int, str] = {}
    for socket in await sockets.sockets(class_id):
        people.setdefault(socket.user_id, socket.name)
    where = await sockets.where(sorted(people))
    rooms = await where_titles(db, set(where.values()))
    result = [
        {"id": user_id, "name": name, "where": rooms.get(where.get(user_id, ""))} for user_id, name in people.items()
    ]
    return sorted(result, key=lambda p: p["name"])


async def next_talks(db: AsyncSession, class_id: int, now: datetime) -> list[dict[str, Any]]:
    from sessions.models import Talk, TalkRegistration

    rows = await db.exec(
        select(Talk)
        .join(TalkRegistration, col(TalkRegistration.talk_id) == Talk.id)
        .where(TalkRegistration.class_id == class_id, col(Talk.ends_at) > now)
        .order_by(col(Talk.starts_at), col(Talk.id))
        .limit(NEXT_TALKS)
    )
    return [
        {"id": t.id, "title": t.title, "starts_at": aware(t.starts_at), "ends_at": aware(t.ends_at)} for t in rows.all()
    ]


async def class_summary(db: AsyncSession, class_id: int) -> dict[str, int]:
    """Counts to discuss in class: stands visited (and visits), questions asked in talks and Q&A rooms,
    private questions (threads opened), messages written."""
    from chat.models import Message, Room
    from sessions.models import Question
    from stands.models import StandVisit

    stands, visits = (
        await db.exec(
            select(func.count(func.distinct(StandVisit.stand_id)), func.coalesce(func.sum(StandVisit.visits), 0)).where(
                StandVisit.class_id == class_id
            )
        )
    ).one()
    pupil = (User.class_id == class_id) & (User.role == Role.PUPIL)
    questions = (
        await db.exec(select(func.count(col(Question.id))).join(User, col(User.id) == Question.author_id).where(pupil))
    ).one()
    threads = (
        await db.exec(
            select(func.count(col(Room.id)))
            .join(User, col(User.id) == Room.owner_id)
            .where(Room.kind == "thread", pupil)
        )
    ).one()
    messages = (
        await db.exec(select(func.count(col(Message.id))).join(User, col(User.id) == Message.author_id).where(pupil))
    ).one()
    return {
        "stands": int(stands or 0),
        "visits": int(visits or 0),
        "questions": int(questions or 0),
        "private_questions": int(threads or 0),
        "messages": int(messages or 0),
    }


async def class_page(db: AsyncSession, sockets: MemoryClassSockets, school_class: SchoolClass) -> dict[str, Any]:
    from stands.models import Event

    assert school_class.id is not None
    now = utcnow()
    pupils = await class_pupils(db, school_class.id)
    event = await db.get(Event, school_class.event_id) if school_class.event_id else None
    return {
        "id": school_class.id,
        "label": school_class.label,
        "school": school_class.school,
        "level": level_label(school_class.level) if school_class.level else "",
        "uai": school_class.uai,
        "department": school_class.department,
        "approve_joins": school_class.approve_joins,
        "event": {"title": event.title, "slug": event.slug} if event else None,
        **code_view(school_class, now),
        "teachers": [{"id": t.id, "name": t.name} for t in await class_teachers(db, school_class.id)],
        "waiting": [{"id": p.id, "name": p.name} for p in pupils if not p.admitted],
        "pupils": [{"id": p.id, "name": p.name} for p in pupils if p.admitted],
        "connected": await connected_now(db, sockets, school_class.id),
        "talks": await next_talks(db, school_class.id, now),
        "summary": await class_summary(db, school_class.id),
    }
