"""Password reset for every adult, through a real server: the same answer whether or not the account exists,
a one-use link (1 h), the new password works and the old one does not, every session and every other link of
the address is revoked, and a used or expired link is refused."""

from __future__ import annotations

import uuid

import httpx

from server.account_tokens import token_hash
from tests.live import ServerProcess, pupil_token
from tests.server.accounts_helpers import STRONG, link_in, mails, text_of, token_of, wait_mails
from tests.stands.backoffice_helpers import browser, sql

NEW = "Une girafe lit le journal"


async def teacher_account(server: ServerProcess) -> str:
    """A fresh teacher (signed up through the pages) with the password STRONG."""
    email = f"reset.{uuid.uuid4().hex[:8]}@ac-lille.fr"
    async with browser(server.url) as teacher:
        await teacher.post("/inscription", data={"name": "M. Petit", "email": email})
        link = link_in(wait_mails(server, email, 1)[0], "/inscription/confirmer")
        confirmed = await teacher.post("/inscription/confirmer", data={"token": token_of(link), "password": STRONG})
        assert confirmed.status_code == 303
    return email


async def forgot(client: httpx.AsyncClient, email: str) -> httpx.Response:
    return await client.post("/mot-de-passe/oubli", data={"email": email})


async def test_a_reset_link_sets_a_new_password_and_closes_every_session_and_link(accounts_server: ServerProcess):
    email = await teacher_account(accounts_server)
    async with httpx.AsyncClient(base_url=accounts_server.url) as api:
        old_session = (await api.post("/api/auth/login", json={"email": email, "password": STRONG})).json()["token"]
    async with browser(accounts_server.url) as person:
        login = await person.get("/login")
        assert 'href="/mot-de-passe/oubli"' in login.text
        assert (await person.get("/mot-de-passe/oubli")).status_code == 200
        first = await forgot(person, email.upper())
        assert first.status_code == 200 and "Si un compte existe" in text_of(first.text)
        await forgot(person, email)
        sent = wait_mails(accounts_server, email, 3)[1:]  # after the sign-up's mail
        assert all("une heure" in m["body"] for m in sent)
        link, other = (link_in(m, "/mot-de-passe/nouveau") for m in sent)
        form = await person.get(link)
        assert form.status_code == 200 and email in form.text
        weak = await person.post("/mot-de-passe/nouveau", data={"token": token_of(link), "password": "court"})
        assert weak.status_code == 400 and "au moins 10 caractères" in text_of(weak.text)
        done = await person.post("/mot-de-passe/nouveau", data={"token": token_of(link), "password": NEW})
        assert done.status_code == 303 and done.headers["location"] == "/classe"
        assert (await person.get("/classe")).status_code == 200  # logged in with the new session
        reused = await person.get(link)
        assert reused.status_code == 409 and "déjà servi" in text_of(reused.text)
        revoked = await person.get(other)  # the other link of the address closed with the reset
        assert revoked.status_code == 409
    async with httpx.AsyncClient(base_url=accounts_server.url) as api:
        assert (await api.post("/api/auth/login", json={"email": email, "password": STRONG})).status_code == 401
        assert (await api.post("/api/auth/login", json={"email": email, "password": NEW})).status_code == 200
        stale = await api.get("/classe", headers={"Authorization": f"Bearer {old_session}", "Accept": "text/html"})
        assert stale.status_code in (303, 401)  # the session opened before the reset is revoked


async def test_unknown_addresses_and_pupils_get_the_same_answer_and_no_mail(accounts_server: ServerProcess):
    email = await teacher_account(accounts_server)
    nobody = f"personne.{uuid.uuid4().hex[:8]}@ac-lille.fr"
    async with browser(accounts_server.url) as someone:
        known, unknown = await forgot(someone, email), await forgot(someone, nobody)
        assert known.status_code == unknown.status_code == 200
        assert text_of(known.text).replace(email, "X") == text_of(unknown.text).replace(nobody, "X")
        bad = await forgot(someone, "pas-une-adresse")
        assert bad.status_code == 400 and "n'est pas une adresse e-mail valide" in text_of(bad.text)
    assert mails(accounts_server, nobody) == []
    pupil = await pupil_token(accounts_server.url)
    rows = await sql(
        accounts_server.env["DATABASE_URL"],
        "SELECT email, password_hash FROM users WHERE name = :n",
        n=pupil["pseudonym"],
    )
    assert rows and all(row == (None, None) for row in rows)  # pupils have no address to reset


async def test_an_expired_reset_link_is_refused(accounts_server: ServerProcess):
    email = await teacher_account(accounts_server)
    async with browser(accounts_server.url) as person:
        await forgot(person, email)
        link = link_in(wait_mails(accounts_server, email, 2)[-1], "/mot-de-passe/nouveau")
        await sql(
            accounts_server.env["DATABASE_URL"],
            "UPDATE account_tokens SET expires_at = '2020-01-01 00:00:00.000000' WHERE token_hash = :h",
            h=token_hash(token_of(link)),
        )
        expired = await person.post("/mot-de-passe/nouveau", data={"token": token_of(link), "password": NEW})
        assert expired.status_code == 403 and "a expiré" in text_of(expired.text)
        assert 'href="/mot-de-passe/oubli"' in expired.text
    async with httpx.AsyncClient(base_url=accounts_server.url) as api:
        assert (await api.post("/api/auth/login", json={"email": email, "password": STRONG})).status_code == 200


async def test_reset_mails_are_limited_per_address(accounts_server: ServerProcess):
    email = await teacher_account(accounts_server)
    async with browser(accounts_server.url) as person:
        for _ in range(3):
            assert (await forgot(person, email)).status_code == 200
        limited = await forgot(person, email)
        assert limited.status_code == 429 and "Réessayez dans" in text_of(limited.text)
    assert len(wait_mails(accounts_server, email, 4)) == 4  # the sign-up's, then three links
