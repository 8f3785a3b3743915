"""Typed Socket.IO payloads of the chat: what clients may send, and what the server emits."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

ROOM_PATTERN = r"^(stand|talk|qa):[1-9][0-9]{0,9}$"
CLIENT_ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,64}$"


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RoomJoin(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    since: int | None = Field(default=None, ge=0)


class RoomLeave(Payload):
    room: str = Field(pattern=ROOM_PATTERN)


class ChatSend(Payload):
    room: str = Field(pattern=ROOM_PATTERN)
    # The 500-character rule is checked after cleaning (contract code `too_long`); this bound
    # only stops absurd payloads before any work is done.
    text: str = Field(max_length=20_000)
    client_id: str = Field(pattern=CLIENT_ID_PATTERN)


def message_event(
    *, id: int, room: str, seq: int, client_id: str, author: dict[str, Any], text: str, ts: str, redacted: bool
) -> dict[str, Any]:
    """The `chat:message` payload, exactly the contract's keys."""
    return {
        "id": id,
        "room": room,
        "seq": seq,
        "client_id": client_id,
        "author": author,
        "text": text,
        "ts": ts,
        "redacted": redacted,
    }
