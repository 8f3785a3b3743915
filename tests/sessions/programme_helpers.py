"""A programme of its own for each HTTP test module, on the session's demo server: a fresh event (so the demo
fair the other tests read stays as it is), a stand with a staff member, a second teacher with a class, and
talks created through the back office's form."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlmodel import select

from server.accounts import save_adult, save_class
from server.models import Role, SchoolClass
from server.timeutil import PARIS, utcnow
from stands import service as fair
from stands.models import Stand
from tests.live import ServerProcess
from tests.stands.backoffice_helpers import browser, new_event, new_stand
from tests.stands.stand_factory import database

PASSWORD = "demo-salon"


@dataclass
class Programme:
    slug: str
    stand_id: int
    staff_email: str
    staff_id: int
    teacher_email: str
    class_id: int  # the second teacher's class
    demo_class_id: int  # DEMO-3E, prof@demo.salon's


async def make_programme(server: ServerProcess, **event_fields: str) -> Programme:
    async with browser(server.url, "orga@demo.salon") as orga:
        slug = await new_event(orga, **event_fields)
        stand_id = await new_stand(orga, slug, name=f"Atelier {slug}")
    tag = uuid.uuid4().hex[:8]
    staff_email, teacher_email = f"pro-{tag}@test.salon", f"prof-{tag}@test.salon"
    async with database(server.env["DATABASE_URL"]) as db:
        staff = await save_adult(
            db, email=staff_email, password=PASSWORD, name=f"Alex Test {tag}", role=Role.PROFESSIONAL
        )
        await fair.add_staff(db, await db.get(Stand, stand_id), staff)
        teacher = await save_adult(db, email=teacher_email, password=PASSWORD, name="Mme Test", role=Role.TEACHER)
        school_class = await save_class(db, code=f"T-{tag}".upper(), label=f"4e {tag}", school="", teacher=teacher)
        demo = (await db.exec(select(SchoolClass).where(SchoolClass.code == "DEMO-3E"))).one()
        await db.commit()
    return Programme(slug, stand_id, staff_email, staff.id, teacher_email, school_class.id, demo.id)  # type: ignore[arg-type]


def at(hours_from_now: float) -> datetime:
    return (utcnow() + timedelta(hours=hours_from_now)).astimezone(PARIS).replace(second=0, microsecond=0)


def talk_form(starts: datetime, minutes: int = 30, **fields: str) -> dict[str, str]:
    ends = starts + timedelta(minutes=minutes)
    return {
        "title": f"Conférence {uuid.uuid4().hex[:6]}",
        "starts_on": starts.date().isoformat(),
        "starts_time": starts.strftime("%H:%M"),
        "ends_time": ends.strftime("%H:%M"),
        "ends_on": ends.date().isoformat() if ends.date() != starts.date() else "",
        "audience": "all",
        "premoderated": "1",
        **fields,
    }


async def add_talk(orga: httpx.AsyncClient, slug: str, data: dict[str, Any]) -> int:
    """Create a talk with the back office's form (`speaker_ids`: a list of ids as text); its id."""
    response = await orga.post(f"/admin/events/{slug}/talks/new", data=data)
    assert response.status_code == 303, response.text
    listing = (await orga.get(f"/admin/events/{slug}/talks")).text
    title = data["title"]
    match = re.search(rf'<a href="/admin/talks/(\d+)">{re.escape(title)}</a>', listing)
    assert match, listing
    return int(match.group(1))
