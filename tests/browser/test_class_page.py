"""In Chromium, at 1366 and 375 px: a teacher creates a class through the form, a pupil types its code in
lower case without the hyphen and waits; the teacher's page lists them live, the teacher accepts them and the
pupil's page opens the salon by itself; ending the session sends the pupil's page to "La séance est
terminée" from a stand's page. The class page and the waiting page are checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.a11y import axe_violations
from tests.browser.pages import log_in, watched_page
from tests.live import demo_stand
from tests.server.class_helpers import CODE_SHOWN, make_event, make_teacher

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
async def test_a_teacher_creates_a_class_admits_a_pupil_live_and_ends_the_session(server, sqlite_url, browser, width):
    problems: list[str] = []
    event_id = await make_event(sqlite_url)
    email = await make_teacher(sqlite_url)
    teacher = await watched_page(browser, problems, width=width)
    await log_in(teacher, server.url, email, "/classe")
    await teacher.get_by_role("link", name="Créer une classe").click()
    await teacher.locator("#classe-label").fill("4e A")
    await teacher.locator("#classe-level").select_option("4e")
    await teacher.locator("#classe-school").fill("Collège Jean-Moulin")
    await teacher.locator("#classe-uai").fill("0750654d")
    await teacher.locator("#classe-department").fill("75")
    await teacher.locator("#classe-event_id").select_option(str(event_id))
    await teacher.get_by_label("Valider les arrivées").check()
    await teacher.get_by_role("button", name="Créer la classe").click()
    await teacher.wait_for_url(re.compile(r".*/classe/\d+\?fait=creee$"))
    code = (await teacher.locator("[data-class-code]").text_content() or "").strip()
    assert CODE_SHOWN.match(code), code
    await expect(teacher.locator("[data-waiting-empty]")).to_be_visible()

    pupil = await watched_page(browser, problems, width=width)
    await pupil.goto(f"{server.url}/join")
    await pupil.fill("#class_code", code.replace("-", "").lower())
    await pupil.keyboard.press("Enter")
    await pupil.wait_for_url(f"{server.url}/attente")
    await expect(pupil.get_by_role("heading", level=1)).to_contain_text("va vous accepter")
    name = (await pupil.locator(".waiting-name strong").text_content() or "").strip()
    problems.extend(f"/attente: {v}" for v in await axe_violations(pupil))

    waiting = teacher.locator("[data-waiting-list] li", has_text=name)
    await expect(waiting).to_be_visible()  # arrived live, without a reload
    await expect(teacher.locator("[data-waiting-count]")).to_have_text("1")
    problems.extend(f"class page: {v}" for v in await axe_violations(teacher))
    overflow = await teacher.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the class page scrolls {overflow} px sideways at {width} px"

    await waiting.get_by_role("button", name=f"Accepter {name}").click()
    await pupil.wait_for_url(re.compile(r".*/(events/[a-z0-9-]+|)\?bienvenue=1$"), timeout=10_000)

    # On a stand's page (its chat has a socket) when the teacher ends the session.
    stand_id = await demo_stand(server.url, staffed=True)
    await pupil.goto(f"{server.url}/stands/{stand_id}")
    await expect(pupil.locator(".chat[data-room]").first).to_be_visible()
    await pupil.wait_for_load_state("networkidle")
    await teacher.reload()
    await expect(teacher.locator(".class-people li", has_text=name).first).to_be_visible()
    teacher.once("dialog", lambda dialog: dialog.accept())
    await teacher.get_by_role("button", name="Terminer la séance").click()
    await teacher.wait_for_url(re.compile(r".*\?fait=terminee$"))
    await pupil.wait_for_url(f"{server.url}/seance-terminee", timeout=10_000)
    await expect(pupil.get_by_role("heading", level=1)).to_have_text("La séance est terminée")
    assert not problems, "\n".join(problems)
