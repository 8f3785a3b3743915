"""The FAQ: search with accents gives the same questions on SQLite (fallback) and PostgreSQL (full text,
`french`), only answered approved questions are shown, signed with their CFA, and each is linkable."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from server.models import User
from sessions import faq
from sessions.models import QARoom, QuestionAnswer
from tests.conftest import _create_database, _drop_database
from tests.live import base_env, prepare_database
from tests.sessions.house_helpers import FAQRoom, make_faq_room
from tests.sessions.talks import database
from tests.stands.backoffice_helpers import browser

# query → the fixture's questions it finds (by their first words)
EXPECTED = {
    "metiers": {"Quels métiers peut-on", "Combien gagne"},
    "Métier": {"Quels métiers peut-on", "Combien gagne"},
    "MAÇON": {"Quels métiers peut-on", "Combien gagne"},
    "apprentissage": {"Quels métiers peut-on"},
    "stage de découverte": {"Faut-il faire"},
    "boulangerie": set(),
    "": {"Quels métiers peut-on", "Combien gagne", "Faut-il faire"},
}


@pytest.fixture(scope="module")
async def sqlite_room(server, sqlite_url) -> FAQRoom:
    return await make_faq_room(sqlite_url)


@pytest.fixture(scope="module")
async def faq_postgres(postgres_admin_url) -> AsyncIterator[str]:
    url = await _create_database(postgres_admin_url)
    prepare_database(base_env(url))
    yield url
    await _drop_database(postgres_admin_url, url)


async def found(url: str, room_id: int, query: str) -> set[str]:
    async with database(url) as db:
        room = await db.get(QARoom, room_id)
        assert room is not None
        questions = await faq.search(db, room, query)
    return {next(p for p in EXPECTED[""] if q.text.startswith(p)) for q in questions}


@pytest.mark.parametrize("query", list(EXPECTED))
async def test_sqlite_search_ignores_accents_and_case(sqlite_room, sqlite_url, query):
    assert await found(sqlite_url, sqlite_room.room_id, query) == EXPECTED[query]


async def test_postgres_full_text_finds_the_same_questions(faq_postgres):
    room = await make_faq_room(faq_postgres)
    async with database(faq_postgres) as db:
        assert db.get_bind().dialect.name == "postgresql"
    for query, expected in EXPECTED.items():
        assert await found(faq_postgres, room.room_id, query) == expected, query


async def test_the_faq_page_shows_answered_questions_signed_with_their_cfa(server, sqlite_room):
    async with browser(server.url) as anonymous:
        page = (await anonymous.get(f"/qa-rooms/{sqlite_room.room_id}/faq")).text
    assert page.count('class="faq-entry"') == 3
    assert "CFA Pierre et Bois du Cotentin" in page and "tailleur de pierre" in page
    assert "(en attente)" not in page and "(refusée)" not in page
    qid = sqlite_room.questions["Combien gagne un apprenti maçon ?"]
    assert f'id="question-{qid}"' in page


async def test_the_faq_searches_without_javascript(server, sqlite_room):
    async with browser(server.url) as anonymous:
        page = (await anonymous.get(f"/qa-rooms/{sqlite_room.room_id}/faq", params={"q": "metiers"})).text
        none = (await anonymous.get(f"/qa-rooms/{sqlite_room.room_id}/faq", params={"q": "boulangerie"})).text
    assert page.count('class="faq-entry"') == 2 and 'value="metiers"' in page
    assert "2 questions sur 3 correspondent" in page
    assert 'class="faq-entry"' not in none and "Aucune question ne correspond" in none


async def test_a_question_is_linkable_one_by_one(server, sqlite_room):
    qid = sqlite_room.questions["Faut-il faire un stage avant ?"]
    async with browser(server.url) as anonymous:
        answer = await anonymous.get(f"/questions/{qid}")
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/qa-rooms/{sqlite_room.room_id}/faq#question-{qid}"
        page = (await anonymous.get(answer.headers["location"].split("#")[0])).text
        assert re.search(rf'<li class="faq-entry" id="question-{qid}">', page)
        for hidden in ("Quels métiers recrutent le plus ? (en attente)", "Les métiers du bois, c'est dur ? (refusée)"):
            assert (await anonymous.get(f"/questions/{sqlite_room.questions[hidden]}")).status_code == 404


@pytest.mark.parametrize("path", ["/questions/0", "/questions/2147483648", "/qa-rooms/0/faq", "/qa-rooms/99999999/faq"])
async def test_unknown_ids_are_not_found(server, path):
    async with browser(server.url) as anonymous:
        answer = await anonymous.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


async def test_a_nul_byte_in_the_query_is_refused(server, sqlite_room):
    async with browser(server.url) as anonymous:
        answer = await anonymous.get(
            f"/qa-rooms/{sqlite_room.room_id}/faq", params={"q": "a\x00b"}, headers={"Accept": "application/json"}
        )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid"


async def test_search_text_is_refreshed_after_an_answer(sqlite_room, sqlite_url):
    """What the answers' service calls: a new answer's words are found at once."""
    qid = sqlite_room.questions["Faut-il faire un stage avant ?"]
    async with database(sqlite_url) as db:
        staff = (await db.exec(select(User).where(User.email == "pro@demo.salon"))).one()
        db.add(QuestionAnswer(question_id=qid, author_id=staff.id, client_id="refresh-test", text="Au lycée Éluard."))
        await db.flush()
        await faq.refresh_search_text(db, qid)
        await db.commit()
    assert await found(sqlite_url, sqlite_room.room_id, "eluard") == {"Faut-il faire"}
