"""Staff invitations through a real server: the link shown to the organiser creates a staff account that
can log in; used, expired and unknown links are refused; existing professionals are added at once."""

from __future__ import annotations

import html
import re
import uuid

import httpx

from tests.live import ServerProcess
from tests.stands.backoffice_helpers import browser, error_summary, field_tag, new_event, new_stand, sql, stand_json

ORGA = "orga@demo.salon"


async def invite(orga: httpx.AsyncClient, stand_id: int, email: str) -> str:
    """Invite someone and return the page shown after the redirect (with its flash message)."""
    response = await orga.post(f"/admin/stands/{stand_id}/staff", data={"email": email})
    assert response.status_code == 303 and response.headers["location"] == f"/admin/stands/{stand_id}#equipe"
    return (await orga.get(response.headers["location"])).text


def invitation_link(page: str, base_url: str) -> str:
    match = re.search(rf'<code class="invitation-link">({re.escape(base_url)}/invitations/[A-Za-z0-9_-]+)</code>', page)
    assert match, "no invitation link on the page"
    return match.group(1)


async def test_invitation_link_makes_a_staff_account_that_can_log_in(server: ServerProcess):
    email = f"Invite-{uuid.uuid4().hex[:8]}@Example.org"
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        page = await invite(orga, stand_id, email)
        link = invitation_link(page, server.url)
        assert email.lower() in html.unescape(page)  # listed as pending
    async with browser(server.url) as invited:
        form = await invited.get(link)
        assert form.status_code == 200 and 'id="accept-name"' in form.text and email.lower() in form.text
        short = await invited.post(link, data={"name": "Camille Test", "password": "court"})
        assert short.status_code == 400 and 'href="#accept-password"' in error_summary(short.text)
        assert 'value="Camille Test"' in field_tag(short.text, "accept-name")  # the name is kept, never the password
        accepted = await invited.post(link, data={"name": "Camille Test", "password": "mot-de-passe-sûr"})
        assert accepted.status_code == 303 and accepted.headers["location"] == "/admin"
        home = await invited.get("/admin")
        assert home.status_code == 200 and f'href="/admin/stands/{stand_id}"' in home.text
        assert "Bienvenue dans l&#39;équipe" in home.text
        assert (
            await invited.post(f"/admin/stands/{stand_id}", data={"description": "Par l'invitée"})
        ).status_code == 303
    async with httpx.AsyncClient(base_url=server.url) as api:
        login = await api.post("/api/auth/login", json={"email": email, "password": "mot-de-passe-sûr"})
        assert login.status_code == 200 and login.json()["role"] == "professional"
        stand = await stand_json(api, stand_id)
        assert "Camille Test" in [p["name"] for p in stand["staff"]] and stand["description"] == "Par l'invitée"
    async with browser(server.url) as someone_else:
        reused = await someone_else.get(link)
        assert reused.status_code == 409 and "déjà été utilisée" in reused.text
        again = await someone_else.post(link, data={"name": "Intrus", "password": "mot-de-passe-sûr"})
        assert again.status_code == 409


async def test_expired_and_unknown_invitations_are_refused(server: ServerProcess):
    email = f"late-{uuid.uuid4().hex[:8]}@example.org"
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        link = invitation_link(await invite(orga, stand_id, email), server.url)
    await sql(
        server.env["DATABASE_URL"],
        "UPDATE staff_invitations SET expires_at = '2020-01-01 00:00:00.000000' WHERE email = :email",
        email=email,
    )
    async with browser(server.url) as invited:
        expired = await invited.get(link)
        assert expired.status_code == 403 and "a expiré" in expired.text
        posted = await invited.post(link, data={"name": "Trop Tard", "password": "mot-de-passe-sûr"})
        assert posted.status_code == 403
        unknown = await invited.get("/invitations/nimporte-quoi")
        assert unknown.status_code == 404 and "n&#39;existe pas" in unknown.text
    rows = await sql(server.env["DATABASE_URL"], "SELECT id FROM users WHERE email = :email", email=email)
    assert rows == []


async def test_inviting_an_existing_professional_adds_them_at_once(server: ServerProcess):
    email = f"pro-{uuid.uuid4().hex[:8]}@example.org"
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        first, second = await new_stand(orga, slug), await new_stand(orga, slug)
        link = invitation_link(await invite(orga, first, email), server.url)
        async with browser(server.url) as invited:
            assert (
                await invited.post(link, data={"name": "Sam Pro", "password": "mot-de-passe-sûr"})
            ).status_code == 303
        page = await invite(orga, second, email)
        assert "fait maintenant partie de l&#39;équipe" in page and "invitation-link" not in page
        assert "Sam Pro" in [p["name"] for p in (await stand_json(orga, second))["staff"]]
        again = await invite(orga, second, email)
        assert "fait déjà partie" in again

        user_id = (await sql(server.env["DATABASE_URL"], "SELECT id FROM users WHERE email = :e", e=email))[0][0]
        assert (await orga.post(f"/admin/stands/{second}/staff/{user_id}/delete")).status_code == 303
        assert (await stand_json(orga, second))["staff"] == []
        assert (await orga.post(f"/admin/stands/{second}/staff/{user_id}/delete")).status_code == 404


async def test_invitations_refuse_bad_addresses_and_non_staff_accounts(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        bad = await orga.post(f"/admin/stands/{stand_id}/staff", data={"email": "pas-une-adresse"})
        assert bad.status_code == 400 and 'href="#staff-new-email"' in error_summary(bad.text)
        teacher = await orga.post(f"/admin/stands/{stand_id}/staff", data={"email": "prof@demo.salon"})
        assert teacher.status_code == 409 and "n&#39;est pas un compte de professionnel" in teacher.text
        pending = await sql(
            server.env["DATABASE_URL"], "SELECT id FROM staff_invitations WHERE stand_id = :s", s=stand_id
        )
        assert pending == [] and (await stand_json(orga, stand_id))["staff"] == []


async def test_an_invitation_to_an_existing_account_asks_for_its_password(server: ServerProcess):
    email = f"twice-{uuid.uuid4().hex[:8]}@example.org"
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        first, second = await new_stand(orga, slug), await new_stand(orga, slug)
        link_one = invitation_link(await invite(orga, first, email), server.url)
        link_two = invitation_link(await invite(orga, second, email), server.url)  # before the account exists
    async with browser(server.url) as invited:
        assert (await invited.post(link_one, data={"name": "Alex", "password": "premier-secret"})).status_code == 303
        form = await invited.get(link_two)
        assert form.status_code == 200 and 'id="accept-name"' not in form.text and 'id="accept-password"' in form.text
        wrong = await invited.post(link_two, data={"password": "pas-le-bon-secret"})
        assert wrong.status_code == 401 and 'aria-invalid="true"' in field_tag(wrong.text, "accept-password")
        right = await invited.post(link_two, data={"password": "premier-secret"})
        assert right.status_code == 303
        home = await invited.get("/admin")
        assert f'href="/admin/stands/{first}"' in home.text and f'href="/admin/stands/{second}"' in home.text
