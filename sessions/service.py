"""Writing the programme: talks, CFA Q&A rooms and quizzes, each with its live room where it has one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.service import ensure_room
from sessions.models import QARoom, QARoomCFA, Quiz, QuizQuestion, Talk
from stands.models import Event, Stand


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


async def save_qa_room(db: AsyncSession, event: Event, *, cluster: str, title: str, cfas: list[Stand]) -> QARoom:
    assert event.id is not None
    room = (await db.exec(select(QARoom).where(QARoom.event_id == event.id, QARoom.cluster == cluster))).first()
    room = room or QARoom(event_id=event.id, cluster=cluster, title=title)
    room.title = title
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
