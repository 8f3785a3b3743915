"""In Debian's headless Chromium: the hall's staff counts change live for a signed-in pupil, under the
strict CSP, and the polite live region says so once."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx
import pytest
from playwright.async_api import expect

from tests.browser.pages import continue_after_return_code
from tests.live import LiveClient, ServerProcess, demo_stand, staff_token

pytestmark = pytest.mark.browser

EVENT = "des-clics-des-metiers"


async def stand_name(server: ServerProcess, stand_id: int) -> str:
    async with httpx.AsyncClient(base_url=server.url) as http:
        return str((await http.get(f"/api/stands/{stand_id}")).json()["name"])


async def test_hall_counts_go_live_for_a_signed_in_pupil(server, browser):
    stand_id = await demo_stand(server.url, staffed=True)
    name = await stand_name(server, stand_id)
    page = await (await browser.new_context(locale="fr-FR")).new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    await page.goto(f"{server.url}/join?next=/events/{EVENT}")
    await page.fill("#class_code", "DEMO-3E")
    await page.keyboard.press("Enter")
    await continue_after_return_code(page, server.url)
    await page.wait_for_url(f"{server.url}/events/{EVENT}")
    await page.goto(f"{server.url}/events/{EVENT}?{urlencode({'q': name})}")
    line = page.locator(f'[data-stand-id="{stand_id}"] [data-staff-online]')
    idle = (await line.inner_text()).strip()  # the planned slot ("Permanence …") or nobody
    assert idle.startswith(("Permanence", "Personne en ligne : laissez une question")), idle
    await page.wait_for_timeout(1000)  # the socket is open and watching

    pro = await LiveClient().connect(server.url, await staff_token(server.url))
    try:
        await pro.join(f"stand:{stand_id}")
        await expect(line).to_have_text("1 professionnel en ligne — réponse en direct", timeout=10_000)
        await expect(line).to_have_class(re.compile(r"\bstatus-live\b"))
        await expect(page.locator("[data-hall-announce]")).to_have_text(
            f"Maintenant en ligne : {name}.", timeout=10_000
        )
    finally:
        await pro.close()
    await expect(line).to_have_text(idle, timeout=10_000)
    assert not problems, problems
