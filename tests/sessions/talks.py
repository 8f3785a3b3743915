"""Talks for the Q&A tests, written straight into a test database after `salon demo` (the demo's own talks
are not relied upon): `sessions.service.save_talk`, a `TalkSpeaker` for pro@demo.salon, times around now."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import select

from server.db import create_engine, create_session_factory
from server.models import User
from server.timeutil import utcnow
from sessions.models import Talk, TalkSpeaker
from sessions.service import save_talk
from stands.models import Event

SPEAKER = "pro@demo.salon"


async def make_talk(
    database_url: str,
    *,
    starts_in: timedelta = timedelta(minutes=-10),
    lasts: timedelta = timedelta(hours=1),
    premoderated: bool = True,
    speaker: str | None = SPEAKER,
    title: str | None = None,
    **fields: object,
) -> int:
    """A talk of "Des clics, des métiers" starting `starts_in` from now (negative: under way); its id."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            event = (await db.exec(select(Event).where(Event.slug == "des-clics-des-metiers"))).one()
            starts = utcnow() + starts_in
            talk = await save_talk(
                db,
                event,
                title=title or f"Conférence de test {uuid.uuid4().hex[:8]}",
                starts_at=starts,
                ends_at=starts + lasts,
                description="Une conférence écrite par les tests.",
                premoderated=premoderated,
                **fields,
            )
            assert talk.id is not None
            if speaker:
                user = (await db.exec(select(User).where(User.email == speaker))).one()
                db.add(TalkSpeaker(talk_id=talk.id, user_id=user.id))  # type: ignore[arg-type]
            await db.commit()
            return talk.id
    finally:
        await engine.dispose()


async def count_rows(database_url: str, model: type, **where: object) -> int:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            query = select(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return len((await db.exec(query)).all())
    finally:
        await engine.dispose()


async def talk_row(database_url: str, talk_id: int) -> Talk:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as db:
            talk = await db.get(Talk, talk_id)
            assert talk is not None
            return talk
    finally:
        await engine.dispose()
