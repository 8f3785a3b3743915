"""Teachers see, live and afterwards, what their pupils wrote, every message of their threads and the
professionals' public replies around their pupils' messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from chat import teacher
from tests.live import LiveClient, demo_stand, pupil_token, staff_token


async def test_the_teacher_sees_their_pupils_messages_live_and_in_history(server):
    teacher_token = await staff_token(server.url, "prof@demo.salon")
    teacher = await LiveClient().connect(server.url, teacher_token)
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    try:
        stand_id = await demo_stand(server.url, staffed=True, index=1)
        public = await pupil.send(f"stand:{stand_id}", "Question devant tout le monde")
        live = await teacher.wait_for("class:message", lambda e: e["message"]["id"] == public["message"]["id"])
        assert live["class_label"] == "3e B (démo)" and live["stand_id"] == stand_id and live["stand_name"]

        room = (await pupil.call("thread:open", {"stand_id": stand_id}))["thread"]["room"]
        private = await pupil.send(room, "Question privée")
        answer = await pro.send(room, "Réponse privée")
        for sent in (private, answer):
            await teacher.wait_for("class:message", lambda e, i=sent["message"]["id"]: e["message"]["id"] == i)

        async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {teacher_token}"}) as http:
            classes = await http.get("/classe", headers={"Accept": "text/html"})
            assert classes.status_code == 200 and "Réponse privée" in classes.text
            class_id = live["class_id"]
            listing = (await http.get(f"/api/classes/{class_id}/messages")).json()
        ids = [m["message"]["id"] for m in listing["messages"]]
        assert {public["message"]["id"], private["message"]["id"], answer["message"]["id"]} <= set(ids)
        assert ids == sorted(ids)
    finally:
        for client in (teacher, pupil, pro):
            await client.close()


async def test_only_the_classes_teachers_see_its_messages(server):
    pro_token = await staff_token(server.url)
    async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {pro_token}"}) as http:
        response = await http.get("/api/classes/1/messages")
        assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
        assert (await http.get("/api/classes/999999/messages")).json()["error"]["code"] == "not_found"
        assert (await http.get("/classe", headers={"Accept": "text/html"})).status_code == 403


async def class_listing(http: httpx.AsyncClient) -> list[dict]:
    classes = (await http.get("/classe", headers={"Accept": "text/html"})).text
    assert "3e B (démo)" in classes
    return (await http.get("/api/classes/1/messages")).json()["messages"]


async def test_the_teacher_sees_the_professionals_public_replies_around_their_pupils(server):
    """Public stand rooms where a pupil of the class wrote: the adults' replies from the pupil's message on."""
    teacher_token = await staff_token(server.url, "prof@demo.salon")
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    event = "quinzaine-apprentissage"
    # Stands of the second event that no other test uses; adults may write in every public room.
    room = f"stand:{await demo_stand(server.url, staffed=False, index=5, event=event)}"
    elsewhere = f"stand:{await demo_stand(server.url, staffed=False, index=6, event=event)}"
    headers = {"Authorization": f"Bearer {teacher_token}"}
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=headers) as http:
            before = await class_listing(http)
            assert not [i for i in before if i["message"]["room"] in (room, elsewhere)], "rooms already used"

            early = await pro.send(room, "Bienvenue à notre stand, posez vos questions !")
            question = await pupil.send(room, "Faut-il un bac pour devenir boulanger ?")
            reply = await pro.send(room, "Non : un CAP boulanger en apprentissage suffit pour commencer.")
            alone = await pro.send(elsewhere, "Réponse dans un salon où la classe n'a pas écrit")

            page = (await http.get("/classe", headers={"Accept": "text/html"})).text
            listing = (await http.get("/api/classes/1/messages")).json()
    finally:
        for client in (pupil, pro):
            await client.close()

    assert "Non : un CAP boulanger en apprentissage suffit pour commencer." in page
    assert "Réponse dans un salon où la classe n'a pas écrit" not in page
    assert "Bienvenue à notre stand" not in page  # before the class's first message there
    items = {i["message"]["id"]: i for i in listing["messages"]}
    assert question["message"]["id"] in items and reply["message"]["id"] in items
    assert early["message"]["id"] not in items and alone["message"]["id"] not in items
    answer = items[reply["message"]["id"]]
    assert answer["message"]["author"]["name"] == "Camille Durand (démo)"
    assert answer["message"]["author"]["role"] == "professional" and answer["kind"] == "public"
    assert answer["stand_id"] == int(room.split(":")[1]) and answer["stand_name"] and answer["thread_pupil"] is None
    assert items[question["message"]["id"]]["message"]["author"]["name"] == question["message"]["author"]["name"]
    # The summary counts what is listed.
    messages = listing["messages"]
    assert listing["summary"] == {
        "pupils": len({i["message"]["author"]["id"] for i in messages if i["message"]["author"]["role"] == "pupil"}),
        "conversations": len({i["message"]["room"] for i in messages}),
        "replies": sum(1 for i in messages if i["message"]["author"]["role"] in ("professional", "cfa", "organiser")),
    }
    assert listing["summary"]["replies"] >= 1
    ids = [i["message"]["id"] for i in messages]
    assert ids == sorted(ids)


async def test_private_questions_name_their_pupil(server):
    teacher_token = await staff_token(server.url, "prof@demo.salon")
    pupil_session = await pupil_token(server.url)
    pupil = await LiveClient().connect(server.url, pupil_session["token"])
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    try:
        stand_id = await demo_stand(server.url, staffed=True, index=2)
        room = (await pupil.call("thread:open", {"stand_id": stand_id}))["thread"]["room"]
        await pupil.send(room, "Question privée pour le stage")
        answer = await pro.send(room, "Réponse privée pour le stage")
    finally:
        for client in (pupil, pro):
            await client.close()
    async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {teacher_token}"}) as http:
        listing = await class_listing(http)
        page = (await http.get("/classe", headers={"Accept": "text/html"})).text
    item = next(i for i in listing if i["message"]["id"] == answer["message"]["id"])
    assert item["kind"] == "private" and item["thread_pupil"]["name"] == pupil_session["pseudonym"]
    assert f"Question privée de {pupil_session['pseudonym']}" in page


def test_conversation_windows_merge_close_messages_and_split_after_a_pause():
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    marks = [
        (1, 10, start),
        (2, 11, start + timedelta(minutes=1)),
        (1, 12, start + timedelta(minutes=20)),  # within 30 min of the first: same window, extended
        (1, 40, start + timedelta(minutes=90)),  # after a pause: a new window
    ]
    windows = [(w.room_id, w.after_id, w.until) for w in teacher._windows(marks)]
    assert windows == [
        (1, 10, start + timedelta(minutes=50)),
        (2, 11, start + timedelta(minutes=31)),
        (1, 40, start + timedelta(minutes=120)),
    ]


async def test_the_professionals_public_replies_reach_the_teacher_live(server):
    teacher_client = await LiveClient().connect(server.url, await staff_token(server.url, "prof@demo.salon"))
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    event = "quinzaine-apprentissage"
    room = f"stand:{await demo_stand(server.url, staffed=False, index=8, event=event)}"
    elsewhere = f"stand:{await demo_stand(server.url, staffed=False, index=9, event=event)}"
    try:
        await pupil.send(room, "Le travail commence à quelle heure ?")
        reply = await pro.send(room, "Très tôt : vers 4 heures du matin.")
        alone = await pro.send(elsewhere, "Un message où la classe n'est pas")
        live = await teacher_client.wait_for("class:message", lambda e: e["message"]["id"] == reply["message"]["id"])
        assert live["class_label"] == "3e B (démo)" and live["kind"] == "public"
        assert live["stand_id"] == int(room.split(":")[1]) and live["message"]["author"]["role"] == "professional"
        after = await pupil.send(room, "Merci !")
        await teacher_client.wait_for("class:message", lambda e: e["message"]["id"] == after["message"]["id"])
        assert alone["message"]["id"] not in [e["message"]["id"] for e in teacher_client.events["class:message"]]
    finally:
        for client in (teacher_client, pupil, pro):
            await client.close()
