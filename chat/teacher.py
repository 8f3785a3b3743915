"""What a teacher sees: every message their pupils wrote, every message of their pupils' threads, and the
adults' replies in the public rooms where their pupils took part.

A public room (a stand's chat, a talk, a Q&A room) is shared by every class at the fair. The teacher of a
class sees there only their own pupils' messages and the adults' messages written while their pupils were
in the conversation: from a pupil's message to `CONTEXT_WINDOW` after it (windows of close messages merge).
Other classes' pupils never appear. Threads are private to one pupil: everything said in them is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.events import author_of, to_event
from chat.models import Message, Room
from server.auth import Principal
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import ClassTeacher, Role, SchoolClass, User
from server.timeutil import utcnow

if TYPE_CHECKING:
    from chat.permissions import RoomInfo
    from chat.rooms import ChatDeps

CLASS_HISTORY = 500
# How long after one of its pupils' messages a public room's adult messages are part of the class's
# conversation (a professional answering a few minutes later answers that pupil).
CONTEXT_WINDOW = timedelta(minutes=30)
# A live adult message looks for the class's pupils among the room's newest messages only.
RECENT_SCAN = 1_000
# Roles whose messages count as "the professionals' replies" in the summary (teachers' own do not).
REPLY_ROLES = frozenset({Role.PROFESSIONAL, Role.CFA, Role.ORGANISER})


async def classes_of(db: AsyncSession, principal: Principal) -> list[SchoolClass]:
    query = select(SchoolClass).order_by(col(SchoolClass.label))
    if not principal.is_organiser:
        query = query.join(ClassTeacher, col(ClassTeacher.class_id) == SchoolClass.id).where(
            ClassTeacher.user_id == principal.id
        )
    return list((await db.exec(query)).all())


@dataclass
class _Window:
    """Adult messages of `room_id` after message `after_id` and no later than `until` belong to the class."""

    room_id: int
    after_id: int
    until: datetime


def _windows(marks: list[tuple[int, int, datetime]]) -> list[_Window]:
    """The class's conversation windows from its pupils' public messages (room id, message id, time), in id order."""
    open_windows: dict[int, _Window] = {}
    windows: list[_Window] = []
    for room_id, message_id, created_at in marks:
        window = open_windows.get(room_id)
        if window is not None and created_at <= window.until:
            window.until = max(window.until, created_at + CONTEXT_WINDOW)
            continue
        window = _Window(room_id, message_id, created_at + CONTEXT_WINDOW)
        open_windows[room_id] = window
        windows.append(window)
    return windows


def _item(message: Message, room: Room, user: User, owner: User | None) -> dict[str, Any]:
    private = room.kind == "thread"
    return {
        "stand_id": room.stand_id,
        "stand_name": room.title,
        # Teachers see the words their pupils exchanged, hidden ones included: they answer for them.
        "message": to_event(room.name, message, author_of(user), show_hidden=True),
        "kind": "private" if private else "public",
        "thread_pupil": {"id": owner.id, "name": owner.name} if private and owner is not None else None,
    }


def summary_of(items: list[dict[str, Any]]) -> dict[str, int]:
    """How many pupils wrote, in how many conversations (rooms), and how many professionals' replies."""
    pupils = {i["message"]["author"]["id"] for i in items if i["message"]["author"]["role"] == Role.PUPIL}
    return {
        "pupils": len(pupils),
        "conversations": len({i["message"]["room"] for i in items}),
        "replies": sum(1 for i in items if i["message"]["author"]["role"] in REPLY_ROLES),
    }


async def class_messages(db: AsyncSession, principal: Principal, class_id: int) -> dict[str, Any]:
    """The newest messages concerning the class, oldest first. Teachers of the class and organisers."""
    school_class = await db.get(SchoolClass, class_id)
    if school_class is None:
        raise DomainError("not_found", "Cette classe n'existe pas.")
    if not (principal.is_organiser or class_id in principal.class_ids):
        raise DomainError("forbidden", "Seuls les professeurs de cette classe voient ses échanges.")
    author, owner = aliased(User), aliased(User)
    base = (
        select(Message, Room, author, owner)
        .join(Room, col(Room.id) == Message.room_id)
        .join(author, col(author.id) == Message.author_id)
        .outerjoin(owner, col(owner.id) == Room.owner_id)
    )
    # The class's pupils anywhere, and everyone in their threads.
    own = (
        await db.exec(
            base.where(or_(col(author.class_id) == class_id, col(owner.class_id) == class_id))
            .order_by(col(Message.id).desc())
            .limit(CLASS_HISTORY)
        )
    ).all()
    oldest = own[-1][0].id if len(own) == CLASS_HISTORY else 0
    # The adults around the class's pupils in public rooms.
    marks = (
        await db.exec(
            select(Message.room_id, Message.id, Message.created_at)
            .join(Room, col(Room.id) == Message.room_id)
            .join(author, col(author.id) == Message.author_id)
            .where(
                col(author.class_id) == class_id,
                author.role == Role.PUPIL,
                Room.kind != "thread",
                col(Message.id) >= oldest,
            )
            .order_by(col(Message.id))
        )
    ).all()
    windows = _windows([(room_id, message_id, created_at) for room_id, message_id, created_at in marks])
    around: list[Any] = []
    if windows:
        around = list(
            (
                await db.exec(
                    base.where(
                        author.role != Role.PUPIL,
                        or_(
                            *(
                                and_(
                                    col(Message.room_id) == w.room_id,
                                    col(Message.id) > w.after_id,
                                    col(Message.created_at) <= w.until,
                                )
                                for w in windows
                            )
                        ),
                    )
                    .order_by(col(Message.id).desc())
                    .limit(CLASS_HISTORY)
                )
            ).all()
        )
    rows = {row[0].id: row for row in [*own, *around]}
    newest = sorted(rows, reverse=True)[:CLASS_HISTORY]
    messages = [_item(*rows[message_id]) for message_id in reversed(newest)]
    return {
        "class": {"id": school_class.id, "label": school_class.label, "school": school_class.school},
        "messages": messages,
        "summary": summary_of(messages),
    }


