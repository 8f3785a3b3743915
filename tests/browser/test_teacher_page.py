"""In Debian's headless Chromium: the teacher's class page, its conversations by stand (a pupil's message
arriving live, the professional's public reply), its summary, at 1366 and 375 px, checked with axe."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from tests.a11y import axe_violations
from tests.browser.pages import log_in, watched_page
from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token

pytestmark = pytest.mark.browser


async def teacher_page(browser: Browser, server: ServerProcess, problems: list[str]) -> Page:
    page = await watched_page(browser, problems)
    await log_in(page, server.url, "prof@demo.salon", "/classe")
    return page


async def test_the_class_page_shows_each_stand_conversation_with_the_professionals_replies(server, browser):
    problems: list[str] = []
    page = await teacher_page(browser, server, problems)
    await expect(page.locator("[data-teacher-status]")).to_have_text("")  # connected: live from now on
    stand_id = await demo_stand(server.url, staffed=False, index=7, event="quinzaine-apprentissage")
    room = f"stand:{stand_id}"
    pupil_session = await pupil_token(server.url)
    pupil = await LiveClient().connect(server.url, pupil_session["token"])
    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    try:
        await pupil.send(room, "Est-ce qu'on travaille le week-end en boulangerie ?")
        klass = page.locator("[data-class-id]").first
        stand = klass.locator("[data-stand-id]").first  # the newest activity comes first
        conversation = stand.locator(f'[data-room="{room}"]')
        question = conversation.locator("li.msg", has_text="travaille le week-end")
        await expect(question).to_be_visible()
        await expect(question).to_have_attribute("data-role", "pupil")
        await expect(question.locator(".msg-author")).to_have_text(pupil_session["pseudonym"])
        await expect(question.locator(".msg-role")).to_have_text("Élève")
        await expect(stand).to_have_attribute("data-stand-id", str(stand_id))
        await expect(stand.locator("h3 a")).to_have_attribute("href", f"/stands/{stand_id}")
        await expect(conversation.locator("h4")).to_have_text("Discussion publique du stand")
        await expect(stand.locator("[data-last-activity] time")).not_to_be_empty()
        conversations = await klass.locator("[data-room]").count()
        await expect(klass.locator('[data-stat="conversations"] [data-stat-num]')).to_have_text(str(conversations))

        await pro.send(room, "Oui, souvent le samedi matin : c'est le jour où l'on vend le plus.")
    finally:
        for client in (pupil, pro):
            await client.close()

    await page.reload()
    stand = page.locator("[data-class-id]").first.locator("[data-stand-id]").first
    await expect(stand).to_have_attribute("data-stand-id", str(stand_id))
    reply = stand.locator(f'[data-room="{room}"] li.msg', has_text="le samedi matin")
    await expect(reply).to_have_attribute("data-role", "professional")
    await expect(reply.locator(".msg-author")).to_have_text("Camille Durand (démo)")
    await expect(reply.locator(".msg-role")).to_have_text("Professionnel·le")
    replies = (
        await page.locator("[data-class-id]")
        .first.locator('li[data-role="professional"], li[data-role="cfa"], li[data-role="organiser"]')
        .count()
    )
    stat = page.locator('[data-class-id] [data-stat="replies"]').first
    await expect(stat.locator("[data-stat-num]")).to_have_text(str(replies))
    await expect(stat.locator("[data-stat-label]")).to_have_text(
        "réponse de professionnel" if replies < 2 else "réponses de professionnels"
    )
    assert await axe_violations(page) == []

    await page.set_viewport_size({"width": 375, "height": 812})
    await page.reload()
    await expect(reply).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 375
    assert await axe_violations(page) == []
    assert not problems, problems
