"""The live Q&A on PostgreSQL with two workers sharing Redis: votes split between the workers are counted
exactly once each, every worker flushes its own coalesced counts, and the same client_id asked through both
workers at once is one question."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg
import pytest

from sessions.models import Question, QuestionVote
from sessions.vote_coalescer import FLUSH_INTERVAL
from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token
from tests.sessions.talks import count_rows, make_talk


@pytest.fixture(scope="module")
async def qa_postgres(postgres_admin_url: str) -> AsyncIterator[str]:
    """A database of its own, so the talks written here never reach other tests."""
    plain = postgres_admin_url.replace("postgresql+asyncpg", "postgresql")
    name = f"salon_qa_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(plain)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    yield postgres_admin_url.rsplit("/", 1)[0] + f"/{name}"
    conn = await asyncpg.connect(plain)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="module")
def workers(qa_postgres: str, redis_url: str, redis_prefix: str) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    env = base_env(qa_postgres, redis_url, SALON_REDIS_PREFIX=f"{redis_prefix}-qa")
    prepare_database(env)
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


async def pupils(server: ServerProcess, n: int) -> list[LiveClient]:
    async def one() -> LiveClient:
        return await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])

    return list(await asyncio.gather(*(one() for _ in range(n))))


async def test_votes_through_two_workers_are_exact_and_each_worker_coalesces(workers, qa_postgres):
    one, two = workers
    talk = await make_talk(qa_postgres, premoderated=False)
    room = f"talk:{talk}"
    listener = (await pupils(one, 1))[0]
    voters = await pupils(one, 25) + await pupils(two, 25)
    try:
        await listener.join(room)
        assert (await listener.call("question:list", {"room": room}))["ok"]
        asked = await listener.call("question:ask", {"room": room, "text": "On vote ?", "client_id": uuid.uuid4().hex})
        question = asked["question"]["id"]
        await listener.wait_for("question:new", lambda q: q["id"] == question)
        started = time.monotonic()
        acks = await asyncio.gather(*(v.call("question:vote", {"question_id": question}) for v in voters))
        assert all(a["ok"] for a in acks), [a for a in acks if not a["ok"]][:3]
        assert sorted(a["votes"] for a in acks) == list(range(1, 51))  # each count returned exactly once
        await listener.wait_for("question:votes", lambda u: u["votes"].get(str(question)) == 50)
        elapsed = time.monotonic() - started
        updates: list[dict[str, Any]] = listener.events["question:votes"]
        assert all(u["room"] == room and set(u["votes"]) == {str(question)} for u in updates)
        assert len(updates) <= 2 * (elapsed / FLUSH_INTERVAL + 1), f"{len(updates)} updates in {elapsed:.2f} s"
        again = await voters[0].call("question:vote", {"question_id": question})
        assert again["ok"] is False and again["error"]["code"] == "conflict"
    finally:
        await asyncio.gather(*(c.close() for c in [listener, *voters]), return_exceptions=True)
    assert await count_rows(qa_postgres, QuestionVote, question_id=question) == 50
    assert await count_rows(qa_postgres, Question, id=question, votes=50) == 1


async def test_the_same_client_id_through_both_workers_at_once_is_one_question(workers, qa_postgres):
    one, two = workers
    talk = await make_talk(qa_postgres, premoderated=True)
    room = f"talk:{talk}"
    token = (await pupil_token(one.url))["token"]
    tabs = [await LiveClient().connect(one.url, token), await LiveClient().connect(two.url, token)]
    client_id = uuid.uuid4().hex
    try:
        payload = {"room": room, "text": "Deux onglets, une question", "client_id": client_id}
        acks = await asyncio.gather(*(tab.call("question:ask", payload) for tab in tabs for _ in range(3)))
    finally:
        await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
    assert all(a["ok"] for a in acks), acks
    assert len({a["question"]["id"] for a in acks}) == 1
    assert await count_rows(qa_postgres, Question, client_id=client_id) == 1
