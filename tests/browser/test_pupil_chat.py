"""In Debian's headless Chromium: a pupil joins with the class code and chats live with a professional."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.pages import continue_after_return_code, watched_page
from tests.live import ServerProcess

pytestmark = pytest.mark.browser


async def new_page(browser: Browser, problems: list[str]) -> Page:
    return await watched_page(browser, problems)


async def staffed_stand(server: ServerProcess) -> int:
    async with httpx.AsyncClient(base_url=server.url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            if (await http.get(f"/api/stands/{stand['id']}")).json()["staff"]:
                return int(stand["id"])
    raise AssertionError("no staffed stand in the demo")


async def test_pupil_and_professional_chat_live_in_two_browsers(server, browser):
    problems: list[str] = []
    stand_id = await staffed_stand(server)

    pupil = await new_page(browser, problems)
    await pupil.goto(f"{server.url}/join?next=/stands/{stand_id}")
    await pupil.fill("#class_code", "demo-3e")
    await pupil.keyboard.press("Enter")
    await continue_after_return_code(pupil, server.url)
    await pupil.wait_for_url(f"{server.url}/stands/{stand_id}")
    await expect(pupil.locator(".chat form[data-form]")).to_be_visible()

    pro = await new_page(browser, problems)
    await pro.goto(f"{server.url}/login?next=/stands/{stand_id}")
    await pro.fill("input[name=email]", "pro@demo.salon")
    await pro.fill("input[name=password]", "demo-salon")
    await pro.keyboard.press("Enter")
    await pro.wait_for_url(f"{server.url}/stands/{stand_id}")
    await expect(pro.locator(".chat form[data-form]")).to_be_visible()

    # The pupil's page hears the professional arrive: both sockets are in the room.
    await expect(pupil.locator("[data-presence]")).to_contain_text("Camille Durand")

    await pro.fill(".chat textarea", "Bonjour ! <b>Posez-nous</b> vos questions sur nos métiers.")
    await pro.keyboard.press("Enter")
    arrived = pupil.locator(".chat-log li.msg[data-seq]", has_text="Posez-nous")
    await expect(arrived).to_be_visible()
    await expect(arrived.locator(".msg-text")).to_have_text(
        "Bonjour ! <b>Posez-nous</b> vos questions sur nos métiers."
    )
    assert await pupil.locator(".chat-log b").count() == 0  # rendered as text, never as HTML

    await pupil.fill(".chat textarea", "Il faut quel diplôme pour commencer ?")
    await pupil.click(".chat button[type=submit]")
    await expect(pro.locator(".chat-log li.msg[data-seq]", has_text="quel diplôme")).to_be_visible()

    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not problems, problems


async def test_pages_render_for_a_keyboard_and_screen_reader(server, browser):
    problems: list[str] = []
    page = await new_page(browser, problems)
    await page.goto(f"{server.url}/events/des-clics-des-metiers")
    assert await page.locator("html").get_attribute("lang") == "fr"
    assert await page.locator("h1").count() == 1
    await page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert await skip.get_attribute("href") == "#contenu"
    await page.fill("input[name=q]", "metiers")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**q=metiers**")
    assert not problems, problems


async def test_a_pupils_private_question_is_answered_from_the_console(server, browser):
    problems: list[str] = []
    stand_id = await staffed_stand(server)

    pro = await new_page(browser, problems)
    await pro.goto(f"{server.url}/login")
    await pro.fill("input[name=email]", "pro@demo.salon")
    await pro.fill("input[name=password]", "demo-salon")
    await pro.keyboard.press("Enter")
    await pro.wait_for_url(f"{server.url}/console")

    pupil = await new_page(browser, problems)
    await pupil.goto(f"{server.url}/join?next=/stands/{stand_id}")
    await pupil.fill("#class_code", "DEMO-3E")
    await pupil.keyboard.press("Enter")
    await continue_after_return_code(pupil, server.url)
    await pupil.wait_for_url(f"{server.url}/stands/{stand_id}")
    # "Connecté·e : <pseudonym>": other tests leave threads waiting at this stand; find this pupil's.
    pseudonym = (await pupil.locator(".user-name").inner_text()).split(":", 1)[1].strip()
    await pupil.click("[data-open-thread]")
    private = pupil.locator("[data-thread-container] .chat")
    await expect(private.locator("form[data-form]")).to_be_visible()
    await private.locator("textarea").fill("Je n'ose pas demander devant tout le monde : c'est dur, la soudure ?")
    await private.locator("button[type=submit]").click()

    # The console lists the question, live, and opens it without leaving the page.
    entry = pro.locator("[data-thread-list] li").filter(has_text="En attente").filter(has_text=pseudonym).first
    await expect(entry).to_be_visible()
    await entry.locator("[data-open]").click()
    answer_panel = pro.locator("[data-thread-area] .chat")
    await expect(answer_panel.locator(".chat-log li.msg[data-seq]", has_text="la soudure")).to_be_visible()
    await answer_panel.locator("textarea").fill("Non ! On apprend pas à pas, avec un tuteur.")
    await answer_panel.locator("button[type=submit]").click()

    await expect(private.locator(".chat-log li.msg[data-seq]", has_text="pas à pas")).to_be_visible()
    await expect(
        pro.locator("[data-thread-list] li").filter(has_text="Répondu").filter(has_text=pseudonym)
    ).to_be_visible()
    assert pro.url == f"{server.url}/console"
    assert not problems, problems
