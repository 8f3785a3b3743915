"""The live Q&A: the only code that writes questions, votes and written answers. Each action checks, stores,
commits, then publishes (docs/protocol.md, "Live Q&A (talks)").

Where things are published:
- the room (`talk:<id>`, `qa:<id>`): what the audience may see, approved questions and their changes;
- `questionmods:<room>`: the room's moderators (speakers, moderators, CFA staff), who enter it through
  `question:list`: pending questions and the changes of questions the audience never saw;
- `questionasker:<user id>`: the asker's own sockets (entered through `question:list` too), for what happens
  to their pending question (approved: it also reaches the room; rejected: only them);
- `class:<class id>`: a copy as `class:question` to the teachers of a pupil who asked.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat import rules
from chat.models import Room
from chat.permissions import RoomInfo
from chat.rooms import RoomDirectory
from chat.service import give_back_budgets, take_budgets
from server import metrics
from server.auth import Principal
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import Role, SchoolClass, User
from server.ratelimit import MemoryLimiter, RedisLimiter
from server.realtime import Hub
from server.timeutil import aware, iso, utcnow
from sessions import qa_room_rules as qar
from sessions import question_rules as qr
from sessions.models import QARoomCFA, Question, QuestionAnswer, QuestionVote, Talk, TalkSpeaker
from sessions.vote_coalescer import VoteCoalescer
from stands.models import Stand
from stands.search import fold

LIST_LIMIT = 500  # the newest questions a list carries (a talk rarely has a hundred)


def mods_channel(room_name: str) -> str:
    return f"questionmods:{room_name}"


def asker_channel(user_id: int) -> str:
    return f"questionasker:{user_id}"


# A talk's times, pre-moderation and speakers are read once per this many seconds per worker and room: a
# change in the back office (a speaker added, the times moved) reaches votes and questions within it.
RULES_CACHE_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class TalkInfo:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    premoderated: bool


@dataclass(frozen=True, slots=True)
class QARoom:
    """A room with questions, as the service sees it."""

    room: RoomInfo
    rules: qr.QARoomInfo
    talk: TalkInfo | None  # for talk rooms

    @property
    def name(self) -> str:
        return self.room.name

    def window_open(self, now: datetime) -> bool:
        times = (aware(self.talk.starts_at), aware(self.talk.ends_at)) if self.talk else None
        return qr.qa_window_open(self.rules.kind, now, talk_times=times, event_open=self.room.is_open(now))

    @property
    def premoderated(self) -> bool:
        """A talk's switch; every CFA room question waits for the room's CFA staff or moderators."""
        return self.talk.premoderated if self.talk is not None else True


class QARoomCache:
    """Room names → `QARoom`, per worker, for `RULES_CACHE_SECONDS`: a vote costs no talk or speaker lookup."""

    def __init__(self) -> None:
        self._rooms: dict[str, tuple[float, QARoom]] = {}
        self._question_rooms: dict[int, str] = {}  # a question never moves to another room

    def get(self, name: str) -> QARoom | None:
        hit = self._rooms.get(name)
        return hit[1] if hit and time.monotonic() - hit[0] < RULES_CACHE_SECONDS else None

    def put(self, room: QARoom) -> None:
        if len(self._rooms) > 10_000:
            self._rooms.clear()
        self._rooms[room.name] = (time.monotonic(), room)

    def room_of(self, question_id: int) -> str | None:
        return self._question_rooms.get(question_id)

    def remember_question(self, question_id: int, room_name: str) -> None:
        if len(self._question_rooms) > 100_000:
            self._question_rooms.clear()
        self._question_rooms[question_id] = room_name


@dataclass(frozen=True, slots=True)
class QADeps:
    hub: Hub
    rooms: RoomDirectory
    limiter: MemoryLimiter | RedisLimiter
    votes: VoteCoalescer
    cache: QARoomCache = field(default_factory=QARoomCache)


async def load_room(db: AsyncSession, rooms: RoomDirectory, room_name: str, cache: QARoomCache | None = None) -> QARoom:
    kind = qr.room_kind(room_name)
    if cache is not None and (hit := cache.get(room_name)) is not None:
        return hit
    room = await rooms.get(db, room_name)
    number = int(room_name.partition(":")[2])
    if kind == "talk":
        talk = await db.get(Talk, number)
        if talk is None:
            raise DomainError("not_found", "Cette conférence n'existe pas.")
        speakers = frozenset((await db.exec(select(TalkSpeaker.user_id).where(TalkSpeaker.talk_id == number))).all())
        info = TalkInfo(number, talk.title, aware(talk.starts_at), aware(talk.ends_at), talk.premoderated)
        found = QARoom(room, qr.QARoomInfo(room_name, kind, speaker_ids=speakers), info)
    else:
        stands = frozenset((await db.exec(select(QARoomCFA.stand_id).where(QARoomCFA.qa_room_id == number))).all())
        found = QARoom(room, qr.QARoomInfo(room_name, kind, cfa_stand_ids=stands), None)
    if cache is not None:
        cache.put(found)
    return found


# ---------- Payloads ----------


def author_of(user: User) -> dict[str, Any]:
    """Pupils appear by their pseudonym (the only name they have), adults by their name."""
    if user.is_minor and user.role == "ambassador":  # flagged beside their name (server/formats.py role_label)
        return {"id": user.id, "name": user.name, "role": user.role, "is_minor": True}
    return {"id": user.id, "name": user.name, "role": user.role}


def answer_event(answer: QuestionAnswer, author: User, cfa_name: str | None = None) -> dict[str, Any]:
    """An answer; in CFA rooms `cfa` {stand_id, name} is the CFA it is signed with, `edited` whether its text
    changed since (its earlier texts are kept as revisions)."""
    return {
        "id": answer.id,
        "text": answer.text,
        "author": author_of(author),
        "ts": iso(answer.created_at),
        "cfa": {"stand_id": answer.stand_id, "name": cfa_name or ""} if answer.stand_id is not None else None,
        "edited": answer.updated_at is not None,
        "updated_at": iso(answer.updated_at) if answer.updated_at is not None else None,
    }


def claim_fields(question: Question, claimer: User | None, now: datetime | None = None) -> dict[str, Any]:
    """`claimed_by` {id, name} and `claimed_until` while a claim holds, else both None."""
    claimed_at = aware(question.claimed_at) if question.claimed_at is not None else None
    holder = qar.claim_holder(question.claimed_by, claimed_at, now or utcnow())
    if holder is None or claimer is None:
        return {"claimed_by": None, "claimed_until": None}
    until = qar.claim_until(claimed_at)
    return {"claimed_by": {"id": claimer.id, "name": claimer.name}, "claimed_until": iso(until) if until else None}


def question_event(
    question: Question,
    room_name: str,
    author: User,
    answers: list[dict[str, Any]] | None = None,
    claimer: User | None = None,
) -> dict[str, Any]:
    return {
        **claim_fields(question, claimer),
        "resolved": question.resolved,
        "id": question.id,
        "room": room_name,
        "text": question.text,
        "status": question.status,
        "votes": question.votes,
        "author": author_of(author),
        "pinned": question.pinned,
        "answered": question.answered,
        "answers": answers or [],
        "ts": iso(question.created_at),
        "redacted": question.redacted,
    }


async def _answers_of(db: AsyncSession, question_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {q: [] for q in question_ids}
    if not question_ids:
        return found
    rows = await db.exec(
        select(QuestionAnswer, User, Stand.name)
        .join(User, col(User.id) == QuestionAnswer.author_id)
        .outerjoin(Stand, col(Stand.id) == QuestionAnswer.stand_id)
        .where(col(QuestionAnswer.question_id).in_(question_ids))
        .order_by(col(QuestionAnswer.id))
    )
    for answer, user, cfa_name in rows.all():
        found[answer.question_id].append(answer_event(answer, user, cfa_name))
    return found


async def claimers_of(db: AsyncSession, questions: Iterable[Question]) -> dict[int, User]:
    ids = {q.claimed_by for q in questions if q.claimed_by is not None}
    if not ids:
        return {}
    return {u.id: u for u in (await db.exec(select(User).where(col(User.id).in_(ids)))).all() if u.id is not None}


async def event_of(db: AsyncSession, question: Question, room_name: str) -> dict[str, Any]:
    """A question's payload as stored now (its author, answers and claimer read)."""
    author = await db.get(User, question.author_id)
    assert author is not None and question.id is not None
    claimer = await db.get(User, question.claimed_by) if question.claimed_by is not None else None
    answers = (await _answers_of(db, [question.id]))[question.id]
    return question_event(question, room_name, author, answers, claimer)


