"""The contract's Socket.IO core against a real server: join, send, ack, broadcast, replay, retries."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
import socketio

from tests.live import LiveClient, ServerProcess, pupil_token, staff_token


async def stand_room(server: ServerProcess, staffed: bool = True) -> str:
    """A demo stand room (staffed by pro@demo.salon when asked)."""
    async with httpx.AsyncClient(base_url=server.url) as http:
        stands = (await http.get("/api/events/des-clics-des-metiers/stands")).json()
        for stand in stands:
            detail = (await http.get(f"/api/stands/{stand['id']}")).json()
            is_staffed = any(s["name"].startswith("Camille Durand") for s in detail["staff"])
            if is_staffed == staffed:
                return f"stand:{stand['id']}"
    raise AssertionError("the demo has no such stand")


@pytest.fixture
async def pupil(server: ServerProcess):
    token = (await pupil_token(server.url))["token"]
    client = await LiveClient().connect(server.url, token)
    yield client
    await client.close()


@pytest.fixture
async def pro(server: ServerProcess):
    client = await LiveClient().connect(server.url, await staff_token(server.url))
    yield client
    await client.close()


async def test_send_is_acknowledged_with_the_stored_message_and_broadcast(server, pupil, pro):
    room = await stand_room(server)
    await pupil.join(room)
    await pro.join(room)
    ack = await pupil.send(room, "Bonjour, quelles études pour devenir soudeuse ?", client_id="c-1" + uuid.uuid4().hex)
    assert ack["ok"] is True
    message = ack["message"]
    assert set(message) == {"id", "room", "seq", "client_id", "author", "text", "ts", "redacted", "hidden"}
    assert message["room"] == room and message["author"]["role"] == "pupil"
    assert message["redacted"] is False
    received = await pro.wait_for("chat:message", lambda m: m["id"] == message["id"])
    assert received == message


async def test_seq_rises_by_one_without_gaps(server, pupil):
    room = await stand_room(server)
    await pupil.join(room)
    acks = [await pupil.send(room, f"message {i}") for i in range(5)]
    seqs = [a["message"]["seq"] for a in acks]
    assert seqs == list(range(seqs[0], seqs[0] + 5))


async def test_join_answers_the_last_fifty_then_everything_since(server, pupil):
    room = await stand_room(server, staffed=False)
    # Six fresh pupils share the writing: each account has its own send budget, and the shared demo
    # adults must keep theirs for the other tests.
    writers = [await LiveClient().connect(server.url, (await pupil_token(server.url))["token"]) for _ in range(6)]
    for i in range(55):
        assert (await writers[i % 6].send(room, f"historique {i}"))["ok"]
    for writer in writers:
        await writer.close()
    ack = await pupil.join(room)
    assert len(ack["messages"]) == 50
    assert ack["messages"][-1]["seq"] == ack["last_seq"]
    assert [m["seq"] for m in ack["messages"]] == list(range(ack["last_seq"] - 49, ack["last_seq"] + 1))
    since = ack["last_seq"] - 3
    again = await pupil.join(room, since=since)
    assert [m["seq"] for m in again["messages"]] == [since + 1, since + 2, since + 3]


async def test_retry_with_the_same_client_id_returns_the_first_message_and_broadcasts_nothing(server, pupil, pro):
    room = await stand_room(server)
    await pupil.join(room)
    await pro.join(room)
    client_id = uuid.uuid4().hex
    first = await pupil.send(room, "Est-ce qu'on peut faire un stage de 3e chez vous ?", client_id)
    second = await pupil.send(room, "Est-ce qu'on peut faire un stage de 3e chez vous ?", client_id)
    assert first == second
    await pro.wait_for("chat:message", lambda m: m["id"] == first["message"]["id"])
    marker = await pupil.send(room, "marqueur")
    await pro.wait_for("chat:message", lambda m: m["id"] == marker["message"]["id"])
    assert [m["client_id"] for m in pro.events["chat:message"]].count(client_id) == 1


async def test_concurrent_retries_store_one_message(server, pupil):
    room = await stand_room(server)
    await pupil.join(room)
    client_id = uuid.uuid4().hex
    acks = await asyncio.gather(*(pupil.send(room, "En même temps", client_id) for _ in range(8)))
    assert len({a["message"]["id"] for a in acks}) == 1


async def test_redaction_marks_the_message(server, pupil):
    room = await stand_room(server)
    await pupil.join(room)
    ack = await pupil.send(room, "Appelez-moi au 06 12 34 56 78 ou lea.martin@example.org")
    assert ack["message"]["redacted"] is True
    assert "06 12" not in ack["message"]["text"] and "@" not in ack["message"]["text"]


async def test_html_is_stored_as_text(server, pupil):
    room = await stand_room(server)
    await pupil.join(room)
    ack = await pupil.send(room, "<script>alert(1)</script><b>gras</b>")
    assert ack["message"]["text"] == "<script>alert(1)</script><b>gras</b>"


async def test_presence_names_the_staff_online_at_the_stand(server, pupil, pro):
    room = await stand_room(server)
    await pupil.join(room)
    await pro.join(room)
    update = await pupil.wait_for("presence", lambda p: p["room"] == room and p["staff_online"])
    assert set(update) == {"room", "staff_online", "visitors"}
    assert update["staff_online"][0]["name"].startswith("Camille Durand")
    assert update["visitors"] >= 1
    async with httpx.AsyncClient(base_url=server.url) as http:
        stands = (await http.get("/api/events/des-clics-des-metiers/stands")).json()
    assert next(s for s in stands if f"stand:{s['id']}" == room)["staff_online"] == 1


async def test_leave_stops_the_broadcasts(server, pupil, pro):
    room = await stand_room(server)
    await pupil.join(room)
    await pro.join(room)
    assert await pupil.call("room:leave", {"room": room}) == {"ok": True}
    sent = await pro.send(room, "Vous ne devriez pas voir ceci")
    marker_room = await stand_room(server, staffed=False)
    await pupil.join(marker_room)
    marker = await pro.send(marker_room, "mais ceci oui")
    assert sent["ok"] and marker["ok"], (sent, marker)
    await pupil.wait_for("chat:message", lambda m: m["id"] == marker["message"]["id"])
    assert all(m["id"] != sent["message"]["id"] for m in pupil.events["chat:message"])


async def test_long_polling_clients_join_send_and_leave_cleanly(server):
    token = (await pupil_token(server.url))["token"]
    client = await LiveClient().connect(server.url, token, transports=["polling"])
    room = await stand_room(server)
    await client.join(room)
    ack = await client.send(room, "Depuis le proxy du collège")
    assert ack["ok"]
    # The client's close waits for its pending long-poll GET: the server must answer it at the close,
    # not hold it (and the school proxy's connection) until the next ping, 25 s or more later.
    await asyncio.wait_for(client.close(), 10)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"room": "stand:1", "text": "", "client_id": "a"}, "invalid"),
        ({"room": "stand:1", "text": "     \u200b  ", "client_id": "b"}, "invalid"),
        ({"room": "stand:1", "text": "x" * 501, "client_id": "c"}, "too_long"),
        ({"room": "stand:1", "text": "x" * 10_000, "client_id": "d"}, "too_long"),
        ({"room": "stand:1", "text": 12, "client_id": "e"}, "invalid"),
        ({"room": "stand:1", "text": "salut"}, "invalid"),
        ({"room": "stand:1", "text": "salut", "client_id": "x" * 65}, "invalid"),
        ({"room": "stand:1", "text": "salut", "client_id": "f", "extra": 1}, "invalid"),
        ({"room": "lobby", "text": "salut", "client_id": "g"}, "invalid"),
        ({"room": "stand:999999", "text": "salut", "client_id": "h"}, "not_found"),
        ("not an object", "invalid"),
        (None, "invalid"),
    ],
)
async def test_bad_sends_are_refused_with_the_contract_error(server, pupil, payload, code):
    ack = await pupil.call("chat:send", payload)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert isinstance(ack["error"]["message"], str) and ack["error"]["message"]
    assert pupil.sio.connected


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"room": "stand:999999"}, "not_found"),
        ({"room": "stand:1", "since": -1}, "invalid"),
        ({"room": "stand:1", "since": "3"}, "invalid"),
        ({"room": "../etc"}, "invalid"),
        ({}, "invalid"),
    ],
)
async def test_bad_joins_are_refused_with_the_contract_error(server, pupil, payload, code):
    ack = await pupil.call("room:join", payload)
    assert ack == {"ok": False, "error": {"code": code, "message": ack["error"]["message"]}}


async def test_nothing_is_stored_for_a_refused_send(server, pupil):
    room = await stand_room(server)
    before = (await pupil.join(room))["last_seq"]
    await pupil.call("chat:send", {"room": room, "text": "x" * 600, "client_id": uuid.uuid4().hex})
    assert (await pupil.join(room))["last_seq"] == before


async def test_pupils_may_not_write_in_talk_rooms(server, pupil):
    async with httpx.AsyncClient(base_url=server.url) as http:
        talk = (await http.get("/api/events/des-clics-des-metiers/talks")).json()[0]
    room = f"talk:{talk['id']}"
    await pupil.join(room)
    ack = await pupil.send(room, "Bonjour")
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"


async def test_oversized_frames_are_dropped_without_harming_the_server(server, pupil):
    room = await stand_room(server)
    big = LiveClient()
    token = (await pupil_token(server.url))["token"]
    await big.connect(server.url, token)
    try:
        with pytest.raises((socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError)):
            await big.call("chat:send", {"room": room, "text": "x" * 70_000, "client_id": "big"}, timeout=3)
    finally:
        await big.close()
    assert (await pupil.send(room, "toujours là"))["ok"]


async def test_connect_without_a_token_is_refused_with_the_reason(server):
    client = LiveClient()
    refusals = []
    client.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(server.url, None)
    assert refusals == [{"message": "Connectez-vous d'abord.", "data": {"code": "unauthorized"}}]


async def test_connect_with_a_forged_token_is_refused(server):
    client = LiveClient()
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(server.url, "42.forged-signature")


async def test_connect_from_a_foreign_origin_is_refused(server):
    token = (await pupil_token(server.url))["token"]
    client = LiveClient()
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(server.url, token, headers={"Origin": "https://evil.example"})


async def test_connect_from_the_site_origin_is_accepted(server):
    token = (await pupil_token(server.url))["token"]
    client = await LiveClient().connect(server.url, token, headers={"Origin": server.url})
    await client.close()


async def test_a_revoked_token_can_no_longer_connect(server):
    token = (await pupil_token(server.url))["token"]
    async with httpx.AsyncClient(base_url=server.url) as http:
        response = await http.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
    with pytest.raises(socketio.exceptions.ConnectionError):
        await LiveClient().connect(server.url, token)


async def test_fast_senders_are_rate_limited_per_account_with_the_wait(server, pupil):
    room = await stand_room(server)
    sent = [await pupil.send(room, f"vite {i}", f"fast-{i}-{uuid.uuid4().hex}") for i in range(10)]
    assert all(a["ok"] for a in sent)
    refused = await pupil.send(room, "encore")
    assert refused["ok"] is False and refused["error"]["code"] == "rate_limited"
    assert "attendez" in refused["error"]["message"] and " s " in refused["error"]["message"]
    # A retry of something already stored costs nothing and still answers the stored message.
    again = await pupil.send(room, "vite 0", sent[0]["message"]["client_id"])
    assert again == sent[0]
    # Another pupil of the same class (same IP) is not affected.
    other = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    try:
        assert (await other.send(room, "moi je peux"))["ok"]
    finally:
        await other.close()
