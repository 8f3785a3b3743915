"""Accounts: people who log in (staff, teachers, organisers), pupils, classes and tokens."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from server.timeutil import utcnow

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every database.

    SQLite has no time zones: it would store the wall-clock time of whatever offset it was given
    (Paris midnight became "00:00" and read back as UTC). Converting to UTC before binding makes
    both databases store the same instant.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def timestamp(**kwargs) -> Field:  # type: ignore[valid-type]
    """A timezone-aware column: one instant, stored in UTC on SQLite and PostgreSQL alike."""
    nullable = kwargs.pop("nullable", False)
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable), **kwargs)


class Role(StrEnum):
    PUPIL = "pupil"
    TEACHER = "teacher"
    PROFESSIONAL = "professional"
    CFA = "cfa"
    ORGANISER = "organiser"
    # Psy-EN, CIO and the region's guidance advisers, who staff an "advisers' desk" stand.
    COUNSELLOR = "counsellor"
    # Apprentices and students answering their peers ("Rencontre un apprenti"); may be minors (`User.is_minor`).
    AMBASSADOR = "ambassador"


ADULT_ROLES = frozenset({Role.TEACHER, Role.PROFESSIONAL, Role.CFA, Role.ORGANISER, Role.COUNSELLOR, Role.AMBASSADOR})
# Roles that answer at stands (their stands are rows of `stand_staff`).
STAFF_ROLES = frozenset({Role.PROFESSIONAL, Role.CFA, Role.COUNSELLOR, Role.AMBASSADOR})


class User(SQLModel, table=True):
    """Anyone with a token. Pupils have a pseudonym and a class, never an e-mail or a password."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(max_length=20, index=True)
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=254, unique=True)
    password_hash: str | None = Field(default=None, max_length=200)
    class_id: int | None = Field(default=None, foreign_key="classes.id", index=True)
    is_moderator: bool = Field(default=False)
    created_at: datetime = timestamp(default_factory=utcnow)
    # Adults who answer pupils accept the code of conduct (its version and when) before their first answer.
    conduct_version: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    conduct_accepted_at: datetime | None = timestamp(default=None, nullable=True)
    # An ambassador under 18: their chats follow the pupils' rules for contact details.
    is_minor: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # Pupils: the keyed hash of their return code (a few French words that bring the same pupil back).
    return_code_hash: str | None = Field(default=None, max_length=64, unique=True)
    # Pupils of a class that approves joins wait (False) until a teacher admits them.
    admitted: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    # A pupil a teacher removed: tokens revoked, return code refused, messages kept for moderation.
    removed_at: datetime | None = timestamp(default=None, nullable=True)


class SchoolClass(SQLModel, table=True):
    """A class a teacher brings to the fair; pupils join it with its code."""

    __tablename__ = "classes"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    label: str = Field(max_length=80)
    school: str = Field(default="", max_length=160)
    created_at: datetime = timestamp(default_factory=utcnow)
    level: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})  # 4e … terminale, CAP, BTS
    uai: str = Field(default="", max_length=8, sa_column_kwargs={"server_default": ""})  # the school's UAI number
    department: str = Field(default="", max_length=3, sa_column_kwargs={"server_default": ""})
    # The event the class is made for; its code stops working at `code_expires_at` (that event's end).
    event_id: int | None = Field(default=None, foreign_key="events.id")
    code_expires_at: datetime | None = timestamp(default=None, nullable=True)
    approve_joins: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class ClassTeacher(SQLModel, table=True):
    """Teachers who bring a class (and see what its pupils write); a class may have several."""

    __tablename__ = "class_teachers"

    class_id: int = Field(foreign_key="classes.id", primary_key=True)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)


class AuthToken(SQLModel, table=True):
    """Server-side record of an issued token: deleting or revoking it logs the holder out."""

    __tablename__ = "auth_tokens"

    id: str = Field(primary_key=True, max_length=43)
    user_id: int = Field(foreign_key="users.id", index=True)
    created_at: datetime = timestamp(default_factory=utcnow)
    revoked_at: datetime | None = timestamp(default=None, nullable=True)


class AuditEntry(SQLModel, table=True):
    """Who did what to whom, when: every moderation action, kept for the organisers."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    action: str = Field(max_length=40)
    target: str = Field(max_length=60)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = timestamp(default_factory=utcnow)


class AccountToken(SQLModel, table=True):
    """A one-use link sent by e-mail: a teacher's sign-up confirmation (`signup`), a password reset
    (`reset`) or an organiser's invitation of a teacher or another adult (`invite`). Only the hash is kept."""

    __tablename__ = "account_tokens"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=12)
    email: str = Field(max_length=254, index=True)
    name: str = Field(default="", max_length=120)
    role: str = Field(default="", max_length=20)
    stand_id: int | None = Field(default=None, foreign_key="stands.id")
    is_minor: bool = Field(default=False)
    invited_by: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    expires_at: datetime = timestamp()
    used_at: datetime | None = timestamp(default=None, nullable=True)