async def voted_for(db: AsyncSession, principal: Principal | None, questions: list[dict[str, Any]]) -> list[int]:
    """The ids among `questions` that this person voted for ("moi aussi" already given): one query."""
    if principal is None or not questions:
        return []
    query = select(QuestionVote.question_id).where(
        QuestionVote.user_id == principal.id, col(QuestionVote.question_id).in_([q["id"] for q in questions])
    )
    return list((await db.exec(query)).all())


async def room_questions(db: AsyncSession, room_id: int, room_name: str, statuses: tuple[str, ...]) -> list[dict]:
    """The room's questions in these statuses with their answers, in the audience's order."""
    rows = (
        await db.exec(
            select(Question, User)
            .join(User, col(User.id) == Question.author_id)
            .where(Question.room_id == room_id, col(Question.status).in_(statuses))
            .order_by(col(Question.id).desc())
            .limit(LIST_LIMIT)
        )
    ).all()
    answers = await _answers_of(db, [q.id for q, _ in rows if q.id is not None])
    claimers = await claimers_of(db, [q for q, _ in rows])
    return qr.ordered(
        question_event(q, room_name, u, answers[q.id], claimers.get(q.claimed_by or 0))
        for q, u in rows
        if q.id is not None
    )


async def list_for(db: AsyncSession, rooms: RoomDirectory, principal: Principal | None, room_name: str) -> dict:
    """What `question:list` answers: the room's questions as this viewer sees them (approved for everyone,
    the viewer's own pending ones, everything for the room's moderators), the ids of those the viewer voted
    for, whether they moderate the room and whether its Q&A is open now."""
    room = await load_room(db, rooms, room_name)
    can_moderate = principal is not None and qr.can_moderate_questions(principal, room.rules)
    questions = await room_questions(db, room.room.id, room_name, qr.STATUSES)
    viewer = principal.id if principal else None
    visible = [q for q in questions if qr.visible_to(q, viewer, can_moderate)]
    voted = await voted_for(db, principal, visible)
    return {
        "room": room_name,
        "questions": visible,
        "voted": sorted(voted),
        "moderator": can_moderate,
        "open": room.window_open(utcnow()),
    }


