"""Who is in a room right now: staff (named) and visitors (counted).

Memory for one process; Redis hashes when several workers share the rooms. Each process remembers
which rooms its own sockets are in, so a disconnect cleans up without scanning.

Visitors are people, not sockets: the connect handler tells presence who each socket is (`identify`), and a
pupil with two tabs (two sockets, one token) in a room counts once. A socket nobody identified counts alone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

from server.formats import french_sort_key

log = logging.getLogger("salon.presence")


@asynccontextmanager
async def tolerant(what: str) -> AsyncIterator[None]:
    """Presence is a courtesy: while Redis is away it may be stale, but joins and sends go on."""
    try:
        yield
    except RedisError as exc:
        log.warning("presence %s skipped, Redis unavailable: %s", what, exc)


def person_key(principal: Any) -> str:
    """Who a socket is, for counting visitors: one key per account (a pupil's token is their account)."""
    return f"user:{principal.id}"


class MemoryPresence:
    def __init__(self) -> None:
        self._staff: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        self._visitors: dict[str, dict[str, str]] = defaultdict(dict)  # room -> {sid: person}
        self._rooms_of: dict[str, set[str]] = defaultdict(set)
        self._person_of: dict[str, str] = {}  # this process's sockets

    def identify(self, sid: str, person: str) -> None:
        """Called at connect: the sockets of one person count as one visitor."""
        self._person_of[sid] = person

    def person(self, sid: str) -> str:
        return self._person_of.get(sid) or f"sid:{sid}"

    async def enter(self, room: str, sid: str, staff: dict[str, Any] | None) -> None:
        self._rooms_of[sid].add(room)
        if staff is None:
            self._visitors[room][sid] = self.person(sid)
        else:
            self._staff[room][sid] = staff

    async def leave(self, room: str, sid: str) -> None:
        self._rooms_of[sid].discard(room)
        self._visitors[room].pop(sid, None)
        self._staff[room].pop(sid, None)

    async def drop(self, sid: str) -> set[str]:
        self._person_of.pop(sid, None)
        rooms = self._rooms_of.pop(sid, set())
        for room in rooms:
            self._visitors[room].pop(sid, None)
            self._staff[room].pop(sid, None)
        return rooms

    async def snapshot(self, room: str) -> dict[str, Any]:
        return _snapshot(room, self._staff[room].values(), len(set(self._visitors[room].values())))

    async def staff_counts(self, rooms: list[str]) -> dict[str, int]:
        return {room: len({m["id"] for m in self._staff[room].values()}) for room in rooms}

    async def close(self) -> None:
        return None


class RedisPresence(MemoryPresence):
    """Same contract, state in Redis so every worker sees every worker's sockets."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        super().__init__()
        self._redis = redis
        self._prefix = f"{prefix}:presence:"

    async def enter(self, room: str, sid: str, staff: dict[str, Any] | None) -> None:
        self._rooms_of[sid].add(room)
        async with tolerant("enter"):
            if staff is None:
                # The value is the person, so that two sockets of one person (on any worker) count once.
                await self._redis.hset(f"{self._prefix}{room}:visitors", sid, self.person(sid))
            else:
                await self._redis.hset(f"{self._prefix}{room}:staff", sid, orjson.dumps(staff))

    async def leave(self, room: str, sid: str) -> None:
        self._rooms_of[sid].discard(room)
        await self._forget(room, sid)

    async def drop(self, sid: str) -> set[str]:
        self._person_of.pop(sid, None)
        rooms = self._rooms_of.pop(sid, set())
        for room in rooms:
            await self._forget(room, sid)
        return rooms

    async def _forget(self, room: str, sid: str) -> None:
        async with tolerant("leave"), self._redis.pipeline(transaction=False) as pipe:
            pipe.hdel(f"{self._prefix}{room}:visitors", sid)
            pipe.hdel(f"{self._prefix}{room}:staff", sid)
            await pipe.execute()

    async def snapshot(self, room: str) -> dict[str, Any]:
        staff_raw: list[bytes] = []
        people: list[bytes] = []
        async with tolerant("snapshot"), self._redis.pipeline(transaction=False) as pipe:
            pipe.hvals(f"{self._prefix}{room}:staff")
            pipe.hvals(f"{self._prefix}{room}:visitors")
            staff_raw, people = await pipe.execute()
        return _snapshot(room, [orjson.loads(s) for s in staff_raw], len(set(people)))

    async def staff_counts(self, rooms: list[str]) -> dict[str, int]:
        if not rooms:
            return {}
        results: list[list[bytes]] = [[] for _ in rooms]
        async with tolerant("count"), self._redis.pipeline(transaction=False) as pipe:
            for room in rooms:
                pipe.hvals(f"{self._prefix}{room}:staff")
            results = await pipe.execute()
        return {room: len({orjson.loads(s)["id"] for s in vals}) for room, vals in zip(rooms, results, strict=True)}


def _snapshot(room: str, staff: Any, visitors: int) -> dict[str, Any]:
    unique: dict[int, dict[str, Any]] = {}
    for member in staff:
        unique.setdefault(member["id"], {"id": member["id"], "name": member["name"]})
    staff_online = sorted(unique.values(), key=lambda m: french_sort_key(str(m["name"])))
    return {"room": room, "staff_online": staff_online, "visitors": visitors}
