"""Writing the programme: talks, CFA Q&A rooms and quizzes, each with its live room where it has one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.models import Room, RoomRead
from chat.service import ensure_room
from server import audit
from server.auth import Principal
from server.errors import DomainError
from server.i18n import gettext as _
from server.i18n import ngettext
from server.models import STAFF_ROLES, ClassTeacher, Role, User
from server.realtime import Hub
from server.timeutil import aware, utcnow
from sessions import schedule_rules as schedule
from sessions.models import QARoom, QARoomCFA, Question, Quiz, QuizQuestion, Talk, TalkRegistration, TalkSpeaker
from sessions.schedule_rules import MAX_ID, EventHours, Problems, Slot
from sessions.talk_rules import ENDED, talk_state
from stands.form_rules import FormInvalid
from stands.models import Event, Stand, StandStaff
from stands.service import event_by_slug

ENDED_MESSAGE = "« %(title)s » est terminée : les inscriptions sont closes."
TITLE_TAKEN = "Une autre conférence de cet événement porte déjà ce titre."
NOT_ALLOWED = (
    "Seules l'équipe d'organisation et les personnes qui interviennent dans la conférence peuvent la modifier."
)


async def save_talk(
    db: AsyncSession, event: Event, *, title: str, starts_at: datetime, ends_at: datetime, **fields: Any
) -> Talk:
    assert event.id is not None
    talk = (await db.exec(select(Talk).where(Talk.event_id == event.id, Talk.title == title))).first()
    talk = talk or Talk(event_id=event.id, title=title, starts_at=starts_at, ends_at=ends_at)
    talk.starts_at, talk.ends_at = starts_at, ends_at
    for key, value in fields.items():
        setattr(talk, key, value)
    db.add(talk)
    await db.flush()
    await ensure_room(db, name=f"talk:{talk.id}", kind="talk", event_id=event.id, stand_id=talk.stand_id, title=title)
    return talk


async def save_qa_room(
    db: AsyncSession,
    event: Event,
    *,
    cluster: str,
    title: str,
    cfas: list[Stand],
    description: str | None = None,
    trades: list[dict[str, str]] | None = None,
) -> QARoom:
    """The demo's (and tests') rooms: found by cluster, else by title (a room whose cluster became a slug)."""
    assert event.id is not None
    room = (await db.exec(select(QARoom).where(QARoom.event_id == event.id, QARoom.cluster == cluster))).first()
    room = room or (await db.exec(select(QARoom).where(QARoom.event_id == event.id, QARoom.title == title))).first()
    room = room or QARoom(event_id=event.id, cluster=cluster, title=title)
    room.title, room.cluster = title, cluster
    if description is not None:
        room.description = description
    if trades is not None:
        room.trades = trades
    db.add(room)
    await db.flush()
    assert room.id is not None
    linked = set((await db.exec(select(QARoomCFA.stand_id).where(QARoomCFA.qa_room_id == room.id))).all())
    for stand in cfas:
        if stand.id not in linked:
            db.add(QARoomCFA(qa_room_id=room.id, stand_id=stand.id))  # type: ignore[arg-type]
    await ensure_room(db, name=f"qa:{room.id}", kind="qa", event_id=event.id, title=title)
    return room


async def save_quiz(
    db: AsyncSession, event: Event, *, title: str, questions: list[dict[str, Any]], **fields: Any
) -> Quiz:
    """Create or update a quiz; its questions become exactly `questions`, in order."""
    assert event.id is not None
    quiz = (await db.exec(select(Quiz).where(Quiz.event_id == event.id, Quiz.title == title))).first()
    quiz = quiz or Quiz(event_id=event.id, title=title)
    for key, value in fields.items():
        setattr(quiz, key, value)
    db.add(quiz)
    await db.flush()
    for old in (await db.exec(select(QuizQuestion).where(QuizQuestion.quiz_id == quiz.id))).all():
        await db.delete(old)
    for position, question in enumerate(questions, start=1):
        if not 0 <= question["answer_index"] < len(question["choices"]):
            raise ValueError(f"quiz {title!r}: question {position} has no valid answer")
        db.add(QuizQuestion(quiz_id=quiz.id, position=position, **question))  # type: ignore[arg-type]
    await db.flush()
    return quiz


# ---------- The back office's programme (organisers, moderators; a talk's speakers edit its description) ----------

TALK_FIELDS = (
    "title",
    "description",
    "stand_id",
    "track",
    "starts_at",
    "ends_at",
    "audience",
    "capacity_classes",
    "stream_url",
    "replay_url",
    "premoderated",
    "speaker_ids",
    "guest_speakers",
)
SPEAKER_EDITABLE = frozenset({"description"})


def may_run_programme(principal: Principal | None) -> bool:
    return principal is not None and (principal.is_organiser or principal.is_moderator)


def _require_programmer(principal: Principal | None) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if not may_run_programme(principal):
        raise DomainError("forbidden", _("Seule l'équipe d'organisation peut modifier le programme."))
    return principal


async def get_talk(db: AsyncSession, talk_id: int) -> Talk:
    talk = await db.get(Talk, talk_id) if 1 <= talk_id <= MAX_ID else None
    if talk is None:
        raise DomainError("not_found", _("Cette conférence n'existe pas."))
    return talk


async def speaker_ids(db: AsyncSession, talk_id: int) -> list[int]:
    rows = await db.exec(select(TalkSpeaker.user_id).where(TalkSpeaker.talk_id == talk_id))
    return sorted(rows.all())


async def is_speaker(db: AsyncSession, principal: Principal | None, talk_id: int) -> bool:
    if principal is None:
        return False
    return await db.get(TalkSpeaker, (talk_id, principal.id)) is not None


async def event_staff(db: AsyncSession, event_id: int) -> dict[int, dict[str, Any]]:
    """Who may speak with an account: professionals and CFA staff of the event's stands, with their stand."""
    rows = await db.exec(
        select(User, Stand)
        .join(StandStaff, col(StandStaff.user_id) == col(User.id))
        .join(Stand, col(Stand.id) == col(StandStaff.stand_id))
        .where(Stand.event_id == event_id, col(User.role).in_(list(STAFF_ROLES)))
        .order_by(col(Stand.id))
    )
    staff: dict[int, dict[str, Any]] = {}
    for user, stand in rows.all():
        assert user.id is not None
        staff.setdefault(user.id, {"id": user.id, "name": user.name, "stand_id": stand.id, "stand_name": stand.name})
    return staff


