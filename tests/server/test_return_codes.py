"""Pupils' return codes: the rules (format, entropy, reading what pupils type, the keyed hash), then the real
server: a code at every join, the same pupil again on another device with their history, the refusals and
the budgets (a class behind one address comes back; a guesser is stopped)."""

from __future__ import annotations

import math
import re
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlmodel import select

from chat import rules
from server import return_codes as rc
from server.accounts import save_class
from server.db import create_engine, create_session_factory
from server.models import SchoolClass, User
from server.timeutil import utcnow
from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token
from tests.server.people import fresh_teacher, update_user
from tests.stands.inprocess import BASE_URL, migrated_sqlite, running_app

CODE_RE = re.compile(r"^[a-z]{3,11}-[a-z]{3,11}-[a-z]{3,11}-[0-9]{2}$")


# ---------- Rules ----------


def test_the_word_list_is_long_short_worded_typable_and_clean():
    assert 1000 <= len(rc.WORDS) <= 2000
    assert len(set(rc.WORDS)) == len(rc.WORDS)
    assert all(re.fullmatch(r"[a-z]{3,11}", w) for w in rc.WORDS)
    # Nothing the chat's word filter would mask.
    assert [w for w in rc.WORDS if rules.check_words(w).masked] == []


def test_the_entropy_is_three_words_and_two_digits():
    assert pytest.approx(3 * math.log2(len(rc.WORDS)) + math.log2(100)) == rc.ENTROPY_BITS
    assert rc.ENTROPY_BITS > 36


def test_generated_codes_are_three_list_words_and_two_digits():
    codes = {rc.generate() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_RE.match(code), code
        assert all(w in rc.WORD_SET for w in code.split("-")[:3])
        assert rc.parse(code) == code
        assert rc.spoken(code) == code.replace("-", " ")


@pytest.mark.parametrize(
    "typed",
    [
        "arbre-bateau-cerise-42",
        "Arbre Bateau CERISE 42",
        "  arbre.bateau.cerise.42 ",
        "arbre bateau cerise42",
        "árbre  bâteau cerise - 42",
        "ARBRE_BATEAU_CERISE_42",
    ],
)
def test_what_pupils_type_is_read_as_one_code(typed):
    assert rc.parse(typed) == "arbre-bateau-cerise-42"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "arbre bateau 42",
        "arbre bateau cerise",
        "arbre bateau cerise 4",
        "arbre bateau cerise 421",
        "arbre bateau xyzzy 42",
        "42 arbre bateau cerise",
        "arbre bateau cerise 42 pomme",
        "arbre\x00bateau cerise 42",
        "arbre bateau cerise 42" + " " * 200,
        None,
        42,
    ],
)
def test_what_cannot_be_a_code_is_refused_before_any_lookup(typed):
    assert rc.parse(typed) is None


def test_the_stored_hash_is_keyed():
    code = "arbre-bateau-cerise-42"
    assert re.fullmatch(r"[0-9a-f]{64}", rc.digest(code, "one-key"))
    assert rc.digest(code, "one-key") == rc.digest(code, "one-key")
    assert rc.digest(code, "one-key") != rc.digest(code, "another-key")
    assert code not in rc.digest(code, "one-key")


# ---------- Real server ----------


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


