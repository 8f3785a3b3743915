"""The stand page's chat: in view beside the page on a desktop, a panel opened from a button on a phone."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.pages import continue_after_return_code, watched_page
from tests.live import demo_stand

pytestmark = pytest.mark.browser


async def pupil_on_stand(browser, server, problems, width, height):  # type: ignore[no-untyped-def]
    stand = await demo_stand(server.url, staffed=True)
    page = await watched_page(browser, problems, width, height)
    await page.goto(f"{server.url}/join?next=/stands/{stand}")
    await page.fill("#class_code", "DEMO-3E")
    await page.keyboard.press("Enter")
    await continue_after_return_code(page, server.url)
    await page.wait_for_url(f"{server.url}/stands/{stand}")
    await expect(page.locator(".stand-chat textarea").first).to_be_attached()
    return page


async def test_the_chat_stays_in_view_while_a_desktop_page_scrolls(server, browser):
    problems: list[str] = []
    page = await pupil_on_stand(browser, server, problems, 1366, 768)
    await expect(page.locator(".stand-chat-open")).to_be_hidden()
    await page.locator("#fiches-titre").scroll_into_view_if_needed()
    await page.mouse.wheel(0, 1500)
    await page.wait_for_timeout(300)
    box = await page.locator(".stand-chat h2").first.bounding_box()
    assert box is not None and 0 <= box["y"] < 768, box  # still on screen after scrolling
    assert not problems, problems


async def test_the_chat_opens_as_a_panel_from_a_button_on_a_phone(server, browser):
    problems: list[str] = []
    page = await pupil_on_stand(browser, server, problems, 375, 812)
    opener = page.get_by_role("link", name="Discuter avec le stand")
    await expect(opener).to_be_visible()
    await opener.click()
    textarea = page.locator(".stand-chat textarea").first
    await expect(textarea).to_be_in_viewport()
    assert await page.evaluate("getComputedStyle(document.querySelector('.stand-chat')).position") == "fixed"
    await page.get_by_role("link", name="Fermer la discussion").click()
    assert await page.evaluate("getComputedStyle(document.querySelector('.stand-chat')).position") == "static"
    await expect(opener).to_be_visible()
    assert not problems, problems
