"""`salon demo`: the living demo fair, open now, loaded idempotently (re-running changes nothing
but the dates, which follow today so that the fair is always open)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import col, select

from chat.models import Message, Room
from server import class_codes, conduct, demo_data
from server.accounts import save_adult, save_class
from server.config import Settings
from server.db import create_engine, create_session_factory
from server.models import AuthToken, Role, SchoolClass, User
from server.timeutil import PARIS, utcnow
from sessions import open_days
from sessions import service as programme
from sessions.models import (
    QARoomVisit,
    Question,
    QuestionAnswer,
    QuestionAnswerRevision,
    QuestionVote,
    TalkRegistration,
    TalkSpeaker,
)
from sessions.schedule_rules import parse_replay, parse_stream
from sessions.talk_rules import UPCOMING, talk_state
from stands import service as fair
from stands.models import Stand, StandHours, Video
from stands.search import fold
from stands.sectors import SECTORS
from stands.videos import parse_video_url

DEMO_PASSWORD = "demo-salon"
DEMO_CLASS = "DEMO-3E"
DEMO_CONDUCT_PENDING = "pro3@demo.salon"
# A second demo class whose pupils wait to be admitted (made by server/class_codes.py's alphabet, fixed here):
# pupils type "ATT-3NTE" (or "att3nte"), prof2@demo.salon admits them from /classe/2.
DEMO_APPROVAL_CLASS = "ATT3NTE"
DEMO_ACCOUNTS = (
    ("orga@demo.salon", "Équipe d'organisation (démo)", Role.ORGANISER),
    ("pro@demo.salon", "Camille Durand (démo)", Role.PROFESSIONAL),
    ("pro2@demo.salon", "Karim Benali (démo)", Role.PROFESSIONAL),
    # A professional who has not accepted the code of conduct (and staffs no stand): the way to see its gate,
    # in the console's banner and on any stand's chat.
    ("pro3@demo.salon", "Léa Moreau (démo)", Role.PROFESSIONAL),
    ("prof@demo.salon", "M. Leroy, professeur principal (démo)", Role.TEACHER),
    # The teacher of the demo class that approves joins (prof@demo.salon keeps DEMO-3E alone).
    ("prof2@demo.salon", "Mme Caron, professeure de seconde (démo)", Role.TEACHER),
)


def paris_midnight(day_offset: int) -> datetime:
    today = utcnow().astimezone(PARIS).date()
    return datetime.combine(today + timedelta(days=day_offset), time(0, 0), tzinfo=PARIS)


def at(day: datetime, hhmm: str) -> datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime.combine(day.date(), time(hours, minutes), tzinfo=PARIS)


async def load_demo(settings: Settings, *, reset: bool = False) -> str:
    unknown = {s["sector"] for stands in demo_data.STANDS.values() for s in stands} - set(SECTORS)
    if unknown:
        raise ValueError(f"demo stands use unknown sectors: {sorted(unknown)}")
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as db:
            if reset:
                await db.exec(delete(Message))  # type: ignore[call-overload]
                await db.exec(update(Room).values(last_seq=0))  # type: ignore[call-overload]
                pupils = select(User.id).where(User.role == Role.PUPIL)
                await db.exec(delete(AuthToken).where(col(AuthToken.user_id).in_(pupils)))  # type: ignore[call-overload]
                await _delete_pupils_questions(db, pupils)
                await db.exec(delete(User).where(User.role == Role.PUPIL))  # type: ignore[call-overload]
            accounts: dict[str, User] = {}
            demo_class: SchoolClass | None = None
            live_talk = None
            if not settings.is_production:
                for email, name, role in DEMO_ACCOUNTS:
                    accounts[email] = await save_adult(db, email=email, password=DEMO_PASSWORD, name=name, role=role)
                    _demo_conduct(accounts[email], accepted=email != DEMO_CONDUCT_PENDING)
                demo_class = await save_class(
                    db,
                    code=DEMO_CLASS,
                    label="3e B (démo)",
                    school="Collège des Falaises (démo)",
                    teacher=accounts["prof@demo.salon"],
                )
                approval_class = await save_class(
                    db,
                    code=DEMO_APPROVAL_CLASS,
                    label="2de C (démo, arrivées validées)",
                    school="Lycée du Littoral (démo)",
                    teacher=accounts["prof2@demo.salon"],
                )
                approval_class.approve_joins, approval_class.level = True, "2de"
                db.add(approval_class)
            counts = {"stands": 0, "talks": 0, "quizzes": 0, "qa_rooms": 0, "open_days": 0}
            for spec in demo_data.EVENTS:
                event = await fair.save_event(
                    db,
                    slug=spec["slug"],
                    title=spec["title"],
                    description=spec["description"],
                    region=spec["region"],
                    starts_at=paris_midnight(-spec["days_before"]),
                    ends_at=paris_midnight(spec["days_after"]),
                )
                staff = [accounts[e] for e in ("pro@demo.salon", "pro2@demo.salon") if e in accounts]
                stands = await _load_stands(db, event, demo_data.STANDS[spec["slug"]], staff)
                counts["stands"] += len(stands)
                talks = {}
                for talk in demo_data.TALKS.get(spec["slug"], []):
                    day = event.starts_at.astimezone(PARIS) + timedelta(days=talk["day"])
                    starts = at(day, talk["start"])
                    talks[talk["title"]] = await _save_talk(
                        db, event, stands, talk, starts, starts + timedelta(minutes=talk["minutes"])
                    )
                live = demo_data.LIVE_TALK
                if live["event"] == spec["slug"]:
                    starts = live_talk_start(utcnow(), live["minutes_before"])
                    talk = await _save_talk(db, event, stands, live, starts, starts + timedelta(hours=live["hours"]))
                    talks[live["title"]] = talk
                    live_talk = talk
                    await _set_speaker_accounts(
                        db, talk, [accounts[e] for e in live["speaker_accounts"] if e in accounts]
                    )
                if demo_class is not None:
                    for slug, title in demo_data.DEMO_REGISTRATIONS:
                        if slug == spec["slug"]:
                            await _register(db, talks[title], demo_class, accounts["prof@demo.salon"])
                counts["talks"] += len(talks)
                for quiz in demo_data.QUIZZES.get(spec["slug"], []):
                    await programme.save_quiz(
                        db,
                        event,
                        title=quiz["title"],
                        mode=quiz["mode"],
                        stand_id=_id(stands, quiz["stand"]),
                        talk_id=talks[quiz["talk"]].id if quiz["talk"] else None,
                        questions=quiz["questions"],
                    )
                    counts["quizzes"] += 1
                qa_rooms = {}
                for qa in demo_data.QA_ROOMS.get(spec["slug"], []):
                    qa_rooms[qa["cluster"]] = await programme.save_qa_room(
                        db,
                        event,
                        cluster=qa["cluster"],
                        title=qa["title"],
                        cfas=[stands[n] for n in qa["cfas"]],
                        description=qa.get("description", ""),
                        trades=[{"rome": code, "label": label} for code, label in qa.get("trades", [])],
                    )
                    counts["qa_rooms"] += 1
                counts["open_days"] += await open_days.load_demo_open_days(
                    db, event, demo_data.OPEN_DAYS.get(spec["slug"], []), stands
                )
                if demo_class is not None:
                    await _seed_qa_questions(db, qa_rooms, stands, demo_class, accounts)
            await db.commit()
    finally:
        await engine.dispose()
    return _summary(counts, settings, live_talk)


def _demo_conduct(user: User, *, accepted: bool) -> None:
    """The demo staff have accepted the current charte (the walkthrough answers at once), except
    DEMO_CONDUCT_PENDING, whose acceptance every load forgets so that the gate can be seen again."""
    if not conduct.concerned(user.role):
        return
    if not accepted:
        user.conduct_version, user.conduct_accepted_at = "", None
    elif user.conduct_version != conduct.VERSION:
        user.conduct_version, user.conduct_accepted_at = conduct.VERSION, utcnow()


async def _load_stands(db: Any, event: Any, specs: list[dict[str, Any]], staff: list[User]) -> dict[str, Stand]:
    """Stands with their content; the demo professional answers at every `demo_staff` stand and a
    colleague joins them at the first one, so that two people share a console there."""
    stands: dict[str, Stand] = {}
    staffed = 0
    today = utcnow().astimezone(PARIS).date()
    for index, spec in enumerate(specs):
        fields = {k: spec[k] for k in ("kind", "sector", "department", "city", "description", "website")}
        stand = await fair.save_stand(db, event, name=spec["name"], **fields)
        offers = [_offer_with_terms(offer, today) for offer in spec.get("offers", [])]
        await fair.replace_stand_content(db, stand, job_cards=spec["job_cards"], offers=offers)
        await _replace_rows(db, Video, stand, [_video(v) for v in demo_data.VIDEOS.get(spec["name"], [])], "title")
        await _replace_rows(db, StandHours, stand, _hours(index, bool(spec.get("demo_staff"))))
        if staff and spec.get("demo_staff"):
            for person in staff[: 2 if staffed == 0 else 1]:
                await fair.add_staff(db, stand, person)
            staffed += 1
        stands[spec["name"]] = stand
    return stands


def _offer_with_terms(offer: dict[str, Any], today: date) -> dict[str, Any]:
    """An offer with dates that follow today and how to apply through the school, unless it says them."""
    starts, ends = offer_dates(offer["kind"], today)
    return {
        "starts_on": starts,
        "ends_on": ends,
        "how_to_apply": demo_data.HOW_TO_APPLY.get(offer["kind"], ""),
        **offer,
    }


def offer_dates(kind: str, today: date) -> tuple[date | None, date | None]:
    """Internships: a week (3e) or two (seconde) starting on a Monday some weeks ahead; apprenticeships
    and work-study: from the next school year (two years, or one)."""
    if kind in ("stage-3e", "stage-seconde"):
        ahead = today + timedelta(weeks=6 if kind == "stage-3e" else 10)
        monday = ahead + timedelta(days=-ahead.weekday() % 7)
        return monday, monday + timedelta(days=4 if kind == "stage-3e" else 11)
    if kind in ("apprentissage", "alternance"):
        september = date(today.year if today < date(today.year, 9, 1) else today.year + 1, 9, 1)
        years = 2 if kind == "apprentissage" else 1
        return september, date(september.year + years, 8, 31)
    return None, None


def _video(spec: dict[str, Any]) -> dict[str, Any]:
    return {**spec, "provider": parse_video_url(spec["url"]).provider}


def _hours(index: int, staffed_by_demo: bool) -> list[dict[str, Any]]:
    """Staffed slots from today: a pattern of demo_data.HOURS in turn, plus, where a demo professional
    answers, a slot around now so that their stands are staffed whenever the demo is tried."""
    slots = [
        {
            "starts_at": at(paris_midnight(day), start).astimezone(UTC),
            "ends_at": at(paris_midnight(day), end).astimezone(UTC),
        }
        for day, start, end in demo_data.HOURS[index % len(demo_data.HOURS)]
    ]
    if staffed_by_demo:
        now = utcnow().replace(second=0, microsecond=0)
        start = now - timedelta(minutes=now.minute % 30 + 60)
        end = start + timedelta(hours=4)
        slots = [s for s in slots if s["ends_at"] <= start or s["starts_at"] >= end]
        slots.append({"starts_at": start, "ends_at": end})
    return sorted(slots, key=lambda s: s["starts_at"])


async def _replace_rows(
    db: Any, model: Any, stand: Stand, wanted: list[dict[str, Any]], key: str | None = None
) -> None:
    """Make the stand's rows of `model` exactly `wanted`: rows with the same `key` value are updated in
    place (so videos keep their ids), the others deleted or added."""
    existing = list((await db.exec(select(model).where(model.stand_id == stand.id).order_by(model.id))).all())
    kept = {getattr(row, key): row for row in existing} if key else {}
    for data in wanted:
        row = kept.pop(data[key], None) if key else None
        row = row or model(stand_id=stand.id)
        for name, value in data.items():
            setattr(row, name, value)
        db.add(row)
    for row in kept.values() if key else existing:
        await db.delete(row)
    await db.flush()


def live_talk_start(now: datetime, minutes_before: int) -> datetime:
    """`minutes_before` before now, rounded down to 5 minutes: the demo's talk under way."""
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=minutes_before)
    return start - timedelta(minutes=start.minute % 5)


