"""The adults' way in on PostgreSQL (in process): sign-up, confirmation, reset (which revokes sessions with one
UPDATE) and the organisers' people page, whose queries differ most from SQLite's."""

from __future__ import annotations

import asyncio
import re
import uuid

from server import mailer
from server.accounts import save_adult
from server.migrate import upgrade
from tests.server.accounts_helpers import STRONG
from tests.stands.inprocess import BASE_URL, running_app


def last_link(to: str, path: str) -> str:
    body = next(mail.body for mail in reversed(mailer.RECENT) if mail.to == to)
    match = re.search(rf"({re.escape(path)}\?token=[A-Za-z0-9_-]+)", body)
    assert match, body
    return match.group(1)


async def test_sign_up_reset_and_people_page_on_postgres(postgres_url: str):
    await asyncio.to_thread(upgrade, postgres_url)
    email, organiser = f"pg.{uuid.uuid4().hex[:8]}@ac-nantes.fr", f"orga.{uuid.uuid4().hex[:8]}@example.org"
    async with running_app(postgres_url) as running:
        async with running.services.sessions() as db:
            await save_adult(db, email=organiser, password="organisation-pg", name="Orga PG", role="organiser")
            await db.commit()
        web = running.client
        headers = {"Origin": BASE_URL}
        assert (
            await web.post("/inscription", data={"name": "M. Postgres", "email": email}, headers=headers)
        ).status_code == 200
        token = last_link(email, "/inscription/confirmer").partition("=")[2]
        confirmed = await web.post("/inscription/confirmer", data={"token": token, "password": STRONG}, headers=headers)
        assert confirmed.status_code == 303 and confirmed.headers["location"] == "/classe"
        assert (await web.post("/mot-de-passe/oubli", data={"email": email}, headers=headers)).status_code == 200
        token = last_link(email, "/mot-de-passe/nouveau").partition("=")[2]
        reset = await web.post(
            "/mot-de-passe/nouveau", data={"token": token, "password": "Une autre phrase"}, headers=headers
        )
        assert reset.status_code == 303
        login = await web.post("/api/auth/login", json={"email": email, "password": "Une autre phrase"})
        assert login.status_code == 200
        web.cookies.clear()
        assert (
            await web.post("/login", data={"email": organiser, "password": "organisation-pg"}, headers=headers)
        ).status_code == 303
        people = await web.get("/admin/people?role=teacher")
        assert people.status_code == 200 and email in people.text and organiser not in people.text
