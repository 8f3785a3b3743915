"""Teachers see, live and afterwards, what their pupils wrote and every message of their threads."""

from __future__ import annotations

import httpx

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