async def _delete_pupils_questions(db: Any, pupils: Any) -> None:
    """`--reset` removes the pupils: their questions (with votes, answers and the answers' revisions) first."""
    asked = select(Question.id).where(col(Question.author_id).in_(pupils))
    answers = select(QuestionAnswer.id).where(col(QuestionAnswer.question_id).in_(asked))
    await db.exec(delete(QuestionAnswerRevision).where(col(QuestionAnswerRevision.answer_id).in_(answers)))
    await db.exec(delete(QuestionAnswer).where(col(QuestionAnswer.question_id).in_(asked)))
    await db.exec(delete(QuestionVote).where(col(QuestionVote.question_id).in_(asked)))
    await db.exec(delete(QuestionVote).where(col(QuestionVote.user_id).in_(pupils)))
    await db.exec(delete(QARoomVisit).where(col(QARoomVisit.user_id).in_(pupils)))
    await db.exec(delete(Question).where(col(Question.author_id).in_(pupils)))


async def _seed_qa_questions(
    db: Any, rooms: dict[str, Any], stands: dict[str, Stand], demo_class: SchoolClass, accounts: dict[str, User]
) -> None:
    """demo_data.QA_QUESTIONS in the rooms of this event, asked by demo pupils of the demo class; a question is
    known by its author and client id, so a second load changes nothing."""
    now = utcnow()
    for number, spec in enumerate(demo_data.QA_QUESTIONS):
        qa_room = rooms.get(spec["cluster"])
        answerers = [accounts.get(email) for _cfa, email, _text, _ago in spec["answers"]]
        if qa_room is None or None in answerers:
            continue
        room_id = (await db.exec(select(Room.id).where(Room.name == f"qa:{qa_room.id}"))).first()
        pupil = (
            await db.exec(
                select(User).where(User.role == Role.PUPIL, User.name == spec["author"], User.class_id == demo_class.id)
            )
        ).first()
        if pupil is None:
            pupil = User(role=Role.PUPIL, name=spec["author"], class_id=demo_class.id)
            db.add(pupil)
            await db.flush()
        client_id = f"demo-qa-{number}"
        found = (
            await db.exec(select(Question).where(Question.author_id == pupil.id, Question.client_id == client_id))
        ).first()
        if found is not None:
            continue
        asked = now - timedelta(hours=spec["hours_ago"])
        question = Question(
            room_id=room_id,
            author_id=pupil.id,
            client_id=client_id,
            text=spec["text"],
            status=spec["status"],
            created_at=asked,
            moderated_at=asked + timedelta(minutes=30) if spec["status"] == "approved" else None,
            search_text=fold(spec["text"]),
        )
        db.add(question)
        await db.flush()
        for (cfa, _email, text, ago), person in zip(spec["answers"], answerers, strict=True):
            at_time = now - timedelta(hours=ago)
            db.add(
                QuestionAnswer(
                    question_id=question.id,
                    author_id=person.id,
                    client_id=f"demo-qa-answer-{number}",
                    text=text,
                    created_at=at_time,
                    stand_id=stands[cfa].id,
                )
            )
            question.answered, question.answered_at = True, question.answered_at or at_time
            question.search_text = fold(spec["text"] + " " + text)
        db.add(question)


