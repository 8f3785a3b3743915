"""Live staff counts in the hall, with real Socket.IO clients against real servers: `hall:watch`, then
`hall:presence` when staff come and go (also across two workers sharing Redis)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import httpx
import pytest

from tests.live import (
    LiveClient,
    ServerProcess,
    base_env,
    demo_stand,
    prepare_database,
    pupil_token,
    staff_token,
)

EVENT = "des-clics-des-metiers"


async def watcher(server: ServerProcess) -> tuple[LiveClient, dict]:
    client = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    ack = await client.call("hall:watch", {"event": EVENT})
    assert ack["ok"] is True and ack["event"] == EVENT, ack
    return client, ack


async def test_hall_watch_answers_every_stands_count(server):
    client, ack = await watcher(server)
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            stands = (await http.get(f"/api/events/{EVENT}/stands")).json()
        assert set(ack["stands"]) == {str(s["id"]) for s in stands}
        assert all(isinstance(n, int) and n >= 0 for n in ack["stands"].values())
    finally:
        await client.close()


async def test_staff_joining_a_stand_updates_the_watchers_counts(server):
    stand_id = await demo_stand(server.url, staffed=True)
    client, ack = await watcher(server)
    pro = LiveClient()
    try:
        await pro.connect(server.url, await staff_token(server.url))
        await pro.join(f"stand:{stand_id}")
        update = await client.wait_for("hall:presence", lambda p: p["stands"].get(str(stand_id), 0) >= 1)
        assert update["event"] == EVENT and set(update["stands"]) == {str(stand_id)}  # only what changed
        # Anonymous visitors get the count at render time.
        async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as http:
            listed = (await http.get(f"/api/events/{EVENT}/stands")).json()
            assert next(s for s in listed if s["id"] == stand_id)["staff_online"] >= 1
            name = next(s["name"] for s in listed if s["id"] == stand_id)
            page = (await http.get(f"/events/{EVENT}", params={"q": name})).text
            card = re.search(rf'data-stand-id="{stand_id}"[\s\S]*?</article>', page)
            assert card and "1 professionnel en ligne" in card.group(0)
        await pro.close()
        await client.wait_for("hall:presence", lambda p: p["stands"].get(str(stand_id)) == 0)
    finally:
        await pro.close()
        await client.close()


async def test_pupils_coming_and_going_do_not_wake_the_hall(server):
    stand_id = await demo_stand(server.url, staffed=False)
    client, _ = await watcher(server)
    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    try:
        await pupil.join(f"stand:{stand_id}")
        await pupil.call("room:leave", {"room": f"stand:{stand_id}"})
        await pupil.close()
        await asyncio.sleep(1.5)  # three presence intervals
        assert not [p for p in client.events["hall:presence"] if str(stand_id) in p["stands"]]
    finally:
        await pupil.close()
        await client.close()


async def test_hall_watch_refuses_unknown_events_and_bad_payloads(server):
    client = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    try:
        unknown = await client.call("hall:watch", {"event": "nulle-part"})
        assert unknown["ok"] is False and unknown["error"]["code"] == "not_found"
        for bad in ({"event": 12}, {}, {"event": EVENT, "extra": 1}, {"event": "x" * 81}):
            nack = await client.call("hall:watch", bad)
            assert nack["ok"] is False and nack["error"]["code"] == "invalid", (bad, nack)
        assert (await client.call("hall:unwatch", {"event": EVENT}))["ok"] is True
    finally:
        await client.close()


async def test_the_hall_page_goes_live_for_signed_in_visitors_only(server):
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as http:
        anonymous = (await http.get(f"/events/{EVENT}")).text
        assert "js/hall.js" not in anonymous and "aria-live" not in anonymous
        await http.post("/join", data={"class_code": "DEMO-3E"})
        signed_in = (await http.get(f"/events/{EVENT}")).text
    assert '<script src="/static/js/hall.js" defer></script>' in signed_in
    assert 'aria-live="polite" data-hall-announce' in signed_in
    assert '"staff_online_many": "%(num)d professionnels en ligne \\u2014 r\\u00e9ponse en direct"' in signed_in
    assert " style=" not in signed_in and " onclick=" not in signed_in


@pytest.fixture(scope="module")
def pair(tmp_path_factory, redis_url: str, redis_prefix: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    database = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('hall-pair') / 'salon.db'}"
    env = base_env(database, redis_url, SALON_REDIS_PREFIX=f"{redis_prefix}-hall")
    prepare_database(env)
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


@pytest.mark.redis
async def test_hall_counts_cross_workers(pair):
    one, two = pair
    stand_id = await demo_stand(one.url, staffed=True)
    client, _ = await watcher(one)
    pro = await LiveClient().connect(two.url, await staff_token(two.url))
    try:
        await pro.join(f"stand:{stand_id}")
        await client.wait_for("hall:presence", lambda p: p["stands"].get(str(stand_id), 0) >= 1)
        await pro.close()
        await client.wait_for("hall:presence", lambda p: p["stands"].get(str(stand_id)) == 0)
    finally:
        await pro.close()
        await client.close()
