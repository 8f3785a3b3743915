"""Everyone lands where their work is: after joining (and seeing their return code), a pupil in the hall of
the event open now (with ?bienvenue=1); after logging in, a professional in the console, an organiser or a
moderator in the back office, a teacher on the class page; a `next` always wins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from server.accounts import save_adult, save_class
from server.models import Role, SchoolClass, User
from server.timeutil import utcnow
from stands import service as fair
from stands.models import Event
from stands.visits import record_visit
from tests.stands.inprocess import BASE_URL, InProcessApp, migrated_sqlite, running_app

PASSWORD = "landing-pass"
CODE = "LAND-4B"


@pytest.fixture(scope="module")
async def app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[InProcessApp]:
    """A fresh database: no event at first; the accounts of every role and a class."""
    url = await migrated_sqlite(str(tmp_path_factory.mktemp("landing")))
    async with running_app(url) as running:
        async with running.services.sessions() as db:
            for email, role in [
                ("orga@land.test", Role.ORGANISER),
                ("pro@land.test", Role.PROFESSIONAL),
                ("cfa@land.test", Role.CFA),
                ("modo@land.test", Role.PROFESSIONAL),
                ("prof@land.test", Role.TEACHER),
            ]:
                user = await save_adult(db, email=email, password=PASSWORD, name=email, role=role)
                if email.startswith("modo"):
                    user.is_moderator = True
                    db.add(user)
                if role == Role.TEACHER:
                    await save_class(db, code=CODE, label="4e B", school="Collège", teacher=user)
            await db.commit()
        yield running


async def landing(app: InProcessApp, path: str, data: dict[str, str]) -> str:
    app.client.cookies.clear()
    response = await app.client.post(path, data=data, headers={"Origin": BASE_URL}, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    if path == "/join":  # a pupil first sees their return code once (/mon-code), then goes on to `suite`
        shown = urlsplit(location)
        assert shown.path == "/mon-code" and parse_qs(shown.query)["bienvenue"] == ["1"]
        return parse_qs(shown.query)["suite"][0]
    return location


async def add_event(app: InProcessApp, slug: str, *, open_now: bool) -> Event:
    now = utcnow()
    starts = now - timedelta(days=1) if open_now else now + timedelta(days=30)
    async with app.services.sessions() as db:
        event = Event(slug=slug, title=slug, starts_at=starts, ends_at=starts + timedelta(days=3))
        db.add(event)
        await db.commit()
        await db.refresh(event)
        return event


async def test_adults_land_where_their_work_is(app):
    login = "/login"
    assert await landing(app, login, {"email": "pro@land.test", "password": PASSWORD}) == "/console"
    assert await landing(app, login, {"email": "cfa@land.test", "password": PASSWORD}) == "/console"
    assert await landing(app, login, {"email": "orga@land.test", "password": PASSWORD}) == "/admin"
    assert await landing(app, login, {"email": "modo@land.test", "password": PASSWORD}) == "/admin"
    assert await landing(app, login, {"email": "prof@land.test", "password": PASSWORD}) == "/classe"
    wanted = {"email": "prof@land.test", "password": PASSWORD, "next": "/events/ailleurs"}
    assert await landing(app, login, wanted) == "/events/ailleurs"
    # Each landing page is one the account may open.
    for email, page in [("orga@land.test", "/admin"), ("modo@land.test", "/admin"), ("prof@land.test", "/classe")]:
        await landing(app, login, {"email": email, "password": PASSWORD})
        assert (await app.client.get(page)).status_code == 200, (email, page)


async def test_a_pupil_lands_in_the_hall_of_the_event_open_now(app):
    join = "/join"
    # No event open: the home page.
    await add_event(app, "plus-tard", open_now=False)
    assert await landing(app, join, {"class_code": CODE}) == "/?bienvenue=1"
    assert "Bienvenue, " in (await app.client.get("/?bienvenue=1")).text

    # Exactly one open: its hall, with the welcome.
    first = await add_event(app, "ouvert-un", open_now=True)
    assert await landing(app, join, {"class_code": CODE}) == "/events/ouvert-un?bienvenue=1"
    hall = await app.client.get("/events/ouvert-un?bienvenue=1")
    assert hall.status_code == 200 and "Bienvenue, " in hall.text and "votre pseudonyme" in hall.text
    assert "Bienvenue, " not in (await app.client.get("/events/ouvert-un")).text

    # A `next` always wins.
    assert await landing(app, join, {"class_code": CODE, "next": "/stands/1"}) == "/stands/1"

    # Two open: the home page, unless the class has visited stands of exactly one of them.
    second = await add_event(app, "ouvert-deux", open_now=True)
    assert await landing(app, join, {"class_code": CODE}) == "/?bienvenue=1"
    async with app.services.sessions() as db:
        stand = await fair.save_stand(db, second, name="Stand visité", kind="company", sector="industrie")
        await db.commit()
        class_id = (await db.exec(select(SchoolClass.id).where(SchoolClass.code == CODE))).one()
        await record_visit(db, stand.id, class_id)
    assert await landing(app, join, {"class_code": CODE}) == "/events/ouvert-deux?bienvenue=1"

    # Visits of another class do not count for this one.
    async with app.services.sessions() as db:
        other = await fair.save_stand(db, first, name="Stand d'une autre classe", kind="company", sector="industrie")
        await db.commit()
        await record_visit(db, other.id, class_id + 1000)
        pupils = (await db.exec(select(User).where(User.role == Role.PUPIL))).all()
    assert await landing(app, join, {"class_code": CODE}) == "/events/ouvert-deux?bienvenue=1"
    assert len(pupils) >= 5  # each join above made a pupil