async def _check_talk(db: AsyncSession, event: Event, talk_id: int | None, values: dict[str, Any]) -> None:
    """Every rule of schedule_rules over the values, against the event's other talks; FormInvalid when broken."""
    problems = Problems()
    problems.add("title", None if values["title"].strip() else _("Le champ « Titre » est obligatoire."))
    if len(values["title"]) > 160:
        problems.add("title", _("Le champ « Titre » dépasse 160 caractères."))
    problems.add("audience", schedule.audience_problem(values["audience"]))
    problems.add("capacity_classes", schedule.capacity_problem(values["capacity_classes"]))
    if values["stand_id"] is not None:
        stand = await db.get(Stand, values["stand_id"]) if 1 <= values["stand_id"] <= MAX_ID else None
        if stand is None or stand.event_id != event.id:
            problems.add("stand_id", _("Choisissez un stand de cet événement."))
    staff = await event_staff(db, event.id)  # type: ignore[arg-type]
    unknown = [i for i in values["speaker_ids"] if i not in staff]
    if unknown:
        problems.add("speaker_ids", _("Choisissez qui intervient parmi les équipes des stands de l'événement."))
    for key, parse in (("stream_url", schedule.parse_stream), ("replay_url", schedule.parse_replay)):
        try:
            parse(values[key])
        except DomainError as exc:
            problems.add(key, exc.message)
    others = (await db.exec(select(Talk).where(Talk.event_id == event.id, Talk.id != (talk_id or 0)))).all()
    others_speakers: dict[int, set[int]] = {}
    if others:
        rows = await db.exec(
            select(TalkSpeaker).where(col(TalkSpeaker.talk_id).in_([t.id for t in others]))  # type: ignore[misc]
        )
        for row in rows.all():
            others_speakers.setdefault(row.talk_id, set()).add(row.user_id)
    slot = Slot(
        values["starts_at"],
        values["ends_at"],
        values["track"],
        frozenset(values["speaker_ids"]),
        talk_id,
        values["title"],
    )
    other_slots = [
        Slot(t.starts_at, t.ends_at, t.track, frozenset(others_speakers.get(t.id, ())), t.id, t.title)  # type: ignore[arg-type]
        for t in others
    ]
    hours = EventHours(event.starts_at, event.ends_at, event.opens_daily_at, event.closes_daily_at)
    names = {i: s["name"] for i, s in staff.items()}
    for name, message in schedule.schedule_problems(slot, hours, other_slots, names).items():
        problems.add(name, message)
    if problems.found:
        raise FormInvalid(problems.found)


