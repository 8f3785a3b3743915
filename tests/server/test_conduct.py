"""The code of conduct: who must accept it (rules), and the gate against the real server: a professional who
has not accepted is refused on chat:send and question:answer with the link, accepts (form or API, an audit
entry), then answers; a new version asks again; teachers and organisers are exempt; the console's banner."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest

from server import conduct
from server.models import Role
from tests.live import LiveClient, ServerProcess, pupil_token, staff_token
from tests.server.people import PASSWORD, fresh_stand, fresh_talk, login, make_adult, read_user, update_user

# ---------- Rules ----------


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.CFA, Role.COUNSELLOR, Role.AMBASSADOR])
def test_every_role_that_answers_at_stands_must_accept_the_current_version(role):
    assert conduct.needs_acceptance(role, "")
    assert conduct.needs_acceptance(role, None)
    assert not conduct.needs_acceptance(role, conduct.VERSION)
    # A new version asks again.
    assert conduct.needs_acceptance(role, conduct.VERSION, current="2099-01")


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ORGANISER, Role.PUPIL])
def test_teachers_organisers_and_pupils_are_exempt(role):
    assert not conduct.needs_acceptance(role, "")


def test_the_refusal_names_the_page():
    assert conduct.PATH in conduct.REFUSAL and conduct.RULES and conduct.VERSION


# ---------- Real server ----------


def audit_rows(sqlite_url: str, target: str) -> list[tuple[str, str]]:
    with sqlite3.connect(sqlite_url.split("///", 1)[1]) as db:
        return db.execute("SELECT action, detail FROM audit_log WHERE target = ?", (target,)).fetchall()


_STAND: list[int] = []


async def stand_room(sqlite_url: str) -> tuple[int, str]:
    """This module's own stand (its staff are added here, not to the demo fair)."""
    if not _STAND:
        _STAND.append(await fresh_stand(sqlite_url, "charte"))
    return _STAND[0], f"stand:{_STAND[0]}"


async def form_client(server: ServerProcess, email: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html", "Origin": server.url})
    response = await http.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return http


async def test_a_professional_must_accept_the_charte_before_answering(server, sqlite_url):
    stand_id, room = await stand_room(sqlite_url)
    email = await make_adult(sqlite_url, Role.PROFESSIONAL, accepted=False, stand_id=stand_id)
    pro = await LiveClient().connect(server.url, await login(server.url, email))
    http = await form_client(server, email)
    try:
        await pro.join(room)
        refused = await pro.send(room, "Bonjour à toutes et à tous !")
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
        assert "charte" in refused["error"]["message"] and "/charte" in refused["error"]["message"]

        console = await http.get("/console")
        assert "data-conduct-banner" in console.text and "J'accepte" in console.text.replace("&#39;", "'")
        page = await http.get("/charte")
        assert conduct.RULES[0].split(" : ")[0] in page.text.replace("&#39;", "'")
        accepted = await http.post("/charte", data={"next": "/console"})
        assert accepted.status_code == 303 and accepted.headers["location"] == "/console"
        assert "data-conduct-banner" not in (await http.get("/console")).text
        assert "Vous avez accepté cette version" in (await http.get("/charte")).text

        # The socket that connected before accepting may answer now, and so may a new one.
        sent = await pro.send(room, "Bonjour à toutes et à tous !")
        assert sent["ok"], sent
        fresh = await LiveClient().connect(server.url, await login(server.url, email))
        try:
            await fresh.join(room)
            assert (await fresh.send(room, "Et moi aussi."))["ok"]
        finally:
            await fresh.close()
    finally:
        await pro.close()
        await http.aclose()
    user = await read_user(sqlite_url, email=email)
    assert user.conduct_version == conduct.VERSION and user.conduct_accepted_at is not None
    rows = audit_rows(sqlite_url, f"user:{user.id}")
    assert [action for action, _ in rows] == ["conduct.accepted"] and conduct.VERSION in rows[0][1]


async def test_a_new_version_must_be_accepted_again(server, sqlite_url):
    _stand_id, room = await stand_room(sqlite_url)
    email = await make_adult(sqlite_url, Role.CFA, accepted=True)
    client = await LiveClient().connect(server.url, await login(server.url, email))
    try:
        await client.join(room)
        assert (await client.send(room, "Bienvenue au CFA."))["ok"]
    finally:
        await client.close()
    # What an older version looks like once VERSION moves on.
    await update_user(sqlite_url, email=email, conduct_version="2025-09")
    token = await login(server.url, email)
    client = await LiveClient().connect(server.url, token)
    try:
        await client.join(room)
        refused = await client.send(room, "Toujours là.")
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
        async with httpx.AsyncClient(base_url=server.url) as http:
            response = await http.post("/api/conduct/accept", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200 and response.json()["conduct_version"] == conduct.VERSION
        assert (await client.send(room, "Toujours là."))["ok"]
    finally:
        await client.close()


async def test_a_written_answer_to_a_question_waits_for_the_charte(server, sqlite_url):
    email = await make_adult(sqlite_url, Role.PROFESSIONAL, accepted=False)
    talk_id = await fresh_talk(sqlite_url, email)
    room = f"talk:{talk_id}"
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    token = await login(server.url, email)
    speaker = await LiveClient().connect(server.url, token)
    try:
        await pupil.join(room)
        asked = await pupil.call("question:ask", {"room": room, "text": "Quels horaires ?", "client_id": "q1"})
        assert asked["ok"] and asked["question"]["status"] == "approved", asked
        await speaker.join(room)
        answer = {"question_id": asked["question"]["id"], "text": "De 8 h à 16 h.", "client_id": uuid.uuid4().hex}
        refused = await speaker.call("question:answer", answer)
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
        assert "/charte" in refused["error"]["message"]
        async with httpx.AsyncClient(base_url=server.url) as http:
            await http.post("/api/conduct/accept", headers={"Authorization": f"Bearer {token}"})
        done = await speaker.call("question:answer", answer)
        assert done["ok"], done
    finally:
        await pupil.close()
        await speaker.close()


async def test_teachers_and_organisers_write_without_accepting(server, sqlite_url):
    _stand_id, room = await stand_room(sqlite_url)
    for email in ("orga@demo.salon", "prof@demo.salon"):
        assert (await read_user(sqlite_url, email=email)).conduct_version == ""
        client = await LiveClient().connect(server.url, await staff_token(server.url, email))
        try:
            await client.join(room)
            assert (await client.send(room, "Bonjour."))["ok"]
        finally:
            await client.close()
        async with httpx.AsyncClient(base_url=server.url) as http:
            token = await staff_token(server.url, email)
            response = await http.post("/api/conduct/accept", headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


async def test_accepting_needs_an_account(server):
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post("/api/conduct/accept")
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
        page = await http.get("/charte", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "/login?next=/charte" in page.text


async def test_the_demo_staff_have_accepted_except_the_one_who_shows_the_gate(server, sqlite_url):
    for email in ("pro@demo.salon", "pro2@demo.salon"):
        assert (await read_user(sqlite_url, email=email)).conduct_version == conduct.VERSION
    assert (await read_user(sqlite_url, email="pro3@demo.salon")).conduct_version == ""
    client = await LiveClient().connect(server.url, await staff_token(server.url, "pro3@demo.salon"))
    try:
        _stand_id, room = await stand_room(sqlite_url)
        await client.join(room)
        assert (await client.send(room, "Bonjour."))["error"]["code"] == "forbidden"
    finally:
        await client.close()
