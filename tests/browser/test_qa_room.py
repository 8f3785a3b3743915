"""In Debian's headless Chromium: a pupil asks in a CFA room (a similar question is suggested while typing,
accents aside) and sees it "en attente"; a CFA staff member approves it in the console, claims it and answers;
the pupil sees the answer signed with the CFA's name arrive live, without a reload, marked "Nouvelle
réponse"; the next opening of the room still marks it (answered since the previous one), the one after no
more; on another device (a second browser context, no cookie in common) the pupil's return code brings them
back to the room with their question and its answer. Axe finds nothing serious on either page at 1366 and
375 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.async_api import Page, expect

from tests.a11y import axe_violations
from tests.browser.pages import watched_page
from tests.live import ServerProcess, demo_server
from tests.sessions.qa_helpers import BOTH_STAFF_CFA, PRO_ONLY_CFA, make_qa_room

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('qa-browser') / 'salon.db'}"


@pytest.fixture(scope="module")
def qa_server(qa_db: str) -> Iterator[ServerProcess]:
    with demo_server(qa_db) as process:
        yield process


async def sign_in(page: Page, base_url: str, email: str) -> None:
    await page.goto(f"{base_url}/login")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", "demo-salon")
    await page.keyboard.press("Enter")
    await page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", [1366, 375])
async def test_a_pupil_asks_a_cfa_answers_from_the_console_live(qa_server, qa_db, browser, width, tmp_path):
    # pro@demo.salon staffs both CFAs: they pick the one they sign with.
    room_id = await make_qa_room(qa_db, [PRO_ONLY_CFA, BOTH_STAFF_CFA])
    problems: list[str] = []
    pupil = await watched_page(browser, problems, width=width, height=900)
    await pupil.goto(f"{qa_server.url}/join")
    await pupil.fill("#class_code", "DEMO-3E")
    await pupil.keyboard.press("Enter")
    await pupil.wait_for_url(f"{qa_server.url}/mon-code?**")
    return_code = " ".join(await pupil.locator(".return-code-part").all_inner_texts())
    await pupil.goto(f"{qa_server.url}/qa-rooms/{room_id}")
    box = pupil.get_by_label("Votre question aux CFA")
    await expect(box).to_be_visible()
    text = f"Faut-il un stage en pâtisserie avant le CAP ? ({width})"
    await box.fill(text)
    await pupil.get_by_role("button", name="Envoyer la question").click()
    mine = pupil.locator(".question", has_text=text)
    await expect(mine.locator(".badge-pending")).to_have_text("En attente de validation")

    staff = await watched_page(browser, problems, width=width, height=900)
    await sign_in(staff, qa_server.url, "pro@demo.salon")
    await staff.goto(f"{qa_server.url}/qa-rooms/console")
    item = staff.locator(f"[data-room='qa:{room_id}'] .question", has_text=text)
    await expect(item).to_be_visible()
    await expect(item.locator(".question-waiting")).to_contain_text("attend depuis")
    assert await axe_violations(staff) == []
    await item.get_by_role("button", name="Valider").click()
    await expect(mine.locator(".badge-pending")).to_have_count(0)  # published, live on the pupil's page
    await item.get_by_role("button", name="Je m'en occupe").click()
    await expect(item.locator(".question-claim")).to_contain_text("Prise en charge par Camille Durand")
    await item.get_by_role("button", name="Répondre par écrit").click()
    await item.get_by_label("Votre réponse à cette question").fill("Non, le CFA vous aide à trouver l'entreprise.")
    await item.get_by_label("Signer au nom de").select_option(label=PRO_ONLY_CFA)
    await item.get_by_role("button", name="Publier la réponse").click()
    await expect(item.locator(".question-claim")).to_have_count(0)  # the claimer's answer clears the claim

    answer = mine.locator(".question-answer")
    await expect(answer).to_contain_text("Non, le CFA vous aide à trouver l'entreprise.")
    await expect(answer.locator(".question-answer-by")).to_contain_text(PRO_ONLY_CFA)
    await expect(mine.locator(".badge-new")).to_have_text("Nouvelle réponse")
    await pupil.screenshot(path=str(tmp_path / f"qa-room-{width}.png"), full_page=True)
    assert await axe_violations(pupil) == []
    assert await pupil.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert await staff.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Typing a similar question suggests this one, accents and case aside; no "moi aussi" on one's own question.
    await expect(mine.locator(".question-vote")).to_have_count(0)
    await box.fill("un STAGE en patisserie")
    suggestion = pupil.locator("[data-similar-list] li", has_text=text)
    await expect(suggestion).to_be_visible()

    # The next opening still marks it (answered after the previous opening), the one after that no more.
    await pupil.reload()
    mine = pupil.locator(".question", has_text=text)
    await expect(mine.locator(".badge-new")).to_have_text("Nouvelle réponse")
    await pupil.reload()
    await expect(mine.locator(".question-answer")).to_contain_text("Non, le CFA vous aide")
    await expect(mine.locator(".badge-new")).to_have_count(0)

    # Another day, another computer: the return code brings the same pupil back to their question and its answer.
    elsewhere = await watched_page(browser, problems, width=width, height=900)
    await elsewhere.goto(f"{qa_server.url}/join")
    await elsewhere.fill("#return_code", return_code)
    await elsewhere.get_by_role("button", name="Revenir dans le salon").click()
    await elsewhere.wait_for_load_state("networkidle")
    await elsewhere.goto(f"{qa_server.url}/qa-rooms/{room_id}")
    again = elsewhere.locator(".question", has_text=text)
    await expect(again.locator(".question-answer")).to_contain_text("Non, le CFA vous aide")
    await expect(again.locator(".question-answer-by")).to_contain_text(PRO_ONLY_CFA)
    await expect(again.locator(".question-vote")).to_have_count(0)  # still their own question: no "moi aussi"
    assert problems == []