def by_stand(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One class's messages (oldest first) grouped by stand, the stand with the newest message first; in each
    stand its conversations, the public one first, then the private questions, newest activity first."""
    stands: dict[int | None, dict[str, Any]] = {}
    for item in messages:
        message = item["message"]
        stand = stands.setdefault(
            item["stand_id"],
            {"stand_id": item["stand_id"], "stand_name": item["stand_name"], "rooms": {}, "last_id": 0},
        )
        stand["last_id"] = message["id"]
        stand["last_ts"] = message["ts"]
        room = stand["rooms"].setdefault(
            message["room"],
            {"room": message["room"], "kind": item["kind"], "thread_pupil": item["thread_pupil"], "messages": []},
        )
        room["messages"].append(message)
    ordered = sorted(stands.values(), key=lambda s: s["last_id"], reverse=True)
    for stand in ordered:
        rooms = sorted(stand["rooms"].values(), key=lambda r: r["messages"][-1]["id"], reverse=True)
        stand["rooms"] = sorted(rooms, key=lambda r: r["kind"] != "public")
    return ordered


async def copy_to_teachers(db: AsyncSession, deps: ChatDeps, author: Principal, room: RoomInfo, payload: dict) -> None:
    """Send a new message as `class:message` to the teachers who see it: those of its author's class (a
    pupil's message anywhere), of the thread's pupil (anything said in a thread), and, for an adult's message
    in a public room, of the classes whose pupils wrote there within the last `CONTEXT_WINDOW`."""
    classes: dict[int, str] = {}
    if author.role == Role.PUPIL and author.class_id is not None:
        classes[author.class_id] = author.class_label
    if room.is_thread and room.owner_class_id is not None:
        classes[room.owner_class_id] = room.owner_class_label
    if author.role != Role.PUPIL and not room.is_thread:
        classes.update(await classes_around(db, room.id, utcnow()))
    for class_id, label in classes.items():
        await deps.hub.publish(
            f"class:{class_id}",
            "class:message",
            {
                "class_id": class_id,
                "class_label": label,
                "stand_id": room.stand_id,
                "stand_name": room.title,
                "message": payload,
                "kind": "private" if room.is_thread else "public",
            },
        )


async def classes_around(db: AsyncSession, room_id: int, now: datetime) -> dict[int, str]:
    """The classes (id → label) whose pupils wrote in the room within `CONTEXT_WINDOW` before `now`, among
    its newest `RECENT_SCAN` messages."""
    recent = (
        select(col(Message.author_id), col(Message.created_at))
        .where(Message.room_id == room_id)
        .order_by(col(Message.seq).desc())
        .limit(RECENT_SCAN)
        .subquery()
    )
    rows = await db.exec(
        select(SchoolClass.id, SchoolClass.label)
        .join(User, col(User.class_id) == SchoolClass.id)
        .join(recent, recent.c.author_id == User.id)
        .where(User.role == Role.PUPIL, recent.c.created_at >= now - CONTEXT_WINDOW)
        .distinct()
    )
    return {class_id: label for class_id, label in rows.all() if class_id is not None}


def page_strings() -> dict[str, str]:
    """Strings of static/js/teacher.js added with the public conversations (merged into `teacher_strings()`)."""
    return {
        "conv_public": _("Discussion publique du stand"),
        "conv_private": _("Question privée"),
        "conv_private_of": _("Question privée de %(name)s"),
        "last_activity": _("Dernier message le"),
        "stat_pupils_one": _("élève a écrit"),
        "stat_pupils_many": _("élèves ont écrit"),
        "stat_conversations_one": _("conversation"),
        "stat_conversations_many": _("conversations"),
        "stat_replies_one": _("réponse de professionnel"),
        "stat_replies_many": _("réponses de professionnels"),
        "summary_label": _("Résumé des échanges de %(label)s"),
    }
