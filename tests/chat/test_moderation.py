"""Reports, hiding, mutes, slow mode, the word filter and the audit log, against a real server."""

from __future__ import annotations

import sqlite3

import pytest

from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token


async def connect(server: ServerProcess, email: str | None = None) -> LiveClient:
    token = await staff_token(server.url, email) if email else (await pupil_token(server.url))["token"]
    return await LiveClient().connect(server.url, token)


@pytest.fixture
async def people(server: ServerProcess):
    clients = {
        "pupil": await connect(server),
        "other": await connect(server),
        "pro": await connect(server, "pro@demo.salon"),
        "orga": await connect(server, "orga@demo.salon"),
    }
    yield clients
    for client in clients.values():
        await client.close()


def audit_actions(sqlite_url: str) -> list[tuple[str, str]]:
    with sqlite3.connect(sqlite_url.split("///", 1)[1]) as db:
        return db.execute("SELECT action, target FROM audit_log ORDER BY id").fetchall()


async def staffed_room(server: ServerProcess, index: int = 0) -> str:
    return f"stand:{await demo_stand(server.url, staffed=True, index=index)}"


async def test_anyone_may_report_a_message_once(server, people, sqlite_url):
    room = await staffed_room(server)
    sent = await people["pupil"].send(room, "Un message à signaler")
    message_id = sent["message"]["id"]
    assert await people["other"].call("message:report", {"message_id": message_id, "reason": "moqueur"}) == {"ok": True}
    assert await people["other"].call("message:report", {"message_id": message_id}) == {"ok": True}
    assert audit_actions(sqlite_url).count(("message.report", f"message:{message_id}")) == 1
    missing = await people["other"].call("message:report", {"message_id": 99_999_999})
    assert missing["error"]["code"] == "not_found"


async def test_a_thread_message_cannot_be_reported_by_outsiders(server, people):
    thread = await people["pupil"].call("thread:open", {"stand_id": await demo_stand(server.url, staffed=True)})
    sent = await people["pupil"].send(thread["thread"]["room"], "privé")
    ack = await people["other"].call("message:report", {"message_id": sent["message"]["id"]})
    assert ack["error"]["code"] == "not_found"


async def test_staff_hide_a_message_which_stays_as_a_tombstone_then_show_it_again(server, people, sqlite_url):
    room = await staffed_room(server, 1)
    for who in ("pupil", "other", "pro"):
        await people[who].join(room)
    sent = (await people["pupil"].send(room, "Message déplacé"))["message"]
    refused = await people["other"].call("message:hide", {"message_id": sent["id"], "hidden": True})
    assert refused["error"]["code"] == "forbidden"

    hidden = await people["pro"].call("message:hide", {"message_id": sent["id"], "hidden": True})
    assert hidden["ok"] and hidden["message"]["hidden"] is True
    notice = await people["other"].wait_for("message:hidden", lambda e: e["id"] == sent["id"] and e["hidden"])
    assert notice == {"room": room, "id": sent["id"], "seq": sent["seq"], "hidden": True, "message": None}
    seen_by_pupil = next(m for m in (await people["other"].join(room))["messages"] if m["id"] == sent["id"])
    assert seen_by_pupil["hidden"] is True and seen_by_pupil["text"] == ""
    seen_by_staff = next(m for m in (await people["pro"].join(room))["messages"] if m["id"] == sent["id"])
    assert seen_by_staff["text"] == "Message déplacé"

    await people["pro"].call("message:hide", {"message_id": sent["id"], "hidden": False})
    shown = await people["other"].wait_for("message:hidden", lambda e: e["id"] == sent["id"] and not e["hidden"])
    assert shown["message"]["text"] == "Message déplacé"
    actions = audit_actions(sqlite_url)
    assert ("message.hide", f"message:{sent['id']}") in actions and ("message.show", f"message:{sent['id']}") in actions


async def test_staff_mute_a_pupil_at_their_stand_only(server, people):
    room = await staffed_room(server, 2)
    unstaffed = f"stand:{await demo_stand(server.url, staffed=False)}"
    pupil_id = (await people["pupil"].send(room, "Je dérange"))["message"]["author"]["id"]
    assert (await people["other"].call("user:mute", {"room": room, "user_id": pupil_id, "minutes": 15}))["error"][
        "code"
    ] == "forbidden"
    muted = await people["pro"].call("user:mute", {"room": room, "user_id": pupil_id, "minutes": 15})
    assert muted["ok"] and muted["until"]
    refused = await people["pupil"].send(room, "Encore moi")
    assert refused["error"]["code"] == "muted" and "jusqu'à" in refused["error"]["message"]
    assert (await people["pupil"].send(unstaffed, "Ailleurs je peux écrire"))["ok"]
    lifted = await people["pro"].call("user:mute", {"room": room, "user_id": pupil_id, "minutes": 0})
    assert lifted == {"ok": True, "until": None}
    assert (await people["pupil"].send(room, "De retour"))["ok"]


