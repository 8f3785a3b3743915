"""Organisers and stand leads invite adults, through a real server: a teacher from any domain, an ambassador
flagged as a minor, a counsellor to a stand, a lead inviting to their stand; an address that has an account of
another role is refused with nothing created."""

from __future__ import annotations

import re
import uuid

import httpx

from tests.live import ServerProcess
from tests.server.accounts_helpers import STRONG, link_in, text_of, token_of, wait_mails
from tests.stands.backoffice_helpers import browser, new_event, new_stand, sql, stand_json

ORGA = "orga@demo.salon"


def shown_link(page: str) -> str:
    match = re.search(r'<code class="invitation-link">https?://[^/<]+(/[^<]+)</code>', page)
    assert match, "no invitation link on the page"
    return match.group(1).replace("&amp;", "&")


async def invite(orga: httpx.AsyncClient, **data: str) -> httpx.Response:
    response = await orga.post("/admin/people", data=data)
    if response.status_code == 303:
        assert response.headers["location"] == "/admin/people"
        return await orga.get("/admin/people")
    return response


async def user_row(server: ServerProcess, email: str) -> list[tuple[str, str, bool]]:
    return await sql(
        server.env["DATABASE_URL"], "SELECT role, name, is_minor FROM users WHERE email = :e", e=email.lower()
    )


async def test_an_organiser_invites_a_teacher_from_a_private_school(accounts_server: ServerProcess):
    email = f"prof.{uuid.uuid4().hex[:8]}@lycee-saint-joseph.fr"  # not a sign-up domain
    async with browser(accounts_server.url, ORGA) as orga:
        assert 'href="/admin/people"' in (await orga.get("/admin")).text
        page = await invite(orga, email=email, name="Mme Lefèvre", role="teacher")
        assert "Invitation envoyée" in text_of(page.text) and email in page.text
        link = shown_link(page.text)
    mail = wait_mails(accounts_server, email, 1)[0]
    assert link_in(mail, "/compte/invitation") == link and "Enseignant·e" in mail["body"]
    async with browser(accounts_server.url) as teacher:
        form = await teacher.get(link)
        assert form.status_code == 200 and 'value="Mme Lefèvre"' in form.text and "Enseignant·e" in form.text
        weak = await teacher.post(
            "/compte/invitation", data={"token": token_of(link), "name": "Mme L", "password": "motdepasse"}
        )
        assert weak.status_code == 400 and 'value="Mme L"' in weak.text
        done = await teacher.post(
            "/compte/invitation", data={"token": token_of(link), "name": "Mme Lefèvre", "password": STRONG}
        )
        assert done.status_code == 303 and done.headers["location"] == "/classe"
        assert (await teacher.get(link)).status_code == 409
    assert await user_row(accounts_server, email) == [("teacher", "Mme Lefèvre", False)]
    async with browser(accounts_server.url, ORGA) as orga:
        listed = await orga.get("/admin/people?role=teacher")
        assert email in listed.text and "prof@demo.salon" in listed.text and "orga@demo.salon" not in listed.text
        again = await invite(orga, email=email, role="teacher")
        assert "a déjà un compte de ce rôle" in text_of(again.text)


async def test_an_ambassador_invited_as_a_minor_is_flagged(accounts_server: ServerProcess):
    email = f"apprentie.{uuid.uuid4().hex[:8]}@example.org"
    async with browser(accounts_server.url, ORGA) as orga:
        link = shown_link((await invite(orga, email=email, role="ambassador", is_minor="1")).text)
    async with browser(accounts_server.url) as ambassador:
        form = await ambassador.get(link)
        assert "personne mineure" in text_of(form.text)
        done = await ambassador.post(
            "/compte/invitation", data={"token": token_of(link), "name": "Léa", "password": STRONG}
        )
        assert done.status_code == 303
    assert await user_row(accounts_server, email) == [("ambassador", "Léa", True)]


