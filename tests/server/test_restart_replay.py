"""A message stored before a server restart is replayed to a client that reconnects with `since`."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token, staff_token


@pytest.fixture
def lone_server(tmp_path) -> Iterator[ServerProcess]:
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'restart.db'}")
    prepare_database(env)
    process = ServerProcess(env).start()
    yield process
    process.stop()


async def test_messages_survive_a_restart_and_are_replayed_since_the_last_seq(lone_server):
    async with httpx.AsyncClient(base_url=lone_server.url) as http:
        stand = (await http.get("/api/events/des-clics-des-metiers/stands")).json()[0]
    room = f"stand:{stand['id']}"
    token = (await pupil_token(lone_server.url))["token"]
    pupil = await LiveClient().connect(lone_server.url, token)
    seen = (await pupil.join(room))["last_seq"]
    await pupil.close()

    pro = await LiveClient().connect(lone_server.url, await staff_token(lone_server.url))
    missed = [(await pro.send(room, f"Réponse {i} pendant votre absence"))["message"] for i in range(3)]
    await pro.close()

    lone_server.restart()

    pupil = await LiveClient().connect(lone_server.url, token)
    try:
        replay = await pupil.join(room, since=seen)
        assert replay["messages"] == missed
        assert replay["last_seq"] == missed[-1]["seq"]
    finally:
        await pupil.close()
