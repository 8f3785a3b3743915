"""Rooms and messages. A message's `seq` rises by one per room with no gaps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from server.models import timestamp
from server.timeutil import utcnow


class Room(SQLModel, table=True):
    """A live room, named `stand:<id>`, `talk:<id>` or `qa:<id>` after what it belongs to, or
    `thread:<id>`: a private question from one pupil (`owner_id`) to one stand's staff."""

    __tablename__ = "rooms"
    # One private thread per pupil and stand (NULL owners of public rooms never collide).
    __table_args__ = (UniqueConstraint("stand_id", "owner_id", name="uq_rooms_stand_owner"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    kind: str = Field(max_length=10)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int | None = Field(default=None, foreign_key="stands.id", index=True)
    title: str = Field(default="", max_length=160)
    last_seq: int = Field(default=0)
    slow_mode_seconds: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    owner_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    taken_by_id: int | None = Field(default=None, foreign_key="users.id")
    waiting_since: datetime | None = timestamp(default=None, nullable=True)
    last_activity_at: datetime | None = timestamp(default=None, nullable=True)


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
    hidden: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # "moderator" (hidden by staff) or "filter" (held by the word filter until someone reviews it)
    hidden_reason: str = Field(default="", max_length=12, sa_column_kwargs={"server_default": ""})
    created_at: datetime = timestamp(default_factory=utcnow)


class RoomRead(SQLModel, table=True):
    """How far a person has read a room: unread counts on the console."""

    __tablename__ = "room_reads"

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", primary_key=True)
    last_read_seq: int = Field(default=0)


class AnswerTime(SQLModel, table=True):
    """Seconds between a pupil's first unanswered message in a thread and the staff's answer."""

    __tablename__ = "answer_times"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    seconds: float
    created_at: datetime = timestamp(default_factory=utcnow)


class Mute(SQLModel, table=True):
    """A person may not write until `until`: at one stand (staff's mute) or in a whole event."""

    __tablename__ = "mutes"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    event_id: int = Field(foreign_key="events.id")
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    until: datetime = timestamp()
    by_id: int = Field(foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class Report(SQLModel, table=True):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("message_id", "reporter_id", name="uq_reports_message_reporter"),)

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="messages.id", index=True)
    reporter_id: int = Field(foreign_key="users.id")
    reason: str = Field(default="", max_length=300)
    created_at: datetime = timestamp(default_factory=utcnow)
