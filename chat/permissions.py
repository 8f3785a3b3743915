"""Who may read, write and moderate in a room: pure rules over the principal and the room."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.auth import Principal
from server.models import Role
from server.timeutil import utcnow

PUPIL_ROOM_KINDS = frozenset({"stand", "qa", "thread"})


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """What permissions and sends need to know about a room (cached by `RoomDirectory`)."""

    id: int
    name: str
    kind: str
    event_id: int
    stand_id: int | None
    title: str
    opens_at: datetime
    closes_at: datetime
    owner_id: int | None = None
    owner_class_id: int | None = None
    owner_class_label: str = ""
    slow_mode_seconds: int = 0

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.opens_at <= now < self.closes_at

    @property
    def is_thread(self) -> bool:
        return self.kind == "thread"


def is_stand_staff(principal: Principal, room: RoomInfo) -> bool:
    return room.stand_id is not None and room.stand_id in principal.staff_stands


def can_moderate(principal: Principal, room: RoomInfo) -> bool:
    """The stand's own staff moderate its rooms; moderators (organisers included) moderate all."""
    return principal.is_moderator or is_stand_staff(principal, room)


def handles_threads(principal: Principal, room: RoomInfo) -> bool:
    """Who answers a pupil's private question for the stand: its staff and moderators, except a minor
    ambassador. A private question is one pupil alone with the person answering: the pupils' rules apply
    to minors on both sides, so minor ambassadors answer in the stand's public discussion only (they
    neither read nor answer nor take private questions, and their console does not list them)."""
    return can_moderate(principal, room) and not principal.is_minor


def can_read(principal: Principal, room: RoomInfo) -> bool:
    """Public rooms are open to everyone signed in. A private thread: its pupil, those who answer it
    (`handles_threads`), and the teachers of the pupil's class."""
    if not room.is_thread:
        return True
    return (
        principal.id == room.owner_id
        or handles_threads(principal, room)
        or (principal.role == Role.TEACHER and room.owner_class_id in principal.class_ids)
    )


def can_write(principal: Principal, room: RoomInfo) -> bool:
    """Threads: the pupil and those who answer for the stand (teachers read only). Public rooms:
    pupils in stand and Q&A rooms, adults everywhere."""
    if room.is_thread:
        return principal.id == room.owner_id or handles_threads(principal, room)
    if principal.role == Role.PUPIL:
        return room.kind in PUPIL_ROOM_KINDS
    return True


def sees_hidden_text(principal: Principal, room: RoomInfo) -> bool:
    return can_moderate(principal, room)
