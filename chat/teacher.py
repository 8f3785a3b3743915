"""What a teacher sees: every message their pupils wrote, and every message of their pupils' threads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.events import author_of, to_event
from chat.models import Message, Room
from server.auth import Principal
from server.errors import DomainError
from server.models import ClassTeacher, SchoolClass, User

CLASS_HISTORY = 500


async def classes_of(db: AsyncSession, principal: Principal) -> list[SchoolClass]:
    query = select(SchoolClass).order_by(col(SchoolClass.label))
    if not principal.is_organiser:
        query = query.join(ClassTeacher, col(ClassTeacher.class_id) == SchoolClass.id).where(
            ClassTeacher.user_id == principal.id
        )
    return list((await db.exec(query)).all())


async def class_messages(db: AsyncSession, principal: Principal, class_id: int) -> dict[str, Any]:
    """The newest messages concerning the class, oldest first. Teachers of the class and organisers."""
    school_class = await db.get(SchoolClass, class_id)
    if school_class is None:
        raise DomainError("not_found", "Cette classe n'existe pas.")
    if not (principal.is_organiser or class_id in principal.class_ids):
        raise DomainError("forbidden", "Seuls les professeurs de cette classe voient ses échanges.")
    author, owner = aliased(User), aliased(User)
    rows = (
        await db.exec(
            select(Message, Room, author)
            .join(Room, col(Room.id) == Message.room_id)
            .join(author, col(author.id) == Message.author_id)
            .outerjoin(owner, col(owner.id) == Room.owner_id)
            .where(or_(col(author.class_id) == class_id, col(owner.class_id) == class_id))
            .order_by(col(Message.id).desc())
            .limit(CLASS_HISTORY)
        )
    ).all()
    messages = [
        {
            "stand_id": room.stand_id,
            "stand_name": room.title,
            # Teachers see the words their pupils exchanged, hidden ones included: they answer for them.
            "message": to_event(room.name, message, author_of(user), show_hidden=True),
        }
        for message, room, user in reversed(rows)
    ]
    return {
        "class": {"id": school_class.id, "label": school_class.label, "school": school_class.school},
        "messages": messages,
    }
