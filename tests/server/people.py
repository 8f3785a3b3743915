"""Accounts written straight into a live server's database for the tests of roles, the charte and return
codes: adults of any role (accepted the charte or not, minor ambassadors, staff of a stand), and edits of
existing users (a removed pupil, an older charte version)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlmodel import select

from server import conduct
from server.accounts import save_adult
from server.db import create_engine, create_session_factory
from server.models import User
from server.timeutil import utcnow
from stands.models import StandStaff

PASSWORD = "people-pass-42"


async def make_adult(
    database_url: str,
    role: str,
    *,
    accepted: bool,
    stand_id: int | None = None,
    is_minor: bool = False,
    name: str | None = None,
) -> str:
    """A new adult account (its e-mail); `accepted`: has accepted the current charte."""
    email = f"{role}-{uuid.uuid4().hex[:10]}@people.test"
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            user = await save_adult(db, email=email, password=PASSWORD, name=name or f"{role.title()} Test", role=role)
            user.is_minor = is_minor
            if accepted:
                user.conduct_version, user.conduct_accepted_at = conduct.VERSION, utcnow()
            db.add(user)
            await db.flush()
            if stand_id is not None:
                assert user.id is not None
                db.add(StandStaff(stand_id=stand_id, user_id=user.id))
            await db.commit()
    finally:
        await engine.dispose()
    return email


async def update_user(
    database_url: str, *, user_id: int | None = None, email: str | None = None, **fields: Any
) -> None:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            query = (
                select(User).where(User.id == user_id)
                if user_id is not None
                else select(User).where(User.email == email)
            )
            user = (await db.exec(query)).one()
            for key, value in fields.items():
                setattr(user, key, value)
            db.add(user)
            await db.commit()
    finally:
        await engine.dispose()


async def read_user(database_url: str, *, user_id: int | None = None, email: str | None = None) -> User:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            query = (
                select(User).where(User.id == user_id)
                if user_id is not None
                else select(User).where(User.email == email)
            )
            return (await db.exec(query)).one()
    finally:
        await engine.dispose()


async def login(base_url: str, email: str, password: str = PASSWORD) -> str:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": password})
        response.raise_for_status()
        return response.json()["token"]  # type: ignore[no-any-return]


async def fresh_stand(database_url: str, prefix: str) -> int:
    """A stand of a new event open now (tests/stands/stand_factory.py): the demo fair stays as other tests
    read it (its stands' staff, counts)."""
    from tests.stands.stand_factory import database, make_stand, open_event

    async with database(database_url) as db:
        event = await open_event(db, prefix)
        stand = await make_stand(db, event, f"Stand {prefix}")
        await db.commit()
        assert stand.id is not None
        return stand.id


async def fresh_talk(database_url: str, speaker_email: str) -> int:
    """A talk under way, without pre-moderation, in a new event of its own, spoken by `speaker_email`: the demo
    programme (its calendar, its registrations) stays as other tests read it."""
    from datetime import timedelta

    from sessions.models import TalkSpeaker
    from sessions.service import save_talk
    from tests.stands.stand_factory import database, open_event

    async with database(database_url) as db:
        event = await open_event(db, "talk")
        starts = utcnow().replace(microsecond=0) - timedelta(minutes=10)
        talk = await save_talk(
            db,
            event,
            title="Conférence de la charte",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            description="Une conférence écrite par les tests.",
            premoderated=False,
        )
        speaker = (await db.exec(select(User).where(User.email == speaker_email))).one()
        assert talk.id is not None and speaker.id is not None
        db.add(TalkSpeaker(talk_id=talk.id, user_id=speaker.id))
        await db.commit()
        return talk.id


async def fresh_teacher(database_url: str) -> User:
    email = f"teacher-{uuid.uuid4().hex[:10]}@people.test"
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            user = await save_adult(db, email=email, password=PASSWORD, name="Mme Test", role="teacher")
            await db.commit()
            await db.refresh(user)
            return user
    finally:
        await engine.dispose()
