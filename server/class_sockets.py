"""Which sockets each class's pupils have open right now, and where each pupil last went.

The teacher's class page shows who is connected and in which stand or talk; ending a class session or
removing a pupil disconnects those sockets, on whichever worker holds them. In memory for one process; with
REDIS_URL, one hash per class (`<prefix>:class:<id>:sockets`, socket id → {"user", "name"}) and one key per
pupil for their whereabouts (`<prefix>:where:<user id>`, the room name, expiring after `WHEREABOUTS_TTL`).

A worker that dies without running its disconnect handlers leaves its sockets in the hash (as presence does):
disconnecting a socket that no longer exists does nothing, and the class page may list a pupil as connected
until the class's session is ended (which clears the hash).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger("salon.class_sockets")

WHEREABOUTS_TTL = 6 * 3600  # a school day: yesterday's stand is not where a pupil is


@dataclass(frozen=True, slots=True)
class PupilSocket:
    sid: str
    user_id: int
    name: str


class MemoryClassSockets:
    def __init__(self) -> None:
        self._sockets: dict[int, dict[str, PupilSocket]] = defaultdict(dict)
        self._where: dict[int, tuple[str, float]] = {}

    async def add(self, class_id: int, sid: str, user_id: int, name: str) -> None:
        self._sockets[class_id][sid] = PupilSocket(sid, user_id, name)

    async def remove(self, class_id: int, sid: str) -> None:
        self._sockets[class_id].pop(sid, None)

    async def sockets(self, class_id: int) -> list[PupilSocket]:
        return list(self._sockets.get(class_id, {}).values())

    async def forget_class(self, class_id: int) -> None:
        self._sockets.pop(class_id, None)

    async def set_where(self, user_id: int, room: str) -> None:
        self._where[user_id] = (room, time.monotonic() + WHEREABOUTS_TTL)

    async def where(self, user_ids: list[int]) -> dict[int, str]:
        now = time.monotonic()
        found = {}
        for user_id in user_ids:
            room, until = self._where.get(user_id, ("", 0.0))
            if room and until > now:
                found[user_id] = room
        return found


class RedisClassSockets(MemoryClassSockets):
    """The same in Redis, so every worker sees every worker's pupils. Redis down: the page shows less."""

    def __init__(self, redis: Redis, prefix: str) -> None:
        super().__init__()
        self._redis = redis
        self._prefix = prefix

    def _key(self, class_id: int) -> str:
        return f"{self._prefix}:class:{class_id}:sockets"

    async def add(self, class_id: int, sid: str, user_id: int, name: str) -> None:
        try:
            await self._redis.hset(self._key(class_id), sid, orjson.dumps({"user": user_id, "name": name}))
        except RedisError as exc:
            log.warning("class sockets: add skipped, Redis unavailable: %s", exc)

    async def remove(self, class_id: int, sid: str) -> None:
        try:
            await self._redis.hdel(self._key(class_id), sid)
        except RedisError as exc:
            log.warning("class sockets: remove skipped, Redis unavailable: %s", exc)

    async def sockets(self, class_id: int) -> list[PupilSocket]:
        try:
            raw = await self._redis.hgetall(self._key(class_id))
        except RedisError as exc:
            log.warning("class sockets: read failed, Redis unavailable: %s", exc)
            return []
        found = []
        for sid, value in raw.items():
            data = orjson.loads(value)
            found.append(PupilSocket(sid.decode(), int(data["user"]), str(data["name"])))
        return found

    async def forget_class(self, class_id: int) -> None:
        try:
            await self._redis.delete(self._key(class_id))
        except RedisError as exc:
            log.warning("class sockets: clear skipped, Redis unavailable: %s", exc)

    async def set_where(self, user_id: int, room: str) -> None:
        try:
            await self._redis.set(f"{self._prefix}:where:{user_id}", room, ex=WHEREABOUTS_TTL)
        except RedisError as exc:
            log.warning("whereabouts skipped, Redis unavailable: %s", exc)

    async def where(self, user_ids: list[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        try:
            values = await self._redis.mget([f"{self._prefix}:where:{u}" for u in user_ids])
        except RedisError as exc:
            log.warning("whereabouts read failed, Redis unavailable: %s", exc)
            return {}
        return {u: v.decode() for u, v in zip(user_ids, values, strict=True) if v}
