"""Typed Socket.IO payloads of the live Q&A (`question:*`): strict, bounded, nothing extra."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chat.events import CLIENT_ID_PATTERN, ID, Payload

QUESTION_ROOM_PATTERN = r"^(talk|qa):[1-9][0-9]{0,9}$"


class QuestionAsk(Payload):
    room: str = Field(pattern=QUESTION_ROOM_PATTERN)
    # The 500-character rule is checked after cleaning (`too_long`); this bound stops absurd payloads.
    text: str = Field(max_length=20_000)
    client_id: str = Field(pattern=CLIENT_ID_PATTERN)


class QuestionVoteIn(Payload):
    question_id: int = ID


class QuestionModerate(Payload):
    question_id: int = ID
    action: Literal["approve", "reject", "pin", "unpin", "answered", "resolve"]


class QuestionAnswerIn(Payload):
    question_id: int = ID
    text: str = Field(max_length=20_000)
    client_id: str = Field(pattern=CLIENT_ID_PATTERN)
    # CFA rooms: the CFA the answer is signed with, when the answerer staffs several of the room's CFAs.
    stand_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class QuestionClaim(Payload):
    question_id: int = ID


class QuestionAnswerEdit(Payload):
    answer_id: int = ID
    text: str = Field(max_length=20_000)


class QuestionList(Payload):
    room: str = Field(pattern=QUESTION_ROOM_PATTERN)
