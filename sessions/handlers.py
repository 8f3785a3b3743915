"""Socket.IO events of the live Q&A (`question:*`): parse, call the service, answer. No rules live here."""

from __future__ import annotations

from typing import Any

import socketio

from chat.rooms import RoomDirectory
from server.errors import DomainError
from server.realtime import acked, principal_of
from server.services import Services
from sessions import answers, claims, questions
from sessions.events import (
    QuestionAnswerEdit,
    QuestionAnswerIn,
    QuestionAsk,
    QuestionClaim,
    QuestionList,
    QuestionModerate,
    QuestionVoteIn,
)
from sessions.vote_coalescer import VoteCoalescer


def register(sio: socketio.AsyncServer, services: Services) -> None:
    """Registers the `question:*` handlers and starts the vote coalescer through `services.background`."""
    deps = questions.QADeps(
        hub=services.hub, rooms=RoomDirectory(), limiter=services.limiter, votes=VoteCoalescer(services.hub)
    )
    services.background.append(deps.votes.run)

    def _no_nul(*texts: str) -> None:
        if any("\x00" in text for text in texts):
            raise DomainError("invalid", "Le texte contient un caractère interdit.")

    @sio.on("question:list")
    @acked
    async def question_list(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        """The room's questions as this viewer sees them. Also subscribes the socket to what concerns it
        beyond the room: its own pending questions, and the moderators' channel for the room's moderators.
        Clients call it after `room:join`, and again after each reconnect (nothing is lost)."""
        payload = QuestionList.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            answer = await questions.list_for(db, deps.rooms, principal, payload.room)
        await sio.enter_room(sid, questions.asker_channel(principal.id))
        if answer["moderator"]:
            await sio.enter_room(sid, questions.mods_channel(payload.room))
        return {"ok": True, **answer}

    @sio.on("question:ask")
    @acked
    async def question_ask(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionAsk.model_validate(data)
        _no_nul(payload.text, payload.client_id)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await questions.ask(
                db, deps, principal, room_name=payload.room, text=payload.text, client_id=payload.client_id
            )
        return {"ok": True, "question": question}

    @sio.on("question:vote")
    @acked
    async def question_vote(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionVoteIn.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            result = await questions.vote(db, deps, principal, question_id=payload.question_id)
        return {"ok": True, "question_id": payload.question_id, **result}

    @sio.on("question:moderate")
    @acked
    async def question_moderate(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionModerate.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await questions.moderate(
                db, deps, principal, question_id=payload.question_id, action=payload.action
            )
        return {"ok": True, "question": question}

    @sio.on("question:answer")
    @acked
    async def question_answer(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionAnswerIn.model_validate(data)
        _no_nul(payload.text)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await answers.answer(
                db,
                deps,
                principal,
                question_id=payload.question_id,
                text=payload.text,
                client_id=payload.client_id,
                stand_id=payload.stand_id,
            )
        return {"ok": True, "question": question}

    @sio.on("question:answer_edit")
    @acked
    async def question_answer_edit(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionAnswerEdit.model_validate(data)
        _no_nul(payload.text)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await answers.edit(db, deps, principal, answer_id=payload.answer_id, text=payload.text)
        return {"ok": True, "question": question}

    @sio.on("question:claim")
    @acked
    async def question_claim(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionClaim.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await claims.claim(db, deps, principal, question_id=payload.question_id)
        return {"ok": True, "question": question}

    @sio.on("question:release")
    @acked
    async def question_release(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = QuestionClaim.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            question = await claims.release(db, deps, principal, question_id=payload.question_id)
        return {"ok": True, "question": question}