async def test_staff_cannot_mute_adults_and_nobody_mutes_an_organiser(server, people):
    room = await staffed_room(server, 2)
    orga_id = (await people["orga"].send(room, "Bonjour à tous"))["message"]["author"]["id"]
    pro_id = (await people["pro"].send(room, "Bonjour"))["message"]["author"]["id"]
    assert (await people["pro"].call("user:mute", {"room": room, "user_id": orga_id, "minutes": 5}))["error"][
        "code"
    ] == "forbidden"
    assert (await people["orga"].call("user:mute", {"room": room, "user_id": pro_id, "minutes": 0}))["ok"]


async def test_an_organisers_mute_covers_the_whole_event(server, people):
    first, second = await staffed_room(server, 0), f"stand:{await demo_stand(server.url, staffed=False, index=1)}"
    pupil_id = (await people["other"].send(first, "Salut"))["message"]["author"]["id"]
    assert (await people["orga"].call("user:mute", {"room": first, "user_id": pupil_id, "minutes": 10}))["ok"]
    assert (await people["other"].send(second, "Et ici ?"))["error"]["code"] == "muted"


async def test_slow_mode_is_for_moderators_and_slows_everyone_else(server, people, sqlite_url):
    room = f"stand:{await demo_stand(server.url, staffed=False, index=2)}"
    assert (await people["pro"].call("room:slow_mode", {"room": room, "seconds": 30}))["error"]["code"] == "forbidden"
    assert await people["orga"].call("room:slow_mode", {"room": room, "seconds": 30}) == {"ok": True}
    assert (await people["pupil"].send(room, "premier"))["ok"]
    slowed = await people["pupil"].send(room, "second")
    assert slowed["error"]["code"] == "rate_limited" and "Mode lent" in slowed["error"]["message"]
    assert (await people["orga"].send(room, "les modérateurs ne sont pas ralentis"))["ok"]
    assert (await people["orga"].send(room, "vraiment pas"))["ok"]
    await people["orga"].call("room:slow_mode", {"room": room, "seconds": 0})
    assert ("room.slow_mode", room) in audit_actions(sqlite_url)


async def test_vulgar_words_are_masked(server, people):
    room = await staffed_room(server, 3)
    ack = await people["pupil"].send(room, "c'est con ce truc")
    assert ack["ok"] and ack["message"]["redacted"] is True
    assert "con " not in ack["message"]["text"] and "c**" in ack["message"]["text"]


async def test_slurs_are_held_for_the_stands_staff_to_review(server, people, sqlite_url):
    room = await staffed_room(server, 3)
    await people["other"].join(room)
    held = await people["pupil"].send(room, "espèce de fils de pute")
    assert held["ok"] and held["message"]["hidden"] is True and held["message"]["held"] is True
    review = await people["pro"].wait_for("message:held", lambda e: e["message"]["id"] == held["message"]["id"])
    assert review["room"] == room
    marker = await people["pupil"].send(room, "message suivant")
    await people["other"].wait_for("chat:message", lambda m: m["id"] == marker["message"]["id"])
    assert all(m["id"] != held["message"]["id"] for m in people["other"].events["chat:message"])
    assert ("message.held", f"message:{held['message']['id']}") in audit_actions(sqlite_url)


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("message:report", {"message_id": 0}),
        ("message:report", {"message_id": 1, "reason": "x" * 301}),
        ("message:hide", {"message_id": 1}),
        ("message:hide", {"message_id": 1, "hidden": "yes"}),
        ("user:mute", {"room": "stand:1", "user_id": 1, "minutes": 1441}),
        ("user:mute", {"room": "stand:1", "user_id": 1, "minutes": -1}),
        ("room:slow_mode", {"room": "stand:1", "seconds": 601}),
        ("room:slow_mode", {"room": "stand:1"}),
    ],
)
async def test_bad_moderation_payloads_are_invalid(server, people, event, payload):
    ack = await people["orga"].call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"


async def test_staff_of_another_stand_cannot_moderate_it(server, people):
    room = f"stand:{await demo_stand(server.url, staffed=False, index=3)}"
    sent = (await people["pupil"].send(room, "Rien à voir avec vous"))["message"]
    assert (await people["pro"].call("message:hide", {"message_id": sent["id"], "hidden": True}))["error"][
        "code"
    ] == "forbidden"
    assert (await people["pro"].call("user:mute", {"room": room, "user_id": sent["author"]["id"], "minutes": 5}))[
        "error"
    ]["code"] == "forbidden"