def _store_fields(talk: Talk, values: dict[str, Any]) -> None:
    stream = schedule.parse_stream(values["stream_url"])
    if talk.reminded_at is not None and aware(values["starts_at"]) > aware(talk.starts_at):
        talk.reminded_at = None  # moved later: the 5-minute reminder is due again
    talk.title, talk.description, talk.stand_id = values["title"], values["description"], values["stand_id"]
    talk.track, talk.audience, talk.capacity_classes = values["track"], values["audience"], values["capacity_classes"]
    talk.starts_at, talk.ends_at = values["starts_at"], values["ends_at"]
    talk.stream_url, talk.stream_provider = stream.url, stream.provider
    talk.replay_url = schedule.parse_replay(values["replay_url"])
    talk.premoderated = values["premoderated"]
    talk.speakers = list(values["guest_speakers"])


async def set_speakers(
    db: AsyncSession, principal: Principal | None, talk_id: int, user_ids: list[int], guests: list[str]
) -> Talk:
    """The talk's speakers with an account (staff of the event's stands) and its guests by name (no commit)."""
    _require_programmer(principal)
    talk = await get_talk(db, talk_id)
    staff = await event_staff(db, talk.event_id)
    if any(i not in staff for i in user_ids):
        raise FormInvalid({"speaker_ids": _("Choisissez qui intervient parmi les équipes des stands de l'événement.")})
    current = set(await speaker_ids(db, talk_id))
    for user_id in current - set(user_ids):
        row = await db.get(TalkSpeaker, (talk_id, user_id))
        if row is not None:
            await db.delete(row)
    for user_id in sorted(set(user_ids) - current):
        db.add(TalkSpeaker(talk_id=talk_id, user_id=user_id))
    talk.speakers = [g for g in guests if g]
    db.add(talk)
    await db.flush()
    return talk


async def _commit(db: AsyncSession) -> None:
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise FormInvalid({"title": _(TITLE_TAKEN)}, "conflict") from None


async def create_talk(db: AsyncSession, principal: Principal | None, *, event_slug: str, **values: Any) -> Talk:
    """Create a talk and its live room `talk:<id>` (organisers and moderators)."""
    actor = _require_programmer(principal)
    event = await event_by_slug(db, event_slug)
    values = {**TALK_DEFAULTS, **values}
    await _check_talk(db, event, None, values)
    if (await db.exec(select(Talk.id).where(Talk.event_id == event.id, Talk.title == values["title"]))).first():
        raise FormInvalid({"title": _(TITLE_TAKEN)}, "conflict")
    talk = Talk(event_id=event.id, title=values["title"], starts_at=values["starts_at"], ends_at=values["ends_at"])  # type: ignore[arg-type]
    _store_fields(talk, values)
    # Nobody is on a new talk's page: its state now is not news. An edit leaves `announced_state` to the
    # scheduler, which announces the change when the new times make one (e.g. a talk moved to start now).
    talk.announced_state = talk_state(talk.starts_at, talk.ends_at, utcnow())
    db.add(talk)
    await db.flush()
    assert talk.id is not None
    await set_speakers(db, actor, talk.id, values["speaker_ids"], values["guest_speakers"])
    await ensure_room(
        db, name=f"talk:{talk.id}", kind="talk", event_id=event.id, stand_id=talk.stand_id, title=talk.title
    )  # type: ignore[arg-type]
    audit.record(db, actor_id=actor.id, action="talk.create", target=f"talk:{talk.id}")
    await _commit(db)
    return talk