async def _save_talk(
    db: Any, event: Any, stands: dict[str, Stand], spec: dict[str, Any], starts: datetime, ends: datetime
) -> Any:
    """A demo talk with its programme fields; the scheduler's columns say what is already true now, so that
    loading the demo announces nothing stale (and re-running it re-arms the reminder of talks to come)."""
    now = utcnow()
    state = talk_state(starts, ends, now)
    stream = parse_stream(spec.get("stream_url", ""))
    return await programme.save_talk(
        db,
        event,
        title=spec["title"],
        starts_at=starts,
        ends_at=ends,
        description=spec["description"],
        speakers=list(spec["speakers"]),
        stand_id=_id(stands, spec["stand"]),
        track=spec.get("track", ""),
        audience=spec.get("audience", "all"),
        capacity_classes=spec.get("capacity_classes"),
        stream_url=stream.url,
        stream_provider=stream.provider,
        replay_url=parse_replay(spec.get("replay_url", "")),
        premoderated=spec.get("premoderated", True),
        announced_state=state,
        reminded_at=starts.astimezone(UTC) if state != UPCOMING else None,
    )


async def _set_speaker_accounts(db: Any, talk: Any, users: list[User]) -> None:
    wanted = {u.id for u in users}
    for row in (await db.exec(select(TalkSpeaker).where(TalkSpeaker.talk_id == talk.id))).all():
        if row.user_id not in wanted:
            await db.delete(row)
        wanted.discard(row.user_id)
    for user_id in sorted(wanted):  # type: ignore[type-var]
        db.add(TalkSpeaker(talk_id=talk.id, user_id=user_id))
    await db.flush()


