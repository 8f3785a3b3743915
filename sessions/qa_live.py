"""CFA Q&A rooms: what their pages read (the room with its CFAs and trades, a pupil's view with "nouvelle
réponse", suggestions of similar questions, the staff console), the room visits (the only write here), the
organisers' figures and the daily digest e-mail to each CFA."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, literal
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.models import Room
from server import mailer
from server.auth import Principal
from server.config import Settings
from server.errors import DomainError
from server.formats import french_sort_key
from server.models import User
from server.timeutil import aware, utcnow
from sessions import qa_room_rules as qar
from sessions import question_rules as qr
from sessions.models import QADigest, QARoom, QARoomCFA, QARoomVisit, Question, QuestionAnswer
from sessions.questions import room_questions, voted_for
from stands.marks import initials, mark_colour
from stands.models import Event, Media, Stand, StandStaff

log = logging.getLogger("salon.digest")


def _room_name() -> Any:
    """`'qa:' || qa_rooms.id`, the `rooms` row's name, in SQL (SQLite and PostgreSQL)."""
    return literal("qa:", String) + cast(QARoom.id, String)


MAX_ID = 2**31 - 1


@dataclass(frozen=True, slots=True)
class RoomView:
    room: QARoom
    event: Event
    room_name: str
    room_id: int  # the `rooms` row (chat.models.Room)
    cfas: list[dict[str, Any]]


async def room_view(db: AsyncSession, qa_room_id: int) -> RoomView:
    if not 1 <= qa_room_id <= MAX_ID:
        raise DomainError("not_found", "Ce salon de questions n'existe pas.")
    row = (
        await db.exec(
            select(QARoom, Event).join(Event, col(Event.id) == QARoom.event_id).where(QARoom.id == qa_room_id)
        )
    ).first()
    if row is None:
        raise DomainError("not_found", "Ce salon de questions n'existe pas.")
    room, event = row
    name = f"qa:{room.id}"
    room_id = (await db.exec(select(Room.id).where(Room.name == name))).first()
    if room_id is None:
        raise DomainError("not_found", "Ce salon de questions n'existe pas.")
    stands = (
        await db.exec(
            select(Stand, Media.sha256)
            .join(QARoomCFA, col(QARoomCFA.stand_id) == Stand.id)
            .outerjoin(Media, col(Media.id) == Stand.logo_id)
            .where(QARoomCFA.qa_room_id == room.id)
            .order_by(col(Stand.name))
        )
    ).all()
    cfas = [
        {
            "id": s.id,
            "name": s.name,
            "city": s.city,
            "logo_url": f"/media/{sha}" if sha else None,
            "initials": initials(s.name),
            "mark_colour": mark_colour(s.name),
        }
        for s, sha in stands
    ]
    return RoomView(room, event, name, room_id, cfas)


async def visible_questions(
    db: AsyncSession, view: RoomView, principal: Principal | None
) -> tuple[list[dict[str, Any]], list[int], bool]:
    """What the room page shows this viewer: approved questions for everyone and their own pending ones
    (staff moderate from the console), the ids they voted for, whether they moderate the room."""
    cfa_ids = frozenset(c["id"] for c in view.cfas)
    moderates = principal is not None and qr.can_moderate_questions(
        principal, qr.QARoomInfo(view.room_name, "qa", cfa_stand_ids=cfa_ids)
    )
    found = await room_questions(db, view.room_id, view.room_name, (qr.APPROVED, qr.PENDING))
    viewer = principal.id if principal else None
    shown = [q for q in found if qr.visible_to(q, viewer, False)]
    voted = await voted_for(db, principal, shown)
    return shown, voted, moderates


def mark_new(questions: list[dict[str, Any]], viewer_id: int, voted: list[int], seen_at: datetime | None) -> None:
    """Sets `new_answer` on the viewer's questions and those they voted for that got (or saw edited) an answer
    after `seen_at`."""
    mine = set(voted)
    for q in questions:
        concerned = q["author"]["id"] == viewer_id or q["id"] in mine
        times = [datetime.fromisoformat(a["updated_at"] or a["ts"]) for a in q["answers"]]
        q["new_answer"] = concerned and qar.has_new_answer(times, seen_at)


async def visit(db: AsyncSession, room_id: int, user_id: int) -> datetime | None:
    """Records that the person opened the room now; returns their previous visit (None the first time)."""
    row = await db.get(QARoomVisit, (room_id, user_id))
    previous = aware(row.seen_at) if row is not None else None
    row = row or QARoomVisit(room_id=room_id, user_id=user_id)
    row.seen_at = utcnow()
    db.add(row)
    await db.commit()
    return previous


async def similar_questions(db: AsyncSession, view: RoomView, query: str) -> list[dict[str, Any]]:
    """The room's published questions like `query` (qa_room_rules.similar), lightest fields only."""
    if "\x00" in query:
        raise DomainError("invalid", "Le texte contient un caractère interdit.")
    found = await room_questions(db, view.room_id, view.room_name, (qr.APPROVED,))
    return [
        {"id": q["id"], "text": q["text"], "votes": q["votes"], "answered": q["answered"], "answers": len(q["answers"])}
        for q in qar.similar(query, found)
    ]


