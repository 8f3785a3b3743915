"""A few process-wide counters in Prometheus text format (each worker reports its own)."""

from __future__ import annotations

from collections import Counter

_counters: Counter[str] = Counter()
_gauges: dict[str, float] = {}

HELP = {
    "salon_messages_stored_total": ("counter", "Chat messages stored and acknowledged"),
    "salon_messages_duplicate_total": ("counter", "Sends answered from an earlier identical client_id"),
    "salon_socket_connects_total": ("counter", "Socket.IO connections accepted"),
    "salon_socket_refused_total": ("counter", "Socket.IO connections refused"),
    "salon_socket_errors_total": ("counter", "Socket.IO events answered with an error"),
    "salon_deliveries_direct_total": ("counter", "Broadcast deliveries written straight to a websocket"),
    "salon_deliveries_queued_total": ("counter", "Broadcast deliveries through a socket's engine.io queue"),
    "salon_sockets": ("gauge", "Socket.IO connections open on this worker"),
    "salon_talk_announcements_total": ("counter", "Talk state changes announced (talk:state) by this worker"),
    "salon_talk_reminders_total": ("counter", "Talk reminders claimed (talk:reminder) by this worker"),
    "salon_scheduler_leader": ("gauge", "1 while this worker holds the talks' scheduler lock"),
}


def inc(name: str, value: int = 1) -> None:
    _counters[name] += value


def gauge_add(name: str, delta: float) -> None:
    _gauges[name] = _gauges.get(name, 0) + delta


def gauge_set(name: str, value: float) -> None:
    _gauges[name] = value


def render() -> str:
    lines = []
    for name, (kind, text) in HELP.items():
        value = _gauges.get(name, 0) if kind == "gauge" else _counters.get(name, 0)
        lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}", f"{name} {value}"]
    return "\n".join(lines) + "\n"
