"""Who should have received which chat message, and who did: the delivery ratio of a load test.

Every message the load test sends carries a unique `client_id` that also holds its send time
(`lt-<microseconds since the epoch>-<counter>`); the server returns it unchanged in `chat:message`, so a
receiver measures the delivery latency from the payload alone. This registry, shared by every user of the
locust process (one process in headless, non-distributed mode; gevent, so no locks), knows which sockets
were in which room at send time, and turns that into expected deliveries.

A (message, receiver) pair is *expected* when the receiver's socket had joined the room (its `room:join`
was acknowledged) before the message was sent, and stayed in it for at least `grace` seconds after.
Leaving earlier (a page change, the end of the test) excuses the receiver; an unexpected disconnect does
not excuse what should have arrived before it. Receipts outside expectations are counted as `extra`.
Standard library only: the tests import it without locust.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

CLASS_CHANNEL = "@class"  # teachers' class:message copies, tracked like a room
LOST_SAMPLES = 20  # lost deliveries kept in the report, for diagnosis
_counter = itertools.count(1)


def new_client_id(now: float | None = None) -> str:
    """A unique `client_id` carrying its send time (fits the protocol's `^[A-Za-z0-9_.:\\-]{1,64}$`)."""
    return f"lt-{int((time.time() if now is None else now) * 1_000_000)}-{next(_counter)}"


def sent_at(client_id: str) -> float | None:
    """The send time (epoch seconds) a load-test `client_id` carries, or None for another client's."""
    parts = client_id.split("-")
    if len(parts) != 3 or parts[0] != "lt" or not parts[1].isdigit():
        return None
    return int(parts[1]) / 1_000_000


@dataclass
class Stay:
    member: str
    room: str
    joined_at: float
    left_at: float | None = None


@dataclass
class Sent:
    client_id: str
    room: str
    sent_at: float
    expected: dict[str, frozenset[int]]  # channel ("chat" or "class") -> stay ids
    received: dict[str, set[int]] = field(default_factory=lambda: {"chat": set(), "class": set()})
    void: bool = False


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class DeliveryRegistry:
    def __init__(self, grace: float = 5.0) -> None:
        self.grace = grace
        self._stays: list[Stay] = []
        self._room: dict[str, frozenset[int]] = {}  # room -> open stay ids (rebuilt on change only)
        self._open: dict[tuple[str, str], int] = {}  # (member, room) -> open stay id
        self._all: dict[tuple[str, str], list[int]] = defaultdict(list)  # every stay of (member, room)
        self._sent: dict[str, Sent] = {}
        self.latencies: dict[str, list[float]] = {"chat": [], "class": []}
        self.extra = 0
        self.finished_at: float | None = None

    # Membership -------------------------------------------------------------------------------------

    def join(self, member: str, room: str, now: float | None = None) -> None:
        """Call once the join is acknowledged (the server subscribes the socket before it answers)."""
        if (member, room) in self._open:
            return
        stay_id = len(self._stays)
        self._stays.append(Stay(member, room, time.time() if now is None else now))
        self._open[(member, room)] = stay_id
        self._all[(member, room)].append(stay_id)
        self._room[room] = self._room.get(room, frozenset()) | {stay_id}

    def leave(self, member: str, room: str, now: float | None = None) -> None:
        """Call before leaving (or disconnecting): what is sent from now on is not expected."""
        stay_id = self._open.pop((member, room), None)
        if stay_id is None:
            return
        self._stays[stay_id].left_at = time.time() if now is None else now
        self._room[room] = self._room[room] - {stay_id}

    def leave_all(self, member: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        for key in [key for key in self._open if key[0] == member]:
            self.leave(member, key[1], now)

    def members(self, room: str) -> int:
        return len(self._room.get(room, ()))

    # Messages ---------------------------------------------------------------------------------------

    def sending(self, client_id: str, room: str, *, copied_to_class: bool, now: float | None = None) -> None:
        """Call just before `chat:send` (a broadcast can arrive before the ack). `copied_to_class`: the
        server also sends a `class:message` copy to the class's teachers (pupil authors, threads)."""
        expected = {
            "chat": self._room.get(room, frozenset()),
            "class": self._room.get(CLASS_CHANNEL, frozenset()) if copied_to_class else frozenset(),
        }
        moment = sent_at(client_id) or (time.time() if now is None else now)
        self._sent[client_id] = Sent(client_id, room, moment, expected)

    def void(self, client_id: str) -> None:
        """The send was refused or its ack never came: nobody is owed this message."""
        if client_id in self._sent:
            self._sent[client_id].void = True

    def received(self, member: str, client_id: str, channel: str = "chat", now: float | None = None) -> float | None:
        """Record a receipt; returns the latency in seconds (None for a message not sent by this test).
        `channel` is "chat" (chat:message, in the message's room) or "class" (class:message)."""
        sent = self._sent.get(client_id)
        started = sent_at(client_id)
        if sent is None or started is None:
            return None
        latency = max(0.0, (time.time() if now is None else now) - started)
        room = sent.room if channel == "chat" else CLASS_CHANNEL
        stays = [s for s in self._all.get((member, room), ()) if s in sent.expected[channel]]
        if stays and not sent.void:
            if stays[0] in sent.received[channel]:
                return None  # a duplicate: counted once
            sent.received[channel].add(stays[0])
        else:
            self.extra += 1
        self.latencies[channel].append(latency)
        return latency

    # Results ----------------------------------------------------------------------------------------

    def finish(self, now: float | None = None) -> None:
        """The test stops: every socket counts as leaving now (the last `grace` seconds owe nothing)."""
        self.finished_at = time.time() if now is None else now
        for member, room in list(self._open):
            self.leave(member, room, self.finished_at)

    def summary(self) -> dict[str, object]:
        counts = {channel: {"expected": 0, "received": 0, "lost": 0, "excused": 0} for channel in ("chat", "class")}
        lost: list[dict[str, object]] = []
        messages = void = 0
        for sent in self._sent.values():
            if sent.void:
                void += 1
                continue
            messages += 1
            too_late = self.finished_at is not None and sent.sent_at + self.grace > self.finished_at
            for channel, stays in sent.expected.items():
                for stay_id in stays:
                    stay = self._stays[stay_id]
                    if too_late or (stay.left_at is not None and stay.left_at < sent.sent_at + self.grace):
                        counts[channel]["excused"] += 1
                        continue
                    counts[channel]["expected"] += 1
                    if stay_id in sent.received[channel]:
                        counts[channel]["received"] += 1
                    else:
                        counts[channel]["lost"] += 1
                        if len(lost) < LOST_SAMPLES:
                            lost.append({"client_id": sent.client_id, "room": sent.room, "receiver": stay.member})
        expected = sum(c["expected"] for c in counts.values())
        received = sum(c["received"] for c in counts.values())
        return {
            "grace_seconds": self.grace,
            "messages": messages,
            "void": void,
            "expected": expected,
            "received": received,
            "ratio": received / expected if expected else None,
            "extra": self.extra,
            "channels": {
                channel: {
                    **values,
                    "ratio": values["received"] / values["expected"] if values["expected"] else None,
                    "samples": len(self.latencies[channel]),
                    "p50_ms": _ms(percentile(self.latencies[channel], 0.50)),
                    "p95_ms": _ms(percentile(self.latencies[channel], 0.95)),
                    "p99_ms": _ms(percentile(self.latencies[channel], 0.99)),
                    "max_ms": _ms(max(self.latencies[channel], default=None)),
                }
                for channel, values in counts.items()
            },
            "lost_samples": lost,
        }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)
