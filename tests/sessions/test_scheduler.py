"""The talks' scheduler: what each talk needs at a given instant (pure), the compare-and-sets that make each
announcement once (real SQLite and PostgreSQL), and the leader lock (real Redis)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from server.timeutil import utcnow
from sessions import scheduler
from sessions.scheduler import LeaderLock, TalkTimes
from tests.live import base_env, prepare_database
from tests.sessions.talks import add_talk, database, talk_row

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def talk(starts: float, ends: float, announced: str = "upcoming", reminded: bool = False) -> TalkTimes:
    """A talk starting and ending `starts` / `ends` minutes after noon."""
    return TalkTimes(
        id=7,
        title="Les métiers du soin",
        starts_at=NOON + timedelta(minutes=starts),
        ends_at=NOON + timedelta(minutes=ends),
        announced_state=announced,
        reminded_at=NOON if reminded else None,
    )


# ---------- Pure parts ----------


def test_an_upcoming_talk_needs_nothing_until_its_start():
    assert scheduler.state_change(talk(10, 40), NOON) is None


def test_a_talk_turns_live_at_its_start_and_ended_at_its_end():
    assert scheduler.state_change(talk(0, 30), NOON) == "live"
    assert scheduler.state_change(talk(-30, 0, announced="live"), NOON) == "ended"


def test_an_announced_state_is_not_announced_again():
    assert scheduler.state_change(talk(-5, 30, announced="live"), NOON) is None
    assert scheduler.state_change(talk(-60, -30, announced="ended"), NOON) is None


def test_a_talk_whose_start_and_end_passed_unannounced_goes_straight_to_ended():
    assert scheduler.state_change(talk(-60, -30), NOON) == "ended"


def test_a_talk_moved_later_is_announced_upcoming_again():
    assert scheduler.state_change(talk(60, 90, announced="live"), NOON) == "upcoming"


def test_the_reminder_is_due_in_the_five_minutes_before_the_start_once():
    assert not scheduler.reminder_needed(talk(6, 30), NOON)
    assert scheduler.reminder_needed(talk(5, 30), NOON)
    assert scheduler.reminder_needed(talk(0.5, 30), NOON)
    assert not scheduler.reminder_needed(talk(5, 30, reminded=True), NOON)
    assert not scheduler.reminder_needed(talk(0, 30), NOON)  # started: too late for a reminder


def test_the_reminder_says_the_minutes_left_and_links_to_the_talk():
    payload = scheduler.reminder_payload(talk(5, 30), NOON + timedelta(seconds=0.4))
    assert payload == {
        "talk_id": 7,
        "room": "talk:7",
        "title": "Les métiers du soin",
        "starts_at": "2026-12-07T12:05:00+00:00",
        "url": "/talks/7",
        "message": "« Les métiers du soin » commence dans 5 minutes.",
    }
    late = scheduler.reminder_payload(talk(0.5, 30), NOON)
    assert late["message"] == "« Les métiers du soin » commence dans 1 minute."


def test_a_reminder_goes_to_the_teachers_and_the_pupils_of_each_registered_class():
    assert scheduler.reminder_rooms([12, 3]) == ["class:3", "pupils:3", "class:12", "pupils:12"]
    assert scheduler.reminder_rooms([]) == []


def test_the_state_payload_names_the_room_and_the_talk():
    assert scheduler.state_payload(7, "live") == {"room": "talk:7", "state": "live", "talk_id": 7}


# ---------- The database: which talks are read, and each announcement claimed once ----------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sched') / 'salon.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    prepare_database(base_env(url))
    return url


async def test_only_talks_that_need_something_now_are_read(db_url):
    tag = uuid.uuid4().hex[:6]
    soon = await add_talk(db_url, f"Bientôt {tag}", starts_in=120)  # reminder due
    later = await add_talk(db_url, f"Plus tard {tag}", starts_in=3600)  # nothing yet
    started = await add_talk(db_url, f"Commencé {tag}", starts_in=-60)  # turns live
    missed = await add_talk(db_url, f"Manqué {tag}", starts_in=-7200, minutes=30)  # straight to ended
    async with database(db_url) as db:
        found = {t.id: t for t in await scheduler.talks_to_check(db, utcnow())}
    assert {soon, started, missed} <= set(found)
    assert later not in found
    now = utcnow()
    assert scheduler.reminder_needed(found[soon], now) and scheduler.state_change(found[soon], now) is None
    assert scheduler.state_change(found[started], now) == "live"
    assert scheduler.state_change(found[missed], now) == "ended"


async def test_two_claims_of_one_state_change_give_it_to_one(db_url):
    talk_id = await add_talk(db_url, f"Course {uuid.uuid4().hex[:6]}", starts_in=-1)

    async def claim() -> bool:
        async with database(db_url) as db:
            return await scheduler.claim_state(db, talk_id, "upcoming", "live")

    assert sorted(await asyncio.gather(claim(), claim(), claim())) == [False, False, True]
    assert (await talk_row(db_url, talk_id)).announced_state == "live"


async def test_two_claims_of_one_reminder_give_it_to_one_with_the_registered_classes(db_url):
    talk_id = await add_talk(db_url, f"Rappel {uuid.uuid4().hex[:6]}", starts_in=200, classes=("DEMO-3E",))

    async def claim() -> list[int] | None:
        async with database(db_url) as db:
            return await scheduler.claim_reminder(db, talk_id, utcnow())

    results = await asyncio.gather(claim(), claim())
    assert results.count(None) == 1
    (classes,) = [r for r in results if r is not None]
    assert len(classes) == 1
    assert (await talk_row(db_url, talk_id)).reminded_at is not None


# ---------- The leader lock on a real Redis ----------


@pytest.fixture
async def lock_key(redis_url, redis_prefix) -> AsyncIterator[tuple[Redis, str]]:
    redis = Redis.from_url(redis_url)
    key = f"{redis_prefix}:scheduler:leader:{uuid.uuid4().hex[:6]}"
    yield redis, key
    await redis.delete(key)
    await redis.aclose()


async def test_one_worker_takes_the_lock_and_the_other_stands_by(lock_key):
    redis, key = lock_key
    one, two = LeaderLock(redis, key, "host:1"), LeaderLock(redis, key, "host:2")
    assert await one.step() and one.leading
    assert not await two.step() and not two.leading
    assert await one.step()  # renewal by the holder
    assert (await redis.get(key)) == b"host:1"
    assert 0 < await redis.pttl(key) <= scheduler.LOCK_TTL_MS


async def test_a_released_lock_is_taken_by_the_next_try(lock_key):
    redis, key = lock_key
    one, two = LeaderLock(redis, key, "host:1"), LeaderLock(redis, key, "host:2")
    await one.step()
    await one.release()
    assert not one.leading and await redis.get(key) is None
    assert await two.step()


async def test_an_expired_lock_passes_to_another_and_the_old_holder_cannot_renew_it(lock_key):
    redis, key = lock_key
    one, two = LeaderLock(redis, key, "host:1", ttl_ms=200), LeaderLock(redis, key, "host:2", ttl_ms=200)
    await one.step()
    while not await two.step():  # one has stopped renewing (killed, paused)
        await asyncio.sleep(0.05)
    assert not one.leading  # its own clock says the lock it took has run out
    assert not await one.step()
    assert (await redis.get(key)) == b"host:2"
    await one.release()  # releasing a lock one does not hold deletes nothing
    assert (await redis.get(key)) == b"host:2"


async def test_without_redis_the_single_process_leads():
    lock = LeaderLock(None, "unused", "host:1")
    assert lock.leading and await lock.step()


async def test_with_redis_down_nobody_leads():
    redis = Redis.from_url("redis://127.0.0.1:1")  # nothing listens there
    lock = LeaderLock(redis, "salon-test:down", "host:1")
    with pytest.raises(Exception):  # noqa: B017 - connection refused, as redis-py raises it
        await lock.step()
    assert not lock.leading
    await redis.aclose()
