"""Redis restarts mid-conversation: nothing stored is lost, fan-out comes back by itself."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token, staff_token
from tests.server.test_fanout_redis import staffed_room
from tests.services import PrivateRedis


@pytest.fixture
def deployment(tmp_path) -> Iterator[tuple[PrivateRedis, ServerProcess, ServerProcess]]:
    redis = PrivateRedis().start()
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'two-workers.db'}", redis.url)
    prepare_database(env)
    one, two = ServerProcess(env).start(), ServerProcess(env).start()
    yield redis, one, two
    one.stop()
    two.stop()
    redis.stop()


async def test_a_redis_restart_loses_no_stored_message_and_fanout_resumes(deployment):
    redis, one, two = deployment
    room = await staffed_room(one)
    pupil = await LiveClient().connect(one.url, (await pupil_token(one.url))["token"])
    pro = await LiveClient().connect(two.url, await staff_token(two.url))
    try:
        await pupil.join(room)
        await pro.join(room)
        stand_id = int(room.split(":")[1])
        thread = (await pupil.call("thread:open", {"stand_id": stand_id}))["thread"]["room"]
        await pupil.join(thread)
        before = await pro.send(room, "Avant la coupure")
        await pupil.wait_for("chat:message", lambda m: m["id"] == before["message"]["id"])
        seen = before["message"]["seq"]

        redis.stop()
        during = [await pupil.send(room, f"Pendant la coupure {i}") for i in range(2)]
        assert all(ack["ok"] for ack in during), during  # stored and acknowledged without Redis
        # A private question too: its queue refresh reads presence, which must not fail the send.
        private = await pupil.send(thread, "Question privée pendant la coupure")
        assert private["ok"], private
        assert (await pupil.call("room:join", {"room": thread}))["ok"]
        async with httpx.AsyncClient(base_url=one.url) as http:
            health = await http.get("/healthz")
        assert health.status_code == 503 and health.json()["redis"] == "down"

        redis.start()
        # Fan-out comes back by itself: keep writing until a message crosses the workers again.
        deadline = asyncio.get_running_loop().time() + 45
        while True:
            probe = await pro.send(room, "Vous m'entendez ?")
            assert probe["ok"], probe
            try:
                await pupil.wait_for("chat:message", lambda m, i=probe["message"]["id"]: m["id"] == i, timeout=1)
                break
            except AssertionError:
                if asyncio.get_running_loop().time() > deadline:
                    raise
        # The pro missed the broadcasts of the outage; replay from the last seq seen brings them back.
        replay = await pro.join(room, since=seen)
        texts = [m["text"] for m in replay["messages"]]
        assert texts[:2] == ["Pendant la coupure 0", "Pendant la coupure 1"]
        assert [m["seq"] for m in replay["messages"]] == list(range(seen + 1, replay["last_seq"] + 1))
    finally:
        await pupil.close()
        await pro.close()
