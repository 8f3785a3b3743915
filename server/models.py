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


ADULT_ROLES = frozenset({Role.TEACHER, Role.PROFESSIONAL, Role.CFA, Role.ORGANISER})
STAFF_ROLES = frozenset({Role.PROFESSIONAL, Role.CFA})


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


class SchoolClass(SQLModel, table=True):
    """A class a teacher brings to the fair; pupils join it with its code."""

    __tablename__ = "classes"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    label: str = Field(max_length=80)
    school: str = Field(default="", max_length=160)
    created_at: datetime = timestamp(default_factory=utcnow)


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
