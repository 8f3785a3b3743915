"""Talks, CFA Q&A rooms grouped by trade cluster, and quizzes with their questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.models import timestamp
from server.timeutil import utcnow


class Talk(SQLModel, table=True):
    """A scheduled talk ("conférence", "e-atelier", "Rencontre un pro") with its live room `talk:<id>`."""

    __tablename__ = "talks"
    __table_args__ = (UniqueConstraint("event_id", "title", name="uq_talks_event_title"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    title: str = Field(max_length=160)
    description: str = Field(default="")
    # Guest speakers without an account, by name ("Léa Vautier, soudeuse"); speakers with an account are
    # rows of `talk_speakers`. The API's `speakers` lists both, accounts first.
    speakers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    starts_at: datetime = timestamp()
    ends_at: datetime = timestamp()
    track: str = Field(default="", max_length=80, sa_column_kwargs={"server_default": ""})  # the "salle"
    audience: str = Field(default="all", max_length=12, sa_column_kwargs={"server_default": "all"})
    capacity_classes: int | None = Field(default=None)  # None: no limit
    # A PeerTube / YouTube (nocookie) / Dailymotion live or replay, played after a click, or a
    # BigBlueButton / Jitsi room opened as a link; `stream_provider` is what stands.videos-like rules found.
    stream_url: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    stream_provider: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    replay_url: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})
    # Questions wait for a speaker or moderator before the audience sees them (switchable per talk).
    premoderated: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    # The last state the scheduler announced (upcoming, live, ended) and when it sent the 5-minute reminder:
    # compare-and-set on these columns is what makes each announcement happen once, whichever worker leads.
    announced_state: str = Field(default="upcoming", max_length=10, sa_column_kwargs={"server_default": "upcoming"})
    reminded_at: datetime | None = timestamp(default=None, nullable=True)


class TalkSpeaker(SQLModel, table=True):
    """A speaker with an account (staff of a stand, a counsellor...): may edit the talk's description and
    moderate its questions."""

    __tablename__ = "talk_speakers"

    talk_id: int = Field(foreign_key="talks.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)


class TalkRegistration(SQLModel, table=True):
    """A class registered to a talk by one of its teachers; a talk's capacity counts these rows."""

    __tablename__ = "talk_registrations"

    talk_id: int = Field(foreign_key="talks.id", primary_key=True)
    class_id: int = Field(foreign_key="classes.id", primary_key=True, index=True)
    registered_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class Question(SQLModel, table=True):
    """A question asked in a talk's live Q&A (`talk:<id>`) or in a CFA Q&A room (`qa:<id>`): one model
    for both. `votes` is the count of `question_votes` rows, kept in the vote's transaction."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("author_id", "client_id", name="uq_questions_author_client"),)

    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="rooms.id", index=True)
    author_id: int = Field(foreign_key="users.id", index=True)
    client_id: str = Field(max_length=64)
    text: str
    redacted: bool = Field(default=False)
    status: str = Field(default="pending", max_length=10)  # pending, approved, rejected
    pinned: bool = Field(default=False)
    answered: bool = Field(default=False)
    votes: int = Field(default=0)
    created_at: datetime = timestamp(default_factory=utcnow)
    moderated_at: datetime | None = timestamp(default=None, nullable=True)
    answered_at: datetime | None = timestamp(default=None, nullable=True)
    # CFA rooms: a staff member claims a question so that colleagues of other CFAs do not answer it twice (the
    # claim lapses 30 minutes after `claimed_at` without an answer); `resolved` once the asker's need is met.
    claimed_by: int | None = Field(default=None, foreign_key="users.id")
    claimed_at: datetime | None = timestamp(default=None, nullable=True)
    resolved: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The question and its answers folded (lower case, no accents) for the FAQ's search fallback on SQLite.
    search_text: str = Field(default="", sa_column_kwargs={"server_default": ""})


class QuestionVote(SQLModel, table=True):
    """One upvote ("moi aussi" in a CFA room) per person and question."""

    __tablename__ = "question_votes"

    question_id: int = Field(foreign_key="questions.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
    created_at: datetime = timestamp(default_factory=utcnow)


class QuestionAnswer(SQLModel, table=True):
    """A written answer by a speaker, the room's staff or a moderator."""

    __tablename__ = "question_answers"
    __table_args__ = (UniqueConstraint("author_id", "client_id", name="uq_question_answers_author_client"),)

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="questions.id", index=True)
    author_id: int = Field(foreign_key="users.id", index=True)
    client_id: str = Field(max_length=64)
    text: str
    redacted: bool = Field(default=False)
    created_at: datetime = timestamp(default_factory=utcnow)
    # CFA rooms: the CFA the answer is signed with; an edited answer keeps its earlier texts as revisions.
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    updated_at: datetime | None = timestamp(default=None, nullable=True)


class QuestionAnswerRevision(SQLModel, table=True):
    """An answer's text before an edit (the history of `question_answers.text`)."""

    __tablename__ = "question_answer_revisions"

    id: int | None = Field(default=None, primary_key=True)
    answer_id: int = Field(foreign_key="question_answers.id", index=True)
    text: str
    edited_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class QARoomVisit(SQLModel, table=True):
    """When a person last looked at a CFA room: answers given since then are "nouvelle réponse"."""

    __tablename__ = "qa_room_visits"

    room_id: int = Field(foreign_key="rooms.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
    seen_at: datetime = timestamp(default_factory=utcnow)


class QARoom(SQLModel, table=True):
    """A CFA question-and-answer room for one trade cluster (e.g. "Bâtiment et travaux publics")."""

    __tablename__ = "qa_rooms"
    __table_args__ = (UniqueConstraint("event_id", "cluster", name="uq_qa_rooms_event_cluster"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    title: str = Field(max_length=160)
    cluster: str = Field(max_length=80)
    description: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The trades of the cluster: [{"rome": "F1703", "label": "Maçon·ne"}, ...]
    trades: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )


class QARoomCFA(SQLModel, table=True):
    __tablename__ = "qa_room_cfas"

    qa_room_id: int = Field(foreign_key="qa_rooms.id", primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", primary_key=True)


class OpenDay(SQLModel, table=True):
    """A CFA's open day ("portes ouvertes"): on site (place and address) or online (url)."""

    __tablename__ = "open_days"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    starts_at: datetime = timestamp()
    ends_at: datetime = timestamp()
    place: str = Field(default="", max_length=160)
    address: str = Field(default="", max_length=300)
    url: str = Field(default="", max_length=300)
    trades: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # ROME codes
    created_at: datetime = timestamp(default_factory=utcnow)


class QADigest(SQLModel, table=True):
    """When a CFA was last sent the digest of its rooms' questions waiting for more than a day."""

    __tablename__ = "qa_digests"

    stand_id: int = Field(foreign_key="stands.id", primary_key=True)
    last_sent_at: datetime = timestamp()


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
