"""CFA Q&A rooms against a real server and real Socket.IO clients: every question pre-moderated by the room's
CFA staff (staff of a CFA outside the room refused), claims (conflict naming the holder, lapse after 30
minutes, cleared by the claimer's answer), several answers signed with their CFA, edits with their history,
resolution, a duplicate "moi aussi", a closed event, "Nouvelle réponse" since the last visit, suggestions of
similar questions, the organisers' figures, and bad input (a contract error, nothing stored)."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from server.timeutil import utcnow
from sessions.models import Question, QuestionAnswer, QuestionAnswerRevision, QuestionVote
from tests.live import LiveClient, ServerProcess, demo_server, pupil_token, staff_token
from tests.sessions.qa_helpers import BOTH_STAFF_CFA, OTHER_CFA, PRO_ONLY_CFA, make_qa_room, set_question, stand_id
from tests.sessions.talks import count_rows, database


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('cfa') / 'salon.db'}"


@pytest.fixture(scope="module")
def qa_server(qa_db: str) -> Iterator[ServerProcess]:
    with demo_server(qa_db) as process:
        yield process


class People:
    def __init__(self, url: str) -> None:
        self.url = url
        self.clients: list[LiveClient] = []
        self.tokens: dict[int, str] = {}

    async def pupil(self) -> LiveClient:
        return await self._client((await pupil_token(self.url))["token"])

    async def adult(self, email: str = "pro@demo.salon") -> LiveClient:
        return await self._client(await staff_token(self.url, email))

    async def _client(self, token: str) -> LiveClient:
        client = await LiveClient().connect(self.url, token)
        self.clients.append(client)
        self.tokens[id(client)] = token
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


async def ask(client: LiveClient, room: str, text: str) -> dict[str, Any]:
    return await client.call(  # type: ignore[no-any-return]
        "question:ask", {"room": room, "text": text, "client_id": uuid.uuid4().hex}
    )


async def published(people: People, room: str, text: str = "Comment trouver une entreprise d'accueil ?") -> int:
    """A pupil's question, approved by pro@demo.salon (staff of the room's CFA): its id."""
    pupil = await people.pupil()
    await enter(pupil, room)
    asked = await ask(pupil, room, text)
    assert asked["ok"] and asked["question"]["status"] == "pending", asked
    staff = await people.adult()
    approved = await staff.call("question:moderate", {"question_id": asked["question"]["id"], "action": "approve"})
    assert approved["ok"], approved
    return int(asked["question"]["id"])


async def test_questions_wait_for_the_rooms_cfa_staff(people: People, qa_db: str) -> None:
    room = f"qa:{await make_qa_room(qa_db, [PRO_ONLY_CFA])}"
    pupil, staff, outsider = await people.pupil(), await people.adult(), await people.adult("pro2@demo.salon")
    assert (await enter(staff, room))["moderator"] is True
    assert (await enter(outsider, room))["moderator"] is False
    watcher = await people.pupil()
    await enter(watcher, room)
    await enter(pupil, room)
    asked = await ask(pupil, room, "Peut-on faire un CAP pâtissier après une seconde ?")
    assert asked["ok"] and asked["question"]["status"] == "pending"
    qid = asked["question"]["id"]
    await staff.wait_for("question:new", lambda q: q["id"] == qid)  # the moderators' channel
    for event, payload in (
        ("question:moderate", {"question_id": qid, "action": "approve"}),
        ("question:answer", {"question_id": qid, "text": "Oui.", "client_id": uuid.uuid4().hex}),
        ("question:claim", {"question_id": qid}),
    ):
        refused = await outsider.call(event, payload)
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden", (event, refused)
    assert (await pupil.call("question:moderate", {"question_id": qid, "action": "approve"}))["error"]["code"] == (
        "forbidden"
    )
    approved = await staff.call("question:moderate", {"question_id": qid, "action": "approve"})
    assert approved["ok"] and approved["question"]["status"] == "approved"
    seen = await watcher.wait_for("question:new", lambda q: q["id"] == qid)
    assert seen["resolved"] is False and seen["claimed_by"] is None
    assert await count_rows(qa_db, QuestionAnswer, question_id=qid) == 0


async def test_a_claim_is_one_persons_until_it_lapses_or_they_answer(people: People, qa_db: str) -> None:
    room = f"qa:{await make_qa_room(qa_db, [BOTH_STAFF_CFA])}"
    qid = await published(people, room)
    pro, pro2 = await people.adult(), await people.adult("pro2@demo.salon")
    await enter(pro2, room)
    claimed = await pro.call("question:claim", {"question_id": qid})
    assert claimed["ok"], claimed
    assert claimed["question"]["claimed_by"]["name"] == "Camille Durand (démo)"
    assert claimed["question"]["claimed_until"]
    update = await pro2.wait_for("question:update", lambda q: q["id"] == qid and q["claimed_by"])
    assert update["claimed_by"]["id"] == claimed["question"]["claimed_by"]["id"]
    taken = await pro2.call("question:claim", {"question_id": qid})
    assert taken["ok"] is False and taken["error"]["code"] == "conflict"
    assert "Camille Durand" in taken["error"]["message"]
    assert (await pro2.call("question:release", {"question_id": qid}))["error"]["code"] == "conflict"
    assert (await pro.call("question:claim", {"question_id": qid}))["ok"]  # one's own claim renews
    # 31 minutes without an answer: the claim has lapsed, a colleague takes it.
    await set_question(qa_db, qid, claimed_at=utcnow() - timedelta(minutes=31))
    listed = await enter(pro2, room)
    assert next(q for q in listed["questions"] if q["id"] == qid)["claimed_by"] is None
    again = await pro2.call("question:claim", {"question_id": qid})
    assert again["ok"] and again["question"]["claimed_by"]["name"] != "Camille Durand (démo)"
    answered = await pro2.call(
        "question:answer", {"question_id": qid, "text": "Le CFA a une liste d'entreprises.", "client_id": "a1"}
    )
    assert answered["ok"] and answered["question"]["claimed_by"] is None and answered["question"]["answered"]
    released = await pro.call("question:claim", {"question_id": qid})
    assert released["ok"]
    assert (await pro.call("question:release", {"question_id": qid}))["question"]["claimed_by"] is None


async def test_several_answers_signed_edited_with_history_and_resolved(people: People, qa_db: str) -> None:
    room_id = await make_qa_room(qa_db, [BOTH_STAFF_CFA, PRO_ONLY_CFA, OTHER_CFA])
    room = f"qa:{room_id}"
    qid = await published(people, room)
    pro, pro2 = await people.adult(), await people.adult("pro2@demo.salon")
    pupil = await people.pupil()
    await enter(pupil, room)
    both, bessin = await stand_id(qa_db, BOTH_STAFF_CFA), await stand_id(qa_db, PRO_ONLY_CFA)
    # pro@demo.salon staffs two of the room's CFAs: they pick; a CFA they do not staff is refused.
    signed = await pro.call(
        "question:answer", {"question_id": qid, "text": "Réponse du Bessin.", "client_id": "s1", "stand_id": bessin}
    )
    assert signed["ok"], signed
    refused = await pro2.call(
        "question:answer", {"question_id": qid, "text": "Au nom d'un autre.", "client_id": "s2", "stand_id": bessin}
    )
    assert refused["error"]["code"] == "forbidden"
    second = await pro2.call("question:answer", {"question_id": qid, "text": "Et chez nous aussi.", "client_id": "s3"})
    answers = second["question"]["answers"]
    assert [a["cfa"] for a in answers] == [
        {"stand_id": bessin, "name": PRO_ONLY_CFA},
        {"stand_id": both, "name": BOTH_STAFF_CFA},
    ]
    seen = await pupil.wait_for("question:update", lambda q: q["id"] == qid and len(q["answers"]) == 2)
    assert seen["answers"][1]["cfa"]["name"] == BOTH_STAFF_CFA
    first_id = answers[0]["id"]
    assert (await pro2.call("question:answer_edit", {"answer_id": first_id, "text": "Pas à moi."}))["error"][
        "code"
    ] == "forbidden"
    edited = await pro.call("question:answer_edit", {"answer_id": first_id, "text": "Réponse du Bessin, précisée."})
    assert edited["ok"] and edited["question"]["answers"][0]["edited"] is True
    assert edited["question"]["answers"][0]["text"] == "Réponse du Bessin, précisée."
    await pro.call("question:answer_edit", {"answer_id": first_id, "text": "Troisième version."})
    assert await count_rows(qa_db, QuestionAnswerRevision, answer_id=first_id) == 2
    async with database(qa_db) as db:  # the FAQ's folded search text follows the answers
        row = await db.get(Question, qid)
        assert row is not None and "troisieme version." in row.search_text and "bessin." not in row.search_text
        assert "et chez nous aussi." in row.search_text and "entreprise d'accueil" in row.search_text
    await pupil.wait_for(
        "question:update", lambda q: q["id"] == qid and q["answers"][0]["text"] == "Troisième version."
    )
    resolved = await pro.call("question:moderate", {"question_id": qid, "action": "resolve"})
    assert resolved["ok"] and resolved["question"]["resolved"] is True
    await pupil.wait_for("question:update", lambda q: q["id"] == qid and q["resolved"])
    # The page shows "modifiée" and each CFA's name without JavaScript.
    async with httpx.AsyncClient(base_url=people.url) as http:
        page = (await http.get(f"/qa-rooms/{room_id}")).text
    assert "modifiée" in page and f"{PRO_ONLY_CFA}" in page and "Troisième version." in page
    assert "Réponse du Bessin." not in page  # the old text stays in the revisions only


async def test_moi_aussi_twice_is_a_conflict(people: People, qa_db: str) -> None:
    room = f"qa:{await make_qa_room(qa_db, [PRO_ONLY_CFA])}"
    qid = await published(people, room)
    pupil = await people.pupil()
    await enter(pupil, room)
    assert (await pupil.call("question:vote", {"question_id": qid}))["votes"] == 1
    again = await pupil.call("question:vote", {"question_id": qid})
    assert again["ok"] is False and again["error"]["code"] == "conflict"
    assert await count_rows(qa_db, QuestionVote, question_id=qid) == 1


async def test_a_closed_event_takes_no_question(people: People, qa_db: str) -> None:
    room = f"qa:{await make_qa_room(qa_db, [PRO_ONLY_CFA], closed=True)}"
    pupil = await people.pupil()
    await enter(pupil, room)
    asked = await ask(pupil, room, "Encore ouvert ?")
    assert asked["ok"] is False and asked["error"]["code"] == "closed"
    staff = await people.adult()
    assert (await enter(staff, room))["open"] is False


async def page_of(http: httpx.AsyncClient, room_id: int, token: str | None = None) -> str:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.get(f"/qa-rooms/{room_id}", headers=headers)
    assert response.status_code == 200
    return response.text


async def test_new_answer_badge_until_the_room_is_opened_again(people: People, qa_db: str) -> None:
    room_id = await make_qa_room(qa_db, [PRO_ONLY_CFA])
    room = f"qa:{room_id}"
    asker_token, voter_token, bystander_token = [(await pupil_token(people.url))["token"] for _ in range(3)]
    asker = await LiveClient().connect(people.url, asker_token)
    voter = await LiveClient().connect(people.url, voter_token)
    people.clients += [asker, voter]
    staff = await people.adult()
    async with httpx.AsyncClient(base_url=people.url) as http:
        for token in (asker_token, voter_token, bystander_token):
            assert "badge-new" not in await page_of(http, room_id, token)  # a first visit: nothing is new
        await enter(asker, room)
        asked = await ask(asker, room, "Mon apprentissage peut-il se faire à l'étranger ?")
        qid = asked["question"]["id"]
        await staff.call("question:moderate", {"question_id": qid, "action": "approve"})
        await enter(voter, room)
        assert (await voter.call("question:vote", {"question_id": qid}))["ok"]
        before = await page_of(http, room_id, asker_token)  # approved, not answered: no badge
        assert "badge-new" not in before and "à l&#39;étranger" in before
        await staff.call("question:answer", {"question_id": qid, "text": "Oui, avec Erasmus+.", "client_id": "n1"})
        for token in (asker_token, voter_token):  # the asker and who said "moi aussi"
            after = await page_of(http, room_id, token)
            assert after.count('class="badge badge-new"') == 1
            assert "badge-new" not in await page_of(http, room_id, token)  # seen: gone at the next opening
        assert "badge-new" not in await page_of(http, room_id, bystander_token)
        assert "badge-new" not in await page_of(http, room_id)  # anonymous visitors
        # An edit after the last visit is news again.
        answer_id = (await staff.call("question:list", {"room": room}))["questions"][0]["answers"][0]["id"]
        edited = await staff.call(
            "question:answer_edit", {"answer_id": answer_id, "text": "Oui, avec Erasmus+ dès le CAP."}
        )
        assert edited["ok"]
        assert 'class="badge badge-new"' in await page_of(http, room_id, voter_token)


async def test_similar_questions_ignore_accents_and_case(people: People, qa_db: str) -> None:
    room_id = await make_qa_room(qa_db, [PRO_ONLY_CFA])
    room = f"qa:{room_id}"
    qid = await published(people, room, "Quel salaire pour un apprenti pâtissier en première année ?")
    other = await published(people, room, "Faut-il un ordinateur pour les cours ?")
    async with httpx.AsyncClient(base_url=people.url) as http:
        found = (await http.get(f"/api/qa-rooms/{room_id}/similar", params={"q": "PATISSIER salaire"})).json()
        assert [q["id"] for q in found] == [qid]
        assert (await http.get(f"/api/qa-rooms/{room_id}/similar", params={"q": "ordinateur portable"})).json()[0][
            "id"
        ] == other
        assert (await http.get(f"/api/qa-rooms/{room_id}/similar", params={"q": "est-ce que"})).json() == []
        for params, status, code in (
            ({"q": "a\x00b"}, 400, "invalid"),
            ({"q": "x" * 501}, 413, "too_long"),
        ):
            response = await http.get(f"/api/qa-rooms/{room_id}/similar", params=params)
            assert response.status_code == status and response.json()["error"]["code"] == code
        assert (await http.get("/api/qa-rooms/2147483648/similar?q=x")).json()["error"]["code"] == "not_found"
        assert (await http.get("/qa-rooms/0")).status_code == 404


async def test_bad_input_is_refused_and_nothing_is_stored(people: People, qa_db: str) -> None:
    room = f"qa:{await make_qa_room(qa_db, [PRO_ONLY_CFA])}"
    qid = await published(people, room)
    staff = await people.adult()
    before = await count_rows(qa_db, QuestionAnswer, question_id=qid)
    for event, payload in (
        ("question:claim", {"question_id": 0}),
        ("question:claim", {"question_id": 2**31}),
        ("question:claim", {"question_id": qid, "extra": 1}),
        ("question:answer", {"question_id": qid, "text": "a\x00b", "client_id": "bad1"}),
        ("question:answer", {"question_id": qid, "text": "ok", "client_id": "bad2", "stand_id": 0}),
        ("question:answer_edit", {"answer_id": "x", "text": "y"}),
        ("question:moderate", {"question_id": qid, "action": "close"}),
    ):
        refused = await staff.call(event, payload)
        assert refused["ok"] is False and refused["error"]["code"] == "invalid", (event, payload, refused)
    assert (await staff.call("question:claim", {"question_id": 2**31 - 1}))["error"]["code"] == "not_found"
    assert (await staff.call("question:answer_edit", {"answer_id": 2**31 - 1, "text": "y"}))["error"]["code"] == (
        "not_found"
    )
    assert await count_rows(qa_db, QuestionAnswer, question_id=qid) == before


async def test_console_and_figures(people: People, qa_db: str) -> None:
    room_id = await make_qa_room(qa_db, [PRO_ONLY_CFA])
    qid = await published(people, f"qa:{room_id}", "Une question pour la console ?")
    async with httpx.AsyncClient(base_url=people.url) as http:
        assert (await http.get("/qa-rooms/console")).status_code == 303
        pro = await staff_token(people.url)
        page = await http.get("/qa-rooms/console", headers={"Authorization": f"Bearer {pro}"})
        assert page.status_code == 200 and "Une question pour la console ?" in page.text
        assert re.search(r"attend depuis \d+ min", page.text)
        pupil = (await pupil_token(people.url))["token"]
        assert (await http.get("/qa-rooms/console", headers={"Authorization": f"Bearer {pupil}"})).status_code == 403
        assert (
            await http.get("/admin/events/quinzaine-apprentissage/qa", headers={"Authorization": f"Bearer {pro}"})
        ).status_code == 403
        orga = {"Authorization": f"Bearer {await staff_token(people.url, 'orga@demo.salon')}"}
        figures = await http.get("/admin/events/quinzaine-apprentissage/qa", headers=orga)
        assert figures.status_code == 200 and PRO_ONLY_CFA in figures.text
        csv_text = (await http.get("/admin/events/quinzaine-apprentissage/qa.csv", headers=orga)).text
        assert csv_text.startswith("\ufeffniveau;nom;questions") and f"cfa;{PRO_ONLY_CFA};" in csv_text
    assert qid
