"""Minor ambassadors follow the pupils' rules for private questions (chat/permissions.py handles_threads):
they answer in the stand's public discussion, flagged as minors on every message, but neither read, answer
nor take a pupil's private question, and their console lists none. Adult ambassadors answer them."""

from __future__ import annotations

import uuid

import pytest

from server.models import Role
from tests.live import LiveClient, ServerProcess, pupil_token
from tests.server.people import fresh_stand, login, make_adult


async def connect(server: ServerProcess, token: str) -> LiveClient:
    return await LiveClient().connect(server.url, token)


@pytest.fixture
async def scene(server: ServerProcess, sqlite_url: str):
    """A pupil with a private question at a stand, a minor and an adult ambassador of that stand."""
    stand_id = await fresh_stand(sqlite_url, "ambassadeurs")
    minor_email = await make_adult(
        sqlite_url, Role.AMBASSADOR, accepted=True, stand_id=stand_id, is_minor=True, name="Inès Apprentie"
    )
    adult_email = await make_adult(sqlite_url, Role.AMBASSADOR, accepted=True, stand_id=stand_id, name="Yanis")
    pupil = await connect(server, (await pupil_token(server.url))["token"])
    minor = await connect(server, await login(server.url, minor_email))
    adult = await connect(server, await login(server.url, adult_email))
    thread = (await pupil.call("thread:open", {"stand_id": stand_id}))["thread"]
    await pupil.join(thread["room"])
    assert (await pupil.send(thread["room"], f"Ma question privée {uuid.uuid4().hex[:6]}"))["ok"]
    yield {"stand_id": stand_id, "thread": thread["room"], "pupil": pupil, "minor": minor, "adult": adult}
    for client in (pupil, minor, adult):
        await client.close()


async def test_a_minor_ambassador_answers_in_public_flagged_as_a_minor(scene):
    room = f"stand:{scene['stand_id']}"
    await scene["pupil"].join(room)
    await scene["minor"].join(room)
    sent = await scene["minor"].send(room, "Je suis en première année de CAP, posez vos questions !")
    assert sent["ok"], sent
    assert sent["message"]["author"]["role"] == "ambassador" and sent["message"]["author"]["is_minor"] is True
    seen = await scene["pupil"].wait_for("chat:message", lambda m: m["id"] == sent["message"]["id"])
    assert seen["author"]["is_minor"] is True
    history = await scene["pupil"].join(room)
    assert [m["author"].get("is_minor") for m in history["messages"] if m["id"] == sent["message"]["id"]] == [True]
    adult = await scene["adult"].send(room, "Et moi en BTS.")
    assert adult["ok"] and "is_minor" not in adult["message"]["author"]


async def test_a_minor_ambassador_neither_reads_answers_nor_takes_private_questions(scene):
    minor, thread = scene["minor"], scene["thread"]
    joined = await minor.call("room:join", {"room": thread})
    assert joined["ok"] is False and joined["error"]["code"] == "forbidden"
    answered = await minor.send(thread, "Je peux vous répondre.")
    assert answered["ok"] is False and answered["error"]["code"] == "forbidden"
    taken = await minor.call("thread:take", {"room": thread})
    assert taken["ok"] is False and taken["error"]["code"] == "forbidden"
    state = await minor.call("console:state", {})
    assert state["ok"] and state["threads"] == [] and state["rooms"], state


async def test_an_adult_ambassador_answers_private_questions(scene):
    adult, thread = scene["adult"], scene["thread"]
    await adult.join(thread)
    answer = await adult.send(thread, "Bonjour, je vous réponds.")
    assert answer["ok"], answer
    await scene["pupil"].wait_for("chat:message", lambda m: m["id"] == answer["message"]["id"])
    state = await adult.call("console:state", {})
    assert thread in [t["room"] for t in state["threads"]]