async def update_talk(
    db: AsyncSession, principal: Principal | None, talk_id: int, *, hub: Hub | None = None, **changes: Any
) -> Talk:
    """Change a talk: every field for organisers and moderators, only the description for its speakers.

    After the commit, `talk:updated` {"room", "talk_id"} goes to `talk:<id>` when a hub is given, so that an
    open talk page may reload what changed."""
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    talk = await get_talk(db, talk_id)
    unknown = set(changes) - set(TALK_FIELDS)
    if unknown and may_run_programme(principal):
        raise DomainError("invalid", _("Champ inconnu : %(name)s.") % {"name": ", ".join(sorted(unknown))})
    if not may_run_programme(principal):
        if not await is_speaker(db, principal, talk_id):
            raise DomainError("forbidden", _(NOT_ALLOWED))
        if set(changes) - SPEAKER_EDITABLE:
            raise DomainError(
                "forbidden", _("Vous intervenez dans cette conférence : vous ne pouvez modifier que sa présentation.")
            )
        description = str(changes.get("description", talk.description))
        if len(description) > 5000:
            raise FormInvalid({"description": _("Le champ « Présentation » dépasse 5000 caractères.")}, "too_long")
        talk.description = description
        db.add(talk)
    else:
        event = await db.get(Event, talk.event_id)
        assert event is not None
        current = {
            "title": talk.title,
            "description": talk.description,
            "stand_id": talk.stand_id,
            "track": talk.track,
            "starts_at": talk.starts_at,
            "ends_at": talk.ends_at,
            "audience": talk.audience,
            "capacity_classes": talk.capacity_classes,
            "stream_url": talk.stream_url,
            "replay_url": talk.replay_url,
            "premoderated": talk.premoderated,
            "speaker_ids": await speaker_ids(db, talk_id),
            "guest_speakers": list(talk.speakers),
        }
        values = {**current, **changes}
        await _check_talk(db, event, talk_id, values)
        _store_fields(talk, values)
        db.add(talk)
        await set_speakers(db, principal, talk_id, values["speaker_ids"], values["guest_speakers"])
        room = (await db.exec(select(Room).where(Room.name == f"talk:{talk_id}"))).first()
        if room is not None:
            room.title, room.stand_id = talk.title, talk.stand_id
            db.add(room)
    audit.record(db, actor_id=principal.id, action="talk.update", target=f"talk:{talk_id}", fields=sorted(changes))
    await _commit(db)
    if hub is not None:
        await hub.publish(f"talk:{talk_id}", "talk:updated", {"room": f"talk:{talk_id}", "talk_id": talk_id})
    return talk


async def delete_talk(db: AsyncSession, principal: Principal | None, talk_id: int) -> None:
    """Delete a talk with its registrations, speakers and empty live room (organisers and moderators).

    A talk whose room already holds messages or questions is kept (`conflict`): what pupils wrote stays
    for the organisers' records."""
    actor = _require_programmer(principal)
    talk = await get_talk(db, talk_id)
    room = (await db.exec(select(Room).where(Room.name == f"talk:{talk_id}"))).first()
    if room is not None:
        asked = (await db.exec(select(func.count()).select_from(Question).where(Question.room_id == room.id))).one()
        if room.last_seq or asked:
            raise DomainError(
                "conflict",
                _("« %(title)s » a déjà reçu des messages ou des questions : elle ne peut plus être supprimée.")
                % {"title": talk.title},
            )
    for model in (TalkRegistration, TalkSpeaker):
        await db.exec(delete(model).where(model.talk_id == talk_id))  # type: ignore[call-overload]
    await db.exec(update(Quiz).where(col(Quiz.talk_id) == talk_id).values(talk_id=None))  # type: ignore[call-overload]
    if room is not None:
        await db.exec(delete(RoomRead).where(col(RoomRead.room_id) == room.id))  # type: ignore[call-overload]
        await db.delete(room)
    await db.delete(talk)
    audit.record(db, actor_id=actor.id, action="talk.delete", target=f"talk:{talk_id}", title=talk.title)
    await db.commit()


