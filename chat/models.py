"""Rooms and messages. A message's `seq` rises by one per room with no gaps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from server.models import timestamp
from server.timeutil import utcnow


class Room(SQLModel, table=True):
    """A live room, named `stand:<id>`, `talk:<id>` or `qa:<id>` after what it belongs to."""

    __tablename__ = "rooms"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    kind: str = Field(max_length=10)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int | None = Field(default=None, foreign_key="stands.id", index=True)
    title: str = Field(default="", max_length=160)
    last_seq: int = Field(default=0)


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("room_id", "seq", name="uq_messages_room_seq"),
        UniqueConstraint("author_id", "client_id", name="uq_messages_author_client"),
    )

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id")
    seq: int
    author_id: int = Field(foreign_key="users.id", index=True)
    client_id: str = Field(max_length=64)
    text: str
    redacted: bool = Field(default=False)
    created_at: datetime = timestamp(default_factory=utcnow)
