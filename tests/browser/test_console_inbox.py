"""In Debian's headless Chromium: the professionals' console as an inbox (one list, one open conversation),
its shortcuts, its alerts, and its layout at 375 px."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.a11y import axe_violations
from tests.browser.pages import log_in, watched_page
from tests.live import LiveClient, ServerProcess, demo_stand, pupil_token, staff_token

pytestmark = pytest.mark.browser


async def console_page(browser: Browser, server: ServerProcess, problems: list[str], width: int = 1366) -> Page:
    page = await watched_page(browser, problems, width)
    await log_in(page, server.url, "pro@demo.salon", "/console")
    # console:state has answered: the list holds the unread counts and the private questions.
    await expect(page.locator("[data-console][data-loaded]")).to_have_count(1)
    return page


async def ask_privately(server: ServerProcess, stand_id: int, text: str) -> tuple[LiveClient, str, str]:
    """A pupil (a Socket.IO client) asks a stand a private question: the client, the room, the pseudonym."""
    pupil = await pupil_token(server.url)
    client = await LiveClient().connect(server.url, pupil["token"])
    room = (await client.call("thread:open", {"stand_id": stand_id}))["thread"]["room"]
    await client.join(room)
    await client.send(room, text)
    return client, room, pupil["pseudonym"]


def rows(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("[data-thread-list] > li")


async def test_public_rooms_and_private_questions_share_one_list_and_one_open_conversation(server, browser):
    problems: list[str] = []
    page = await console_page(browser, server, problems)
    stand_id = await demo_stand(server.url, staffed=True, index=3)
    pupil, room, pseudonym = await ask_privately(server, stand_id, "Vous prenez des stagiaires de seconde ?")
    try:
        question = rows(page).filter(has_text=pseudonym)
        await expect(question).to_contain_text("Question privée")
        await expect(question).to_contain_text("En attente depuis")
        await expect(question).to_contain_text("Vous prenez des stagiaires de seconde ?")  # the last message
        await expect(rows(page).filter(has_text="Discussion publique")).to_have_count(6)  # the pro's six stands
        await expect(rows(page).last).to_contain_text("Messages à relire")
        # Waiting private questions come first.
        assert await rows(page).first.get_attribute("data-kind") == "thread"
        await expect(rows(page).first).to_contain_text("En attente")

        # A wide screen opens the first public room at once; one conversation shows at a time.
        open_row = page.locator("[data-thread-list] [data-open][aria-current=true]")
        await expect(open_row).to_have_count(1)
        await expect(page.locator("[data-pane] .chat:visible")).to_have_count(1)

        # Choosing the question opens it in the pane, in place of the room.
        await question.locator("[data-open]").click()
        await expect(page.locator("#conversation-titre")).to_have_text(pseudonym)
        await expect(page.locator("[data-pane] .chat:visible")).to_have_count(1)
        await expect(page.locator(f'[data-thread-area] .chat[data-room="{room}"]')).to_be_visible()
        await expect(
            page.locator("[data-thread-area] .chat-log li.msg[data-seq]", has_text="stagiaires de seconde")
        ).to_be_visible()

        # Shortcuts: t takes the open question (and puts the focus in the answer box).
        await page.locator("#conversation-titre").focus()
        await page.keyboard.press("t")
        await expect(page.locator("[data-pane-status]")).to_contain_text("Pris par vous")
        await expect(question).to_contain_text("Pris par vous")
        answer = page.locator(f'[data-thread-area] .chat[data-room="{room}"] textarea')
        await expect(answer).to_be_focused()
        told = await pupil.wait_for("queue", lambda q: q["room"] == room and q["taken_by"])
        assert told["taken_by"]["name"].startswith("Camille Durand")

        # Typing j in the answer box writes a j: no shortcut fires in a text field.
        await page.keyboard.type("jk")
        await expect(answer).to_have_value("jk")
        await expect(page.locator("#conversation-titre")).to_have_text(pseudonym)
        await answer.fill("")

        # Outside text fields: j / k and Alt+↓ / Alt+↑ move through the list.
        await question.locator("[data-open]").focus()
        order = [await li.get_attribute("data-conv") for li in await rows(page).all()]
        below = page.locator(f'[data-thread-list] > li[data-conv="{order[order.index(room) + 1]}"] [data-open]')
        await page.keyboard.press("j")
        await expect(below).to_have_attribute("aria-current", "true")
        await expect(below).to_be_focused()
        await page.keyboard.press("k")
        await expect(question.locator("[data-open]")).to_have_attribute("aria-current", "true")
        await page.keyboard.press("Alt+ArrowDown")
        await expect(below).to_have_attribute("aria-current", "true")
        await page.keyboard.press("Alt+ArrowUp")
        await expect(question.locator("[data-open]")).to_have_attribute("aria-current", "true")
        # r puts the focus in the answer box of the open conversation.
        await page.keyboard.press("r")
        await expect(answer).to_be_focused()

        # The shortcuts are written on the page, in a disclosure.
        await page.locator("#conversation-titre").focus()
        await page.keyboard.press("?")
        keys = page.locator("[data-keys]")
        await expect(keys).to_have_attribute("open", "")
        await expect(keys).to_contain_text("prendre la question privée ouverte")
        assert await axe_violations(page) == []
        await page.keyboard.press("Escape")
        await expect(keys).not_to_have_attribute("open", "")
    finally:
        await pupil.close()
    assert not problems, problems


async def test_a_new_public_message_elsewhere_counts_in_the_title(server, browser):
    problems: list[str] = []
    page = await console_page(browser, server, problems)
    # A public room of the pro's that is neither open nor unread.
    calm = rows(page).filter(has_text="Discussion publique").filter(has=page.locator("[data-open]:not([aria-current])"))
    room = None
    for row in await calm.all():
        if await row.locator(".badge-unread").count() == 0:
            room = await row.get_attribute("data-conv")
            break
    assert room is not None
    # Rows move as messages come: find this one by its room, not by its place.
    target = page.locator(f'[data-thread-list] > li[data-conv="{room}"]')
    before = re.match(r"^\((\d+)\) ", await page.title())
    count = int(before.group(1)) if before else 0

    pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
    try:
        await pupil.join(room)
        await pupil.send(room, "Bonjour, vous recrutez des apprentis cette année ?")
        await expect(target.locator(".badge-unread")).to_contain_text("1 message non lu")
        await expect(target).to_contain_text("vous recrutez des apprentis")
        await expect(page).to_have_title(f"({count + 1}) Console — Salon")
        # Opening it reads it: the count goes down again.
        await target.locator("[data-open]").click()
        await expect(target.locator(".badge-unread")).to_have_count(0)
        await expect(page).to_have_title(f"({count}) Console — Salon" if count else "Console — Salon")
    finally:
        await pupil.close()
    assert not problems, problems


async def test_the_new_question_banner_goes_once_the_question_is_taken_answered_or_opened(server, browser):
    problems: list[str] = []
    page = await console_page(browser, server, problems)
    colleague = await LiveClient().connect(server.url, await staff_token(server.url, "pro2@demo.salon"))
    banner = page.locator("[data-console-alert]")
    clients: list[LiveClient] = [colleague]
    try:
        # 1. Taken by a colleague (from another device): the banner goes without anyone touching the page.
        stand_id = await two_staff_stand(server)
        pupil, room, pseudonym = await ask_privately(server, stand_id, "Question une")
        clients.append(pupil)
        await expect(banner).to_contain_text(f"Nouvelle question privée de {pseudonym}")
        assert (await colleague.call("thread:take", {"room": room}))["ok"]
        await expect(page.get_by_text(re.compile("Nouvelle question privée"))).to_be_hidden()
        await expect(banner).to_be_empty()

        # 2. Answered by a colleague: the banner goes.
        pupil, room, pseudonym = await ask_privately(server, stand_id, "Question deux")
        clients.append(pupil)
        await expect(banner).to_contain_text(f"Nouvelle question privée de {pseudonym}")
        await colleague.join(room)
        await colleague.send(room, "Je vous réponds tout de suite.")
        await expect(page.get_by_text(re.compile("Nouvelle question privée"))).to_be_hidden()

        # 3. Opened from the banner: the banner goes, the question is open.
        pupil, room, pseudonym = await ask_privately(server, stand_id, "Question trois")
        clients.append(pupil)
        await expect(banner).to_contain_text(f"Nouvelle question privée de {pseudonym}")
        await banner.get_by_role("button", name=f"Ouvrir la question de {pseudonym}").click()
        await expect(page.locator("#conversation-titre")).to_have_text(pseudonym)
        await expect(page.get_by_text(re.compile("Nouvelle question privée"))).to_be_hidden()
    finally:
        for client in clients:
            await client.close()
    assert not problems, problems


async def two_staff_stand(server: ServerProcess) -> int:
    """The demo stand that pro@demo.salon and pro2@demo.salon staff together."""
    async with httpx.AsyncClient(base_url=server.url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            if len((await http.get(f"/api/stands/{stand['id']}")).json()["staff"]) == 2:
                return int(stand["id"])
    raise AssertionError("no stand with two professionals in the demo")


async def test_at_375_px_the_list_comes_first_and_the_conversation_takes_its_place(server, browser):
    problems: list[str] = []
    page = await console_page(browser, server, problems, width=375)
    side = page.locator(".inbox-side")
    pane = page.locator("[data-pane]")
    await expect(side).to_be_visible()
    await expect(pane).to_be_hidden()
    assert await axe_violations(page) == []

    room = await rows(page).filter(has_text="Discussion publique").first.get_attribute("data-conv")
    first_room = page.locator(f'[data-thread-list] > li[data-conv="{room}"]')
    title = (await first_room.locator(".inbox-title").inner_text()).strip()
    await first_room.locator("[data-open]").click()
    await expect(pane).to_be_visible()
    await expect(side).to_be_hidden()
    await expect(page.locator("#conversation-titre")).to_have_text(title)
    await expect(page.locator("#conversation-titre")).to_be_focused()
    await expect(page.locator("[data-pane] .chat:visible textarea")).to_be_visible()
    assert await axe_violations(page) == []
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways: {width} px"

    await page.get_by_role("button", name="Retour à la liste").click()
    await expect(side).to_be_visible()
    await expect(pane).to_be_hidden()
    await expect(first_room.locator("[data-open]")).to_be_focused()
    assert not problems, problems