# ---------- Asking ----------


async def ask(
    db: AsyncSession, deps: QADeps, principal: Principal, *, room_name: str, text: str, client_id: str
) -> dict[str, Any]:
    """Store a question. Approved at once unless the talk is pre-moderated (then `pending`, seen by the room's
    moderators and its asker only). A question the word filter holds (a slur, harassment) is stored
    `rejected` and published to nobody; its ack carries `"held": true`. The same `client_id` from the same
    author returns the stored question and publishes nothing."""
    room = await load_room(db, deps.rooms, room_name, deps.cache)
    try:
        cleaned = _admit_question(principal, room, text)
        budgets = await take_budgets(deps.limiter, principal, room.room)
    except DomainError:
        previous = await _find_asked(db, principal, client_id)
        if previous is None:
            raise
        return previous
    final, redacted = rules.redact(cleaned)
    words = rules.check_words(final)
    status = qr.REJECTED if words.held else (qr.PENDING if room.premoderated else qr.APPROVED)
    now = utcnow()
    question = Question(
        room_id=room.room.id,
        author_id=principal.id,
        client_id=client_id,
        text=words.text,
        redacted=redacted or words.masked,
        status=status,
        created_at=now,
        # Held by the filter: rejected at the very moment it was asked (how `is_held` tells it apart).
        moderated_at=now if words.held else None,
        search_text=fold(words.text),
    )
    try:
        db.add(question)
        await db.commit()
    except IntegrityError:  # the same client_id again (a retry, two tabs): the first one won
        await db.rollback()
        await give_back_budgets(deps.limiter, budgets)
        previous = await _find_asked(db, principal, client_id)
        if previous is None:
            raise
        return previous
    except Exception:
        await give_back_budgets(deps.limiter, budgets)
        raise
    metrics.inc("salon_questions_total")
    author = await db.get(User, principal.id)
    assert author is not None
    payload = question_event(question, room_name, author)
    if words.held:
        return {**payload, "held": True}
    if status == qr.APPROVED:
        await deps.hub.publish(room_name, "question:new", payload)
    else:
        await deps.hub.publish(mods_channel(room_name), "question:new", payload)
    await copy_to_teachers(db, deps, room, author, payload)
    return payload


