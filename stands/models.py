"""Events and what a stand shows: job cards, offers, videos, staff."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from server.models import timestamp
from server.timeutil import utcnow


class StandKind(StrEnum):
    COMPANY = "company"
    CFA = "cfa"
    SCHOOL = "school"
    BRANCH = "branch"
    INSTITUTION = "institution"


class Event(SQLModel, table=True):
    __tablename__ = "events"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    title: str = Field(max_length=160)
    description: str = Field(default="")
    region: str = Field(default="", max_length=80)
    starts_at: datetime = timestamp()
    ends_at: datetime = timestamp()
    # Daily opening hours in Europe/Paris; None on both means open all day between starts_at and ends_at.
    opens_daily_at: time | None = None
    closes_daily_at: time | None = None
    # The event's look, set by organisers: a primary colour ("#rrggbb", checked for AA contrast; "" for
    # Salon's own), a logo and a wide banner (media rows).
    theme_color: str = Field(default="", max_length=7)
    logo_id: int | None = Field(default=None, foreign_key="media.id")
    banner_id: int | None = Field(default=None, foreign_key="media.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class Stand(SQLModel, table=True):
    __tablename__ = "stands"
    __table_args__ = (UniqueConstraint("event_id", "name", name="uq_stands_event_name"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    name: str = Field(max_length=160)
    kind: str = Field(max_length=20)
    sector: str = Field(max_length=40, index=True)
    department: str = Field(default="", max_length=3)
    city: str = Field(default="", max_length=80)
    description: str = Field(default="")
    website: str = Field(default="", max_length=300)
    logo_id: int | None = Field(default=None, foreign_key="media.id")
    banner_id: int | None = Field(default=None, foreign_key="media.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    updated_at: datetime = timestamp(default_factory=utcnow)


class JobCard(SQLModel, table=True):
    """A "fiche métier": what the job is and how pupils get there."""

    __tablename__ = "job_cards"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    title: str = Field(max_length=160)
    rome_code: str = Field(default="", max_length=5, index=True)
    missions: str = Field(default="")
    skills: str = Field(default="")
    training: str = Field(default="")
    conditions: str = Field(default="")
    salary: str = Field(default="", max_length=300)


class Offer(SQLModel, table=True):
    """Internships (stage de 3e, de seconde), apprenticeships and work-study places."""

    __tablename__ = "offers"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    kind: str = Field(max_length=30)
    title: str = Field(max_length=160)
    description: str = Field(default="")
    place: str = Field(default="", max_length=160)
    starts_on: date | None = None
    ends_on: date | None = None
    how_to_apply: str = Field(default="")


class Video(SQLModel, table=True):
    __tablename__ = "videos"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    title: str = Field(max_length=160)
    url: str = Field(max_length=300)
    provider: str = Field(default="", max_length=20)
    transcript_url: str = Field(default="", max_length=300)
    # A poster image shown before the click (media row); None: a neutral poster, never the host's thumbnail.
    poster_id: int | None = Field(default=None, foreign_key="media.id")


class StandStaff(SQLModel, table=True):
    """Who answers at a stand. One person may staff several stands."""

    __tablename__ = "stand_staff"

    stand_id: int = Field(foreign_key="stands.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
    # The stand's lead may invite colleagues, counsellors and ambassadors to it.
    is_lead: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Media(SQLModel, table=True):
    """An uploaded file (resized logo, PDF document), kept in the database so every host can serve it."""

    __tablename__ = "media"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, unique=True)
    content_type: str = Field(max_length=60)
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = timestamp(default_factory=utcnow)


class Document(SQLModel, table=True):
    """A PDF a stand offers to download."""

    __tablename__ = "documents"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    title: str = Field(max_length=160)
    media_id: int = Field(foreign_key="media.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class StandHours(SQLModel, table=True):
    """A staffed slot ("permanence"): someone answers the stand's chat between these times."""

    __tablename__ = "stand_hours"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    starts_at: datetime = timestamp()
    ends_at: datetime = timestamp()


class StandVisit(SQLModel, table=True):
    """Aggregate visit counts per stand, class and day; class_id 0 counts visitors without a class."""

    __tablename__ = "stand_visits"

    stand_id: int = Field(foreign_key="stands.id", primary_key=True)
    class_id: int = Field(default=0, primary_key=True)
    day: date = Field(primary_key=True)
    visits: int = Field(default=0)


class StaffInvitation(SQLModel, table=True):
    """An e-mailed link that lets someone join a stand's staff; only the token's hash is stored."""

    __tablename__ = "staff_invitations"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    email: str = Field(max_length=254, index=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    invited_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    expires_at: datetime = timestamp()
    # The role of the account it creates ("" : the stand's usual one, cfa or professional) and whether the
    # person is a minor (ambassadors).
    role: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    is_minor: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    accepted_at: datetime | None = timestamp(default=None, nullable=True)


class ImportJob(SQLModel, table=True):
    """A CSV import run: progress while it runs, the row-by-row report once it ends."""

    __tablename__ = "import_jobs"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    filename: str = Field(default="", max_length=200)
    dry_run: bool = Field(default=False)
    status: str = Field(default="running", max_length=20)  # running, done, failed
    total_rows: int = Field(default=0)
    done_rows: int = Field(default=0)
    report: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    finished_at: datetime | None = timestamp(default=None, nullable=True)
