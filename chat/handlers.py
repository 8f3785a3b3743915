"""Socket.IO events of the chat: parse, call the service, answer. No rules live here."""

from __future__ import annotations

from typing import Any

import socketio

from chat import moderation, service, threads
from chat.events import (
    ChatSend,
    ConsoleState,
    MessageHide,
    MessageReport,
    RoomJoin,
    RoomLeave,
    RoomRead,
    RoomSlowMode,
    ThreadOpen,
    ThreadRef,
    UserMute,
)
from chat.permissions import is_stand_staff, sees_hidden_text
from chat.rooms import MODERATORS_CHANNEL, ChatDeps, RoomDirectory, stand_staff_channel
from chat.store import open_store
from server.auth import Principal
from server.db import on_demand_session
from server.realtime import acked, may_be_staff, principal_of
from server.services import Services


def register(sio: socketio.AsyncServer, services: Services) -> None:
    deps = ChatDeps(
        hub=services.hub,
        rooms=RoomDirectory(),
        limiter=services.limiter,
        presence=services.presence,
        mutes=moderation.MuteBook(),
        store=open_store(services.settings.database_url),
    )
    services.closers.append(deps.store.close)

    async def subscribe_channels(sid: str, principal: Principal) -> None:
        """Consoles hear their stands' threads; teachers hear their classes."""
        # Minor ambassadors hear no stand channel: it carries the private questions' previews.
        channels = set() if principal.is_minor else {stand_staff_channel(s) for s in principal.staff_stands}
        if principal.is_moderator:
            channels.add(MODERATORS_CHANNEL)
        channels |= {f"class:{class_id}" for class_id in principal.class_ids}
        for channel in channels:
            await sio.enter_room(sid, channel)

    services.connect_hooks.append(subscribe_channels)

    @sio.on("room:join")
    @acked
    async def room_join(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomJoin.model_validate(data)
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            room = await service.open_for_reading(db, deps.rooms, principal, payload.room)
            # Enter before reading history: a message stored in between is both replayed and
            # broadcast (clients drop the duplicate seq) rather than lost.
            await sio.enter_room(sid, payload.room)
            answer = await service.history(db, room, payload.since, show_hidden=sees_hidden_text(principal, room))
            queue = (
                await threads.queue_positions(db, deps, room.stand_id, also=room.name)
                if room.is_thread and room.stand_id is not None
                else []
            )
        staff = is_stand_staff(principal, room)
        await services.presence.enter(payload.room, sid, principal.public() if staff else None)
        if principal.role == "pupil" and room.kind != "thread":  # the class page's "where they are"
            await services.class_sockets.set_where(principal.id, payload.room)
        services.hub.presence_changed(payload.room, staff=staff)
        for room_name, position in queue:
            if room_name == payload.room:
                await sio.emit("queue", position, to=sid)
        return {"ok": True, **answer}

    @sio.on("room:leave")
    @acked
    async def room_leave(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomLeave.model_validate(data)
        await sio.leave_room(sid, payload.room)
        await services.presence.leave(payload.room, sid)
        services.hub.presence_changed(payload.room, staff=await may_be_staff(sio, sid))
        return {"ok": True}

    @sio.on("room:read")
    @acked
    async def room_read(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomRead.model_validate(data)
        async with services.sessions() as db:
            await threads.mark_read(db, deps, await principal_of(sio, sid), room_name=payload.room, seq=payload.seq)
        return {"ok": True}

    @sio.on("chat:send")
    @acked
    async def chat_send(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = ChatSend.model_validate(data)
        principal = await principal_of(sio, sid)
        async with on_demand_session(services.sessions) as db:  # usually unused: caches and the message store
            message = await service.send_message(
                db, deps, principal, room_name=payload.room, text=payload.text, client_id=payload.client_id
            )
        return {"ok": True, "message": message}

    @sio.on("thread:open")
    @acked
    async def thread_open(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = ThreadOpen.model_validate(data)
        async with services.sessions() as db:
            thread = await threads.open_thread(db, deps, await principal_of(sio, sid), stand_id=payload.stand_id)
        return {"ok": True, "thread": thread}

    async def take_or_release(sid: str, data: dict[str, Any], taking: bool) -> dict[str, Any]:
        payload = ThreadRef.model_validate(data)
        async with services.sessions() as db:
            thread = await threads.take(db, deps, await principal_of(sio, sid), room_name=payload.room, taking=taking)
        return {"ok": True, "thread": thread}

    @sio.on("thread:take")
    @acked
    async def thread_take(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        return await take_or_release(sid, data, taking=True)

    @sio.on("thread:release")
    @acked
    async def thread_release(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        return await take_or_release(sid, data, taking=False)

    @sio.on("console:state")
    @acked
    async def console_state(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        ConsoleState.model_validate(data)
        async with services.sessions() as db:
            state = await threads.console_state(db, await principal_of(sio, sid))
        return {"ok": True, **state}

    @sio.on("message:report")
    @acked
    async def message_report(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = MessageReport.model_validate(data)
        async with services.sessions() as db:
            await moderation.report(
                db, deps, await principal_of(sio, sid), message_id=payload.message_id, reason=payload.reason
            )
        return {"ok": True}

    @sio.on("message:hide")
    @acked
    async def message_hide(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = MessageHide.model_validate(data)
        async with services.sessions() as db:
            message = await moderation.set_hidden(
                db, deps, await principal_of(sio, sid), message_id=payload.message_id, hidden=payload.hidden
            )
        return {"ok": True, "message": message}

    @sio.on("user:mute")
    @acked
    async def user_mute(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = UserMute.model_validate(data)
        async with services.sessions() as db:
            until = await moderation.mute(
                db,
                deps,
                await principal_of(sio, sid),
                room_name=payload.room,
                user_id=payload.user_id,
                minutes=payload.minutes,
            )
        return {"ok": True, "until": until}

    @sio.on("room:slow_mode")
    @acked
    async def room_slow_mode(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        payload = RoomSlowMode.model_validate(data)
        async with services.sessions() as db:
            await moderation.slow_mode(
                db, deps, await principal_of(sio, sid), room_name=payload.room, seconds=payload.seconds
            )
        return {"ok": True}
