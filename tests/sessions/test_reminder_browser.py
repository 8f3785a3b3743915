"""In Debian's headless Chromium: a pupil of a registered class, on a stand page, sees the talk's reminder
arrive as a toast with a link to the talk (the page's own socket, no reload), at 1366 and 375 px, axe clean."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from tests.a11y import axe_violations
from tests.browser.pages import continue_after_return_code, watched_page
from tests.browser.test_pupil_chat import staffed_stand
from tests.sessions.talks import add_talk

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
async def test_a_pupil_of_a_registered_class_sees_the_reminder_toast(server, sqlite_url, browser, width, tmp_path):
    problems: list[str] = []
    stand_id = await staffed_stand(server)
    page = await watched_page(browser, problems, width=width, height=800)
    await page.goto(f"{server.url}/join?next=/stands/{stand_id}")
    await page.fill("#class_code", "demo-3e")
    await page.keyboard.press("Enter")
    await continue_after_return_code(page, server.url)
    await page.wait_for_url(f"{server.url}/stands/{stand_id}")
    await expect(page.locator(".chat form[data-form]")).to_be_visible()
    await expect(page.locator(".reminder-region[role=status]")).to_have_count(1)

    title = f"Les métiers <b>du</b> soin {uuid.uuid4().hex[:4]}"
    talk_id = await add_talk(sqlite_url, title, starts_in=5 * 60 + 2, classes=("DEMO-3E",))
    toast = page.locator(f"[data-talk-reminder='{talk_id}']")
    await expect(toast).to_be_visible(timeout=20_000)
    await expect(toast).to_contain_text(f"« {title} » commence dans 5 minutes.")  # the title as text, not HTML
    await expect(toast.get_by_role("link", name="Rejoindre la salle")).to_have_attribute("href", f"/talks/{talk_id}")
    await page.screenshot(path=str(tmp_path / f"reminder-{width}.png"))
    assert await axe_violations(page) == []
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    await toast.get_by_role("button", name="Fermer le rappel").click()
    await expect(toast).to_have_count(0)
    assert problems == []
