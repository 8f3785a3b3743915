"""The scheduler in real `salon serve` workers: two of them on one PostgreSQL and one Redis announce each
talk's change exactly once, the other takes over when the leader is killed, and reminders reach the
registered class only. One worker without Redis leads by itself."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from redis.asyncio import Redis

from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token, staff_token
from tests.services import PrivateRedis
from tests.sessions.talks import add_class, add_talk, talk_row

GRACE = 2.0  # seconds of further ticks (at 0.2 s) during which a second announcement would show up


@pytest.fixture(scope="module")
def pair(postgres_url: str, redis_url: str, redis_prefix: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    env = base_env(postgres_url, redis_url, SALON_REDIS_PREFIX=redis_prefix, SALON_SCHEDULER_INTERVAL="0.2")
    prepare_database(env)
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


def states(client: LiveClient, talk_id: int) -> list[str]:
    return [e["state"] for e in client.events["talk:state"] if e["room"] == f"talk:{talk_id}"]


async def leader_of(redis: Redis, prefix: str, workers: tuple[ServerProcess, ...]) -> ServerProcess:
    for _ in range(100):
        owner = await redis.get(f"{prefix}:scheduler:leader")
        if owner is not None:
            pid = int(owner.decode().rsplit(":", 1)[1])
            for worker in workers:
                if worker.proc is not None and worker.proc.pid == pid:
                    return worker
        await asyncio.sleep(0.1)
    raise AssertionError(f"no worker holds the lock (key holds {owner!r})")


async def metric(worker: ServerProcess, name: str) -> float:
    async with httpx.AsyncClient(base_url=worker.url) as http:
        for line in (await http.get("/metrics")).text.splitlines():
            if line.startswith(f"{name} "):
                return float(line.split()[1])
    raise AssertionError(f"{name} missing from /metrics")


async def until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} not within {timeout} s")
        await asyncio.sleep(0.1)


async def test_two_workers_announce_once_and_the_survivor_takes_over(pair, postgres_url, redis, redis_prefix):
    one, two = pair
    short = await add_talk(postgres_url, "Trois minutes pour un métier", starts_in=4, minutes=0.1)
    after = await add_talk(postgres_url, "Après la relève", starts_in=30)
    pupil = await LiveClient().connect(one.url, (await pupil_token(one.url))["token"])
    pro = await LiveClient().connect(two.url, await staff_token(two.url))
    clients = (pupil, pro)
    try:
        for client in clients:
            await client.join(f"talk:{short}")
            await client.join(f"talk:{after}")
        for client in clients:
            await client.wait_for(
                "talk:state", lambda e: e == {"room": f"talk:{short}", "state": "ended", "talk_id": short}, 20
            )
        await asyncio.sleep(GRACE)
        assert [states(c, short) for c in clients] == [["live", "ended"], ["live", "ended"]]
        # Exactly one worker leads, and /metrics says which.
        leader = await leader_of(redis, redis_prefix, pair)
        survivor = two if leader is one else one
        assert await metric(leader, "salon_scheduler_leader") == 1
        assert await metric(survivor, "salon_scheduler_leader") == 0

        assert leader.proc is not None
        assert [states(c, after) for c in clients] == [[], []]  # the next change is still to come
        announced_before = await metric(survivor, "salon_talk_announcements_total")
        os.kill(leader.proc.pid, signal.SIGKILL)
        leader.proc.wait()
        watcher = pupil if survivor is one else pro
        await watcher.wait_for("talk:state", lambda e: e["room"] == f"talk:{after}", 40)
        await asyncio.sleep(GRACE)
        assert states(watcher, after) == ["live"]
        assert await leader_of(redis, redis_prefix, (survivor,)) is survivor
        assert await metric(survivor, "salon_scheduler_leader") == 1
        assert await metric(survivor, "salon_talk_announcements_total") > announced_before  # it announced it
    finally:
        for client in clients:
            if client.sio.connected:
                await client.close()


async def test_a_reminder_reaches_the_registered_class_only(pair, postgres_url):
    one, two = pair
    alive = [w for w in pair if w.proc is not None and w.proc.poll() is None]
    worker = alive[0]
    await add_class(postgres_url, "RAPPEL-4B")
    registered = await LiveClient().connect(worker.url, (await pupil_token(worker.url, "DEMO-3E"))["token"])
    other = await LiveClient().connect(worker.url, (await pupil_token(worker.url, "RAPPEL-4B"))["token"])
    teacher = await LiveClient().connect(worker.url, await staff_token(worker.url, "prof@demo.salon"))
    try:
        talk_id = await add_talk(
            postgres_url, "Rappel aux classes inscrites", starts_in=5 * 60 + 3, classes=("DEMO-3E",)
        )
        reminder = await registered.wait_for("talk:reminder", lambda e: e["talk_id"] == talk_id, 20)
        assert reminder["message"] == "« Rappel aux classes inscrites » commence dans 5 minutes."
        assert reminder["url"] == f"/talks/{talk_id}" and reminder["room"] == f"talk:{talk_id}"
        await teacher.wait_for("talk:reminder", lambda e: e["talk_id"] == talk_id, 5)
        await asyncio.sleep(GRACE)
        assert [
            len([e for e in c.events["talk:reminder"] if e["talk_id"] == talk_id]) for c in (registered, teacher)
        ] == [1, 1]
        assert other.events["talk:reminder"] == []
    finally:
        for client in (registered, other, teacher):
            await client.close()


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> Iterator[tuple[ServerProcess, str]]:
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('alone') / 'salon.db'}"
    env = base_env(url, SALON_SCHEDULER_INTERVAL="0.2")
    prepare_database(env)
    worker = ServerProcess(env).start()
    yield worker, url
    worker.stop()


async def test_a_single_worker_without_redis_leads(alone):
    worker, url = alone
    talk_id = await add_talk(url, "Sans Redis", starts_in=3)
    pupil = await LiveClient().connect(worker.url, (await pupil_token(worker.url))["token"])
    try:
        await pupil.join(f"talk:{talk_id}")
        await pupil.wait_for("talk:state", lambda e: e["room"] == f"talk:{talk_id}", 20)
        await asyncio.sleep(GRACE)
        assert states(pupil, talk_id) == ["live"]
        assert await metric(worker, "salon_scheduler_leader") == 1
    finally:
        await pupil.close()


async def test_with_redis_down_nobody_announces_and_announcements_resume_when_it_is_back(tmp_path):
    redis = PrivateRedis().start()
    url = f"sqlite+aiosqlite:///{tmp_path / 'salon.db'}"
    env = base_env(url, redis.url, SALON_SCHEDULER_INTERVAL="0.2")
    prepare_database(env)
    worker = ServerProcess(env).start()

    def leading(value: float):  # type: ignore[no-untyped-def]
        return lambda: _is(metric(worker, "salon_scheduler_leader"), value)

    try:
        await until(leading(1), 10, "the worker taking the lock")
        redis.stop()
        await until(leading(0), 10, "the worker giving up the lead")
        talk_id = await add_talk(url, "Pendant la panne", starts_in=0.5)
        await asyncio.sleep(GRACE)  # live by its times, but nobody leads
        assert (await talk_row(url, talk_id)).announced_state == "upcoming"
        redis.start()
        await until(leading(1), 15, "the worker taking the lock again")
        await until(lambda: _is(state_of(url, talk_id), "live"), 10, "the announcement once Redis is back")
    finally:
        worker.stop()
        redis.stop()


async def _is(value, expected) -> bool:  # type: ignore[no-untyped-def]
    return await value == expected


async def state_of(url: str, talk_id: int) -> str:
    return (await talk_row(url, talk_id)).announced_state
