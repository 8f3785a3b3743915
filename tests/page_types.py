"""Every page type of the site, with who looks at it: walked by `make screenshots` (scripts/screenshots.py) and
checked with axe-core at 1366 and 375 px by tests/browser/test_page_types.py."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import Browser, BrowserContext

HEIGHTS = {1366: 768, 768: 1024, 375: 812}


@dataclass(frozen=True)
class Shot:
    name: str  # file name stem
    # anonymous, pupil, pupil-waiting, pro, pro-pending (has not accepted the charte), teacher, teacher-approval,
    # organiser
    role: str
    path: str  # may hold {staffed_stand} / {talk} (see `demo_talk`) / {qa_room} / {cfa_stand} (see `demo_house`)
    full_page: bool = True


SHOTS = [
    Shot("home", "anonymous", "/"),
    Shot("join", "anonymous", "/join"),
    Shot("return", "anonymous", "/retour"),
    Shot("return-code", "pupil", "/mon-code?bienvenue=1&suite=/events/des-clics-des-metiers"),
    Shot("charte", "pro-pending", "/charte"),
    Shot("console-charte", "pro-pending", "/console", full_page=False),
    Shot("login", "anonymous", "/login"),
    Shot("signup", "anonymous", "/inscription"),
    Shot("password-forgot", "anonymous", "/mot-de-passe/oubli"),
    Shot("link-closed", "anonymous", "/mot-de-passe/nouveau?token=lien-inconnu-pour-la-capture"),
    Shot("hall", "pupil", "/events/des-clics-des-metiers", full_page=False),
    Shot("hall-plan", "pupil", "/events/des-clics-des-metiers?vue=plan"),
    Shot("hall-anonymous", "anonymous", "/events/quinzaine-apprentissage"),
    Shot("stand", "pupil", "/stands/{staffed_stand}", full_page=False),
    Shot("stand-full", "pupil", "/stands/{staffed_stand}"),
    Shot("console", "pro", "/console", full_page=False),
    Shot("teacher", "teacher", "/classe"),
    Shot("talk", "pupil", "/talks/{talk}"),
    Shot("talk-anonymous", "anonymous", "/talks/{talk}"),
    Shot("talk-speaker", "pro", "/talks/{talk}/animer"),
    Shot("admin", "organiser", "/admin"),
    Shot("admin-event", "organiser", "/admin/events/des-clics-des-metiers"),
    Shot("admin-stand", "organiser", "/admin/stands/{staffed_stand}"),
    Shot("admin-import", "organiser", "/admin/events/des-clics-des-metiers/import"),
    Shot("admin-visits", "organiser", "/admin/events/des-clics-des-metiers/visits"),
    Shot("admin-people", "organiser", "/admin/people"),
    Shot("programme", "pupil", "/events/des-clics-des-metiers/programme"),
    Shot("programme-teacher", "teacher", "/events/des-clics-des-metiers/programme?public=college"),
    Shot("class-programme", "teacher", "/classe/programme"),
    Shot("class-new", "teacher", "/classe/nouvelle"),
    # Class 1 is DEMO-3E, the first class `salon demo` makes on a fresh database.
    Shot("class", "teacher", "/classe/1"),
    Shot("class-code", "teacher", "/classe/1/code", full_page=False),
    Shot("waiting", "pupil-waiting", "/attente"),
    # Class 2 is ATT-3NTE, which approves joins (its waiting list holds the "waiting" shot's pupil).
    Shot("class-approval", "teacher-approval", "/classe/2"),
    Shot("session-ended", "anonymous", "/seance-terminee"),
    Shot("admin-talks", "organiser", "/admin/events/des-clics-des-metiers/talks"),
    Shot("admin-talk", "organiser", "/admin/events/des-clics-des-metiers/talks/new"),
    Shot("my-talks", "pro", "/admin/talks"),
    Shot("house", "pupil", "/events/quinzaine-apprentissage/maison"),
    Shot("faq", "anonymous", "/qa-rooms/{qa_room}/faq"),
    Shot("open-days", "pupil", "/events/quinzaine-apprentissage/portes-ouvertes"),
    Shot("open-days-filtered", "anonymous", "/events/quinzaine-apprentissage/portes-ouvertes?departement=14"),
    Shot("admin-open-days", "pro", "/admin/stands/{cfa_stand}/portes-ouvertes"),
    Shot("admin-qa-rooms", "organiser", "/admin/events/quinzaine-apprentissage/qa-rooms"),
    Shot("admin-qa-room", "organiser", "/admin/qa-rooms/{qa_room}"),
    Shot("qa-room", "pupil", "/qa-rooms/{qa_room}"),
    Shot("qa-room-anonymous", "anonymous", "/qa-rooms/{qa_room}"),
    Shot("qa-console", "pro", "/qa-rooms/console"),
    Shot("admin-qa", "organiser", "/admin/events/quinzaine-apprentissage/qa"),
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


DEMO_QA_ROOM = "Questions aux CFA du BTP"  # server/demo_data.py: demo questions, answers and a pending one


def demo_house(base_url: str) -> dict[str, int]:
    """The Quinzaine's BTP room (it holds the demo's questions) and the CFA the demo professional staffs there."""
    import json
    from urllib.request import urlopen

    with urlopen(f"{base_url}/api/events/quinzaine-apprentissage/qa-rooms", timeout=10) as answer:
        rooms = {room["title"]: room["id"] for room in json.loads(answer.read())}
    with urlopen(f"{base_url}/api/events/quinzaine-apprentissage/stands?kind=cfa", timeout=10) as answer:
        cfas = {s["name"]: s["id"] for s in json.loads(answer.read())}
    return {"qa_room": int(rooms[DEMO_QA_ROOM]), "cfa_stand": cfas["CFA Pierre et Bois du Cotentin"]}


LOGINS = {
    "pro": ("pro@demo.salon", "demo-salon"),
    "pro-pending": ("pro3@demo.salon", "demo-salon"),
    "teacher": ("prof@demo.salon", "demo-salon"),
    "teacher-approval": ("prof2@demo.salon", "demo-salon"),
    "organiser": ("orga@demo.salon", "demo-salon"),
}


async def signed_in(browser: Browser, base_url: str, role: str, width: int) -> BrowserContext:
    context = await browser.new_context(
        locale="fr-FR", viewport={"width": width, "height": HEIGHTS[width]}, timezone_id="Europe/Paris"
    )
    page = await context.new_page()
    if role in ("pupil", "pupil-waiting"):  # pupil-waiting: the demo class that approves joins
        await page.goto(f"{base_url}/join")
        await page.fill("#class_code", "DEMO-3E" if role == "pupil" else "ATT-3NTE")
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
