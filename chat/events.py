"""Typed Socket.IO payloads of the chat: what clients may send, and what the server emits."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chat.models import Message
from server.models import User
from server.timeutil import iso

ROOM_PATTERN = r"^(stand|talk|qa|thread):[1-9][0-9]{0,9}$"
THREAD_PATTERN = r"^thread:[1-9][0-9]{0,9}$"
CLIENT_ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"
ID = Field(ge=1, le=2**31 - 1)


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RoomJoin(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    since: int | None = Field(default=None, ge=0)


class RoomLeave(Payload):
    room: str = Field(pattern=ROOM_PATTERN)


class RoomRead(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    seq: int = Field(ge=0)


class ChatSend(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    # The 500-character rule is checked after cleaning (contract code `too_long`); this bound
    # only stops absurd payloads before any work is done.
    text: str = Field(max_length=20_000)
    client_id: str = Field(pattern=CLIENT_ID_PATTERN)


class ThreadOpen(Payload):
    stand_id: int = ID


class ThreadRef(Payload):
    room: str = Field(pattern=THREAD_PATTERN)


class ConsoleState(Payload):
    pass


class MessageReport(Payload):
    message_id: int = ID
    reason: str = Field(default="", max_length=300)


class MessageHide(Payload):
    message_id: int = ID
    hidden: bool


class UserMute(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    user_id: int = ID
    minutes: int = Field(ge=0, le=1440)


class RoomSlowMode(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    seconds: int = Field(ge=0, le=600)


def message_event(
    *,
    id: int,
    room: str,
    seq: int,
    client_id: str,
    author: dict[str, Any],
    text: str,
    ts: str,
    redacted: bool,
    hidden: bool = False,
) -> dict[str, Any]:
    """The `chat:message` payload: the contract's keys, plus `hidden` (a tombstone has text "")."""
    return {
        "id": id,
        "room": room,
        "seq": seq,
        "client_id": client_id,
        "author": author,
        "text": text,
        "ts": ts,
        "redacted": redacted,
        "hidden": hidden,
    }


def author_of(user: User) -> dict[str, Any]:
    if user.is_minor and user.role == "ambassador":  # flagged beside their name (server/formats.py role_label)
        return {"id": user.id, "name": user.name, "role": user.role, "is_minor": True}
    return {"id": user.id, "name": user.name, "role": user.role}


def to_event(room_name: str, message: Message, author: dict[str, Any], *, show_hidden: bool) -> dict[str, Any]:
    assert message.id is not None
    return message_event(
        id=message.id,
        room=room_name,
        seq=message.seq,
        client_id=message.client_id,
        author=author,
        text=message.text if show_hidden or not message.hidden else "",
        ts=iso(message.created_at),
        redacted=message.redacted,
        hidden=message.hidden,
    )
