"""Talks written straight into a test database (after `salon demo`), as the programme editor would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.accounts import save_class
from server.db import create_engine, create_session_factory
from server.models import SchoolClass, User
from server.timeutil import utcnow
from sessions.models import Talk, TalkRegistration
from sessions.service import save_talk
from stands.models import Event

DEMO_EVENT = "des-clics-des-metiers"


@asynccontextmanager
async def database(url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            yield db
    finally:
        await engine.dispose()


async def add_talk(
    url: str, title: str, starts_in: float, minutes: float = 30, *, classes: tuple[str, ...] = ()
) -> int:
    """A talk of the demo event starting `starts_in` seconds from now, with these classes (codes) registered.
    Its announced state is `upcoming`, as a new talk's."""
    starts = utcnow() + timedelta(seconds=starts_in)
    async with database(url) as db:
        event = (await db.exec(select(Event).where(Event.slug == DEMO_EVENT))).one()
        talk = await save_talk(db, event, title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes))
        for code in classes:
            class_id = (await db.exec(select(SchoolClass.id).where(SchoolClass.code == code))).one()
            db.add(TalkRegistration(talk_id=talk.id, class_id=class_id))  # type: ignore[arg-type]
        await db.commit()
        assert talk.id is not None
        return talk.id


async def add_class(url: str, code: str) -> None:
    """Another class of the demo teacher (its pupils join with `code`)."""
    async with database(url) as db:
        teacher = (await db.exec(select(User).where(User.email == "prof@demo.salon"))).one()
        await save_class(db, code=code, label=f"Classe {code}", school="Collège de test", teacher=teacher)
        await db.commit()


async def talk_row(url: str, talk_id: int) -> Talk:
    async with database(url) as db:
        talk = await db.get(Talk, talk_id)
        assert talk is not None
        return talk
