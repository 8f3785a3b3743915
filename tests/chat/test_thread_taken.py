"""A pupil hears who took their private question; consoles get each conversation's last message."""

from __future__ import annotations

import io

import httpx
import pytest
from PIL import Image

from stands.marks import initials
from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token
from tests.stands.backoffice_helpers import browser


@pytest.fixture
async def pro(server: ServerProcess):
    client = await LiveClient().connect(server.url, await staff_token(server.url))
    yield client
    await client.close()


async def open_thread(client: LiveClient, stand_id: int) -> str:
    ack = await client.call("thread:open", {"stand_id": stand_id})
    assert ack["ok"], ack
    return ack["thread"]["room"]  # type: ignore[no-any-return]


async def test_the_pupil_is_told_by_name_who_took_their_question_live_and_after_a_reload(server, pro):
    token = (await pupil_token(server.url))["token"]
    pupil = await LiveClient().connect(server.url, token)
    try:
        room = await open_thread(pupil, await demo_stand(server.url, staffed=True, index=3))
        await pupil.join(room)
        await pupil.send(room, "Est-ce qu'on travaille le week-end ?")
        waiting = await pupil.wait_for("queue", lambda q: q["room"] == room and q["position"] is not None)
        assert waiting["taken_by"] is None

        taken = await pro.call("thread:take", {"room": room})
        assert taken["ok"], taken
        told = await pupil.wait_for("queue", lambda q: q["room"] == room and q["taken_by"])
        assert told["taken_by"]["name"] == taken["thread"]["taken_by"]["name"]
        assert told["taken_by"]["name"].startswith("Camille Durand")
        assert told["position"] is not None  # still waiting for the answer itself

        # The same pupil reloads the page: the join answers the queue, with who took it.
        again = await LiveClient().connect(server.url, token)
        try:
            await again.join(room)
            back = await again.wait_for("queue", lambda q: q["room"] == room)
            assert back["taken_by"]["name"].startswith("Camille Durand")
        finally:
            await again.close()

        pupil.events["queue"].clear()
        await pro.call("thread:release", {"room": room})
        freed = await pupil.wait_for("queue", lambda q: q["room"] == room)
        assert freed["taken_by"] is None
        assert freed["position"] is not None
    finally:
        await pupil.close()


async def test_every_thread_message_refreshes_the_console_row_with_its_last_message(server, pro):
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    try:
        room = await open_thread(pupil, await demo_stand(server.url, staffed=True, index=3))
        await pupil.join(room)
        await pupil.send(room, "Première question")
        await pro.wait_for("thread:updated", lambda t: t["room"] == room and t["state"] == "waiting")
        # Still waiting: no change of state, yet the console hears of the second message.
        second = await pupil.send(room, "Et une deuxième, plus longue " + "x" * 200)
        update = await pro.wait_for("thread:updated", lambda t: t["room"] == room and t["last_seq"] == 2)
        assert update["state"] == "waiting"
        last = update["last_message"]
        assert last["author"]["id"] == second["message"]["author"]["id"] and last["hidden"] is False
        assert last["text"].startswith("Et une deuxième") and len(last["text"]) <= 140

        state = await pro.call("console:state", {})
        row = next(t for t in state["threads"] if t["room"] == room)
        assert row["last_message"]["text"] == last["text"] and row["unread"] == 2
    finally:
        await pupil.close()


async def test_console_state_gives_each_public_room_its_last_message(server, pro):
    stand_id = await demo_stand(server.url, staffed=True, index=3)
    room = f"stand:{stand_id}"
    await pro.join(room)
    sent = await pro.send(room, "Bienvenue sur notre stand !")
    state = await pro.call("console:state", {})
    mine = next(r for r in state["rooms"] if r["room"] == room)
    assert mine["last_seq"] == sent["message"]["seq"]
    assert mine["last_message"]["text"] == "Bienvenue sur notre stand !"
    assert mine["last_message"]["author"]["name"].startswith("Camille Durand")
    assert mine["last_activity"] == sent["message"]["ts"]


async def test_console_state_gives_each_public_room_its_stands_face(server, pro):
    """A stand without a logo gets its initials mark; once it has one, the logo's address."""
    stand_id = await demo_stand(server.url, staffed=True, index=2)
    room = f"stand:{stand_id}"
    before = next(r for r in (await pro.call("console:state", {}))["rooms"] if r["room"] == room)
    assert before["initials"] == initials(before["title"]) and 0 <= before["mark_colour"] < 6
    picture = io.BytesIO()
    Image.new("RGB", (80, 40), (20, 90, 200)).save(picture, format="PNG")
    async with browser(server.url, "orga@demo.salon") as orga:
        sent = await orga.post(
            f"/admin/stands/{stand_id}/logo", files={"file": ("logo.png", picture.getvalue(), "image/png")}
        )
        assert sent.status_code == 303, sent.text
    after = next(r for r in (await pro.call("console:state", {}))["rooms"] if r["room"] == room)
    assert after["logo_url"] and after["logo_url"].startswith("/media/")
    async with httpx.AsyncClient(base_url=server.url) as http:
        assert (await http.get(after["logo_url"])).headers["content-type"] == "image/png"
