"""Talks written straight into a test database after `salon demo`, as the programme editor would (the demo's
own talks are not relied upon): `sessions.service.save_talk`, speakers, registered classes, times around now."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.accounts import save_class
from server.db import create_engine, create_session_factory
from server.models import SchoolClass, User
from server.timeutil import utcnow
from sessions.models import Talk, TalkRegistration, TalkSpeaker
from sessions.service import save_talk
from stands.models import Event

SPEAKER = "pro@demo.salon"
DEMO_EVENT = "des-clics-des-metiers"


@asynccontextmanager
async def database(url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            yield db
    finally:
        await engine.dispose()


async def make_talk(
    database_url: str,
    *,
    starts_in: timedelta = timedelta(minutes=-10),
    lasts: timedelta = timedelta(hours=1),
    premoderated: bool = True,
    speaker: str | None = SPEAKER,
    title: str | None = None,
    classes: tuple[str, ...] = (),
    **fields: object,
) -> int:
    """A talk of "Des clics, des métiers" starting `starts_in` from now (negative: under way), given by `speaker`,
    with these classes (codes) registered; its id. Its announced state is `upcoming`, as a new talk's."""
    async with database(database_url) as db:
        event = (await db.exec(select(Event).where(Event.slug == DEMO_EVENT))).one()
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
        for code in classes:
            class_id = (await db.exec(select(SchoolClass.id).where(SchoolClass.code == code))).one()
            db.add(TalkRegistration(talk_id=talk.id, class_id=class_id))  # type: ignore[arg-type]
        await db.commit()
        return talk.id


async def add_talk(
    url: str, title: str, starts_in: float, minutes: float = 30, *, classes: tuple[str, ...] = ()
) -> int:
    """A talk without speakers starting `starts_in` seconds from now (the scheduler's tests)."""
    return await make_talk(
        url,
        title=title,
        starts_in=timedelta(seconds=starts_in),
        lasts=timedelta(minutes=minutes),
        speaker=None,
        classes=classes,
    )


async def add_class(url: str, code: str) -> None:
    """Another class of the demo teacher (its pupils join with `code`)."""
    async with database(url) as db:
        teacher = (await db.exec(select(User).where(User.email == "prof@demo.salon"))).one()
        await save_class(db, code=code, label=f"Classe {code}", school="Collège de test", teacher=teacher)
        await db.commit()


async def count_rows(database_url: str, model: type, **where: object) -> int:
    async with database(database_url) as db:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return len((await db.exec(query)).all())


async def talk_row(database_url: str, talk_id: int) -> Talk:
    async with database(database_url) as db:
        talk = await db.get(Talk, talk_id)
        assert talk is not None
        return talk