async def come_back(server: ServerProcess, code: str, address: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    async with httpx.AsyncClient(base_url=server.url, headers=headers) as http:
        return await http.post("/api/auth/return", json={"return_code": code})


async def pupil_id(server: ServerProcess, token: str) -> int:
    client = await LiveClient().connect(server.url, token)
    try:
        ack = await client.call("thread:open", {"stand_id": await demo_stand(server.url, staffed=True)})
        assert ack["ok"], ack
        return int(ack["thread"]["pupil"]["id"])
    finally:
        await client.close()


async def test_joining_gives_a_return_code_stored_only_as_its_hash(server, sqlite_url):
    body = await pupil_token(server.url)
    assert CODE_RE.match(body["return_code"])
    engine = create_engine(sqlite_url)
    try:
        async with create_session_factory(engine)() as db:
            hashes = (await db.exec(select(User.return_code_hash).where(User.name == body["pseudonym"]))).all()
    finally:
        await engine.dispose()
    assert hashes and all(h and len(h) == 64 and body["return_code"] not in h for h in hashes)


async def test_a_pupil_comes_back_on_another_device_with_their_messages_and_private_question(server):
    first = await pupil_token(server.url)
    stand_id = await demo_stand(server.url, staffed=True, index=3)
    before = await LiveClient().connect(server.url, first["token"])
    try:
        public = await before.join(f"stand:{stand_id}")
        said = await before.send(public["room"], f"Question publique {uuid.uuid4().hex[:6]}")
        assert said["ok"], said
        thread = (await before.call("thread:open", {"stand_id": stand_id}))["thread"]
        await before.join(thread["room"])
        asked = await before.send(thread["room"], f"Question privée {uuid.uuid4().hex[:6]}")
        assert asked["ok"], asked
    finally:
        await before.close()

    response = await come_back(server, first["return_code"].replace("-", " ").upper())
    assert response.status_code == 200, response.text
    again = response.json()
    assert set(again) == {"token", "pseudonym", "role"}
    assert again["pseudonym"] == first["pseudonym"] and again["role"] == "pupil"
    assert again["token"] != first["token"]
    assert "salon_session" in response.cookies

    after = await LiveClient().connect(server.url, again["token"])
    try:
        history = await after.join(f"stand:{stand_id}")
        mine = [m for m in history["messages"] if m["id"] == said["message"]["id"]]
        assert mine and mine[0]["author"]["id"] == said["message"]["author"]["id"]
        reopened = (await after.call("thread:open", {"stand_id": stand_id}))["thread"]
        assert reopened["room"] == thread["room"]
        private = await after.join(thread["room"])
        assert asked["message"]["text"] in [m["text"] for m in private["messages"]]
    finally:
        await after.close()


async def test_an_unknown_code_is_not_found_and_bad_bodies_are_invalid(server):
    assert_error(await come_back(server, "arbre-bateau-cerise-00", "203.0.113.90"), 404, "not_found")
    assert_error(await come_back(server, "pas un code", "203.0.113.90"), 404, "not_found")
    async with httpx.AsyncClient(base_url=server.url) as http:
        for body in ({}, {"return_code": ""}, {"return_code": 42}, {"return_code": "a\x00b"}):
            assert_error(await http.post("/api/auth/return", json=body), 400, "invalid")
        assert_error(await http.post("/api/auth/return", json={"return_code": "x" * 500}), 400, "invalid")


async def test_a_whole_class_behind_one_address_comes_back_within_a_minute(server):
    codes = [(await pupil_token(server.url))["return_code"] for _ in range(35)]
    school = "203.0.113.35"
    # A few pupils mistype a digit first (well-formed wrong codes: they count as failures).
    for code in codes[:5]:
        wrong = code[:-2] + ("00" if not code.endswith("00") else "01")
        assert (await come_back(server, wrong, school)).status_code in (404, 200)
    statuses = [(await come_back(server, code, school)).status_code for code in codes]
    assert statuses == [200] * 35


async def test_a_guesser_is_rate_limited_even_with_a_right_code(server):
    right = (await pupil_token(server.url))["return_code"]
    guesser = "203.0.113.66"
    statuses = [
        (await come_back(server, f"arbre-bateau-cerise-{i:02d}", guesser)).status_code
        for i in range(rc.FAILURES_PER_ADDRESS)
    ]
    assert statuses == [404] * rc.FAILURES_PER_ADDRESS
    assert_error(await come_back(server, right, guesser), 429, "rate_limited")
    assert (await come_back(server, right, "203.0.113.67")).status_code == 200  # other addresses are not stopped


async def test_malformed_codes_cost_nothing(server):
    right = (await pupil_token(server.url))["return_code"]
    typo = "203.0.113.68"
    for _ in range(rc.FAILURES_PER_ADDRESS + 5):
        assert_error(await come_back(server, "arbre bateau xyzzy 42", typo), 404, "not_found")
    assert (await come_back(server, right, typo)).status_code == 200


async def test_a_removed_pupil_is_refused(server, sqlite_url):
    body = await pupil_token(server.url)
    await update_user(sqlite_url, user_id=await pupil_id(server, body["token"]), removed_at=utcnow())
    message = assert_error(await come_back(server, body["return_code"], "203.0.113.70"), 403, "forbidden")
    assert "retiré" in message


async def test_a_pupil_whose_class_code_expired_is_told_the_session_is_over(server, sqlite_url):
    code = f"RET-{uuid.uuid4().hex[:6].upper()}"
    teacher = await fresh_teacher(sqlite_url)  # not the demo teacher: their classes stay as other tests read them
    engine = create_engine(sqlite_url)
    try:
        async with create_session_factory(engine)() as db:
            school_class = await save_class(db, code=code, label="4e R", school="Collège", teacher=teacher)
            await db.commit()
            class_id = school_class.id
    finally:
        await engine.dispose()
    body = await pupil_token(server.url, code)
    assert (await come_back(server, body["return_code"], "203.0.113.71")).status_code == 200
    engine = create_engine(sqlite_url)
    try:
        async with create_session_factory(engine)() as db:
            row = await db.get(SchoolClass, class_id)
            assert row is not None
            row.code_expires_at = utcnow() - timedelta(minutes=1)
            db.add(row)
            await db.commit()
    finally:
        await engine.dispose()
    message = assert_error(await come_back(server, body["return_code"], "203.0.113.71"), 403, "closed")
    assert "terminée" in message


# ---------- Pages, without JavaScript ----------


async def test_the_join_form_shows_the_code_once_then_the_pupils_page_shows_it_again(browser_like):
    response = await browser_like.post(
        "/join", data={"class_code": "DEMO-3E"}, headers={"Origin": str(browser_like.base_url)}
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/mon-code?bienvenue=1&suite=")
    page = await browser_like.get(location)
    assert page.status_code == 200
    assert "Notez-le\u00a0: il vous permet de retrouver vos questions un autre jour." in page.text
    words = re.findall(r'<span class="return-code-part">([a-z0-9]+)</span>', page.text)
    assert len(words) == 4 and rc.parse(" ".join(words))
    again = await browser_like.get("/mon-code")
    assert re.findall(r'<span class="return-code-part">([a-z0-9]+)</span>', again.text) == words
    assert 'href="/mon-code"' in again.text  # the header menu leads back to it


async def test_the_return_form_brings_the_pupil_back_without_javascript(server, browser_like):
    first = await pupil_token(server.url)
    join = await browser_like.get("/join")
    assert "J'ai un code de retour" in join.text and 'action="/retour"' in join.text
    origin = {"Origin": server.url, "X-Forwarded-For": "203.0.113.72"}
    response = await browser_like.post("/retour", data={"return_code": first["return_code"]}, headers=origin)
    assert response.status_code == 303, response.text
    mine = await browser_like.get("/mon-code")
    assert first["pseudonym"] in mine.text
    assert " ".join(re.findall(r'<span class="return-code-part">([a-z0-9]+)</span>', mine.text)) == rc.spoken(
        first["return_code"]
    )
    wrong = await browser_like.post("/retour", data={"return_code": "arbre bateau cerise 00"}, headers=origin)
    assert wrong.status_code == 404 and "Ce code de retour n&#39;existe pas" in wrong.text
    assert 'value="arbre bateau cerise 00"' in wrong.text
    assert (await browser_like.get("/retour")).status_code == 200


async def test_the_pupils_page_is_for_pupils(browser_like):
    response = await browser_like.get("/mon-code", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/join"


# ---------- Overall budget (its own app: the shared server's budget is not spent) ----------


async def test_failures_from_many_addresses_stop_at_the_overall_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(rc, "FAILURES_PER_ADDRESS", 3)
    monkeypatch.setattr(rc, "FAILURES_OVERALL", 5)
    url = await migrated_sqlite(str(tmp_path))
    async with running_app(url) as app:
        app_asgi = app.client._transport.app  # type: ignore[attr-defined]

        async def attempt(address: str) -> int:
            transport = httpx.ASGITransport(app=app_asgi, client=(address, 1234))
            async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as http:
                response = await http.post("/api/auth/return", json={"return_code": "arbre-bateau-cerise-07"})
                return response.status_code

        assert [await attempt("198.51.100.1") for _ in range(3)] == [404] * 3
        assert await attempt("198.51.100.1") == 429  # this address is spent
        assert [await attempt("198.51.100.2") for _ in range(2)] == [404] * 2
        assert await attempt("198.51.100.3") == 429  # everyone is: 5 failures overall
