"""Talks, CFA Q&A rooms grouped by trade cluster, and quizzes with their questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.models import timestamp


class Talk(SQLModel, table=True):
    __tablename__ = "talks"
    __table_args__ = (UniqueConstraint("event_id", "title", name="uq_talks_event_title"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    title: str = Field(max_length=160)
    description: str = Field(default="")
    speakers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    starts_at: datetime = timestamp()
    ends_at: datetime = timestamp()


class QARoom(SQLModel, table=True):
    """A CFA question-and-answer room for one trade cluster (e.g. "Bâtiment et travaux publics")."""

    __tablename__ = "qa_rooms"
    __table_args__ = (UniqueConstraint("event_id", "cluster", name="uq_qa_rooms_event_cluster"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    title: str = Field(max_length=160)
    cluster: str = Field(max_length=80)


class QARoomCFA(SQLModel, table=True):
    __tablename__ = "qa_room_cfas"

    qa_room_id: int = Field(foreign_key="qa_rooms.id", primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", primary_key=True)


class Quiz(SQLModel, table=True):
    """A quiz: `live` (run during a talk) or `self_paced` (taken at a stand)."""

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("event_id", "title", name="uq_quizzes_event_title"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    talk_id: int | None = Field(default=None, foreign_key="talks.id")
    title: str = Field(max_length=160)
    mode: str = Field(default="self_paced", max_length=12)


class QuizQuestion(SQLModel, table=True):
    __tablename__ = "quiz_questions"

    id: int | None = Field(default=None, primary_key=True)
    quiz_id: int = Field(foreign_key="quizzes.id", index=True)
    position: int
    prompt: str
    choices: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answer_index: int
    explanation: str = Field(default="")