TALK_DEFAULTS: dict[str, Any] = {
    "description": "",
    "stand_id": None,
    "track": "",
    "audience": "all",
    "capacity_classes": None,
    "stream_url": "",
    "replay_url": "",
    "premoderated": True,
    "speaker_ids": [],
    "guest_speakers": [],
}


# ---------- Class registrations (teachers, for the classes they teach) ----------


async def _require_teacher_of(db: AsyncSession, principal: Principal | None, class_id: int) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if principal.role != Role.TEACHER:
        raise DomainError("forbidden", _("Il faut un compte enseignant pour inscrire une classe."))
    if not 1 <= class_id <= MAX_ID or await db.get(ClassTeacher, (class_id, principal.id)) is None:
        raise DomainError("forbidden", _("Vous ne pouvez inscrire que les classes que vous accompagnez."))
    return principal


async def _lock_talk(db: AsyncSession, talk_id: int) -> Talk:
    """The talk's row, locked until the commit: on PostgreSQL `SELECT … FOR UPDATE`; on SQLite a no-op
    UPDATE takes the database's write lock first, so that the count read next cannot be stale."""
    if db.bind.dialect.name == "sqlite":
        await db.exec(update(Talk).where(col(Talk.id) == talk_id).values(id=Talk.id))  # type: ignore[call-overload]
        talk = (await db.exec(select(Talk).where(Talk.id == talk_id).execution_options(populate_existing=True))).first()
    else:
        talk = (
            await db.exec(
                select(Talk).where(Talk.id == talk_id).with_for_update().execution_options(populate_existing=True)
            )
        ).first()
    if talk is None:
        raise DomainError("not_found", _("Cette conférence n'existe pas."))
    return talk


async def registered_count(db: AsyncSession, talk_id: int) -> int:
    count = await db.exec(select(func.count()).select_from(TalkRegistration).where(TalkRegistration.talk_id == talk_id))
    return int(count.one())


async def register_class(db: AsyncSession, principal: Principal | None, talk_id: int, class_id: int) -> bool:
    """Register a class to a talk; True when a place was taken, False when it already had one (idempotent).

    Capacity counts classes: when every place is taken → `conflict`; once the talk has ended → `closed`."""
    teacher = await _require_teacher_of(db, principal, class_id)
    await get_talk(db, talk_id)
    await db.rollback()  # the lock below must open the transaction, or SQLite could read a stale count
    talk = await _lock_talk(db, talk_id)
    title, capacity = talk.title, talk.capacity_classes  # a rollback expires the row
    if talk_state(talk.starts_at, talk.ends_at, utcnow()) == ENDED:
        await db.rollback()
        raise DomainError("closed", _(ENDED_MESSAGE) % {"title": title})
    if await db.get(TalkRegistration, (talk_id, class_id)) is not None:
        await db.rollback()
        return False
    taken = await registered_count(db, talk_id)
    if capacity is not None and taken >= capacity:
        await db.rollback()
        raise DomainError(
            "conflict",
            ngettext(
                "« %(title)s » est complète : sa %(n)d place est prise.",
                "« %(title)s » est complète : ses %(n)d places sont prises.",
                capacity,
            )
            % {"title": title, "n": capacity},
        )
    db.add(TalkRegistration(talk_id=talk_id, class_id=class_id, registered_by=teacher.id))
    await db.commit()
    return True


async def cancel_registration(db: AsyncSession, principal: Principal | None, talk_id: int, class_id: int) -> bool:
    """Give the class's place back; True when there was one. Refused (`closed`) once the talk has ended."""
    await _require_teacher_of(db, principal, class_id)
    talk = await get_talk(db, talk_id)
    if talk_state(talk.starts_at, talk.ends_at, utcnow()) == ENDED:
        raise DomainError("closed", _(ENDED_MESSAGE) % {"title": talk.title})
    row = await db.get(TalkRegistration, (talk_id, class_id))
    if row is None:
        return False
    await db.delete(row)
    await db.commit()
    return True