def _admit_question(principal: Principal, room: QARoom, text: str) -> str:
    if not qr.can_ask(principal, room.rules):
        raise DomainError("forbidden", "Vous ne pouvez pas poser de question ici.")
    if not room.window_open(utcnow()):
        raise DomainError("closed", _closed_message(room))
    cleaned = rules.clean_text(text)
    if not cleaned:
        raise DomainError("invalid", "La question est vide.")
    if len(cleaned) > rules.MAX_TEXT:
        raise DomainError("too_long", f"La question dépasse {rules.MAX_TEXT} caractères.")
    return cleaned


def _closed_message(room: QARoom) -> str:
    if room.talk is None:
        return "Le salon de questions est fermé."
    if utcnow() < aware(room.talk.starts_at):
        return "Les questions ouvrent un quart d'heure avant le début de la conférence."
    return "La conférence est terminée : on ne pose plus de question."


async def _find_asked(db: AsyncSession, principal: Principal, client_id: str) -> dict[str, Any] | None:
    row = (
        await db.exec(
            select(Question, Room.name)
            .join(Room, col(Room.id) == Question.room_id)
            .where(Question.author_id == principal.id, Question.client_id == client_id)
        )
    ).first()
    if row is None:
        return None
    question, room_name = row
    metrics.inc("salon_questions_duplicate_total")
    payload = await event_of(db, question, room_name)
    return {**payload, "held": True} if is_held(question) else payload


def is_held(question: Question) -> bool:
    """Rejected by the word filter when asked (a moderator's rejection comes later)."""
    return question.status == qr.REJECTED and question.moderated_at == question.created_at


# ---------- Voting ----------


async def vote(db: AsyncSession, deps: QADeps, principal: Principal, *, question_id: int) -> dict[str, Any]:
    """One vote per person and question (`conflict` the second time), on published questions only
    (`invalid` on pending or rejected ones), while the Q&A is open (`closed`). The count is updated in the
    vote's transaction; it reaches the room through the coalescer, never one broadcast per vote.

    The hot path: the question's room comes from the per-worker cache (a question never changes room), the
    room's rules too; then one transaction, `UPDATE questions SET votes = votes + 1 WHERE id AND status =
    'approved' RETURNING votes` (nothing: not published, `invalid`) and the vote's `INSERT` (the primary key
    refuses a second one: `conflict`, and the rollback takes the increment back)."""
    room_name = deps.cache.room_of(question_id)
    if room_name is None:
        row = (
            await db.exec(
                select(Room.name).join(Question, col(Question.room_id) == Room.id).where(Question.id == question_id)
            )
        ).first()
        if row is None:
            raise DomainError("not_found", "Cette question n'existe pas.")
        room_name = row
        deps.cache.remember_question(question_id, room_name)
    room = await load_room(db, deps.rooms, room_name, deps.cache)
    if not qr.can_ask(principal, room.rules):
        raise DomainError("forbidden", "Vous ne pouvez pas voter ici.")
    if not room.window_open(utcnow()):
        raise DomainError("closed", _closed_message(room))
    try:
        votes = (
            await db.exec(
                update(Question)
                .where(col(Question.id) == question_id, col(Question.status) == qr.APPROVED)
                .values(votes=col(Question.votes) + 1)
                .returning(col(Question.votes))
            )
        ).scalar_one_or_none()
        if votes is None:
            await db.rollback()
            raise DomainError("invalid", "On ne vote que pour une question publiée.")
        await db.exec(insert(QuestionVote).values(question_id=question_id, user_id=principal.id, created_at=utcnow()))
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise DomainError("conflict", "Vous avez déjà voté pour cette question.") from None
    metrics.inc("salon_question_votes_total")
    deps.votes.mark(room.name, question_id, votes)
    return {"votes": votes}


async def question_and_room(db: AsyncSession, deps: QADeps, question_id: int) -> tuple[Question, QARoom]:
    row = (
        await db.exec(
            select(Question, Room.name).join(Room, col(Room.id) == Question.room_id).where(Question.id == question_id)
        )
    ).first()
    if row is None:
        raise DomainError("not_found", "Cette question n'existe pas.")
    question, room_name = row
    return question, await load_room(db, deps.rooms, room_name, deps.cache)


