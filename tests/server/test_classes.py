"""Classes on a real server: creating one (form and errors), its code typed any way, regeneration, expiry at
the event's end, sharing with a colleague, not-your-class, approved joins end to end, removing a pupil, and
who is connected where on the class page."""

from __future__ import annotations

import httpx
import pytest
import socketio
from sqlmodel import col, func, select

from server.models import ClassTeacher, SchoolClass, User
from stands.models import Event
from tests.live import LiveClient, demo_stand, pupil_token, staff_token
from tests.server.class_helpers import (
    CODE_SHOWN,
    class_form,
    create_class,
    join,
    make_event,
    make_teacher,
    pupil,
    shown_code,
    token_accepted,
    wait_disconnected,
)
from tests.stands.backoffice_helpers import PASSWORD, browser
from tests.stands.stand_factory import database


async def class_count(db_url: str) -> int:
    async with database(db_url) as db:
        return int((await db.exec(select(func.count(col(SchoolClass.id))))).one())


async def test_a_teacher_creates_a_class_and_gets_a_code_valid_until_the_event_ends(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    email = await make_teacher(sqlite_url)
    async with browser(server.url, email) as teacher:
        form = await teacher.get("/classe/nouvelle")
        assert form.status_code == 200
        assert f'<option value="{event_id}"' in form.text and "Seconde (2de)" in form.text
        class_id, code = await create_class(teacher, event_id, approve=True)
        page = (await teacher.get(f"/classe/{class_id}?fait=creee")).text
        assert "La classe est créée" in page and "Projeter le code" in page and "0750654D" in page
        projector = await teacher.get(f"/classe/{class_id}/code")
        assert projector.status_code == 200 and code in projector.text
    assert CODE_SHOWN.match(code), code
    async with database(sqlite_url) as db:
        row = await db.get(SchoolClass, class_id)
        event = await db.get(Event, event_id)
        assert row is not None and event is not None
        assert row.code == code.replace("-", "") and row.approve_joins and row.level == "3e"
        assert row.code_expires_at == event.ends_at and row.event_id == event_id
        teachers = (await db.exec(select(ClassTeacher.user_id).where(ClassTeacher.class_id == class_id))).all()
        assert len(teachers) == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"uai": "0750654E"}, "numéro UAI n&#39;est pas valide"),
        ({"label": ""}, "Donnez un nom à la classe"),
        ({"level": "6e"}, "Choisissez le niveau"),
        ({"department": "20"}, "Indiquez le département"),
        ({"school": "x" * 161}, "160 caractères au plus"),
        ({"label": "3e\x00B"}, "caractère interdit"),
    ],
)
async def test_a_wrong_class_form_says_what_to_fix_and_creates_nothing(server, sqlite_url, fields, message):
    event_id = await make_event(sqlite_url)
    email = await make_teacher(sqlite_url)
    before = await class_count(sqlite_url)
    async with browser(server.url, email) as teacher:
        response = await teacher.post("/classe/nouvelle", data=class_form(event_id, **fields))
    assert response.status_code == 400
    assert message in response.text and "error-summary" in response.text
    assert await class_count(sqlite_url) == before


async def test_a_class_cannot_be_made_for_an_event_that_ended(server, sqlite_url):
    ended = await make_event(sqlite_url, ended=True)
    email = await make_teacher(sqlite_url)
    async with browser(server.url, email) as teacher:
        assert f'<option value="{ended}"' not in (await teacher.get("/classe/nouvelle")).text
        response = await teacher.post("/classe/nouvelle", data=class_form(ended))
    assert response.status_code == 400 and "Choisissez le salon" in response.text


