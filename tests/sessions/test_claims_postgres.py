"""Claims on PostgreSQL with two workers sharing Redis: two CFA staff members, one on each worker, race for the
same questions; for each one exactly one wins and the other gets `conflict` naming the winner, and the claim
reaches the other worker's sockets through Redis. The organisers' figures and the digest read PostgreSQL too."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import httpx
import pytest

from sessions.models import Question
from tests.live import LiveClient, ServerProcess, base_env, prepare_database, pupil_token, salon, staff_token
from tests.sessions.qa_helpers import BOTH_STAFF_CFA, make_qa_room
from tests.sessions.talks import database

RACES = 8


def held(question: dict, question_id: int, holder: int) -> bool:
    return bool(question["id"] == question_id and (question["claimed_by"] or {}).get("id") == holder)


@pytest.fixture(scope="module")
async def claims_postgres(postgres_admin_url: str) -> AsyncIterator[str]:
    plain = postgres_admin_url.replace("postgresql+asyncpg", "postgresql")
    name = f"salon_claims_{uuid.uuid4().hex[:10]}"
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
def env(claims_postgres: str, redis_url: str, redis_prefix: str) -> dict[str, str]:
    environment = base_env(claims_postgres, redis_url, SALON_REDIS_PREFIX=f"{redis_prefix}-claims")
    prepare_database(environment)
    return environment


@pytest.fixture(scope="module")
def workers(env: dict[str, str]) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    first, second = ServerProcess(env).start(), ServerProcess(env).start()
    yield first, second
    first.stop()
    second.stop()


async def test_two_staff_on_two_workers_race_and_exactly_one_wins(
    workers: tuple[ServerProcess, ServerProcess], env: dict[str, str]
) -> None:
    first, second = workers
    room = f"qa:{await make_qa_room(env['DATABASE_URL'], [BOTH_STAFF_CFA])}"
    pupil = await LiveClient().connect(first.url, (await pupil_token(first.url))["token"])
    pro = await LiveClient().connect(first.url, await staff_token(first.url, "pro@demo.salon"))
    pro2 = await LiveClient().connect(second.url, await staff_token(second.url, "pro2@demo.salon"))
    try:
        for client in (pupil, pro, pro2):
            await client.join(room)
            assert (await client.call("question:list", {"room": room}))["ok"]
        ids: list[int] = []
        for n in range(RACES):
            asked = await pupil.call(
                "question:ask", {"room": room, "text": f"Question numéro {n} ?", "client_id": uuid.uuid4().hex}
            )
            ids.append(int(asked["question"]["id"]))
            approved = await pro.call("question:moderate", {"question_id": ids[-1], "action": "approve"})
            assert approved["ok"], approved
        winners = {}
        for qid in ids:
            a, b = await asyncio.gather(
                pro.call("question:claim", {"question_id": qid}), pro2.call("question:claim", {"question_id": qid})
            )
            assert [a["ok"], b["ok"]].count(True) == 1, (a, b)
            loser = b if a["ok"] else a
            winner = a if a["ok"] else b
            assert loser["error"]["code"] == "conflict"
            assert winner["question"]["claimed_by"]["name"] in loser["error"]["message"]
            winners[qid] = winner["question"]["claimed_by"]["id"]
        async with database(env["DATABASE_URL"]) as db:
            for qid, holder in winners.items():
                row = await db.get(Question, qid)
                assert row is not None and row.claimed_by == holder
        # Each claim reached the other worker's sockets (through Redis) with its holder.
        for qid, holder in winners.items():
            for client in (pro, pro2, pupil):
                await client.wait_for("question:update", lambda q, i=qid, h=holder: held(q, i, h))
    finally:
        await asyncio.gather(pupil.close(), pro.close(), pro2.close(), return_exceptions=True)

    # The figures' and the digest's SQL on PostgreSQL.
    async with httpx.AsyncClient(base_url=second.url) as http:
        orga = {"Authorization": f"Bearer {await staff_token(second.url, 'orga@demo.salon')}"}
        figures = await http.get("/admin/events/quinzaine-apprentissage/qa", headers=orga)
        assert figures.status_code == 200 and BOTH_STAFF_CFA in figures.text
    assert "digest(s) would be sent." in salon(env, "digest", "--dry-run")
