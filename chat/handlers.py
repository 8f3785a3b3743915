"""Socket.IO events of the chat: parse, call the service, answer. No rules live here."""

from __future__ import annotations

from typing import Any

import socketio

from chat import service
from chat.events import ChatSend, RoomJoin, RoomLeave
from server.realtime import acked, principal_of
from server.services import Services


def register(sio: socketio.AsyncServer, services: Services) -> None:
    rooms = service.RoomDirectory()
    deps = service.ChatDeps(hub=services.hub, rooms=rooms, limiter=services.limiter)

    @sio.on("room:join")
    @acked
    async def room_join(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomJoin.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            room = await service.open_for_reading(db, rooms, principal, payload.room)
            # Enter before reading history: a message stored in between is both replayed and
            # broadcast (clients drop the duplicate seq) rather than lost.
            await sio.enter_room(sid, payload.room)
            answer = await service.history(db, room, payload.since)
        is_staff_here = room.stand_id is not None and room.stand_id in principal.staff_stands
        await services.presence.enter(payload.room, sid, principal.public() if is_staff_here else None)
        services.hub.presence_changed(payload.room)
        return {"ok": True, **answer}

    @sio.on("room:leave")
    @acked
    async def room_leave(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomLeave.model_validate(data)
        await sio.leave_room(sid, payload.room)
        await services.presence.leave(payload.room, sid)
        services.hub.presence_changed(payload.room)
        return {"ok": True}

    @sio.on("chat:send")
    @acked
    async def chat_send(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = ChatSend.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            message = await service.send_message(
                db,
                deps,
                principal,
                room_name=payload.room,
                text=payload.text,
                client_id=payload.client_id,
            )
        return {"ok": True, "message": message}
