"""Two server processes sharing one Redis (and PostgreSQL): messages cross from one to the other."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token, staff_token
from tests.server.test_presence_people import check_two_tabs_count_once


@pytest.fixture(scope="module")
def pair(postgres_url: str, redis_url: str, redis_prefix: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    env = base_env(postgres_url, redis_url, SALON_REDIS_PREFIX=redis_prefix)
    prepare_database(env)
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


async def staffed_room(server: ServerProcess) -> str:
    async with httpx.AsyncClient(base_url=server.url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            detail = (await http.get(f"/api/stands/{stand['id']}")).json()
            if detail["staff"]:
                return f"stand:{stand['id']}"
    raise AssertionError("no staffed stand")


async def test_health_reports_redis_fanout(pair):
    async with httpx.AsyncClient(base_url=pair[0].url) as http:
        assert (await http.get("/healthz")).json() == {
            "status": "ok",
            "database": "ok",
            "fanout": "redis",
            "redis": "ok",
        }


async def test_a_message_sent_through_one_worker_reaches_a_client_of_the_other(pair):
    one, two = pair
    room = await staffed_room(one)
    pupil = await LiveClient().connect(one.url, (await pupil_token(one.url))["token"])
    pro = await LiveClient().connect(two.url, await staff_token(two.url))
    try:
        await pupil.join(room)
        await pro.join(room)
        question = await pupil.send(room, "Bonjour, vous prenez des apprentis ?")
        assert (await pro.wait_for("chat:message", lambda m: m["id"] == question["message"]["id"]))["seq"] == (
            question["message"]["seq"]
        )
        answer = await pro.send(room, "Oui, à partir de 16 ans.")
        await pupil.wait_for("chat:message", lambda m: m["id"] == answer["message"]["id"])
        # Presence is shared through Redis too: the pupil on worker one sees the pro of worker two.
        update = await pupil.wait_for("presence", lambda p: p["room"] == room and p["staff_online"])
        assert update["staff_online"][0]["name"].startswith("Camille Durand")
    finally:
        await pupil.close()
        await pro.close()


async def test_a_token_issued_by_one_worker_works_on_the_other(pair):
    one, two = pair
    token = (await pupil_token(one.url))["token"]
    client = await LiveClient().connect(two.url, token)
    await client.close()


async def test_a_pro_on_one_worker_answers_a_pupils_thread_on_the_other(pair):
    one, two = pair
    stand_id = int((await staffed_room(one)).split(":")[1])
    pupil = await LiveClient().connect(one.url, (await pupil_token(one.url))["token"])
    pro = await LiveClient().connect(two.url, await staff_token(two.url))
    try:
        room = (await pupil.call("thread:open", {"stand_id": stand_id}))["thread"]["room"]
        await pupil.join(room)
        question = await pupil.send(room, "Question privée depuis le premier serveur")
        # The console channel crosses workers through Redis too.
        await pro.wait_for("thread:updated", lambda t: t["room"] == room and t["state"] == "waiting")
        history = await pro.join(room)
        assert history["messages"][-1]["id"] == question["message"]["id"]
        answer = await pro.send(room, "Réponse depuis le second serveur")
        received = await pupil.wait_for("chat:message", lambda m: m["id"] == answer["message"]["id"])
        assert received["seq"] == question["message"]["seq"] + 1
        await pupil.wait_for("queue", lambda q: q["room"] == room and q["position"] is None)
    finally:
        await pupil.close()
        await pro.close()


async def test_a_pupil_with_a_tab_on_each_worker_counts_once(pair):
    await check_two_tabs_count_once(pair[0].url, pair[1].url)
