"""Every page type of the site, with who looks at it: walked by `make screenshots` (scripts/screenshots.py) and
checked with axe-core at 1366 and 375 px by tests/browser/test_page_types.py."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Browser, BrowserContext

HEIGHTS = {1366: 768, 768: 1024, 375: 812}


@dataclass(frozen=True)
class Shot:
    name: str  # file name stem
    role: str  # anonymous, pupil, pro, teacher, organiser
    path: str  # may hold {staffed_stand} / {talk} (see `demo_talk`)
    full_page: bool = True


SHOTS = [
    Shot("home", "anonymous", "/"),
    Shot("join", "anonymous", "/join"),
    Shot("login", "anonymous", "/login"),
    Shot("hall", "pupil", "/events/des-clics-des-metiers", full_page=False),
    Shot("hall-plan", "pupil", "/events/des-clics-des-metiers?vue=plan"),
    Shot("hall-anonymous", "anonymous", "/events/quinzaine-apprentissage"),
    Shot("stand", "pupil", "/stands/{staffed_stand}", full_page=False),
    Shot("stand-full", "pupil", "/stands/{staffed_stand}"),
    Shot("console", "pro", "/console", full_page=False),
    Shot("teacher", "teacher", "/classe"),
    Shot("talk", "pupil", "/talks/{talk}"),
    Shot("talk-anonymous", "anonymous", "/talks/{talk}"),
    Shot("talk-speaker", "organiser", "/talks/{talk}/animer"),
    Shot("admin", "organiser", "/admin"),
    Shot("admin-event", "organiser", "/admin/events/des-clics-des-metiers"),
    Shot("admin-stand", "organiser", "/admin/stands/{staffed_stand}"),
    Shot("admin-import", "organiser", "/admin/events/des-clics-des-metiers/import"),
    Shot("admin-visits", "organiser", "/admin/events/des-clics-des-metiers/visits"),
    Shot("not-found", "anonymous", "/stands/999999"),
]


def demo_talk(base_url: str) -> int:
    """A demo talk of "Des clics, des métiers": one under way if there is one, else the first."""
    import json
    from datetime import UTC, datetime
    from urllib.request import urlopen

    with urlopen(f"{base_url}/api/events/des-clics-des-metiers/talks", timeout=10) as answer:
        talks = json.loads(answer.read())
    if not talks:
        raise RuntimeError("no talk in the demo")
    now = datetime.now(UTC)
    live = [t for t in talks if datetime.fromisoformat(t["starts_at"]) <= now < datetime.fromisoformat(t["ends_at"])]
    return int((live or talks)[0]["id"])


LOGINS = {
    "pro": ("pro@demo.salon", "demo-salon"),
    "teacher": ("prof@demo.salon", "demo-salon"),
    "organiser": ("orga@demo.salon", "demo-salon"),
}


async def signed_in(browser: Browser, base_url: str, role: str, width: int) -> BrowserContext:
    context = await browser.new_context(
        locale="fr-FR", viewport={"width": width, "height": HEIGHTS[width]}, timezone_id="Europe/Paris"
    )
    page = await context.new_page()
    if role == "pupil":
        await page.goto(f"{base_url}/join")
        await page.fill("#class_code", "DEMO-3E")
        await page.keyboard.press("Enter")
        await page.wait_for_load_state("networkidle")
    elif role in LOGINS:
        email, password = LOGINS[role]
        await page.goto(f"{base_url}/login")
        await page.fill("input[name=email]", email)
        await page.fill("input[name=password]", password)
        await page.keyboard.press("Enter")
        await page.wait_for_load_state("networkidle")
    await page.close()
    return context
