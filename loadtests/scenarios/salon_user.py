"""What every simulated person shares: HTTP with locust's HttpSession, and Socket.IO on top of
`locust.contrib.socketio.SocketIOUser`, adapted to measure what matters for a chat.

What changes from the contrib user, and why:
- Locust's catch-all handler reports every received event as a 0 ms request; that would swamp the
  statistics (and the error ratio's denominator). Received events are counted in `RECEIVED` instead, and
  `chat:message` / `class:message` become *delivery* samples timed from the send time the message carries.
- `SocketIOClient.call` reports a refusal (`{"ok": false}`) as a success; `call` here reports it as a
  failure unless the caller expects that code (a `conflict` on `thread:take` is normal).
- Every page a browser opens creates its own socket (static/js/chat.js connects per page), so a page
  change here opens a new client rather than reusing one; each socket is its own receiver in the
  delivery registry.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from typing import Any

import gevent
import requests
import socketio
from locust.clients import HttpSession
from locust.contrib.socketio import SocketIOClient, SocketIOUser

from loadtests.scenarios.delivery import CLASS_CHANNEL, DeliveryRegistry, new_client_id
from loadtests.scenarios.pacing import SendBudget
from loadtests.scenarios.slo import CHAT_DELIVERY, DELIVERY_TYPE

log = logging.getLogger("loadtest")
# python-engineio's client logs why a transport failed at "warning", but silences its default logger to
# "error": give it one of ours, so that the reason of a drop lands in locust.log.
TRANSPORT_LOG = logging.getLogger("loadtest.engineio")
TRANSPORT_LOG.setLevel(logging.WARNING)

REGISTRY = DeliveryRegistry()
PUPIL_BUDGET = SendBudget(10)  # the protocol's send budgets, per account and 15 s
ADULT_BUDGET = SendBudget(30)
RECEIVED: Counter[str] = Counter()  # every server -> client event, by name
SKIPPED: Counter[str] = Counter()  # sends left out to stay within a budget, by kind of account
# Ack timeouts of static/js/chat.js: a browser gives up (and retries) after these.
JOIN_TIMEOUT = 10.0
SEND_TIMEOUT = 8.0
CONNECT_TIMEOUT = 10.0
_sockets = itertools.count(1)


class AckRefused(Exception):
    """A Socket.IO event answered {"ok": false} with a code the scenario did not expect, or no ack."""


class SocketDropped(Exception):
    """The server closed a socket the user still wanted."""


class SalonSocketClient(SocketIOClient):
    """Locust's client, minus the 0 ms "WSE" sample it records for every emit: python-socketio's `call`
    emits too, and `SalonUser.call` records the real round trip itself."""

    def emit(self, event: str, data: Any = None, namespace: str | None = None, callback: Any = None) -> None:
        socketio.Client.emit(self, event, data, namespace, callback)


class Fair:
    """The demo fair as the users see it, read once at test start (not part of the measurements)."""

    slug = "des-clics-des-metiers"
    class_code = "DEMO-3E"
    stands: list[int] = []
    staffed: list[int] = []  # stands with staff, where questions get answers
    staff_of: dict[int, list[str]] = {}  # stand id -> staff names
    talks: list[dict[str, Any]] = []

    @classmethod
    def load(cls, host: str) -> None:
        with requests.Session() as http:
            stands = http.get(f"{host}/api/events/{cls.slug}/stands", timeout=30)
            stands.raise_for_status()
            cls.stands = [int(s["id"]) for s in stands.json()]
            cls.staff_of = {}
            for stand_id in cls.stands:
                detail = http.get(f"{host}/api/stands/{stand_id}", timeout=30).json()
                cls.staff_of[stand_id] = [person["name"] for person in detail.get("staff", [])]
            cls.staffed = [stand_id for stand_id, staff in cls.staff_of.items() if staff]
            cls.talks = http.get(f"{host}/api/events/{cls.slug}/talks", timeout=30).json()
        if not cls.stands:
            raise RuntimeError(f"the event {cls.slug!r} has no stands: was `salon demo` run?")


class SalonUser(SocketIOUser):
    abstract = True
    # socketio.Client options: no automatic reconnection (a user reopens its page itself, and a drop
    # must show), and leave SIGINT to locust.
    options = {"reconnection": False, "handle_sigint": False, "engineio_logger": TRANSPORT_LOG}
    transports: list[str] = ["polling", "websocket"]  # as browsers: long-polling first, then upgrade
    is_pupil = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.http = HttpSession(base_url=self.host, request_event=self.environment.events.request, user=self)
        self.token: str | None = None
        self.name = ""
        self.account = ""
        self.member = ""
        self.rooms: set[str] = set()
        self._wanted = False  # the current socket should be connected
        self._quiet(self.sio)

    # Sign-in and pages ------------------------------------------------------------------------------

    def login(self, email: str, password: str = "demo-salon") -> bool:
        response = self.http.post(
            "/api/auth/login", json={"email": email, "password": password}, name="/api/auth/login"
        )
        if not response.ok:
            return False
        body = response.json()
        self.token, self.name, self.account = body["token"], body.get("name", email), email
        return True

    def page(self, path: str, name: str | None = None) -> bool:
        return bool(self.http.get(path, name=name or path).ok)

    # Sockets ----------------------------------------------------------------------------------------

    def _quiet(self, client: SocketIOClient) -> None:
        client.on("*", lambda event, *_: RECEIVED.update((event,)))

    def open_socket(self) -> bool:
        """Close the current socket (as a page change does) and connect a new one."""
        self.close_socket()
        client = SalonSocketClient(self.environment.events.request, **self.options)
        member = f"{self.account}#{next(_sockets)}"
        self._quiet(client)
        client.on("chat:message", lambda data: self._chat_message(member, data))
        client.on("disconnect", lambda *reason: self._dropped(member, reason))
        self.register_handlers(client, member)
        self.sio, self.member, self.rooms = client, member, set()
        # SocketIOClient.connect records "WS connect" (and its failure) and swallows the exception.
        client.connect(self.host, auth={"token": self.token}, transports=self.transports, wait_timeout=CONNECT_TIMEOUT)
        self._wanted = client.connected
        return self._wanted

    def register_handlers(self, client: SocketIOClient, member: str) -> None:
        """Subclasses add their own server -> client events here."""

    def close_socket(self) -> None:
        if not self._wanted:
            return
        self._wanted = False
        REGISTRY.leave_all(self.member)
        self.rooms = set()
        # python-engineio's client waits, on close, for its pending long-poll GET (up to the 25 s ping):
        # never let a user wait for that.
        gevent.spawn(_disconnect_quietly, self.sio)

    @property
    def connected(self) -> bool:
        return self._wanted and self.sio.connected

    def _dropped(self, member: str, reason: tuple[Any, ...]) -> None:
        if member != self.member or not self._wanted:
            return  # an old page's socket, or one we closed
        self._wanted = False
        REGISTRY.leave_all(member)
        self.environment.events.request.fire(
            request_type="WS",
            name="dropped by server",
            response_time=0,
            response_length=0,
            exception=SocketDropped(f"socket closed by the server ({reason[0] if reason else 'no reason'})"),
            context={},
        )

    def _chat_message(self, member: str, data: Any) -> None:
        RECEIVED["chat:message"] += 1
        if not isinstance(data, dict):
            return
        self._delivered(member, str(data.get("client_id", "")), "chat", CHAT_DELIVERY, len(data.get("text", "")))
        self.on_chat_message(data)

    def _delivered(self, member: str, client_id: str, channel: str, name: str, size: int) -> None:
        latency = REGISTRY.received(member, client_id, channel)
        if latency is not None:
            self.environment.events.request.fire(
                request_type=DELIVERY_TYPE,
                name=name,
                response_time=latency * 1000,
                response_length=size,
                exception=None,
                context={},
            )

    def on_chat_message(self, message: dict[str, Any]) -> None:
        """Subclasses react to chat messages here (after the delivery is recorded)."""

    def on_stop(self) -> None:
        self.close_socket()

    # Events with acks -------------------------------------------------------------------------------

    def call(
        self, event: str, data: dict[str, Any], *, timeout: float = SEND_TIMEOUT, allowed: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """Emit with an ack and record it; returns the ack, or None when it failed (also recorded)."""
        started = time.perf_counter()
        ack: Any = None
        error: Exception | None = None
        try:
            ack = socketio.Client.call(self.sio, event, data, timeout=timeout)
        except socketio.exceptions.TimeoutError:
            error = AckRefused(f"{event}: no ack within {timeout:g} s")
        except Exception as exc:  # not connected, transport gone
            error = AckRefused(f"{event}: {type(exc).__name__}")
        else:
            if not isinstance(ack, dict):
                error = AckRefused(f"{event}: malformed ack")
            elif not ack.get("ok") and (ack.get("error") or {}).get("code") not in allowed:
                error = AckRefused(f"{event}: {(ack.get('error') or {}).get('code', 'no code')}")
        self.environment.events.request.fire(
            request_type="WSC",
            name=event,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=0,
            exception=error,
            context={},
        )
        return None if error else ack

    def join(self, room: str) -> dict[str, Any] | None:
        if room in self.rooms:
            return {"ok": True, "room": room}
        ack = self.call("room:join", {"room": room}, timeout=JOIN_TIMEOUT)
        if ack is not None:
            REGISTRY.join(self.member, room)
            self.rooms.add(room)
        return ack

    def leave(self, room: str) -> None:
        if room not in self.rooms:
            return
        REGISTRY.leave(self.member, room)
        self.rooms.discard(room)
        self.call("room:leave", {"room": room})

    def send(self, room: str, text: str) -> dict[str, Any] | None:
        """`chat:send` within the account's budget; the stored message, or None."""
        budget = PUPIL_BUDGET if self.is_pupil else ADULT_BUDGET
        if not budget.take(self.account):
            SKIPPED["pupil" if self.is_pupil else "adult"] += 1
            return None
        client_id = new_client_id()
        # The server copies pupils' messages, and everything said in a pupil's thread, to the teachers.
        REGISTRY.sending(client_id, room, copied_to_class=self.is_pupil or room.startswith("thread:"))
        ack = self.call("chat:send", {"room": room, "text": text, "client_id": client_id})
        if ack is None:
            REGISTRY.void(client_id)
            return None
        return ack.get("message")  # type: ignore[no-any-return]

    def listen_to_class(self) -> None:
        """A teacher's socket receives `class:message` from connect on (subscribed in the connect handler)."""
        REGISTRY.join(self.member, CLASS_CHANNEL)


def _disconnect_quietly(client: SocketIOClient) -> None:
    try:
        client.disconnect()
    except Exception:  # already gone
        log.debug("disconnect failed", exc_info=True)
