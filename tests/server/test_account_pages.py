"""The adults' account pages in Chromium: a teacher signs up, opens the mailed link, chooses a password and
lands on the class page; the "choose your password" form (which needs a live link, so it is not in
tests/page_types.py) passes axe at 1366 and 375 px without sideways scroll."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import Browser

from tests.a11y import axe_violations
from tests.live import ServerProcess
from tests.server.accounts_helpers import STRONG, link_in, wait_mails

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
async def test_a_teacher_signs_up_in_a_browser(accounts_server: ServerProcess, browser: Browser, width: int):
    email = f"chromium.{uuid.uuid4().hex[:8]}@ac-rouen.fr"
    context = await browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        await page.goto(f"{accounts_server.url}/login")
        await page.click("text=Créez votre compte enseignant")
        await page.fill("#name", "Mme Rivière")
        await page.fill("#email", email)
        await page.click("text=Recevoir le lien d'inscription")
        await page.wait_for_selector("text=un lien vient de lui être envoyé")
        link = link_in(wait_mails(accounts_server, email, 1)[0], "/inscription/confirmer")
        await page.goto(accounts_server.url + link)
        await page.wait_for_load_state("networkidle")
        assert await axe_violations(page) == []
        assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        await page.screenshot(path=f"/tmp/salon-password-form-{width}.png", full_page=True)
        await page.fill("#password", "azerty2026")
        await page.click("text=Créer mon compte")
        await page.wait_for_selector("#mot-de-passe-erreur")
        assert await axe_violations(page) == []
        await page.fill("#password", STRONG)
        await page.click("text=Créer mon compte")
        await page.wait_for_url(f"{accounts_server.url}/classe")
        assert "Mme Rivière" in await page.text_content("body")
    finally:
        await context.close()
    assert errors == []
