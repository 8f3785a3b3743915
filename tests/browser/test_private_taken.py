"""In Debian's headless Chromium: a pupil is told, by name, that a professional took their private question."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.pages import continue_after_return_code, watched_page
from tests.live import demo_stand

pytestmark = pytest.mark.browser


async def new_page(browser: Browser, problems: list[str]) -> Page:
    return await watched_page(browser, problems)


async def test_the_pupil_sees_who_took_their_private_question_live_and_after_a_reload(server, browser):
    problems: list[str] = []
    stand_id = await demo_stand(server.url, staffed=True, index=3)

    pupil = await new_page(browser, problems)
    await pupil.goto(f"{server.url}/join?next=/stands/{stand_id}")
    await pupil.fill("#class_code", "DEMO-3E")
    await pupil.keyboard.press("Enter")
    await continue_after_return_code(pupil, server.url)
    await pupil.wait_for_url(f"{server.url}/stands/{stand_id}")
    pseudonym = (await pupil.locator(".user-name").inner_text()).split(":", 1)[1].strip()
    await pupil.click("[data-open-thread]")
    private = pupil.locator("[data-thread-container] .chat")
    await private.locator("textarea").fill("Est-ce qu'on peut faire de l'animation 3D après la 3e ?")
    await private.locator("button[type=submit]").click()
    await expect(private.locator(".chat-log li.msg[data-seq]", has_text="animation 3D")).to_be_visible()
    notice = private.locator("[data-queue] [data-taken]")
    await expect(notice).to_have_count(0)  # nobody took it yet

    pro = await new_page(browser, problems)
    await pro.goto(f"{server.url}/login")
    await pro.fill("input[name=email]", "pro@demo.salon")
    await pro.fill("input[name=password]", "demo-salon")
    await pro.keyboard.press("Enter")
    await pro.wait_for_url(f"{server.url}/console")
    row = pro.locator("[data-thread-list] li[data-kind=thread]").filter(has_text=pseudonym)
    await row.locator("[data-open]").click()
    await pro.get_by_role("button", name=f"Prendre la question de {pseudonym}").click()
    await expect(row).to_contain_text("Pris par vous")

    await expect(notice).to_have_text("Camille Durand (démo) a pris votre question en charge et va vous répondre ici.")
    assert await private.locator("[data-queue]").get_attribute("role") == "status"  # read out when it appears

    await pupil.reload()
    await expect(pupil.locator("[data-thread-container] .chat [data-queue] [data-taken]")).to_contain_text(
        "Camille Durand (démo) a pris votre question"
    )
    assert not problems, problems