async def test_the_code_works_typed_any_way_and_the_demo_code_still_works(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    async with browser(server.url, await make_teacher(sqlite_url)) as teacher:
        _, code = await create_class(teacher, event_id)
    for typed in (code, code.lower(), code.replace("-", ""), code.replace("-", " "), f"  {code.lower()}  "):
        assert (await join(server.url, typed)).status_code == 200, typed
    for typed in ("DEMO-3E", "demo-3e", "demo 3e", "DEMO3E"):
        assert (await join(server.url, typed)).status_code == 200, typed
    unknown = await join(server.url, "ZZZ-ZZZZ")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


async def test_an_expired_code_is_refused_with_a_clear_message(server, sqlite_url):
    event_id = await make_event(sqlite_url, ended=True)
    async with database(sqlite_url) as db:
        event = await db.get(Event, event_id)
        assert event is not None
        db.add(SchoolClass(code="EXP2345", label="Classe passée", event_id=event_id, code_expires_at=event.ends_at))
        await db.commit()
    for typed in ("EXP-2345", "exp2345"):
        response = await join(server.url, typed)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert response.json()["error"]["message"].startswith("Ce code a expiré")
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as http:
        page = await http.post("/join", data={"class_code": "EXP-2345"})
    assert page.status_code == 404 and "Ce code a expiré" in page.text


async def test_a_new_code_refuses_the_old_one_and_pupils_already_in_stay(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    email = await make_teacher(sqlite_url)
    async with browser(server.url, email) as teacher:
        class_id, old = await create_class(teacher, event_id)
        earlier = await pupil(server.url, old)
        socket = await LiveClient().connect(server.url, earlier["token"])
        try:
            response = await teacher.post(f"/classe/{class_id}/nouveau-code")
            assert response.status_code == 303
            new = await shown_code(teacher, class_id)
            assert new != old and CODE_SHOWN.match(new)
            refused = await join(server.url, old)
            assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
            assert (await join(server.url, new)).status_code == 200
            # The pupil who came with the old code keeps working, on HTTP and on their open socket.
            assert await token_accepted(server.url, earlier["token"]) == 200
            room = f"stand:{await demo_stand(server.url, staffed=True)}"
            await socket.join(room)
            assert (await socket.send(room, "Bonjour, c'est encore moi."))["ok"]
        finally:
            await socket.close()


async def test_a_colleague_sees_a_shared_class_and_its_messages(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    owner_email, colleague_email = await make_teacher(sqlite_url), await make_teacher(sqlite_url, "M. Petit")
    async with browser(server.url, owner_email) as owner, browser(server.url, colleague_email) as colleague:
        class_id, code = await create_class(owner, event_id)
        writer = await pupil(server.url, code)
        socket = await LiveClient().connect(server.url, writer["token"])
        room = f"stand:{await demo_stand(server.url, staffed=True)}"
        await socket.join(room)
        sent = await socket.send(room, "Quelles études pour devenir soudeur ?")
        await socket.close()
        # Not theirs yet: forbidden, page and actions alike.
        assert (await colleague.get(f"/classe/{class_id}")).status_code == 403
        async with httpx.AsyncClient(base_url=server.url, cookies=colleague.cookies) as api:
            refused = await api.post(f"/classe/{class_id}/terminer")
            assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
            assert (await api.get(f"/api/classes/{class_id}/messages")).json()["error"]["code"] == "forbidden"
        # Wrong addresses are explained.
        unknown = await owner.post(f"/classe/{class_id}/collegues", data={"email": "personne@ac-normandie.fr"})
        assert unknown.status_code == 404 and "Aucun compte n&#39;a cette adresse" in unknown.text
        not_teacher = await owner.post(f"/classe/{class_id}/collegues", data={"email": "pro@demo.salon"})
        assert not_teacher.status_code == 400 and "pas un compte enseignant" in not_teacher.text
        shared = await owner.post(f"/classe/{class_id}/collegues", data={"email": colleague_email.upper()})
        assert shared.status_code == 303
        again = await owner.post(f"/classe/{class_id}/collegues", data={"email": colleague_email})
        assert again.status_code == 409
        page = await colleague.get(f"/classe/{class_id}")
        assert page.status_code == 200 and "M. Petit" in page.text and "Mme Martin" in page.text
        async with httpx.AsyncClient(base_url=server.url, cookies=colleague.cookies) as api:
            listing = (await api.get(f"/api/classes/{class_id}/messages")).json()
        assert sent["message"]["id"] in [m["message"]["id"] for m in listing["messages"]]


async def test_a_pupil_of_a_class_that_approves_joins_waits_then_enters_live(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    email = await make_teacher(sqlite_url)
    async with browser(server.url, email) as teacher:
        class_id, code = await create_class(teacher, event_id, approve=True)
        watcher = await LiveClient().connect(server.url, await staff_token(server.url, email, PASSWORD))
        newcomer = await pupil(server.url, code)
        socket = await LiveClient().connect(server.url, newcomer["token"])
        try:
            # The teacher's page hears of the newcomer, and lists them.
            arrived = await watcher.wait_for("class:waiting", lambda e: e["class_id"] == class_id)
            assert arrived["pupil"]["name"] == newcomer["pseudonym"]
            assert newcomer["pseudonym"] in (await teacher.get(f"/classe/{class_id}")).text
            # While waiting: every page leads to the waiting page, every event but connect is refused.
            async with httpx.AsyncClient(
                base_url=server.url, headers={"Accept": "text/html", "Authorization": f"Bearer {newcomer['token']}"}
            ) as http:
                hall = await http.get("/events/des-clics-des-metiers")
                assert hall.status_code == 303 and hall.headers["location"] == "/attente"
                waiting = await http.get("/attente")
                assert waiting.status_code == 200 and "va vous accepter" in waiting.text
                stand = await http.get(f"/stands/{await demo_stand(server.url, staffed=True)}")
                assert stand.status_code == 303 and stand.headers["location"] == "/attente"
            room = f"stand:{await demo_stand(server.url, staffed=True)}"
            refused = await socket.call("room:join", {"room": room})
            assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
            # The teacher admits them: the waiting socket hears it and may now join a room and write.
            accepted = await teacher.post(
                f"/classe/{class_id}/accepter", data={"pupil_id": str(arrived["pupil"]["id"])}
            )
            assert accepted.status_code == 303
            admitted = await socket.wait_for("class:admitted", lambda e: e["class_id"] == class_id)
            assert arrived["pupil"]["id"] in admitted["pupil_ids"]
            await socket.join(room)
            assert (await socket.send(room, "Me voilà !"))["ok"]
            assert await token_accepted(server.url, newcomer["token"]) == 200
        finally:
            await socket.close()
            await watcher.close()


async def test_accept_everyone_and_never_a_pupil_of_another_class(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    async with browser(server.url, await make_teacher(sqlite_url)) as teacher:
        class_id, code = await create_class(teacher, event_id, approve=True)
        first, second = await pupil(server.url, code), await pupil(server.url, code)
        other = await pupil_token(server.url)  # DEMO-3E: another teacher's class
        for waiting in (first, second):
            assert await token_accepted(server.url, waiting["token"]) == 200
            async with httpx.AsyncClient(base_url=server.url) as http:
                state = await http.get("/api/classes/attente", headers={"Authorization": f"Bearer {waiting['token']}"})
                assert state.json() == {"admitted": False, "next": None}
        response = await teacher.post(f"/classe/{class_id}/accepter", data={"all": "1"})
        assert response.status_code == 303
        for admitted in (first, second):
            async with httpx.AsyncClient(base_url=server.url) as http:
                state = await http.get("/api/classes/attente", headers={"Authorization": f"Bearer {admitted['token']}"})
                assert state.json()["admitted"] is True
        # A pupil of another class: forbidden, whatever the id.
        async with database(sqlite_url) as db:
            named = select(User.id).where(User.name == other["pseudonym"], User.class_id != class_id)
            demo_pupil = (await db.exec(named.order_by(col(User.id).desc()))).first()
        async with httpx.AsyncClient(base_url=server.url, cookies=teacher.cookies) as api:
            refused = await api.post(f"/classe/{class_id}/accepter", data={"pupil_id": str(demo_pupil)})
            assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
            for bad in ("0", "-1", "abc", str(2**31)):
                assert (await api.post(f"/classe/{class_id}/accepter", data={"pupil_id": bad})).status_code == 400


async def test_a_removed_pupil_is_disconnected_refused_and_their_messages_stay(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    async with browser(server.url, await make_teacher(sqlite_url)) as teacher:
        class_id, code = await create_class(teacher, event_id)
        removed, stays = await pupil(server.url, code), await pupil(server.url, code)
        socket = await LiveClient().connect(server.url, removed["token"])
        other = await LiveClient().connect(server.url, stays["token"])
        try:
            room = f"stand:{await demo_stand(server.url, staffed=True)}"
            await socket.join(room)
            sent = await socket.send(room, "Un message qui doit rester.")
            page = (await teacher.get(f"/classe/{class_id}")).text
            async with database(sqlite_url) as db:
                named = select(User.id).where(User.name == removed["pseudonym"], User.class_id == class_id)
                pupil_id = (await db.exec(named)).one()
            response = await teacher.post(f"/classe/{class_id}/retirer", data={"pupil_id": str(pupil_id)})
            assert response.status_code == 303 and removed["pseudonym"] in page
            await wait_disconnected(socket, within=5)
            assert other.sio.connected  # the rest of the class stays
            assert await token_accepted(server.url, removed["token"]) == 401
            with pytest.raises(socketio.exceptions.ConnectionError):
                await LiveClient().connect(server.url, removed["token"])
            async with httpx.AsyncClient(
                base_url=server.url, headers={"Accept": "text/html", "Authorization": f"Bearer {removed['token']}"}
            ) as http:
                ended = await http.get("/events/des-clics-des-metiers")
            assert ended.status_code == 200 and "La séance est terminée" in ended.text
            listing = (await teacher.get(f"/api/classes/{class_id}/messages", headers={"Accept": "*/*"})).json()
            assert sent["message"]["id"] in [m["message"]["id"] for m in listing["messages"]]
            after = (await teacher.get(f"/classe/{class_id}")).text
            pupils = after.split("Élèves de la classe", 1)[1].split("</section>", 1)[0]
            assert removed["pseudonym"] not in pupils and stays["pseudonym"] in pupils
        finally:
            await other.close()


async def test_the_class_page_shows_who_is_connected_and_where(server, sqlite_url):
    event_id = await make_event(sqlite_url)
    async with browser(server.url, await make_teacher(sqlite_url)) as teacher:
        class_id, code = await create_class(teacher, event_id)
        here = await pupil(server.url, code)
        socket = await LiveClient().connect(server.url, here["token"])
        try:
            stand_id = await demo_stand(server.url, staffed=True)
            async with httpx.AsyncClient(base_url=server.url) as http:
                stand_name = (await http.get(f"/api/stands/{stand_id}")).json()["name"]
            await socket.join(f"stand:{stand_id}")
            page = (await teacher.get(f"/classe/{class_id}")).text
            connected = page.split("Connectés maintenant", 1)[1].split("</section>", 1)[0]
            assert here["pseudonym"] in connected
            assert f'href="/stands/{stand_id}"' in connected
            assert stand_name.replace("'", "&#39;") in connected
        finally:
            await socket.close()
        page = (await teacher.get(f"/classe/{class_id}")).text
        connected = page.split("Connectés maintenant", 1)[1].split("</section>", 1)[0]
        assert here["pseudonym"] not in connected