# ---------- Moderating (answers: sessions/answers.py, claims: sessions/claims.py) ----------


async def moderate(
    db: AsyncSession, deps: QADeps, principal: Principal, *, question_id: int, action: str
) -> dict[str, Any]:
    """approve | reject | pin | unpin | answered | resolve, by the room's moderators (`forbidden` for anyone else).
    Approving a question the audience did not see publishes it as `question:new` to the room; a change of a
    published question is a `question:update` to the room; a change of one the audience never saw goes to
    the moderators and the asker only. A move that changes nothing publishes nothing."""
    question, room = await question_and_room(db, deps, question_id)
    if not qr.can_moderate_questions(principal, room.rules):
        raise DomainError("forbidden", "Seuls les intervenants et la modération modèrent ces questions.")
    before = question.status
    after = qr.apply_action(action, question.status, question.pinned, question.answered)
    resolved = question.resolved or action == "resolve"
    if after == (question.status, question.pinned, question.answered) and resolved == question.resolved:
        return await event_of(db, question, room.name)
    now = utcnow()
    question.status, question.pinned, question.answered = after
    question.resolved = resolved
    if action in ("approve", "reject"):
        question.moderated_at = now
    if action == "answered" and question.answered_at is None:
        question.answered_at = now
    db.add(question)
    await db.commit()
    payload = await event_of(db, question, room.name)
    await publish_change(db, deps, room, question, payload, was_public=before == qr.APPROVED)
    return payload


async def publish_change(
    db: AsyncSession, deps: QADeps, room: QARoom, question: Question, payload: dict[str, Any], *, was_public: bool
) -> None:
    if question.status == qr.APPROVED and not was_public:
        await deps.hub.publish(room.name, "question:new", payload)
    elif was_public:
        await deps.hub.publish(room.name, "question:update", payload)
    else:
        await deps.hub.publish(mods_channel(room.name), "question:update", payload)
        await deps.hub.publish(asker_channel(question.author_id), "question:update", payload)
    author = await db.get(User, question.author_id)
    if author is not None:
        await copy_to_teachers(db, deps, room, author, payload)


# ---------- Teachers ----------


async def copy_to_teachers(db: AsyncSession, deps: QADeps, room: QARoom, author: User, payload: dict[str, Any]) -> None:
    """A pupil's question, and each change of it, as `class:question` to their class's teachers."""
    if author.role != Role.PUPIL or author.class_id is None:
        return
    label = (await db.exec(select(SchoolClass.label).where(SchoolClass.id == author.class_id))).first() or ""
    await deps.hub.publish(
        f"class:{author.class_id}",
        "class:question",
        {
            "class_id": author.class_id,
            "class_label": label,
            "room": room.name,
            "talk_id": room.talk.id if room.talk else None,
            "title": room.talk.title if room.talk else room.room.title,
            "question": payload,
        },
    )


async def class_questions(db: AsyncSession, class_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """The questions the class's pupils asked (held ones excepted), newest first, each with its room's
    title: what the teacher's page shows under "Questions en conférence"."""
    rows = (
        await db.exec(
            select(Question, User, Room)
            .join(User, col(User.id) == Question.author_id)
            .join(Room, col(Room.id) == Question.room_id)
            .where(User.class_id == class_id, User.role == Role.PUPIL)
            .order_by(col(Question.id).desc())
            .limit(limit)
        )
    ).all()
    answers = await _answers_of(db, [q.id for q, _, _ in rows if q.id is not None])
    items = []
    for question, user, room in rows:
        if is_held(question):
            continue  # held by the word filter: never shown
        assert question.id is not None
        talk_id = int(room.name.partition(":")[2]) if room.kind == "talk" else None
        items.append(
            {
                "room": room.name,
                "talk_id": talk_id,
                "title": room.title,
                "question": question_event(question, room.name, user, answers[question.id]),
            }
        )
    return items


def teacher_strings() -> dict[str, str]:
    """Strings of the "Questions en conférence" part of static/js/teacher.js (merged into the page's)."""
    return {
        "question_pending": _("En attente de validation"),
        "question_approved": _("Publiée"),
        "question_rejected": _("Refusée"),
        "question_answered": _("Répondue"),
        "question_votes_one": _("%(num)d vote"),
        "question_votes_many": _("%(num)d votes"),
        "question_answer_by": _("Réponse de %(name)s"),
    }
