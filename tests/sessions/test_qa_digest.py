"""The CFAs' daily digest e-mail, from a real server's scheduler (the leader's periodic job) and from
`salon digest`: the questions of a CFA's rooms waiting more than a day go to its staff's e-mails (read here from
the server's log, as the mailer writes mails without SMTP), at most once a day per CFA."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from chat.models import Room
from server.models import User
from server.timeutil import utcnow
from sessions.models import QADigest, Question
from tests.live import ServerProcess, base_env, prepare_database, salon
from tests.services import wait_until
from tests.sessions.qa_helpers import PRO_ONLY_CFA, make_qa_room, stand_id
from tests.sessions.talks import count_rows, database

DEMO_WAITING = "Combien gagne un apprenti charpentier la première année ?"  # demo_data.QA_QUESTIONS, 30 h old


def mails(log: Path) -> list[dict[str, Any]]:
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{") and '"salon.mail"' in line:
            found.append(json.loads(line))
    return found


@pytest.fixture(scope="module")
def digest_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = base_env(
        f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('digest') / 'salon.db'}",
        LOG_LEVEL="info",
        SALON_DIGEST_INTERVAL="0.5",
    )
    prepare_database(env)
    return env


@pytest.fixture(scope="module")
def digest_server(digest_env: dict[str, str]) -> Iterator[ServerProcess]:
    process = ServerProcess(digest_env).start()
    yield process
    process.stop()


async def test_each_cfa_gets_its_waiting_questions_once_a_day(
    digest_server: ServerProcess, digest_env: dict[str, str]
) -> None:
    def for_pierre_et_bois() -> list[dict[str, Any]]:
        return [m for m in mails(digest_server.log) if "Pierre et Bois" in m.get("subject", "")]

    wait_until(lambda: len(for_pierre_et_bois()) >= 2, 20, "the demo's waiting question in a digest")
    sent = for_pierre_et_bois()
    assert sorted(m["to"] for m in sent) == ["pro2@demo.salon", "pro@demo.salon"]  # its two staff members
    assert DEMO_WAITING in sent[0]["body"] and "/qa-rooms/console" in sent[0]["body"]
    # The demo's answered question and its 2-hour-old pending one are not listed.
    assert "CAP maçon" not in sent[0]["body"] and "permis" not in sent[0]["body"]

    # A CFA whose room now holds a question three days old gets it at the next run; the first CFA, whose
    # digest went out today, gets nothing more although the job ran again.
    room_id = await make_qa_room(digest_env["DATABASE_URL"], [PRO_ONLY_CFA])
    async with database(digest_env["DATABASE_URL"]) as db:
        rid = (await db.exec(select(Room.id).where(Room.name == f"qa:{room_id}"))).one()
        author = (await db.exec(select(User.id).where(User.email == "prof@demo.salon"))).one()
        old = utcnow() - timedelta(days=3)
        db.add(
            Question(
                room_id=rid,
                author_id=author,
                client_id="digest-old",
                text="Une question oubliée depuis trois jours",
                status="approved",
                created_at=old,
                moderated_at=old,
            )
        )
        await db.commit()
    bessin = await stand_id(digest_env["DATABASE_URL"], PRO_ONLY_CFA)

    def for_bessin() -> list[dict[str, Any]]:
        return [m for m in mails(digest_server.log) if PRO_ONLY_CFA in m.get("subject", "")]

    wait_until(lambda: len(for_bessin()) >= 1, 20, "the new CFA's digest")
    assert "Une question oubliée depuis trois jours" in for_bessin()[0]["body"]
    assert len(for_pierre_et_bois()) == 2
    assert await count_rows(digest_env["DATABASE_URL"], QADigest, stand_id=bessin) == 1

    # The command line agrees: nothing is due any more today.
    assert "0 digest(s) would be sent." in salon(digest_env, "digest", "--dry-run")
    assert "0 digest(s) sent." in salon(digest_env, "digest")
