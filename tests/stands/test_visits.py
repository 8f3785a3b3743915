"""Visit counts: one per browser session, stand and day; per class for pupils; organisers read totals."""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import date

import httpx
import pytest
from sqlmodel import select

from server.accounts import save_class
from server.migrate import upgrade
from server.models import User
from stands.visits import (
    MAX_REMEMBERED,
    NO_CLASS,
    record_visit,
    remember_visit,
    visit_class,
    visits_by_class,
    visits_by_stand,
)
from tests.live import ServerProcess
from tests.stands.stand_factory import database, make_stand, open_event


@pytest.fixture(scope="module")
async def fair(server: ServerProcess, sqlite_url: str) -> dict[str, object]:
    """An event of its own (counts start at zero) and a second class besides DEMO-3E."""
    code = f"VISITE-{uuid.uuid4().hex[:6].upper()}"
    async with database(sqlite_url) as db:
        event = await open_event(db, "visites")
        forge = await make_stand(db, event, "Forge des visites")
        garage = await make_stand(db, event, "Garage des visites")
        again = await make_stand(db, event, "Stand des revenants")
        teacher = (await db.exec(select(User).where(User.email == "prof@demo.salon"))).one()
        other = await save_class(db, code=code, label="4e C (essai)", school="Collège du Val (essai)", teacher=teacher)
        await db.commit()
        return {
            "slug": event.slug,
            "event_id": event.id,
            "forge": forge.id,
            "garage": garage.id,
            "again": again.id,
            "code": code,
            "class_id": other.id,
        }


