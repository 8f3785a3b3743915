"""The live Q&A's rules, pure: who may ask, vote and moderate, which moderation moves are allowed, how
questions are ordered and what a given viewer sees. One set of rules for talk rooms (`talk:<id>`) and CFA
Q&A rooms (`qa:<id>`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from server.auth import Principal
from server.errors import DomainError
from server.models import Role
from sessions.talk_rules import qa_is_open

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)
ACTIONS = ("approve", "reject", "pin", "unpin", "answered", "resolve")
QUESTION_ROOM_KINDS = frozenset({"talk", "qa"})


@dataclass(frozen=True, slots=True)
class QARoomInfo:
    """What the rules need about a room with questions: its kind, and who moderates it besides moderators
    (a talk's speakers by user id, a CFA room's stands by stand id)."""

    name: str
    kind: str  # talk, qa
    speaker_ids: frozenset[int] = frozenset()
    cfa_stand_ids: frozenset[int] = frozenset()


def room_kind(room_name: str) -> str:
    """`talk` or `qa` from a room name; anything else is not a room with questions."""
    kind, _, number = room_name.partition(":")
    if kind not in QUESTION_ROOM_KINDS or not number.isdigit():
        raise DomainError("invalid", "Les questions se posent dans une conférence ou un salon de questions.")
    return kind


def can_ask(principal: Principal, room: QARoomInfo) -> bool:
    """Everyone signed in asks and votes in talk and Q&A rooms: pupils (only there) and adults."""
    if principal.role == Role.PUPIL:
        return room.kind in QUESTION_ROOM_KINDS
    return principal.is_adult


def can_moderate_questions(principal: Principal, room: QARoomInfo) -> bool:
    """Moderators and organisers everywhere; in a talk its speakers; in a CFA room the staff of its CFA
    stands. Pupils, teachers, speakers of other talks and staff of other stands: never."""
    if principal.role == Role.PUPIL:
        return False
    if principal.is_moderator or principal.is_organiser:
        return True
    if room.kind == "talk":
        return principal.id in room.speaker_ids
    if room.kind == "qa":
        return bool(principal.staff_stands & room.cfa_stand_ids)
    return False


def check_action(action: str, status: str) -> None:
    """Approve or reject a question in any state (approving an approved one changes nothing, and a rejected
    one may be approved after all); pin, unpin and mark answered an approved one only, else `invalid`."""
    if action not in ACTIONS:
        raise DomainError("invalid", "Action de modération inconnue.")
    if status not in STATUSES:
        raise DomainError("invalid", "Cette question est dans un état inconnu.")
    if action in ("pin", "unpin", "answered", "resolve") and status != APPROVED:
        raise DomainError(
            "invalid",
            "Validez d'abord la question : seules les questions publiées s'épinglent ou se marquent répondues.",
        )


def apply_action(action: str, status: str, pinned: bool, answered: bool) -> tuple[str, bool, bool]:
    """The (status, pinned, answered) after `action` (checked first). A rejected question loses its pin.
    `resolve` (CFA rooms: the asker's need is met) changes none of the three: it sets `resolved`."""
    check_action(action, status)
    if action == "approve":
        return APPROVED, pinned, answered
    if action == "reject":
        return REJECTED, False, answered
    if action == "pin":
        return status, True, answered
    if action == "unpin":
        return status, False, answered
    if action == "resolve":
        return status, pinned, answered
    return status, pinned, True


def check_votable(status: str) -> None:
    """Only published questions take votes: a pending or rejected one is `invalid` (its existence is not
    hidden, since its asker and moderators see it, but nobody may push it)."""
    if status != APPROVED:
        raise DomainError("invalid", "On ne vote que pour une question publiée.")


def order_key(question: dict[str, Any]) -> tuple[int, int, str, int]:
    """Pinned first, then the most votes, then the oldest (`ts` is ISO 8601 UTC), then the id."""
    return (0 if question["pinned"] else 1, -int(question["votes"]), str(question["ts"]), int(question["id"]))


def ordered(questions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(questions, key=order_key)


def speaker_order_key(question: dict[str, Any]) -> tuple[int, tuple[int, int, str, int]]:
    """The speaker view: pending ones first (oldest first, the order they came in), then the published ones
    in the audience's order, then the rejected ones."""
    rank = {PENDING: 0, APPROVED: 1, REJECTED: 2}.get(question["status"], 3)
    if question["status"] == PENDING:
        return rank, (0, 0, str(question["ts"]), int(question["id"]))
    return rank, order_key(question)


def visible_to(question: dict[str, Any], viewer_id: int | None, moderates: bool) -> bool:
    """Approved questions for everyone; the asker also sees their own pending ones; moderators see all."""
    if question["status"] == APPROVED or moderates:
        return True
    return question["status"] == PENDING and viewer_id is not None and question["author"]["id"] == viewer_id


def qa_window_open(kind: str, now: datetime, *, talk_times: tuple[datetime, datetime] | None, event_open: bool) -> bool:
    """Talk rooms: from `QA_OPENS_BEFORE` the start to the end (sessions.talk_rules.qa_is_open); CFA rooms:
    while the event is open."""
    if kind == "talk":
        return talk_times is not None and qa_is_open(talk_times[0], talk_times[1], now)
    return event_open