async def test_a_counsellor_invited_to_a_stand_joins_its_team(accounts_server: ServerProcess):
    email = f"psyen.{uuid.uuid4().hex[:8]}@ac-caen.fr"
    async with browser(accounts_server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        page = await invite(orga, email=email, role="counsellor", stand_id=str(stand_id))
        link = shown_link(page.text)
        assert link.startswith("/invitations/")
        teacher_to_stand = await invite(orga, email=f"t{email}", role="teacher", stand_id=str(stand_id))
        assert teacher_to_stand.status_code == 400 and "sans stand" in text_of(teacher_to_stand.text)
        missing = await invite(orga, email=f"m{email}", role="counsellor", stand_id="2147483647")
        assert missing.status_code == 404
    async with browser(accounts_server.url) as counsellor:
        done = await counsellor.post(link, data={"name": "M. Conseil", "password": STRONG})
        assert done.status_code == 303
    assert await user_row(accounts_server, email) == [("counsellor", "M. Conseil", False)]
    async with httpx.AsyncClient(base_url=accounts_server.url) as api:
        assert "M. Conseil" in [p["name"] for p in (await stand_json(api, stand_id))["staff"]]


async def test_a_stand_lead_invites_counsellors_and_ambassadors_to_their_stand(accounts_server: ServerProcess):
    lead_email = f"lead.{uuid.uuid4().hex[:8]}@example.org"
    helper_email = f"amb.{uuid.uuid4().hex[:8]}@example.org"
    async with browser(accounts_server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        await orga.post(f"/admin/stands/{stand_id}/staff", data={"email": lead_email})
        link = shown_link((await orga.get(f"/admin/stands/{stand_id}")).text)
        async with browser(accounts_server.url) as lead:
            assert (await lead.post(link, data={"name": "Sam Lead", "password": STRONG})).status_code == 303
            not_yet = await lead.post(
                f"/admin/stands/{stand_id}/staff", data={"email": helper_email, "role": "ambassador"}
            )
            assert not_yet.status_code == 403
        user_id = (
            await sql(accounts_server.env["DATABASE_URL"], "SELECT id FROM users WHERE email = :e", e=lead_email)
        )[0][0]
        marked = await orga.post(f"/admin/stands/{stand_id}/staff/{user_id}/lead", data={"lead": "1"})
        assert marked.status_code == 303
        assert "Responsable" in (await orga.get(f"/admin/stands/{stand_id}")).text
    async with browser(accounts_server.url, lead_email, STRONG) as lead:
        page = await lead.get(f"/admin/stands/{stand_id}")
        assert f'action="/admin/stands/{stand_id}/staff"' in page.text
        assert "responsable du stand" in text_of(page.text)
        refused = await lead.post(
            f"/admin/stands/{stand_id}/staff", data={"email": helper_email, "role": "professional"}
        )
        assert refused.status_code == 400
        sent = await lead.post(
            f"/admin/stands/{stand_id}/staff", data={"email": helper_email, "role": "ambassador", "is_minor": "1"}
        )
        assert sent.status_code == 303
        helper_link = shown_link((await lead.get(sent.headers["location"])).text)
        assert (
            await lead.post(f"/admin/stands/{stand_id}/staff/{user_id}/lead", data={"lead": "0"})
        ).status_code == 403
    assert helper_link in wait_mails(accounts_server, helper_email, 1)[0]["body"]
    async with browser(accounts_server.url) as helper:
        assert (await helper.post(helper_link, data={"name": "Noé", "password": STRONG})).status_code == 303
    assert await user_row(accounts_server, helper_email) == [("ambassador", "Noé", True)]


async def test_an_address_with_an_account_of_another_role_is_refused_and_nothing_is_created(
    accounts_server: ServerProcess,
):
    database = accounts_server.env["DATABASE_URL"]
    async with browser(accounts_server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        as_counsellor = await invite(orga, email="prof@demo.salon", role="counsellor")
        assert as_counsellor.status_code == 409 and "déjà un compte « Enseignant·e »" in text_of(as_counsellor.text)
        pro_as_ambassador = await invite(orga, email="pro@demo.salon", role="ambassador", stand_id=str(stand_id))
        assert pro_as_ambassador.status_code == 409 and "autre rôle" in text_of(pro_as_ambassador.text)
        on_stand_page = await orga.post(
            f"/admin/stands/{stand_id}/staff", data={"email": "pro@demo.salon", "role": "counsellor"}
        )
        assert on_stand_page.status_code == 409
        same_role = await orga.post(
            f"/admin/stands/{stand_id}/staff", data={"email": "pro@demo.salon", "role": "professional"}
        )
        assert same_role.status_code == 303  # same role: the stand is added
    assert (
        await sql(database, "SELECT id FROM account_tokens WHERE email IN ('prof@demo.salon', 'pro@demo.salon')") == []
    )
    assert await sql(database, "SELECT id FROM staff_invitations WHERE stand_id = :s", s=stand_id) == []
    assert [row[0] for row in await user_row(accounts_server, "prof@demo.salon")] == ["teacher"]
