"""Private threads, the console and the queue, against a real server."""

from __future__ import annotations

import httpx
import pytest

from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token


async def connect_pupil(server: ServerProcess) -> LiveClient:
    return await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])


@pytest.fixture
async def pro(server: ServerProcess):
    client = await LiveClient().connect(server.url, await staff_token(server.url))
    yield client
    await client.close()


@pytest.fixture
async def pupil(server: ServerProcess):
    client = await connect_pupil(server)
    yield client
    await client.close()


async def shared_stand(server: ServerProcess) -> int:
    """The demo stand where two professionals answer together."""
    async with httpx.AsyncClient(base_url=server.url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            if len((await http.get(f"/api/stands/{stand['id']}")).json()["staff"]) == 2:
                return int(stand["id"])
    raise AssertionError("no stand with two professionals in the demo")


async def open_thread(client: LiveClient, stand_id: int) -> dict:
    ack = await client.call("thread:open", {"stand_id": stand_id})
    assert ack["ok"], ack
    return ack["thread"]


async def test_a_pupil_opens_one_thread_per_stand_and_finds_it_again(server, pupil):
    stand_id = await demo_stand(server.url, staffed=True, index=1)
    thread = await open_thread(pupil, stand_id)
    assert thread["room"].startswith("thread:") and thread["state"] == "new" and thread["stand_id"] == stand_id
    assert thread["pupil"]["name"] and thread["class_label"] == "3e B (démo)"
    assert (await open_thread(pupil, stand_id))["room"] == thread["room"]


async def test_adults_never_open_a_thread(server, pro):
    ack = await pro.call("thread:open", {"stand_id": await demo_stand(server.url, staffed=True)})
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"


async def test_a_pupils_question_reaches_the_console_and_the_answer_reaches_the_pupil(server, pupil, pro):
    stand_id = await demo_stand(server.url, staffed=True, index=2)
    thread = await open_thread(pupil, stand_id)
    room = thread["room"]
    await pupil.join(room)
    question = await pupil.send(room, "Je n'ose pas demander devant tout le monde : on peut venir en stage ?")
    update = await pro.wait_for("thread:updated", lambda t: t["room"] == room and t["state"] == "waiting")
    assert update["waiting_since"] and update["taken_by"] is None
    state = await pro.call("console:state", {})
    assert state["ok"]
    mine = next(t for t in state["threads"] if t["room"] == room)
    assert mine["unread"] == 1 and mine["state"] == "waiting"
    waiting = [t for t in state["threads"] if t["state"] == "waiting"]
    assert state["threads"][: len(waiting)] == waiting  # waiting threads first
    assert [t["waiting_since"] for t in waiting] == sorted(t["waiting_since"] for t in waiting)
    assert {r["stand_id"] for r in state["rooms"]} >= {stand_id}

    history = await pro.join(room)
    assert history["messages"][-1]["id"] == question["message"]["id"]
    answer = await pro.send(room, "Bien sûr, demandez à votre professeur la convention de stage.")
    await pupil.wait_for("chat:message", lambda m: m["id"] == answer["message"]["id"])
    answered = await pro.wait_for("thread:updated", lambda t: t["room"] == room and t["state"] == "answered")
    assert answered["waiting_since"] is None
    await pupil.wait_for("queue", lambda q: q["room"] == room and q["position"] is None)

    assert (await pro.call("room:read", {"room": room, "seq": answer["message"]["seq"]}))["ok"]
    state = await pro.call("console:state", {})
    assert next(t for t in state["threads"] if t["room"] == room)["unread"] == 0


async def test_threads_are_private(server, pupil):
    stand_id = await demo_stand(server.url, staffed=True, index=3)
    room = (await open_thread(pupil, stand_id))["room"]
    await pupil.send(room, "Question privée")
    other = await connect_pupil(server)
    try:
        ack = await other.call("room:join", {"room": room})
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
        ack = await other.send(room, "Je m'invite")
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    finally:
        await other.close()


async def test_staff_of_another_stand_cannot_answer_a_thread(server, pupil, pro):
    room = (await open_thread(pupil, await demo_stand(server.url, staffed=False)))["room"]
    await pupil.send(room, "Bonjour ?")
    assert (await pro.call("room:join", {"room": room}))["error"]["code"] == "forbidden"
    assert (await pro.send(room, "Je réponds quand même"))["error"]["code"] == "forbidden"
    assert (await pro.call("thread:take", {"room": room}))["error"]["code"] == "forbidden"


async def test_the_teacher_reads_a_thread_of_their_class_but_does_not_write(server, pupil):
    room = (await open_thread(pupil, await demo_stand(server.url, staffed=True, index=1)))["room"]
    await pupil.send(room, "Une question pour le stand")
    teacher = await LiveClient().connect(server.url, await staff_token(server.url, "prof@demo.salon"))
    try:
        history = await teacher.join(room)
        assert history["messages"][-1]["text"] == "Une question pour le stand"
        assert (await teacher.send(room, "Je m'en mêle"))["error"]["code"] == "forbidden"
    finally:
        await teacher.close()


async def test_take_marks_who_answers_and_a_colleague_gets_conflict(server, pupil, pro):
    room = (await open_thread(pupil, await shared_stand(server)))["room"]
    await pupil.send(room, "Qui me répond ?")
    colleague = await LiveClient().connect(server.url, await staff_token(server.url, "pro2@demo.salon"))
    taken = await pro.call("thread:take", {"room": room})
    assert taken["ok"] and taken["thread"]["taken_by"]["name"].startswith("Camille Durand")
    try:
        await colleague.wait_for("thread:updated", lambda t: t["room"] == room and t["taken_by"])
        state = await colleague.call("console:state", {})
        assert next(t for t in state["threads"] if t["room"] == room)["taken_by"]["name"].startswith("Camille")
        refused = await colleague.call("thread:take", {"room": room})
        assert refused["ok"] is False and refused["error"]["code"] == "conflict"
        assert "Camille Durand" in refused["error"]["message"]
        assert (await colleague.call("thread:release", {"room": room}))["error"]["code"] == "conflict"
        assert (await pro.call("thread:release", {"room": room}))["thread"]["taken_by"] is None
        assert (await colleague.call("thread:take", {"room": room}))["thread"]["taken_by"]["name"].startswith("Karim")
    finally:
        await colleague.close()


async def test_a_pupil_who_comes_back_with_the_same_session_finds_the_answer(server, pro):
    token = (await pupil_token(server.url))["token"]
    pupil = await LiveClient().connect(server.url, token)
    stand_id = await demo_stand(server.url, staffed=True, index=2)
    room = (await open_thread(pupil, stand_id))["room"]
    question = await pupil.send(room, "Je repasse plus tard")
    await pupil.close()

    await pro.join(room)
    answer = await pro.send(room, "Voici la réponse pendant votre absence")

    back = await LiveClient().connect(server.url, token)
    try:
        assert (await open_thread(back, stand_id))["room"] == room
        replay = await back.join(room, since=question["message"]["seq"])
        assert [m["id"] for m in replay["messages"]] == [answer["message"]["id"]]
    finally:
        await back.close()


async def test_the_queue_gives_places_and_an_estimate_once_answers_are_known(server, pro):
    # A stand no other test queues at: positions are counted per stand.
    stand_id = await demo_stand(server.url, staffed=True, event="quinzaine-apprentissage")
    await pro.join(f"stand:{stand_id}")  # the professional is online at the stand
    pupils = [await connect_pupil(server) for _ in range(5)]
    try:
        rooms = []
        for pupil in pupils:
            room = (await open_thread(pupil, stand_id))["room"]
            await pupil.join(room)
            await pupil.send(room, "Bonjour, j'ai une question")
            rooms.append(room)
        last = pupils[-1]
        position = await last.wait_for("queue", lambda q: q["room"] == rooms[-1] and q["position"] == 5)
        assert position["waiting"] == 5 and position["staff_online"] == 1 and position["estimate_seconds"] is None
        for room in rooms[:3]:  # three answers make an estimate
            await pro.join(room)
            await pro.send(room, "Voici la réponse")
        update = await last.wait_for(
            "queue", lambda q: q["room"] == rooms[-1] and q["position"] == 2 and q["estimate_seconds"] is not None
        )
        assert update["waiting"] == 2 and update["estimate_seconds"] >= 0
    finally:
        for pupil in pupils:
            await pupil.close()


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("thread:open", {"stand_id": "3"}, "invalid"),
        ("thread:take", {"room": "stand:1"}, "invalid"),
        ("thread:take", {"room": "thread:999999"}, "not_found"),
        ("room:read", {"room": "stand:1", "seq": -1}, "invalid"),
        ("console:state", {"extra": 1}, "invalid"),
    ],
)
async def test_bad_thread_events_are_refused(server, pro, event, payload, code):
    ack = await pro.call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code


async def test_a_thread_at_an_unknown_stand_is_not_found(server, pupil):
    assert (await pupil.call("thread:open", {"stand_id": 999999}))["error"]["code"] == "not_found"


async def test_pupils_have_no_console(server, pupil):
    assert (await pupil.call("console:state", {}))["error"]["code"] == "forbidden"
