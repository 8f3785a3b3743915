"""The realtime hub: the Socket.IO server, authentication at connect, and the one `publish`.

Fan-out is in-process by default; with REDIS_URL it goes through `socketio.AsyncRedisManager`,
so an emit from any worker reaches the clients of every worker.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import functools
import logging
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any

import orjson
import socketio
from itsdangerous import BadSignature, TimestampSigner
from pydantic import ValidationError

from server import metrics
from server.auth import Principal, principal_for_token
from server.classes import pupil_is_admitted
from server.config import Settings
from server.errors import DomainError, nack
from server.outbox import DirectFanout, DirectFanoutRedis, SalonSocketServer
from server.presence import person_key

log = logging.getLogger("salon.realtime")

SESSION_COOKIE = "salon_session"
SESSION_MAX_AGE = 14 * 24 * 3600
# Socket.IO frames above this are refused by Engine.IO before reaching a handler.
MAX_FRAME_BYTES = 64 * 1024
PRESENCE_INTERVAL = 0.5  # at most two presence updates per room per second


class OrjsonCodec:
    """python-socketio's `json=` hook: orjson encodes several times faster than the stdlib."""

    @staticmethod
    def dumps(obj: Any, **_: Any) -> str:
        return orjson.dumps(obj).decode()

    @staticmethod
    def loads(data: str | bytes, **_: Any) -> Any:
        return orjson.loads(data)


def create_sio(settings: Settings) -> socketio.AsyncServer:
    manager = (
        DirectFanoutRedis(settings.redis_url, channel=f"{settings.redis_prefix}:socketio")
        if settings.redis_url
        else DirectFanout()
    )
    return SalonSocketServer(
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=list(settings.allowed_origins),
        cors_credentials=True,
        json=OrjsonCodec,
        max_http_buffer_size=MAX_FRAME_BYTES,
        # Our own loggers: the libraries' defaults add a plain-text handler beside the JSON one.
        logger=quiet_logger("salon.socketio"),
        engineio_logger=quiet_logger("salon.engineio"),
        ping_interval=settings.ping_interval,
        ping_timeout=settings.ping_timeout,
        # A socket's events are handled one after another in its reading task, not each in a new task:
        # its messages keep their order, and a send costs one task less (docs/performance.md).
        async_handlers=False,
    )


def quiet_logger(name: str) -> logging.Logger:
    """Warnings and errors only (the libraries log every packet at INFO), through the root handler."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    return logger


class Hub:
    """The only place that emits to rooms. Service functions call `publish` after their commit."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self.sio = sio
        self._dirty_presence: set[str] = set()
        self._dirty_staff: set[str] = set()
        # Called by the presence loop with the rooms where staff came or went (the hall's live counts).
        self.staff_listeners: list[Callable[[set[str]], Awaitable[None]]] = []

    async def publish(self, room: str | list[str], event: str, payload: dict[str, Any]) -> None:
        """To a room, or to several at once (a socket in more than one of them gets one copy)."""
        await self.sio.emit(event, payload, room=room)

    def presence_changed(self, room: str, *, staff: bool = False) -> None:
        """`staff`: the socket that came or went may have been counted as the room's staff."""
        self._dirty_presence.add(room)
        if staff:
            self._dirty_staff.add(room)

    async def run_presence(self, snapshot: Callable[[str], Awaitable[dict[str, Any]]]) -> None:
        """Coalesce presence: one update per changed room per interval, whatever the churn."""
        while True:
            await asyncio.sleep(PRESENCE_INTERVAL)
            rooms, self._dirty_presence = self._dirty_presence, set()
            staff_rooms, self._dirty_staff = self._dirty_staff, set()
            for room in rooms:
                try:
                    await self.publish(room, "presence", await snapshot(room))
                except Exception:  # a Redis hiccup must not stop presence for good
                    log.exception("presence update failed for %s", room)
            if staff_rooms:
                await self._staff_changed(staff_rooms)

    async def _staff_changed(self, rooms: set[str]) -> None:
        for listener in self.staff_listeners:
            try:
                await listener(rooms)
            except Exception:  # same: one failure must not stop the loop
                log.exception("staff presence listener %s failed", getattr(listener, "__name__", listener))


