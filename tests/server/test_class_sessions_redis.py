"""Ending a class session across two workers sharing Redis and PostgreSQL: the pupil's socket on the other
worker is closed within 5 s, its token refused on HTTP and at reconnect; the class page of one worker shows
the pupils connected to the other, and where they are."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
import socketio

from tests.live import LiveClient, ServerProcess, base_env, demo_stand, prepare_database
from tests.server.class_helpers import create_class, make_teacher, pupil, token_accepted, wait_disconnected
from tests.stands.backoffice_helpers import browser


@pytest.fixture(scope="module")
def pair(postgres_url: str, redis_url: str, redis_prefix: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    env = base_env(postgres_url, redis_url, SALON_REDIS_PREFIX=redis_prefix)
    prepare_database(env)
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


async def open_event_id(teacher: httpx.AsyncClient) -> int:
    form = (await teacher.get("/classe/nouvelle")).text
    found = re.search(r'<option value="(\d+)"', form)
    assert found, form
    return int(found.group(1))


async def test_ending_the_session_closes_a_pupil_socket_on_the_other_worker(pair, postgres_url):
    one, two = pair
    email = await make_teacher(postgres_url)
    async with browser(one.url, email) as teacher:
        class_id, code = await create_class(teacher, await open_event_id(teacher))
        here, there = await pupil(two.url, code), await pupil(two.url, code)
        socket = await LiveClient().connect(two.url, here["token"])
        polling = await LiveClient().connect(two.url, there["token"], transports=["polling"])
        try:
            stand_id = await demo_stand(two.url, staffed=True)
            await socket.join(f"stand:{stand_id}")
            # Worker one's class page sees worker two's pupils, and the stand one of them joined.
            page = (await teacher.get(f"/classe/{class_id}")).text
            connected = page.split("Connectés maintenant", 1)[1].split("</section>", 1)[0]
            assert here["pseudonym"] in connected and there["pseudonym"] in connected
            assert f'href="/stands/{stand_id}"' in connected

            response = await teacher.post(f"/classe/{class_id}/terminer")
            assert response.status_code == 303
            await wait_disconnected(socket, within=5)
            await wait_disconnected(polling, within=5)
            assert socket.events["class:ended"][0]["reason"] == "ended"
            for token in (here["token"], there["token"]):
                assert await token_accepted(one.url, token) == 401
                assert await token_accepted(two.url, token) == 401
                with pytest.raises(socketio.exceptions.ConnectionError):
                    await LiveClient().connect(two.url, token)
            page = (await teacher.get(f"/classe/{class_id}?fait=terminee")).text
            assert "La séance est terminée" in page
            connected = page.split("Connectés maintenant", 1)[1].split("</section>", 1)[0]
            assert here["pseudonym"] not in connected
            # The code still opens the class for another lesson: a new pupil.
            again = await pupil(one.url, code)
            assert again["pseudonym"] and await token_accepted(two.url, again["token"]) == 200
        finally:
            for client in (socket, polling):
                if client.sio.connected:
                    await client.close()
