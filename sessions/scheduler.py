"""The talks' scheduler: announces `talk:state` changes and 5-minute reminders, once, from one worker.

Two loops run in every worker (`services.background`):

- the **leader lock** (`LeaderLock`): with Redis, one worker holds `<prefix>:scheduler:leader` (`SET NX PX`,
  5 s), renews it every 1.5 s while it still holds it (Lua compare-and-expire) and deletes it at shutdown;
  the others try every second and take over when it expires. Without Redis the single process leads;
  Redis down: nobody leads until it is back.
- the **scheduler** (`tick`): every `SALON_SCHEDULER_INTERVAL` seconds (1 s), on the leader only, finds the
  talks of a window around now whose state differs from `announced_state`, or whose reminder is due and not
  sent, claims each announcement with a compare-and-set in the database, commits, then publishes.

The leader also runs **periodic jobs** (`PeriodicJob`, `periodic_jobs()`): each at its own interval, the first
time at the leader's first tick; today the CFAs' daily digest e-mail (`sessions.qa_live.send_digests`, which
records each send in `qa_digests`, so a new leader does not send a CFA's digest twice in a day).

The compare-and-set is what makes each announcement happen once: two workers that both believe they lead
(a hand-over, a paused process) race on `UPDATE ... WHERE announced_state = :old` and only one row count is 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import and_, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import metrics
from server.auth import Principal
from server.models import Role
from server.services import Services
from server.timeutil import aware, iso, utcnow
from sessions import qa_live, talk_rules
from sessions.models import Talk, TalkRegistration

log = logging.getLogger("salon.scheduler")

LOCK_TTL_MS = 5_000  # a dead leader's lock expires after this; the others take over within a second more
RENEW_EVERY = 1.5  # the holder renews this often, only if the key still holds its value
RETRY_EVERY = 1.0  # the others try to take the lock this often
REDIS_TIMEOUT = 1.0  # one lock command waits this long at most (a hung Redis is a Redis down)
# Talks further than this from now are not looked at: one that ended longer ago than a day while nothing
# ran keeps its last announced state (its page computes the state from its times anyway).
WINDOW = timedelta(days=1)

RENEW_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


def pupil_channel(class_id: int) -> str:
    """Pupils of a class (reminders); `class:<id>` is their teachers' channel, which carries pupils' messages."""
    return f"pupils:{class_id}"


# ---------- Pure parts: what a talk needs at a given instant ----------


@dataclass(frozen=True)
class TalkTimes:
    """What the scheduler reads of a talk."""

    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    announced_state: str
    reminded_at: datetime | None


def state_change(talk: TalkTimes, now: datetime) -> str | None:
    """The state to announce now, or None when the last announcement still holds. A talk whose start and
    end both passed unannounced goes straight to `ended`."""
    state = talk_rules.talk_state(talk.starts_at, talk.ends_at, now)
    return None if state == talk.announced_state else state


def reminder_needed(talk: TalkTimes, now: datetime) -> bool:
    return talk.reminded_at is None and talk_rules.reminder_due(talk.starts_at, now)


def state_payload(talk_id: int, state: str) -> dict[str, Any]:
    return {"room": f"talk:{talk_id}", "state": state, "talk_id": talk_id}


def minutes_left(starts_at: datetime, now: datetime) -> int:
    """Whole minutes until the start, rounded up: 5 when the reminder goes at its time."""
    return max(1, math.ceil((aware(starts_at) - now).total_seconds() / 60))


def reminder_payload(talk: TalkTimes, now: datetime) -> dict[str, Any]:
    minutes = minutes_left(talk.starts_at, now)
    when = "dans 1 minute" if minutes == 1 else f"dans {minutes} minutes"
    return {
        "talk_id": talk.id,
        "room": f"talk:{talk.id}",
        "title": talk.title,
        "starts_at": iso(talk.starts_at),
        "url": f"/talks/{talk.id}",
        "message": f"« {talk.title} » commence {when}.",
    }


def reminder_rooms(class_ids: list[int]) -> list[str]:
    """The teachers' and the pupils' channels of the registered classes (one emit: a teacher of two
    registered classes gets the reminder once)."""
    return [room for class_id in sorted(class_ids) for room in (f"class:{class_id}", pupil_channel(class_id))]


# ---------- Database: which talks, and the compare-and-sets ----------


async def talks_to_check(db: AsyncSession, now: datetime) -> list[TalkTimes]:
    """Talks around now whose announced state is not their state at `now`, or whose reminder is due and
    not sent. Only talks of the window [now - WINDOW, now + WINDOW] are read (a range on the talks' times)."""
    starts, ends, announced = col(Talk.starts_at), col(Talk.ends_at), col(Talk.announced_state)
    query = select(Talk).where(
        starts <= now + WINDOW,
        ends >= now - WINDOW,
        or_(
            and_(starts > now, announced != talk_rules.UPCOMING),
            and_(starts <= now, ends > now, announced != talk_rules.LIVE),
            and_(ends <= now, announced != talk_rules.ENDED),
            and_(starts > now, starts <= now + talk_rules.REMINDER_BEFORE, col(Talk.reminded_at).is_(None)),
        ),
    )
    rows = (await db.exec(query.order_by(starts, col(Talk.id)))).all()
    return [
        TalkTimes(
            id=t.id,  # type: ignore[arg-type]
            title=t.title,
            starts_at=aware(t.starts_at),
            ends_at=aware(t.ends_at),
            announced_state=t.announced_state,
            reminded_at=t.reminded_at,
        )
        for t in rows
    ]


async def claim_state(db: AsyncSession, talk_id: int, old: str, new: str) -> bool:
    """Compare-and-set of `announced_state`, committed: True when this call owns the announcement."""
    result = await db.exec(
        update(Talk).where(col(Talk.id) == talk_id, col(Talk.announced_state) == old).values(announced_state=new)
    )
    await db.commit()
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def claim_reminder(db: AsyncSession, talk_id: int, now: datetime) -> list[int] | None:
    """Compare-and-set of `reminded_at` (NULL → now), committed: the registered classes' ids when this call
    owns the reminder, None when another did it first."""
    result = await db.exec(
        update(Talk).where(col(Talk.id) == talk_id, col(Talk.reminded_at).is_(None)).values(reminded_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        await db.rollback()
        return None
    classes = list((await db.exec(select(TalkRegistration.class_id).where(TalkRegistration.talk_id == talk_id))).all())
    await db.commit()
    return classes


async def tick(services: Services, now: datetime | None = None) -> int:
    """One pass: claim and publish what is due at `now`. Returns the number of events published."""
    now = now or utcnow()
    published = 0
    async with services.sessions() as db:
        for talk in await talks_to_check(db, now):
            new = state_change(talk, now)
            if new is not None and await claim_state(db, talk.id, talk.announced_state, new):
                metrics.inc("salon_talk_announcements_total")
                log.info("talk %s is %s", talk.id, new, extra={"talk_id": talk.id, "state": new})
                await services.hub.publish(f"talk:{talk.id}", "talk:state", state_payload(talk.id, new))
                published += 1
            if reminder_needed(talk, now):
                classes = await claim_reminder(db, talk.id, now)
                if classes is None:
                    continue
                metrics.inc("salon_talk_reminders_total")
                if classes:
                    await services.hub.publish(reminder_rooms(classes), "talk:reminder", reminder_payload(talk, now))
                    published += 1
    return published


# ---------- The leader lock ----------


class LeaderLock:
    """One leader among the workers sharing a Redis; `leading` is what the scheduler checks."""

    def __init__(self, redis: Redis | None, key: str, owner: str, ttl_ms: int = LOCK_TTL_MS) -> None:
        self.redis, self.key, self.owner, self.ttl_ms = redis, key, owner, ttl_ms
        self._held_until = 0.0  # loop time until which the lock is ours for sure (taken or renewed then + TTL)
        self._renew = redis.register_script(RENEW_SCRIPT) if redis is not None else None
        self._release = redis.register_script(RELEASE_SCRIPT) if redis is not None else None

    @property
    def leading(self) -> bool:
        if self.redis is None:
            return True
        return asyncio.get_running_loop().time() < self._held_until

    async def step(self) -> bool:
        """Renew the lock if we hold it, else try to take it. Raises RedisError/OSError/TimeoutError."""
        if self.redis is None:
            return True
        assert self._renew is not None
        started = asyncio.get_running_loop().time()
        if self.leading:
            held = bool(await asyncio.wait_for(self._renew([self.key], [self.owner, self.ttl_ms]), REDIS_TIMEOUT))
        else:
            taken = self.redis.set(self.key, self.owner, nx=True, px=self.ttl_ms)
            held = bool(await asyncio.wait_for(taken, REDIS_TIMEOUT))
        # The key was set (or renewed) at some point after `started`: it surely lives until started + TTL.
        self._held_until = started + self.ttl_ms / 1000 if held else 0.0
        return held

    def drop(self) -> None:
        self._held_until = 0.0

    async def release(self) -> None:
        if self._release is None or not self.leading:
            return
        self.drop()
        await asyncio.wait_for(self._release([self.key], [self.owner]), REDIS_TIMEOUT)


async def hold_leadership(lock: LeaderLock) -> None:
    """Renew while leading, try every second otherwise; release at shutdown."""
    down = False
    try:
        while True:
            was = lock.leading
            try:
                lock_held = await lock.step()
                if down:
                    log.warning("scheduler lock: Redis answers again")
                down = False
            except (RedisError, OSError, TimeoutError) as exc:
                lock.drop()
                lock_held = False
                if not down:
                    log.warning("scheduler lock: Redis unavailable, no leader until it is back: %s", exc)
                down = True
            if lock_held != was:
                log.info("scheduler leader: %s", "this worker" if lock_held else "another worker or none")
            metrics.gauge_set("salon_scheduler_leader", 1 if lock_held else 0)
            await asyncio.sleep(RENEW_EVERY if lock_held else RETRY_EVERY)
    finally:
        metrics.gauge_set("salon_scheduler_leader", 0)
        with contextlib.suppress(RedisError, OSError, TimeoutError):  # else it expires by itself
            await lock.release()


@dataclass(slots=True)
class PeriodicJob:
    """A job the leader runs every `every` seconds (loop time), the first time at its first tick."""

    name: str
    every: float
    run: Callable[[Services], Awaitable[Any]]
    last: float = field(default=-math.inf)

    def due(self, now: float) -> bool:
        return now - self.last >= self.every


# The digest is looked at every 10 minutes (SALON_DIGEST_INTERVAL seconds); each CFA gets it once a day at most.
DIGEST_CHECK_EVERY = 600.0


async def send_digests(services: Services) -> None:
    async with services.sessions() as db:
        await qa_live.send_digests(db, services.settings)


def periodic_jobs() -> list[PeriodicJob]:
    every = float(os.environ.get("SALON_DIGEST_INTERVAL") or DIGEST_CHECK_EVERY)
    return [PeriodicJob("qa-digest", every, send_digests)]


async def run_jobs(services: Services, jobs: list[PeriodicJob]) -> None:
    now = asyncio.get_running_loop().time()
    for job in jobs:
        if not job.due(now):
            continue
        job.last = now
        try:
            await job.run(services)
        except Exception:  # one failing job must not stop the others, nor the next run
            log.exception("periodic job %s failed", job.name)


async def run_scheduler(services: Services, lock: LeaderLock, jobs: list[PeriodicJob] | None = None) -> None:
    interval = services.settings.scheduler_interval
    jobs = periodic_jobs() if jobs is None else jobs
    while True:
        if lock.leading:
            try:
                await tick(services)
            except Exception:  # a database hiccup must not stop the scheduler for good
                log.exception("scheduler tick failed")
            await run_jobs(services, jobs)
        await asyncio.sleep(interval)


def lock_owner() -> str:
    """What the lock key holds: this worker, as `<hostname>:<pid>`."""
    return f"{socket.gethostname()}:{os.getpid()}"


def register(services: Services) -> None:
    """The two loops, and the pupils' channel entered at connect."""
    key = f"{services.settings.redis_prefix}:scheduler:leader"
    state: dict[str, LeaderLock] = {}

    def the_lock() -> LeaderLock:
        # Made in the worker's event loop (the owner's pid is the worker's, not a parent's).
        if "lock" not in state:
            state["lock"] = LeaderLock(services.redis, key, lock_owner())
        return state["lock"]

    async def leadership() -> None:
        lock = the_lock()
        if services.redis is None:
            metrics.gauge_set("salon_scheduler_leader", 1)
            return
        await hold_leadership(lock)

    async def scheduler() -> None:
        await run_scheduler(services, the_lock())

    async def enter_pupil_channel(sid: str, principal: Principal) -> None:
        if principal.role == Role.PUPIL and principal.class_id is not None:
            await services.hub.sio.enter_room(sid, pupil_channel(principal.class_id))

    services.background += [leadership, scheduler]
    services.connect_hooks.append(enter_pupil_channel)
