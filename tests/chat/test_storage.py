"""Message storage on SQLite and on PostgreSQL: gapless seq and idempotent client ids under concurrency."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import socketio
from alembic import command
from sqlmodel import func, select

from chat import service
from chat.models import Message
from chat.moderation import MuteBook
from chat.rooms import ChatDeps, RoomDirectory
from chat.store import open_store
from server.auth import Principal
from server.db import create_engine, create_session_factory
from server.errors import DomainError
from server.migrate import alembic_config, upgrade
from server.models import Role, User
from server.presence import MemoryPresence
from server.ratelimit import MemoryLimiter
from server.realtime import Hub
from server.timeutil import utcnow
from stands import service as fair
from tests.conftest import _create_database, _drop_database


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request, tmp_path_factory, postgres_admin_url) -> AsyncIterator[str]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('storage') / 'salon.db'}"
    else:
        url = await _create_database(postgres_admin_url)
    await asyncio.to_thread(upgrade, url)
    yield url
    if request.param == "postgres":
        await _drop_database(postgres_admin_url, url)


@pytest.fixture
async def world(database):
    """An open event with one stand and 20 pupils, and what the chat service needs."""
    engine = create_engine(database)
    try:
        world = await _populate(create_session_factory(engine), database)
        yield world
    finally:
        if "world" in locals():
            await world["deps"].store.close()
        await engine.dispose()


async def _populate(sessions, database):
    async with sessions() as db:
        event = await fair.save_event(
            db,
            slug="test",
            title="Test",
            starts_at=utcnow() - timedelta(hours=1),
            ends_at=utcnow() + timedelta(hours=1),
        )
        stand = await fair.save_stand(db, event, name="Stand", kind="company", sector="industrie")
        pupils = [User(role=Role.PUPIL, name=f"Élève {i}") for i in range(20)]
        db.add_all(pupils)
        await db.commit()
        principals = [Principal(id=p.id, name=p.name, role=p.role) for p in pupils]  # type: ignore[arg-type]
    return {
        "sessions": sessions,
        "room": f"stand:{stand.id}",
        "pupils": principals,
        "deps": ChatDeps(
            hub=Hub(socketio.AsyncServer(async_mode="asgi")),
            rooms=RoomDirectory(),
            limiter=MemoryLimiter(),
            presence=MemoryPresence(),
            mutes=MuteBook(),
            store=open_store(database),
        ),
    }


async def send(world, principal, text, client_id):
    async with world["sessions"]() as db:
        return await service.send_message(
            db, world["deps"], principal, room_name=world["room"], text=text, client_id=client_id
        )


async def test_concurrent_senders_get_gapless_unique_seqs(world):
    async def pupil_sends(principal):
        return [await send(world, principal, f"message {i}", f"{principal.id}-{i}") for i in range(5)]

    results = await asyncio.gather(*(pupil_sends(p) for p in world["pupils"]))
    seqs = sorted(m["seq"] for batch in results for m in batch)
    assert seqs == list(range(1, 101))
    async with world["sessions"]() as db:
        assert (await db.exec(select(func.count()).select_from(Message))).one() == 100


async def test_the_same_client_id_sent_concurrently_is_stored_once(world):
    principal = world["pupils"][0]
    results = await asyncio.gather(*(send(world, principal, "une seule fois", "same-id") for _ in range(10)))
    assert len({m["id"] for m in results}) == 1
    async with world["sessions"]() as db:
        assert (await db.exec(select(func.count()).select_from(Message))).one() == 1
        nxt = await send(world, principal, "suivant", "next-id")
    assert nxt["seq"] == 2


async def test_history_pages_and_replays(world):
    for i in range(60):  # spread over pupils: each has a send budget
        await send(world, world["pupils"][i % 20], f"m{i}", f"h-{i}")
    async with world["sessions"]() as db:
        room = await world["deps"].rooms.get(db, world["room"])
        last = await service.history(db, room, None, show_hidden=False)
        since = await service.history(db, room, 57, show_hidden=False)
    assert [m["seq"] for m in last["messages"]] == list(range(11, 61)) and last["last_seq"] == 60
    assert [m["text"] for m in since["messages"]] == ["m57", "m58", "m59"]


async def test_the_models_match_the_migrations(database):
    # `alembic check` fails when autogenerate would produce a new migration.
    await asyncio.to_thread(command.check, alembic_config(database))


async def test_writing_is_refused_once_the_event_is_closed_but_reading_goes_on(world):
    await send(world, world["pupils"][0], "avant la fermeture", "before-close")
    async with world["sessions"]() as db:
        event = await fair.event_by_slug(db, "test")
        event.ends_at = utcnow() - timedelta(minutes=1)
        db.add(event)
        await db.commit()
    world["deps"].rooms._cache.clear()  # the directory caches opening hours for 30 s
    with pytest.raises(DomainError) as refused:
        await send(world, world["pupils"][1], "après la fermeture", "after-close")
    assert refused.value.code == "closed"
    # A retry of a message stored before the close still gets its ack, and nothing new is stored.
    retried = await send(world, world["pupils"][0], "avant la fermeture", "before-close")
    assert retried["text"] == "avant la fermeture" and retried["seq"] == 1
    async with world["sessions"]() as db:
        room = await world["deps"].rooms.get(db, world["room"])
        assert [m["text"] for m in (await service.history(db, room, None, show_hidden=False))["messages"]] == [
            "avant la fermeture"
        ]


async def test_four_byte_emoji_and_scripts_are_stored_as_sent(world):
    text = "Super 🚀🧑‍🔧 مرحبا 你好 — « génial » ✅"
    stored = await send(world, world["pupils"][2], text, "emoji")
    async with world["sessions"]() as db:
        room = await world["deps"].rooms.get(db, world["room"])
        assert (await service.history(db, room, None, show_hidden=False))["messages"][-1]["text"] == stored["text"]
    assert stored["text"].startswith("Super 🚀🧑") and "你好" in stored["text"]


async def test_a_message_stored_in_one_trip_reads_back_identical_through_the_orm(world):
    # chat/store.py writes without the ORM: the row must be what the models read (text, flags, instant).
    sent = await send(world, world["pupils"][0], "Appelle-moi au 06 12 34 56 78", "one-trip")
    async with world["sessions"]() as db:
        room = await world["deps"].rooms.get(db, world["room"])
        page = await service.history(db, room, None, show_hidden=False)
    assert sent["redacted"] is True and "06 12" not in sent["text"]
    assert page["messages"] == [sent] and page["last_seq"] == 1
