"""In Debian's headless Chromium: a pupil asks a question on a talk's page and sees it "en attente", the
speaker approves it in the speaker view, the pupil sees it published, the speaker marks it answered and the
pupil sees "Répondue", all live; a pupil's vote disables the button; the talk turns live without a reload."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import socketio
from playwright.async_api import Page, expect

from tests.browser.pages import log_in, watched_page
from tests.live import LiveClient, ServerProcess, demo_server, pupil_token, staff_token
from tests.sessions.talks import make_talk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def talk_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('talk-browser') / 'salon.db'}"


@pytest.fixture(scope="module")
def talk_channel(redis_prefix: str) -> str:
    return f"{redis_prefix}-talk"


@pytest.fixture(scope="module")
def talk_server(talk_db: str, redis_url: str, talk_channel: str) -> Iterator[ServerProcess]:
    """With Redis, so that a test can emit `talk:state` as the scheduler would, from outside the server."""
    with demo_server(talk_db, redis_url, SALON_REDIS_PREFIX=talk_channel) as process:
        yield process


async def join_as_pupil(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/join")
    await page.fill("#class_code", "DEMO-3E")
    await page.keyboard.press("Enter")
    await page.wait_for_load_state("networkidle")


async def test_a_question_asked_approved_and_answered_live(talk_server, talk_db, browser):
    talk = await make_talk(talk_db, premoderated=True)
    problems: list[str] = []
    pupil = await watched_page(browser, problems)
    await join_as_pupil(pupil, talk_server.url)
    await pupil.goto(f"{talk_server.url}/talks/{talk}")
    await expect(pupil.locator("[data-talk-state]")).to_have_text("En direct")
    box = pupil.get_by_label("Votre question")
    await expect(box).to_be_visible()
    await box.fill("Est-ce qu'on peut souder dès la seconde ?")
    await pupil.get_by_role("button", name="Envoyer la question").click()
    mine = pupil.locator(".question", has_text="souder dès la seconde")
    await expect(mine.locator(".badge-pending")).to_have_text("En attente de validation")

    speaker = await watched_page(browser, problems)
    await log_in(speaker, talk_server.url, "pro@demo.salon", "/console")
    await speaker.goto(f"{talk_server.url}/talks/{talk}/animer")
    waiting = speaker.locator(".question", has_text="souder dès la seconde")
    await expect(waiting.locator(".badge-pending")).to_be_visible()
    await expect(speaker.locator("[data-audience-text]")).to_contain_text("connect")
    await waiting.get_by_role("button", name="Valider").click()

    await expect(mine.locator(".badge-pending")).to_have_count(0)
    await expect(mine).to_have_class("question question-approved")

    await waiting.get_by_role("button", name="Marquer répondue").click()
    await expect(mine.locator(".badge-answered")).to_have_text("Répondue")

    await waiting.get_by_role("button", name="Répondre par écrit").click()
    await speaker.get_by_label("Votre réponse à cette question").fill("Oui, en bac pro, dès les premiers ateliers.")
    await speaker.get_by_role("button", name="Publier la réponse").click()
    await expect(mine.locator(".question-answer")).to_contain_text("dès les premiers ateliers")

    other = await watched_page(browser, problems)
    await join_as_pupil(other, talk_server.url)
    await other.goto(f"{talk_server.url}/talks/{talk}")
    theirs = other.locator(".question", has_text="souder dès la seconde")
    vote = theirs.get_by_role("button", name="Voter pour cette question")
    await vote.click()
    await expect(theirs.locator("[data-votes]")).to_have_text("1 vote")
    await expect(theirs.locator(".question-vote")).to_be_disabled()
    await expect(mine.locator("[data-votes]")).to_have_text("1 vote")  # the coalesced count, live
    assert not problems, problems


async def test_the_page_turns_live_at_the_start_without_a_reload(talk_server, talk_db, browser):
    talk = await make_talk(talk_db, starts_in=timedelta(seconds=4), lasts=timedelta(seconds=4))
    problems: list[str] = []
    page = await watched_page(browser, problems)
    await page.goto(f"{talk_server.url}/talks/{talk}")
    await expect(page.locator("[data-talk-state]")).to_have_text("À venir")
    await expect(page.locator("[data-countdown]")).to_contain_text("Commence dans")
    await expect(page.locator("[data-talk-state]")).to_have_text("En direct", timeout=15_000)
    await expect(page.locator("[data-countdown]")).to_be_hidden()
    await expect(page.locator("[data-talk-state]")).to_have_text("Terminé", timeout=15_000)
    await expect(page.locator("[data-replay]")).to_be_visible()
    assert not problems, problems


async def test_the_teacher_sees_the_class_questions_live(talk_server, talk_db, browser):
    talk = await make_talk(talk_db, premoderated=True)
    room = f"talk:{talk}"
    problems: list[str] = []
    page = await watched_page(browser, problems)
    await log_in(page, talk_server.url, "prof@demo.salon", "/classe")
    await expect(page.locator("[data-teacher-status]")).to_have_text("")  # connected
    pupil = await LiveClient().connect(talk_server.url, (await pupil_token(talk_server.url))["token"])
    speaker = await LiveClient().connect(talk_server.url, await staff_token(talk_server.url))
    try:
        text = "Faut-il aimer les maths pour souder ?"
        ack = await pupil.call("question:ask", {"room": room, "text": text, "client_id": uuid.uuid4().hex})
        assert ack["ok"], ack
        item = page.locator("[data-class-questions] li", has_text="aimer les maths")
        await expect(item.locator("[data-question-status]")).to_have_text("En attente de validation")
        await expect(item.locator("a")).to_have_attribute("href", f"/talks/{talk}")
        moved = await speaker.call("question:moderate", {"question_id": ack["question"]["id"], "action": "approve"})
        assert moved["ok"], moved
        await expect(item.locator("[data-question-status]")).to_have_text("Publiée")
    finally:
        await pupil.close()
        await speaker.close()
    await page.reload()
    await expect(page.locator("[data-class-questions] li", has_text="aimer les maths")).to_have_count(1)
    assert not problems, problems


async def test_talk_state_from_the_server_turns_the_page_without_a_reload(
    talk_server, talk_db, browser, redis_url, talk_channel
):
    """The scheduler (another part of issue 10) emits `talk:state` to `talk:<id>`; here a write-only
    python-socketio manager on the server's Redis channel stands in for it."""
    talk = await make_talk(talk_db, starts_in=timedelta(hours=2))
    problems: list[str] = []
    page = await watched_page(browser, problems)
    await join_as_pupil(page, talk_server.url)
    await page.goto(f"{talk_server.url}/talks/{talk}")
    await expect(page.locator("[data-talk-state]")).to_have_text("À venir")
    await expect(page.locator("[data-qa-status]")).to_be_empty()  # listed: the socket is in the room
    emitter = socketio.AsyncRedisManager(redis_url, channel=f"{talk_channel}:socketio", write_only=True)
    room = f"talk:{talk}"
    try:
        await emitter.emit("talk:state", {"room": room, "state": "live"}, room=room)
        await expect(page.locator("[data-talk-state]")).to_have_text("En direct")
        await expect(page.locator("[data-countdown]")).to_be_hidden()
        await emitter.emit("talk:state", {"room": room, "state": "ended"}, room=room)
        await expect(page.locator("[data-talk-state]")).to_have_text("Terminé")
        await expect(page.locator("[data-replay]")).to_be_visible()
    finally:
        if emitter.redis is not None:
            await emitter.pubsub.aclose()
            await emitter.redis.aclose()
    assert not problems, problems