def token_from_cookie(environ: dict[str, Any], secret_key: str) -> str | None:
    """Read the token from Starlette's signed session cookie (same format as SessionMiddleware)."""
    raw = environ.get("HTTP_COOKIE")
    if not raw:
        return None
    cookie = SimpleCookie()
    try:
        cookie.load(raw)
    except Exception:
        return None
    morsel = cookie.get(SESSION_COOKIE)
    if morsel is None:
        return None
    try:
        data = TimestampSigner(secret_key).unsign(morsel.value.encode(), max_age=SESSION_MAX_AGE)
        token = orjson.loads(base64.b64decode(data)).get("token")
    except (BadSignature, ValueError, orjson.JSONDecodeError, AttributeError):
        return None
    return token if isinstance(token, str) else None


def acked(fn: Callable[..., Awaitable[dict[str, Any]]]) -> Callable[..., Awaitable[dict[str, Any]]]:
    """Turn every refusal into the contract's ack shape; never let a handler crash the socket."""

    @functools.wraps(fn)
    async def wrapper(sid: str, *args: Any) -> dict[str, Any]:
        try:
            if len(args) != 1 or not isinstance(args[0], dict):
                raise DomainError("invalid", "Cet événement attend un objet JSON.")
            return await fn(sid, args[0])
        except DomainError as exc:
            metrics.inc("salon_socket_errors_total")
            return nack(exc.code, exc.message)
        except ValidationError as exc:
            metrics.inc("salon_socket_errors_total")
            return nack("invalid", describe_validation(exc))
        except Exception:
            metrics.inc("salon_socket_errors_total")
            log.exception("handler %s failed", fn.__name__)
            return nack("internal", "Une erreur est survenue de notre côté. Réessayez dans un instant.")

    return wrapper


def describe_validation(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or "données"
    return f"Champ « {field} » invalide."


WAITING_MESSAGE = "Attendez que l'on vous accepte dans la classe : vous pourrez ensuite entrer dans le salon."


def register_connection_handlers(sio: socketio.AsyncServer, services: Any) -> None:
    settings: Settings = services.settings
    # This process's sockets of pupils waiting to be admitted (server/classes.py): every event but connect and
    # disconnect is refused for them until a teacher admits them, which is read again from the database.
    waiting: set[str] = set()

    async def admission_gate(sid: str, event: str) -> dict[str, Any] | None:
        if sid not in waiting:
            return None
        principal = await principal_of(sio, sid)
        async with services.sessions() as db:
            admitted = await pupil_is_admitted(db, principal.id)
        if not admitted:
            metrics.inc("salon_socket_errors_total")
            return nack("forbidden", WAITING_MESSAGE)
        waiting.discard(sid)
        await sio.save_session(sid, {"principal": dataclasses.replace(principal, admitted=True)})
        return None

    if isinstance(sio, SalonSocketServer):
        sio.event_gate = admission_gate

    @sio.event
    async def connect(sid: str, environ: dict[str, Any], auth: Any) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        if not isinstance(token, str):
            token = token_from_cookie(environ, settings.secret_key)
        async with services.sessions() as db:
            principal = await principal_for_token(db, services.signer, token)
        if principal is None:
            metrics.inc("salon_socket_refused_total")
            # The client's connect_error carries {"message": ..., "data": {"code": "unauthorized"}}.
            raise socketio.exceptions.ConnectionRefusedError("Connectez-vous d'abord.", {"code": "unauthorized"})
        await sio.save_session(sid, {"principal": principal})
        if principal.role == "pupil" and principal.class_id is not None:
            if not principal.admitted:
                waiting.add(sid)
            await services.class_sockets.add(principal.class_id, sid, principal.id, principal.name)
        services.presence.identify(sid, person_key(principal))
        for hook in services.connect_hooks:
            await hook(sid, principal)
        metrics.inc("salon_socket_connects_total")
        metrics.gauge_add("salon_sockets", 1)

    @sio.event
    async def disconnect(sid: str, *_: Any) -> None:
        metrics.gauge_add("salon_sockets", -1)
        waiting.discard(sid)
        with contextlib.suppress(KeyError):
            principal = await principal_of(sio, sid)
            if principal.role == "pupil" and principal.class_id is not None:
                await services.class_sockets.remove(principal.class_id, sid)
        staff = await may_be_staff(sio, sid)
        for room in await services.presence.drop(sid):
            services.hub.presence_changed(room, staff=staff)


async def principal_of(sio: socketio.AsyncServer, sid: str) -> Principal:
    session = await sio.get_session(sid)
    return session["principal"]  # type: ignore[no-any-return]


async def may_be_staff(sio: socketio.AsyncServer, sid: str) -> bool:
    """Whether the socket may count as staff somewhere (it staffs a stand); True when unknown."""
    try:
        principal = await principal_of(sio, sid)
    except KeyError:
        return True
    return bool(principal.staff_stands)