async def _register(db: Any, talk: Any, school_class: SchoolClass, teacher: User) -> None:
    if await db.get(TalkRegistration, (talk.id, school_class.id)) is None:
        db.add(TalkRegistration(talk_id=talk.id, class_id=school_class.id, registered_by=teacher.id))
        await db.flush()


def _id(stands: dict[str, Stand], name: str | None) -> int | None:
    return stands[name].id if name else None


def _summary(counts: dict[str, int], settings: Settings, live_talk: Any = None) -> str:
    lines = [
        "Demo fair loaded: {stands} stands, {talks} talks, {quizzes} quizzes, {qa_rooms} CFA Q&A rooms, "
        "{open_days} open days.".format(**counts)
    ]
    if live_talk is not None:
        hours = demo_data.LIVE_TALK["hours"]
        lines.append(f"  Talk under way:       /talks/{live_talk.id}, for {hours} hours (speaker: pro@demo.salon)")
    if settings.is_production:
        lines.append("SALON_ENV=production: no demo accounts were created.")
    else:
        lines += [
            f"  Class code (pupils):  {DEMO_CLASS}",
            f"  Class code, approved joins: {class_codes.display(DEMO_APPROVAL_CLASS)} (prof2@demo.salon admits)",
            f"  Professionals:        pro@demo.salon, pro2@demo.salon / {DEMO_PASSWORD}",
            f"  Charte not accepted:  {DEMO_CONDUCT_PENDING} / {DEMO_PASSWORD} (its code of conduct gate)",
            f"  Teachers:             prof@demo.salon (DEMO-3E), prof2@demo.salon / {DEMO_PASSWORD}",
            f"  Organiser:            orga@demo.salon / {DEMO_PASSWORD}",
        ]
    return "\n".join(lines)