# ---------- The staff console ----------


async def staffed_rooms(db: AsyncSession, principal: Principal) -> list[tuple[QARoom, Event, list[Stand]]]:
    """The CFA rooms of open events whose CFAs the person staffs (every room of open events for moderators and
    organisers), each with the room's CFAs they may sign with."""
    query = select(QARoom, Event).join(Event, col(Event.id) == QARoom.event_id).order_by(col(QARoom.title))
    rows = (await db.exec(query)).all()
    links = (await db.exec(select(QARoomCFA.qa_room_id, Stand).join(Stand, col(Stand.id) == QARoomCFA.stand_id))).all()
    by_room: dict[int, list[Stand]] = {}
    for room_id, stand in links:
        by_room.setdefault(room_id, []).append(stand)
    now = utcnow()
    out = []
    for room, event in rows:
        if not (aware(event.starts_at) <= now < aware(event.ends_at)):
            continue
        stands = by_room.get(room.id or 0, [])
        mine = [s for s in stands if s.id in principal.staff_stands]
        if mine or principal.is_moderator or principal.is_organiser:
            out.append((room, event, mine))
    return out


async def console_questions(db: AsyncSession, principal: Principal) -> list[dict[str, Any]]:
    """Per room: the pending questions (to approve or reject) and the unanswered published ones, oldest
    first, each with its waiting time."""
    now = utcnow()
    rooms = []
    for room, event, mine in await staffed_rooms(db, principal):
        name = f"qa:{room.id}"
        room_id = (await db.exec(select(Room.id).where(Room.name == name))).first()
        if room_id is None:
            continue
        found = await room_questions(db, room_id, name, (qr.APPROVED, qr.PENDING))
        found.sort(key=lambda q: (q["ts"], q["id"]))
        for q in found:
            q["waiting"] = qar.waiting_label(datetime.fromisoformat(q["ts"]), now)
        rooms.append(
            {
                "id": room.id,
                "name": name,
                "title": room.title,
                "event": event,
                "signs": [{"id": s.id, "name": s.name} for s in mine],
                "pending": [q for q in found if q["status"] == qr.PENDING],
                "waiting": [q for q in found if q["status"] == qr.APPROVED and not q["answered"] and not q["resolved"]],
                "answered": [q for q in found if q["status"] == qr.APPROVED and (q["answered"] or q["resolved"])],
            }
        )
    return rooms


# ---------- Figures for organisers ----------


async def figures(db: AsyncSession, event: Event) -> dict[str, list[dict[str, Any]]]:
    """Per CFA and per cluster: questions asked (held ones excepted), answered, median minutes to the first
    answer. A question counts for every CFA of its room (they answer together); `answered` per CFA counts the
    questions that CFA answered itself."""
    rows = (
        await db.exec(
            select(QARoom.id, QARoom.cluster, Question.id, Question.created_at, Question.status, Question.moderated_at)
            .join(Room, col(Room.name) == _room_name())
            .join(Question, col(Question.room_id) == Room.id)
            .where(QARoom.event_id == event.id)
        )
    ).all()
    asked: dict[int, tuple[int, str, datetime]] = {}
    for room_id, cluster, qid, created, status, moderated in rows:
        if status == qr.REJECTED and moderated == created:
            continue  # held by the word filter
        asked[qid] = (room_id, cluster, aware(created))
    first_any: dict[int, datetime] = {}
    first_by: dict[tuple[int, int], datetime] = {}
    if asked:
        for qid, stand_id, ts in (
            await db.exec(
                select(QuestionAnswer.question_id, QuestionAnswer.stand_id, func.min(QuestionAnswer.created_at))
                .where(col(QuestionAnswer.question_id).in_(list(asked)))
                .group_by(col(QuestionAnswer.question_id), col(QuestionAnswer.stand_id))
            )
        ).all():
            ts = aware(ts)
            first_any[qid] = min(first_any.get(qid, ts), ts)
            if stand_id is not None:
                first_by[(qid, stand_id)] = ts
    links = (
        await db.exec(
            select(QARoomCFA.qa_room_id, Stand.id, Stand.name)
            .join(Stand, col(Stand.id) == QARoomCFA.stand_id)
            .join(QARoom, col(QARoom.id) == QARoomCFA.qa_room_id)
            .where(QARoom.event_id == event.id)
        )
    ).all()
    # Every cluster of the event, those without a question too.
    clusters: dict[str, list[tuple[datetime, datetime | None]]] = {
        c: [] for c in (await db.exec(select(QARoom.cluster).where(QARoom.event_id == event.id))).all()
    }
    for qid, (_room, cluster, created) in asked.items():
        clusters.setdefault(cluster, []).append((created, first_any.get(qid)))
    per_cfa: dict[int, dict[str, Any]] = {}
    for room_id, stand_id, stand_name in links:
        entry = per_cfa.setdefault(stand_id, {"name": stand_name, "pairs": [], "asked": 0})
        for qid, (q_room, _cluster, created) in asked.items():
            if q_room == room_id:
                entry["asked"] += 1
                entry["pairs"].append((created, first_by.get((qid, stand_id))))

    def row(name: str, asked_n: int, pairs: list[tuple[datetime, datetime | None]]) -> dict[str, Any]:
        return {
            "name": name,
            "asked": asked_n,
            "answered": sum(1 for _a, f in pairs if f is not None),
            "median_minutes": qar.median_minutes(pairs),
            "median_label": qar.duration_label(qar.median_minutes(pairs)),
        }

    return {
        "cfas": sorted(
            (row(e["name"], e["asked"], e["pairs"]) for e in per_cfa.values()), key=lambda r: french_sort_key(r["name"])
        ),
        "clusters": sorted((row(c, len(p), p) for c, p in clusters.items()), key=lambda r: french_sort_key(r["name"])),
    }