@asynccontextmanager
async def client_for(
    server: ServerProcess, *, class_code: str | None = None, email: str | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser of its own (cookie jar): a pupil of `class_code`, an adult, or neither."""
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        if class_code:
            (await client.post("/api/auth/class", json={"class_code": class_code})).raise_for_status()
        if email:
            (await client.post("/api/auth/login", json={"email": email, "password": "demo-salon"})).raise_for_status()
        yield client


async def visit(client: httpx.AsyncClient, *stand_ids: object) -> None:
    for stand_id in stand_ids:
        assert (await client.get(f"/stands/{stand_id}")).status_code == 200


async def test_visits_count_per_class_and_per_stand(server, fair, sqlite_url):
    async with AsyncExitStack() as stack:
        first, second, other, stranger = [
            await stack.enter_async_context(client_for(server, class_code="DEMO-3E")),
            await stack.enter_async_context(client_for(server, class_code="DEMO-3E")),
            await stack.enter_async_context(client_for(server, class_code=fair["code"])),
            await stack.enter_async_context(client_for(server)),  # a visitor who did not join
        ]
        await visit(first, fair["forge"], fair["garage"])
        await visit(second, fair["forge"])
        await visit(other, fair["forge"])
        await visit(stranger, fair["garage"])

    async with database(sqlite_url) as db:
        by_stand = {s.stand_id: (s.pupils, s.others, s.total) for s in await visits_by_stand(db, fair["event_id"])}
        by_class = {c.class_id: (c.label, c.visits, c.stands) for c in await visits_by_class(db, fair["event_id"])}
    assert by_stand[fair["forge"]] == (3, 0, 3) and by_stand[fair["garage"]] == (1, 1, 2)
    assert by_class[fair["class_id"]] == ("4e C (essai)", 1, 1)
    assert by_class[NO_CLASS] == ("", 1, 1)
    demo_class = next(c for c in by_class if c not in (fair["class_id"], NO_CLASS))
    assert by_class[demo_class][1:] == (3, 2)

    async with client_for(server, email="orga@demo.salon") as organiser:
        page = await organiser.get(f"/admin/events/{fair['slug']}/visits")
        exported = await organiser.get(f"/admin/events/{fair['slug']}/visits.csv")
    assert page.status_code == 200
    assert '<th scope="row"><a href="/stands/{}">Forge des visites</a></th>'.format(fair["forge"]) in page.text
    assert "4e C (essai)" in page.text and "Collège du Val (essai)" in page.text
    assert exported.status_code == 200 and exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert exported.headers["content-disposition"] == f'attachment; filename="visites-{fair["slug"]}.csv"'
    assert exported.text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Stand", "Classe", "Établissement", "Visites"]
    counts = {(stand, label): int(n) for stand, label, _school, n in rows[1:]}
    assert counts[("Forge des visites", "4e C (essai)")] == 1
    assert counts[("Garage des visites", "Visiteurs sans classe (adultes, visiteurs non connectés)")] == 1
    assert sum(counts.values()) == 5


async def test_visits_same_session_twice_in_a_day_counts_once(server, fair, sqlite_url):
    async with client_for(server, class_code="DEMO-3E") as pupil:
        await visit(pupil, fair["again"], fair["again"], fair["again"])
    async with client_for(server, email="prof@demo.salon") as teacher:
        await visit(teacher, fair["again"], fair["again"])
    async with database(sqlite_url) as db:
        again = next(s for s in await visits_by_stand(db, fair["event_id"]) if s.stand_id == fair["again"])
    assert (again.pupils, again.others) == (1, 1)  # the teacher counts without a class


async def test_visits_pages_are_for_organisers_only(server, fair):
    paths = [f"/admin/events/{fair['slug']}/visits", f"/admin/events/{fair['slug']}/visits.csv"]
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        for path in paths:
            response = await anonymous.get(path)
            assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
        html = await anonymous.get(paths[0], headers={"Accept": "text/html"})
        assert html.status_code == 401 and "Connexion nécessaire" in html.text
    for who in ({"class_code": "DEMO-3E"}, {"email": "pro@demo.salon"}, {"email": "prof@demo.salon"}):
        async with client_for(server, **who) as person:
            for path in paths:
                response = await person.get(path, headers={"Accept": "application/json"})
                assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden", who
    async with client_for(server, email="orga@demo.salon") as organiser:
        assert (await organiser.get("/admin/events/nope/visits")).status_code == 404
        page = await organiser.get(paths[0])
        assert page.status_code == 200 and page.headers["cache-control"] == "private, no-store"


def test_visit_memory_counts_each_stand_once_a_day():
    day = date(2026, 11, 23)
    memory, counts = remember_visit(None, 4, day)
    assert counts and memory == {"day": "2026-11-23", "stands": [4]}
    memory, counts = remember_visit(memory, 4, day)
    assert not counts
    memory, counts = remember_visit(memory, 4, date(2026, 11, 24))  # a new day counts again
    assert counts and memory == {"day": "2026-11-24", "stands": [4]}
    assert remember_visit({"day": "2026-11-24", "stands": ["4", True, None]}, 4, date(2026, 11, 24))[1]
    assert remember_visit("rubbish", 4, day)[1]


def test_visit_memory_is_capped():
    day = date(2026, 11, 23)
    memory: dict[str, object] | None = None
    for stand_id in range(MAX_REMEMBERED + 50):
        memory, _ = remember_visit(memory, stand_id, day)
    assert memory is not None and len(memory["stands"]) == MAX_REMEMBERED  # type: ignore[arg-type]
    assert memory["stands"][-1] == MAX_REMEMBERED + 49  # type: ignore[index]


def test_only_pupils_count_for_a_class():
    assert visit_class("pupil", 7) == 7
    assert visit_class("teacher", 7) == NO_CLASS
    assert visit_class(None, None) == NO_CLASS
    assert visit_class("pupil", None) == NO_CLASS


async def _concurrent_visits(url: str) -> tuple[int, int]:
    await asyncio.to_thread(upgrade, url)
    async with database(url) as db:
        event = await open_event(db, "visites-upsert")
        stand = await make_stand(db, event, "Stand compté")
        await db.commit()
        stand_id, event_id = stand.id, event.id

    async def one(class_id: int) -> None:
        async with database(url) as db:
            await record_visit(db, stand_id, class_id, date(2026, 11, 23))

    await asyncio.gather(*(one(class_id) for class_id in (0, 0, 0, 5, 5)))
    async with database(url) as db:
        (row,) = [s for s in await visits_by_stand(db, event_id) if s.stand_id == stand_id]
    return row.pupils, row.others


async def test_record_visit_upserts_on_sqlite(tmp_path):
    assert await _concurrent_visits(f"sqlite+aiosqlite:///{tmp_path}/visits.db") == (2, 3)


@pytest.mark.postgres
async def test_record_visit_upserts_on_postgresql(postgres_url):
    assert await _concurrent_visits(postgres_url) == (2, 3)
