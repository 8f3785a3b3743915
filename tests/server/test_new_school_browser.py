"""A school that is not in the demo, end to end in Chromium: a teacher signs up with an academic address, opens
the mailed link, chooses a password, creates a class for the fair and reads its new code; a pupil joins with
that code (typed as a pupil would, in lower case with a space), keeps their return code, and the teacher's class
page lists them as connected."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.async_api import Browser, expect

from tests.browser.pages import continue_after_return_code, watched_page
from tests.live import ServerProcess
from tests.server.accounts_helpers import STRONG, link_in, wait_mails
from tests.server.class_helpers import CODE_SHOWN

pytestmark = pytest.mark.browser


async def test_a_new_teacher_signs_up_creates_a_class_and_a_pupil_joins_with_its_code(
    accounts_server: ServerProcess, browser: Browser
):
    problems: list[str] = []
    base = accounts_server.url
    email = f"nouvelle.prof.{uuid.uuid4().hex[:8]}@ac-caen.fr"

    teacher = await watched_page(browser, problems)
    await teacher.goto(f"{base}/inscription")
    await teacher.fill("#name", "Mme Lefèvre")
    await teacher.fill("#email", email)
    await teacher.click("text=Recevoir le lien d'inscription")
    await teacher.wait_for_selector("text=un lien vient de lui être envoyé")
    await teacher.goto(base + link_in(wait_mails(accounts_server, email, 1)[0], "/inscription/confirmer"))
    await teacher.fill("#password", STRONG)
    await teacher.click("text=Créer mon compte")
    await teacher.wait_for_url(f"{base}/classe")

    await teacher.get_by_role("link", name="Créer une classe").click()
    await teacher.locator("#classe-label").fill("3e C")
    await teacher.locator("#classe-level").select_option("3e")
    await teacher.locator("#classe-school").fill("Collège Guillaume-le-Conquérant")
    await teacher.locator("#classe-uai").fill("0750654D")
    await teacher.locator("#classe-department").fill("14")
    fair = teacher.locator("#classe-event_id option", has_text="Des clics, des métiers")
    await teacher.locator("#classe-event_id").select_option(await fair.get_attribute("value"))
    await teacher.get_by_role("button", name="Créer la classe").click()
    await teacher.wait_for_url(re.compile(r".*/classe/\d+\?fait=creee$"))
    code = (await teacher.locator("[data-class-code]").text_content() or "").strip()
    assert CODE_SHOWN.match(code), code

    pupil = await watched_page(browser, problems, width=375, height=800)
    await pupil.goto(f"{base}/join")
    await pupil.fill("#class_code", code.replace("-", " ").lower())
    await pupil.keyboard.press("Enter")
    await pupil.wait_for_url(f"{base}/mon-code?**")
    return_code = " ".join((await pupil.locator("#code-de-retour").text_content() or "").split())
    assert re.fullmatch(r"[a-z]+ [a-z]+ [a-z]+ \d{2}", return_code), return_code
    await continue_after_return_code(pupil, base)
    shown = await pupil.locator(".user-name").first.text_content() or ""
    pseudonym = shown.replace("Votre nom dans le salon :", "").strip()
    assert pseudonym, shown

    await teacher.reload()
    await expect(teacher.locator(".class-people li", has_text=pseudonym).first).to_be_visible()
    assert not problems, "\n".join(problems)
