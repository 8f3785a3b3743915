"""In Chromium: a pupil joins, sees their return code once, writes in a stand's chat and asks a private question;
in a second browser (another context: no cookie in common) the return-code form brings the same pupil back with
both, and every message carries its author's role label (a professional, a minor ambassador, the pupil)."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from server import return_codes
from server.models import Role
from tests.browser.pages import watched_page
from tests.live import LiveClient, demo_stand, staff_token
from tests.server.people import login, make_adult

pytestmark = pytest.mark.browser


async def test_a_pupil_comes_back_in_another_browser_with_their_history_and_roles_show(server, browser, sqlite_url):
    problems: list[str] = []
    stand_id = await demo_stand(server.url, staffed=False, index=5)
    tag = uuid.uuid4().hex[:6]

    first = await watched_page(browser, problems)
    await first.goto(f"{server.url}/join?next=/stands/{stand_id}")
    await first.fill("#class_code", "DEMO-3E")
    await first.keyboard.press("Enter")
    await first.wait_for_url(f"{server.url}/mon-code?**")
    await expect(
        first.get_by_text("Notez-le\u00a0: il vous permet de retrouver vos questions un autre jour.")
    ).to_be_visible()
    code = " ".join(await first.locator(".return-code-part").all_inner_texts())
    assert return_codes.parse(code), code
    pseudonym = (await first.locator(".user-name").inner_text()).split(":", 1)[1].strip()
    await first.get_by_role("link", name="Continuer").click()
    await first.wait_for_url(f"{server.url}/stands/{stand_id}")

    public = first.locator(".stand-chat .chat, .chat").first
    await expect(public.locator("form[data-form]")).to_be_visible()
    await public.locator("textarea").fill(f"Question publique {tag}")
    await public.locator("button[type=submit]").click()
    await expect(public.locator(".chat-log li.msg[data-seq]", has_text=f"publique {tag}")).to_be_visible()
    await first.click("[data-open-thread]")
    private = first.locator("[data-thread-container] .chat")
    await expect(private.locator("form[data-form]")).to_be_visible()
    await private.locator("textarea").fill(f"Question privée {tag}")
    await private.locator("button[type=submit]").click()
    await expect(private.locator(".chat-log li.msg[data-seq]", has_text=f"privée {tag}")).to_be_visible()

    # Adults answer in public: a professional and a minor ambassador.
    minor_email = await make_adult(sqlite_url, Role.AMBASSADOR, accepted=True, is_minor=True, name="Inès Apprentie")
    room = f"stand:{stand_id}"
    for token, text in (
        (await staff_token(server.url), f"Réponse pro {tag}"),
        (await login(server.url, minor_email), f"Réponse ambassadrice {tag}"),
    ):
        adult = await LiveClient().connect(server.url, token)
        try:
            await adult.join(room)
            assert (await adult.send(room, text))["ok"]
        finally:
            await adult.close()
    await expect(public.locator(".chat-log li.msg", has_text=f"Réponse pro {tag}").locator(".msg-role")).to_have_text(
        "Professionnel·le"
    )

    second = await watched_page(browser, problems, width=375, height=812)
    await second.goto(f"{server.url}/join")
    await second.fill("#return_code", code.upper())
    await second.get_by_role("button", name="Revenir dans le salon").click()
    await second.wait_for_load_state("networkidle")
    assert "/retour" not in second.url
    await second.goto(f"{server.url}/stands/{stand_id}")
    assert (await second.locator(".user-name").inner_text()).split(":", 1)[1].strip() == pseudonym
    log = second.locator(".chat-log").first
    mine = log.locator("li.msg", has_text=f"Question publique {tag}")
    await expect(mine.locator(".msg-author")).to_have_text(pseudonym)
    await expect(mine.locator(".msg-role")).to_have_text("Élève")
    await expect(log.locator("li.msg", has_text=f"Réponse pro {tag}").locator(".msg-role")).to_have_text(
        "Professionnel·le"
    )
    await expect(log.locator("li.msg", has_text=f"Réponse ambassadrice {tag}").locator(".msg-role")).to_have_text(
        "Ambassadeur·rice, moins de 18 ans"
    )
    await expect(
        second.locator("[data-thread-container] .chat-log li.msg", has_text=f"Question privée {tag}")
    ).to_be_visible()

    await second.goto(f"{server.url}/mon-code")
    assert " ".join(await second.locator(".return-code-part").all_inner_texts()) == code
    assert not problems, problems
