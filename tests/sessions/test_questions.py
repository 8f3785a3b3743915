"""The live Q&A against a real server and real Socket.IO clients: asking, pre-moderation, moderation rights,
ordering, idempotent client ids, votes (one per person, published questions only, coalesced), the window,
held questions, teachers' copies, and bad input (a clear error, nothing stored, nothing broadcast)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from sessions.models import Question, QuestionAnswer, QuestionVote
from tests.live import LiveClient, ServerProcess, demo_server, pupil_token, staff_token
from tests.sessions.talks import count_rows, make_talk


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('qa') / 'salon.db'}"


@pytest.fixture(scope="module")
def qa_server(qa_db: str) -> Iterator[ServerProcess]:
    with demo_server(qa_db) as process:
        yield process


class People:
    def __init__(self, url: str) -> None:
        self.url = url
        self.clients: list[LiveClient] = []

    async def pupil(self) -> LiveClient:
        return await self._client((await pupil_token(self.url))["token"])

    async def adult(self, email: str) -> LiveClient:
        return await self._client(await staff_token(self.url, email))

    async def _client(self, token: str) -> LiveClient:
        client = await LiveClient().connect(self.url, token)
        self.clients.append(client)
        return client

    async def close(self) -> None:
        await asyncio.gather(*(c.close() for c in self.clients), return_exceptions=True)


@pytest.fixture
async def people(qa_server: ServerProcess) -> AsyncIterator[People]:
    crowd = People(qa_server.url)
    yield crowd
    await crowd.close()


async def enter(client: LiveClient, room: str) -> dict[str, Any]:
    await client.join(room)
    listed = await client.call("question:list", {"room": room})
    assert listed["ok"], listed
    return listed  # type: ignore[no-any-return]


async def ask(client: LiveClient, room: str, text: str, client_id: str | None = None) -> dict[str, Any]:
    return await client.call(  # type: ignore[no-any-return]
        "question:ask", {"room": room, "text": text, "client_id": client_id or uuid.uuid4().hex}
    )


async def settle() -> None:
    """Long enough for a broadcast already sent to arrive and for one vote flush (0.25 s) to happen."""
    await asyncio.sleep(0.6)


def error_code(ack: dict[str, Any]) -> str:
    assert ack["ok"] is False, ack
    return ack["error"]["code"]  # type: ignore[no-any-return]


async def test_premoderated_question_waits_for_a_speaker_then_reaches_the_audience(qa_server, qa_db, people):
    talk = await make_talk(qa_db)
    room = f"talk:{talk}"
    asker, audience, speaker = await people.pupil(), await people.pupil(), await people.adult("pro@demo.salon")
    for client in (asker, audience, speaker):
        await enter(client, room)

    ack = await ask(asker, room, "Faut-il un bac pro pour devenir soudeur ?")
    assert ack["ok"], ack
    question = ack["question"]
    assert {"id", "room", "text", "status", "votes", "author", "pinned", "answered", "answers", "ts"} <= set(question)
    assert question["status"] == "pending" and question["room"] == room and question["votes"] == 0
    assert question["author"]["role"] == "pupil" and question["author"]["name"]

    await speaker.wait_for("question:new", lambda q: q["id"] == question["id"])
    await settle()
    assert audience.events["question:new"] == []
    assert [q["id"] for q in (await asker.call("question:list", {"room": room}))["questions"]] == [question["id"]]
    assert (await audience.call("question:list", {"room": room}))["questions"] == []
    assert (await httpx.AsyncClient(base_url=qa_server.url).get(f"/api/talks/{talk}/questions")).json() == []

    approved = await speaker.call("question:moderate", {"question_id": question["id"], "action": "approve"})
    assert approved["ok"] and approved["question"]["status"] == "approved", approved
    seen = await audience.wait_for("question:new", lambda q: q["id"] == question["id"])
    assert seen["status"] == "approved"
    await asker.wait_for("question:new", lambda q: q["id"] == question["id"] and q["status"] == "approved")

    answered = await speaker.call("question:moderate", {"question_id": question["id"], "action": "answered"})
    assert answered["ok"] and answered["question"]["answered"] is True
    update = await audience.wait_for("question:update", lambda q: q["id"] == question["id"])
    assert update["answered"] is True


async def test_who_may_moderate(qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    other_talk = await make_talk(qa_db, speaker="pro2@demo.salon")
    room = f"talk:{talk}"
    asker = await people.pupil()
    await enter(asker, room)
    question = (await ask(asker, room, "Quels horaires fait-on en atelier ?"))["question"]
    move = {"question_id": question["id"], "action": "pin"}

    assert error_code(await asker.call("question:moderate", move)) == "forbidden"
    teacher = await people.adult("prof@demo.salon")
    assert error_code(await teacher.call("question:moderate", move)) == "forbidden"
    other_speaker = await people.adult("pro2@demo.salon")  # speaker of `other_talk` only
    assert error_code(await other_speaker.call("question:moderate", move)) == "forbidden"
    answer = {"question_id": question["id"], "text": "Je réponds", "client_id": uuid.uuid4().hex}
    assert error_code(await other_speaker.call("question:answer", answer)) == "forbidden"
    assert (await other_speaker.call("question:list", {"room": f"talk:{other_talk}"}))["moderator"] is True

    speaker = await people.adult("pro@demo.salon")
    pinned = await speaker.call("question:moderate", move)
    assert pinned["ok"] and pinned["question"]["pinned"] is True
    organiser = await people.adult("orga@demo.salon")
    unpinned = await organiser.call("question:moderate", {**move, "action": "unpin"})
    assert unpinned["ok"] and unpinned["question"]["pinned"] is False
    assert await count_rows(qa_db, QuestionAnswer, question_id=question["id"]) == 0


async def test_ordering_pinned_then_votes_then_time(qa_server, qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    room = f"talk:{talk}"
    asker = await people.pupil()
    await enter(asker, room)
    ids = [(await ask(asker, room, f"Question numéro {n}"))["question"]["id"] for n in range(4)]
    voters = [await people.pupil() for _ in range(3)]
    for voter in voters:  # question 2 gets three votes, question 1 one
        assert (await voter.call("question:vote", {"question_id": ids[2]}))["ok"]
    assert (await voters[0].call("question:vote", {"question_id": ids[1]}))["ok"]
    speaker = await people.adult("pro@demo.salon")
    assert (await speaker.call("question:moderate", {"question_id": ids[3], "action": "pin"}))["ok"]

    expected = [ids[3], ids[2], ids[1], ids[0]]
    assert [q["id"] for q in (await asker.call("question:list", {"room": room}))["questions"]] == expected
    api = (await httpx.AsyncClient(base_url=qa_server.url).get(f"/api/talks/{talk}/questions")).json()
    assert [q["id"] for q in api] == expected
    assert [q["votes"] for q in api] == [0, 3, 1, 0]


async def test_same_client_id_returns_the_same_question_and_answer_and_broadcasts_once(qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    room = f"talk:{talk}"
    asker, audience, speaker = await people.pupil(), await people.pupil(), await people.adult("pro@demo.salon")
    await enter(audience, room)
    client_id = uuid.uuid4().hex
    first = await ask(asker, room, "Combien gagne un apprenti ?", client_id)
    again = await ask(asker, room, "Combien gagne un apprenti ?", client_id)
    assert first["ok"] and again["ok"] and first["question"]["id"] == again["question"]["id"]
    question_id = first["question"]["id"]

    answer = {"question_id": question_id, "text": "Cela dépend de l'âge et de l'année.", "client_id": "ans-1"}
    one = await speaker.call("question:answer", answer)
    two = await speaker.call("question:answer", answer)
    assert one["ok"] and two["ok"], (one, two)
    assert len(one["question"]["answers"]) == 1 and one["question"]["answered"] is True
    assert two["question"]["answers"] == one["question"]["answers"]
    assert one["question"]["answers"][0]["author"]["name"]
    await settle()
    assert [q["id"] for q in audience.events["question:new"]] == [question_id]
    assert len(audience.events["question:update"]) == 1
    assert await count_rows(qa_db, Question, client_id=client_id) == 1
    assert await count_rows(qa_db, QuestionAnswer, question_id=question_id) == 1


async def test_one_vote_per_person_and_none_on_pending_or_rejected_questions(qa_db, people):
    talk = await make_talk(qa_db, premoderated=True)
    room = f"talk:{talk}"
    asker, voter, speaker = await people.pupil(), await people.pupil(), await people.adult("pro@demo.salon")
    ids = [(await ask(asker, room, f"Question {n} sur le métier"))["question"]["id"] for n in range(3)]
    assert error_code(await voter.call("question:vote", {"question_id": ids[0]})) == "invalid"  # pending
    assert (await speaker.call("question:moderate", {"question_id": ids[1], "action": "reject"}))["ok"]
    assert error_code(await voter.call("question:vote", {"question_id": ids[1]})) == "invalid"  # rejected
    assert (await speaker.call("question:moderate", {"question_id": ids[2], "action": "approve"}))["ok"]
    first = await voter.call("question:vote", {"question_id": ids[2]})
    assert first["ok"] and first["votes"] == 1
    assert error_code(await voter.call("question:vote", {"question_id": ids[2]})) == "conflict"
    assert error_code(await speaker.call("question:moderate", {"question_id": ids[0], "action": "pin"})) == "invalid"
    assert await count_rows(qa_db, QuestionVote, question_id=ids[0]) == 0
    assert await count_rows(qa_db, QuestionVote, question_id=ids[1]) == 0
    assert await count_rows(qa_db, QuestionVote, question_id=ids[2]) == 1


async def test_questions_and_votes_are_closed_outside_the_window(qa_db, people):
    later = await make_talk(qa_db, starts_in=timedelta(hours=2))
    soon = await make_talk(qa_db, starts_in=timedelta(minutes=10), premoderated=False)
    running = await make_talk(qa_db, starts_in=timedelta(minutes=-5), lasts=timedelta(minutes=5, seconds=3))
    pupil, speaker = await people.pupil(), await people.adult("pro@demo.salon")
    assert error_code(await ask(pupil, f"talk:{later}", "Trop tôt ?")) == "closed"
    assert (await ask(pupil, f"talk:{soon}", "Un quart d'heure avant, c'est ouvert ?"))["ok"]
    question = (await ask(pupil, f"talk:{running}", "Dernière question avant la fin"))["question"]
    assert (await speaker.call("question:moderate", {"question_id": question["id"], "action": "approve"}))["ok"]
    deadline = time.monotonic() + 10
    while (ack := await (await people.pupil()).call("question:vote", {"question_id": question["id"]}))["ok"]:
        assert time.monotonic() < deadline, "the talk never ended"
        await asyncio.sleep(0.5)
    assert error_code(ack) == "closed"
    assert error_code(await ask(pupil, f"talk:{running}", "Et après la fin ?")) == "closed"
    listed = await pupil.call("question:list", {"room": f"talk:{running}"})
    assert listed["open"] is False


async def test_a_held_question_is_stored_rejected_and_reaches_nobody(qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    room = f"talk:{talk}"
    asker, audience, speaker = await people.pupil(), await people.pupil(), await people.adult("pro@demo.salon")
    await enter(audience, room)
    await enter(speaker, room)
    ack = await ask(asker, room, "fils de pute")
    assert ack["ok"] and ack["question"]["held"] is True and ack["question"]["status"] == "rejected"
    masked = await ask(asker, room, "Mon 06 12 34 56 78, appelez-moi")
    assert masked["ok"] and "[masqué]" in masked["question"]["text"] and masked["question"]["redacted"] is True
    await settle()
    assert [q["id"] for q in audience.events["question:new"]] == [masked["question"]["id"]]
    assert [q["id"] for q in speaker.events["question:new"]] == [masked["question"]["id"]]
    assert await count_rows(qa_db, Question, id=ack["question"]["id"], status="rejected") == 1


async def test_teachers_get_their_pupils_questions(qa_db, people):
    talk = await make_talk(qa_db, premoderated=True)
    room = f"talk:{talk}"
    teacher, asker = await people.adult("prof@demo.salon"), await people.pupil()
    question = (await ask(asker, room, "Peut-on faire un stage de 3e chez vous ?"))["question"]
    copy = await teacher.wait_for("class:question", lambda c: c["question"]["id"] == question["id"])
    assert copy["room"] == room and copy["talk_id"] == talk and copy["question"]["status"] == "pending"
    assert copy["class_label"]


BAD_INPUT = [
    ("question:ask", {"room": "talk:1", "text": "x"}, "invalid"),  # no client_id
    ("question:ask", {"room": "stand:1", "text": "Bonjour", "client_id": "a1"}, "invalid"),
    ("question:ask", {"room": "talk:99999999", "text": "Bonjour", "client_id": "a2"}, "not_found"),
    ("question:ask", {"room": "talk:{talk}", "text": "Bon\x00jour", "client_id": "a3"}, "invalid"),
    ("question:ask", {"room": "talk:{talk}", "text": "   ", "client_id": "a4"}, "invalid"),
    ("question:ask", {"room": "talk:{talk}", "text": "x" * 501, "client_id": "a5"}, "too_long"),
    ("question:ask", {"room": "talk:{talk}", "text": 12, "client_id": "a6"}, "invalid"),
    ("question:ask", {"room": "talk:{talk}", "text": "Bonjour", "client_id": "a7", "extra": 1}, "invalid"),
    ("question:ask", {"room": "talk:{talk}", "text": "Bonjour", "client_id": "bad id with spaces"}, "invalid"),
    ("question:vote", {"question_id": 2**31}, "invalid"),
    ("question:vote", {"question_id": 0}, "invalid"),
    ("question:vote", {"question_id": "1"}, "invalid"),
    ("question:vote", {"question_id": 2**31 - 1}, "not_found"),
    ("question:vote", {"question_id": True}, "invalid"),
    ("question:moderate", {"question_id": 2**31 - 1, "action": "pin"}, "not_found"),
    ("question:moderate", {"question_id": "{question}", "action": "delete"}, "invalid"),
    # 2**63 - 1, not larger: an in-process app earlier in the run makes the clients encode with orjson (64-bit ints).
    ("question:moderate", {"question_id": 2**63 - 1, "action": "pin"}, "invalid"),
    ("question:answer", {"question_id": "{question}", "text": "a\x00b", "client_id": "r1"}, "invalid"),
    ("question:answer", {"question_id": "{question}", "text": "", "client_id": "r2"}, "invalid"),
    ("question:answer", {"question_id": 2**31 - 1, "text": "Bonjour", "client_id": "r3"}, "not_found"),
    ("question:list", {"room": "talk:0"}, "invalid"),
    ("question:list", {"room": "talk:99999999"}, "not_found"),
]


async def test_bad_input_is_refused_stores_nothing_and_broadcasts_nothing(qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    room = f"talk:{talk}"
    speaker, listener = await people.adult("pro@demo.salon"), await people.pupil()
    await enter(listener, room)
    question = (await ask(speaker, room, "Une question de référence"))["question"]["id"]
    before = (
        await count_rows(qa_db, Question),
        await count_rows(qa_db, QuestionVote),
        await count_rows(qa_db, QuestionAnswer),
    )
    await settle()
    listener.events.clear()
    problems = []
    for event, payload, code in BAD_INPUT:
        filled = {
            k: (
                v.replace("{talk}", str(talk))
                if isinstance(v, str) and "{talk}" in v
                else question
                if v == "{question}"
                else v
            )
            for k, v in payload.items()
        }
        ack = await speaker.call(event, filled)
        if ack.get("ok") is not False or ack["error"]["code"] != code:
            problems.append(f"{event} {filled!r}: expected {code}, got {ack!r}")
    assert error_code(await speaker.call("question:vote", ["not", "a", "dict"])) == "invalid"
    assert not problems, "\n".join(problems)
    await settle()
    after = (
        await count_rows(qa_db, Question),
        await count_rows(qa_db, QuestionVote),
        await count_rows(qa_db, QuestionAnswer),
    )
    assert after == before
    assert {k: v for k, v in listener.events.items() if k.startswith("question:")} == {}


async def test_fifty_voters_counts_exact_and_broadcasts_coalesced(qa_db, people):
    talk = await make_talk(qa_db, premoderated=False)
    room = f"talk:{talk}"
    listener = await people.pupil()
    await enter(listener, room)
    ids = [(await ask(listener, room, f"Question à voter {n}"))["question"]["id"] for n in range(2)]
    voters = await asyncio.gather(*(people.pupil() for _ in range(50)))
    started = time.monotonic()
    acks = await asyncio.gather(
        *(v.call("question:vote", {"question_id": q}) for v in voters for q in ids), return_exceptions=False
    )
    assert all(a["ok"] for a in acks), [a for a in acks if not a["ok"]][:3]
    assert sorted(a["votes"] for a in acks if a["question_id"] == ids[0]) == list(range(1, 51))

    def final(counts: dict[str, Any]) -> bool:
        return counts["votes"].get(str(ids[0])) == 50 or counts["votes"].get(str(ids[1])) == 50

    await listener.wait_for("question:votes", final)
    deadline = time.monotonic() + 5
    while True:
        latest: dict[str, int] = {}
        for update in listener.events["question:votes"]:
            assert update["room"] == room
            for key, n in update["votes"].items():
                latest[key] = max(latest.get(key, 0), n)
        if latest == {str(ids[0]): 50, str(ids[1]): 50} or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.1)
    elapsed = time.monotonic() - started
    assert latest == {str(ids[0]): 50, str(ids[1]): 50}
    broadcasts = len(listener.events["question:votes"])
    assert broadcasts <= 4 * elapsed + 1, f"{broadcasts} updates in {elapsed:.2f} s"
    assert broadcasts < 100  # never one per vote
    for question in ids:
        assert await count_rows(qa_db, QuestionVote, question_id=question) == 50
        assert await count_rows(qa_db, Question, id=question, votes=50) == 1


async def test_after_a_reconnect_the_list_has_what_was_missed(qa_server, qa_db, people):
    talk = await make_talk(qa_db, premoderated=True)
    room = f"talk:{talk}"
    token = (await pupil_token(qa_server.url))["token"]
    pupil = await LiveClient().connect(qa_server.url, token)
    await enter(pupil, room)
    mine = (await ask(pupil, room, "Ma question avant la coupure"))["question"]
    await pupil.close()  # the connection drops

    other, speaker = await people.pupil(), await people.adult("pro@demo.salon")
    theirs = (await ask(other, room, "Une question pendant la coupure"))["question"]
    assert (await speaker.call("question:moderate", {"question_id": theirs["id"], "action": "approve"}))["ok"]
    assert (await speaker.call("question:moderate", {"question_id": theirs["id"], "action": "pin"}))["ok"]
    assert (await other.call("question:vote", {"question_id": theirs["id"]}))["ok"]

    back = await LiveClient().connect(qa_server.url, token)
    people.clients.append(back)
    listed = await enter(back, room)
    by_id = {q["id"]: q for q in listed["questions"]}
    assert list(by_id) == [theirs["id"], mine["id"]]
    assert by_id[theirs["id"]]["pinned"] is True and by_id[theirs["id"]]["votes"] == 1
    assert by_id[mine["id"]]["status"] == "pending"  # still marked "en attente" for its asker
    assert listed["voted"] == [] and listed["moderator"] is False
