"""Events and what a stand shows: job cards, offers, videos, staff."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
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
    created_at: datetime = timestamp(default_factory=utcnow)


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


class Video(SQLModel, table=True):
    __tablename__ = "videos"

    id: int | None = Field(default=None, primary_key=True)
    stand_id: int = Field(foreign_key="stands.id", index=True)
    title: str = Field(max_length=160)
    url: str = Field(max_length=300)
    transcript_url: str = Field(default="", max_length=300)


class StandStaff(SQLModel, table=True):
    """Who answers at a stand. One person may staff several stands."""

    __tablename__ = "stand_staff"

    stand_id: int = Field(foreign_key="stands.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)
