"""The programme's service on real databases: back-office edits refused with the clash named (nothing stored),
speakers limited to the description, class registrations with capacity, idempotent, and safe when two
teachers race for the last place (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from server.accounts import save_adult, save_class
from server.auth import load_principal
from server.db import create_engine, create_session_factory
from server.errors import DomainError
from server.migrate import upgrade
from server.models import Role
from server.timeutil import utcnow
from sessions import programme, service
from sessions.models import Talk, TalkRegistration, TalkSpeaker
from stands import service as fair
from stands.form_rules import FormInvalid
from tests.stands.stand_factory import database, make_stand, open_event


@dataclass
class World:
    url: str
    slug: str
    event_id: int
    stand_id: int
    organiser: object
    pro: object
    pro_id: int
    teachers: list
    classes: list[int]


async def make_world(url: str, teachers: int = 2) -> World:
    await asyncio.to_thread(upgrade, url)
    tag = uuid.uuid4().hex[:8]
    async with database(url) as db:
        event = await open_event(db, "prog")
        stand = await make_stand(db, event, f"Atelier {tag}")
        orga = await save_adult(db, email=f"orga-{tag}@t.salon", password="x" * 10, name="Orga", role=Role.ORGANISER)
        pro = await save_adult(
            db, email=f"pro-{tag}@t.salon", password="x" * 10, name="Camille Test", role=Role.PROFESSIONAL
        )
        await fair.add_staff(db, stand, pro)
        people, classes = [], []
        for n in range(teachers):
            teacher = await save_adult(
                db, email=f"prof{n}-{tag}@t.salon", password="x" * 10, name=f"Prof {n}", role=Role.TEACHER
            )
            school_class = await save_class(db, code=f"T{n}-{tag}".upper(), label=f"3e {n}", school="", teacher=teacher)
            people.append(teacher)
            classes.append(school_class.id)
        await db.commit()
        world = World(
            url,
            event.slug,
            event.id,
            stand.id,
            None,
            None,
            pro.id,
            [],
            classes,  # type: ignore[arg-type]
        )
        world.organiser = await load_principal(db, orga)
        world.pro = await load_principal(db, pro)
        world.teachers = [await load_principal(db, t) for t in people]
    return world


SLOTS = iter(range(1000))


def talk_fields(world: World, **changes):
    """Each talk in its own 40-minute slot (tests share one event), unless the test says when."""
    start = (utcnow() + timedelta(hours=1, minutes=40 * next(SLOTS))).replace(second=0, microsecond=0)
    return {
        "title": f"Conférence {uuid.uuid4().hex[:6]}",
        "starts_at": start,
        "ends_at": start + timedelta(minutes=30),
        "track": "Grand amphi",
        "speaker_ids": [world.pro_id],
        **changes,
    }


async def create(world: World, **changes) -> Talk:
    async with database(world.url) as db:
        return await service.create_talk(db, world.organiser, event_slug=world.slug, **talk_fields(world, **changes))


async def count_talks(world: World) -> int:
    async with database(world.url) as db:
        return len((await db.exec(select(Talk).where(Talk.event_id == world.event_id))).all())


@pytest.fixture(scope="module")
async def world(tmp_path_factory):
    return await make_world(f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('prog')}/salon.db")


async def test_an_organiser_creates_a_talk_with_its_room_and_speakers(world):
    talk = await create(world, stream_url="https://meet.jit.si/Essai", guest_speakers=["Léa, soudeuse"])
    async with database(world.url) as db:
        stored = await db.get(Talk, talk.id)
        assert stored.stream_provider == "jitsi" and stored.speakers == ["Léa, soudeuse"]
        assert await service.speaker_ids(db, talk.id) == [world.pro_id]
        assert stored.announced_state == "upcoming"


async def test_a_clash_is_refused_and_nothing_is_stored(world):
    first = await create(world)
    before = await count_talks(world)
    with pytest.raises(FormInvalid) as refused:
        await create(world, starts_at=first.starts_at + timedelta(minutes=10))
    assert set(refused.value.fields) == {"speaker_ids", "track"}
    assert f"Camille Test intervient déjà dans « {first.title} »" in refused.value.fields["speaker_ids"]
    assert f"La salle « Grand amphi » accueille déjà « {first.title} »" in refused.value.fields["track"]
    with pytest.raises(FormInvalid) as refused:
        await create(world, track="Salle B", speaker_ids=[], stream_url="https://vimeo.com/1")
    assert "vimeo.com" in refused.value.fields["stream_url"]
    assert await count_talks(world) == before


async def test_an_edit_that_clashes_is_refused_and_changes_nothing(world):
    first = await create(world)
    second = await create(world, track="Salle C", speaker_ids=[])
    async with database(world.url) as db:
        with pytest.raises(FormInvalid) as refused:
            await service.update_talk(db, world.organiser, second.id, track="grand amphi", starts_at=first.starts_at)
        assert "Grand amphi" in refused.value.fields["track"]
    async with database(world.url) as db:
        stored = await db.get(Talk, second.id)
        assert stored.track == "Salle C" and stored.starts_at == second.starts_at


async def test_a_speaker_edits_only_the_description(world):
    talk = await create(world)
    async with database(world.url) as db:
        await service.update_talk(db, world.pro, talk.id, description="Venez avec vos questions.")
    for changes in ({"title": "Autre titre"}, {"description": "x", "track": "Salle Z"}):
        async with database(world.url) as db:
            with pytest.raises(DomainError) as refused:
                await service.update_talk(db, world.pro, talk.id, **changes)
            assert refused.value.code == "forbidden"
    async with database(world.url) as db:
        stored = await db.get(Talk, talk.id)
        assert (stored.description, stored.title, stored.track) == ("Venez avec vos questions.", talk.title, talk.track)
        with pytest.raises(DomainError) as refused:
            await service.update_talk(db, world.teachers[0], talk.id, description="non")
        assert refused.value.code == "forbidden"
        with pytest.raises(DomainError) as refused:
            await service.delete_talk(db, world.pro, talk.id)
        assert refused.value.code == "forbidden"


async def test_speakers_are_staff_of_the_event(world):
    teacher_id = world.teachers[0].id
    with pytest.raises(FormInvalid) as refused:
        await create(world, speaker_ids=[teacher_id])
    assert "équipes des stands" in refused.value.fields["speaker_ids"]


async def test_delete_removes_the_talk_its_speakers_and_registrations(world):
    talk = await create(world, track="Salle D", speaker_ids=[])
    async with database(world.url) as db:
        await service.register_class(db, world.teachers[0], talk.id, world.classes[0])
    async with database(world.url) as db:
        await service.delete_talk(db, world.organiser, talk.id)
    async with database(world.url) as db:
        assert await db.get(Talk, talk.id) is None
        assert (await db.exec(select(TalkRegistration).where(TalkRegistration.talk_id == talk.id))).all() == []
        assert (await db.exec(select(TalkSpeaker).where(TalkSpeaker.talk_id == talk.id))).all() == []


async def test_registration_counts_classes_refuses_when_full_and_cancel_frees_a_place(world):
    talk = await create(world, track="Salle E", speaker_ids=[], capacity_classes=1)
    first, second = world.teachers
    async with database(world.url) as db:
        assert await service.register_class(db, first, talk.id, world.classes[0]) is True
        assert await service.register_class(db, first, talk.id, world.classes[0]) is False  # twice is fine
    async with database(world.url) as db:
        with pytest.raises(DomainError) as refused:
            await service.register_class(db, second, talk.id, world.classes[1])
        assert refused.value.code == "conflict"
        assert refused.value.message == f"« {talk.title} » est complète : sa 1 place est prise."
    async with database(world.url) as db:
        assert await service.cancel_registration(db, first, talk.id, world.classes[0]) is True
        assert await service.register_class(db, second, talk.id, world.classes[1]) is True
        assert await service.registered_count(db, talk.id) == 1


async def test_only_teachers_of_the_class_register_it_and_never_after_the_end(world):
    talk = await create(world, track="Salle F", speaker_ids=[])
    first, second = world.teachers
    async with database(world.url) as db:
        for who, class_id in ((world.pro, world.classes[0]), (second, world.classes[0]), (first, 2**31)):
            with pytest.raises(DomainError) as refused:
                await service.register_class(db, who, talk.id, class_id)
            assert refused.value.code == "forbidden"
        with pytest.raises(DomainError) as refused:
            await service.register_class(db, first, 2**40, world.classes[0])
        assert refused.value.code == "not_found"
    async with database(world.url) as db:
        stored = await db.get(Talk, talk.id)
        stored.starts_at, stored.ends_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1)
        db.add(stored)
        await db.commit()
    async with database(world.url) as db:
        with pytest.raises(DomainError) as refused:
            await service.register_class(db, first, talk.id, world.classes[0])
        assert refused.value.code == "closed" and "terminée" in refused.value.message
        assert await service.registered_count(db, talk.id) == 0


async def race_for_the_last_places(url: str) -> tuple[int, list[str]]:
    """Eight teachers, eight classes, three places: every teacher tries at once."""
    world = await make_world(url, teachers=8)
    talk = await create(world, track="Salle G", speaker_ids=[], capacity_classes=3)

    async def one(n: int) -> str:
        async with database(url) as db:
            try:
                await service.register_class(db, world.teachers[n], talk.id, world.classes[n])
            except DomainError as exc:
                return exc.code
            return "ok"

    outcomes = await asyncio.gather(*(one(n) for n in range(8)))
    async with database(url) as db:
        return await service.registered_count(db, talk.id), sorted(outcomes)


async def test_racing_teachers_never_overfill_a_talk_on_sqlite(tmp_path):
    count, outcomes = await race_for_the_last_places(f"sqlite+aiosqlite:///{tmp_path}/race.db")
    assert count == 3 and outcomes == ["conflict"] * 5 + ["ok"] * 3


@pytest.mark.postgres
async def test_racing_teachers_never_overfill_a_talk_on_postgresql(postgres_url):
    count, outcomes = await race_for_the_last_places(postgres_url)
    assert count == 3 and outcomes == ["conflict"] * 5 + ["ok"] * 3


async def test_reading_the_programme_takes_the_same_queries_for_one_talk_or_four(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/reads.db"
    world = await make_world(url, teachers=1)

    async def queries() -> int:
        engine = create_engine(url)
        statements: list[str] = []
        event.listen(engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        try:
            async with create_session_factory(engine)() as db:
                views = await programme.talk_views(db, utcnow(), event_id=world.event_id, class_ids=world.classes)
                assert all(v.speaker_accounts for v in views)
        finally:
            await engine.dispose()
        return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])

    await create(world, track="A")
    one = await queries()
    for track in ("B", "C", "D"):
        talk = await create(world, track=track)
        async with database(url) as db:
            await service.register_class(db, world.teachers[0], talk.id, world.classes[0])
    assert await queries() == one