# ---------- The daily digest ----------


@dataclass(frozen=True, slots=True)
class DigestMail:
    stand_id: int
    stand_name: str
    to: list[str]
    questions: list[dict[str, Any]]


async def digests_due(db: AsyncSession, now: datetime) -> list[DigestMail]:
    """Each CFA of a room of an open event whose digest is due (at most once a day) and whose rooms hold
    published questions waiting for more than a day, with its staff's e-mails."""
    last = {d.stand_id: aware(d.last_sent_at) for d in (await db.exec(select(QADigest))).all()}
    rows = (
        await db.exec(
            select(QARoomCFA.stand_id, Stand.name, QARoom.id, QARoom.title, Question, Event)
            .join(Stand, col(Stand.id) == QARoomCFA.stand_id)
            .join(QARoom, col(QARoom.id) == QARoomCFA.qa_room_id)
            .join(Event, col(Event.id) == QARoom.event_id)
            .join(Room, col(Room.name) == _room_name())
            .join(Question, col(Question.room_id) == Room.id)
            .where(Question.status.in_((qr.APPROVED, qr.PENDING)))  # type: ignore[attr-defined]
            .order_by(col(Question.created_at))
        )
    ).all()
    waiting: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    for stand_id, stand_name, room_id, room_title, question, event in rows:
        if not (aware(event.starts_at) <= now < aware(event.ends_at)) or not qar.digest_due(last.get(stand_id), now):
            continue
        if not qar.waiting_for_digest(aware(question.created_at), question.answered, question.resolved, now):
            continue
        waiting.setdefault(stand_id, (stand_name, []))[1].append(
            {
                "room_id": room_id,
                "room": room_title,
                "text": question.text,
                "status": question.status,
                "votes": question.votes,
                "waiting": qar.waiting_label(aware(question.created_at), now),
            }
        )
    if not waiting:
        return []
    emails: dict[int, list[str]] = {}
    for stand_id, email in (
        await db.exec(
            select(StandStaff.stand_id, User.email)
            .join(User, col(User.id) == StandStaff.user_id)
            .where(col(StandStaff.stand_id).in_(list(waiting)))
            .order_by(col(User.email))
        )
    ).all():
        if email:
            emails.setdefault(stand_id, []).append(email)
    return [
        DigestMail(stand_id, name, emails.get(stand_id, []), items)
        for stand_id, (name, items) in sorted(waiting.items())
        if emails.get(stand_id)
    ]


def digest_body(mail: DigestMail, base_url: str) -> str:
    lines = [
        f"Bonjour,\n\nVoici les questions qui attendent une réponse depuis plus d'un jour dans les salons "
        f"de questions de {mail.stand_name} :\n"
    ]
    for q in mail.questions:
        state = "à valider" if q["status"] == qr.PENDING else f"{q['votes']} « moi aussi »"
        lines.append(f"- [{q['room']}] {q['text']} (attend depuis {q['waiting']}, {state})")
    lines.append(f"\nPour répondre : {base_url.rstrip('/')}/qa-rooms/console\n\nL'équipe du Salon")
    return "\n".join(lines)


async def send_digests(db: AsyncSession, settings: Settings, *, dry_run: bool = False) -> list[DigestMail]:
    """Sends the due digests (one mail per staff e-mail) and records each CFA's send in `qa_digests`, one
    commit per CFA; a dry run sends and records nothing. Returns the digests (sent or that would be)."""
    now = utcnow()
    due = await digests_due(db, now)
    if dry_run:
        return due
    for mail in due:
        row = await db.get(QADigest, mail.stand_id)
        if row is not None and not qar.digest_due(aware(row.last_sent_at), now):
            continue  # another worker sent it meanwhile
        row = row or QADigest(stand_id=mail.stand_id, last_sent_at=now)
        row.last_sent_at = now
        db.add(row)
        await db.commit()
        body = digest_body(mail, settings.public_url)
        subject = f"Salon : {len(mail.questions)} question(s) en attente pour {mail.stand_name}"
        for to in mail.to:
            await mailer.send(settings, mailer.Mail(to=to, subject=subject, body=body))
        log.info("qa digest sent", extra={"stand_id": mail.stand_id, "questions": len(mail.questions)})
    return due
