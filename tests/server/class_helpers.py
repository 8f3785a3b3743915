"""Teachers, events and classes made for the class tests, through the app's own forms and code."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta

import httpx

from server.accounts import save_adult
from server.models import Role
from server.timeutil import utcnow
from stands import service as fair
from tests.live import LiveClient
from tests.stands.backoffice_helpers import PASSWORD
from tests.stands.stand_factory import database

CODE_SHOWN = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{3}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$")


async def make_teacher(db_url: str, name: str = "Mme Martin") -> str:
    """A new teacher account (password PASSWORD); its e-mail."""
    email = f"prof-{uuid.uuid4().hex[:8]}@ac-normandie.fr"
    async with database(db_url) as db:
        await save_adult(db, email=email, password=PASSWORD, name=name, role=Role.TEACHER)
        await db.commit()
    return email


async def make_event(db_url: str, *, ended: bool = False) -> int:
    """An event open from yesterday to tomorrow, or one that ended an hour ago."""
    now = utcnow()
    async with database(db_url) as db:
        event = await fair.save_event(
            db,
            slug=f"classes-{uuid.uuid4().hex[:8]}",
            title="Salon des classes (essai)",
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(hours=1) if ended else now + timedelta(days=1),
        )
        await db.commit()
        assert event.id is not None
        return event.id


def class_form(event_id: int, **fields: str) -> dict[str, str]:
    return {
        "label": "3e B",
        "level": "3e",
        "school": "Collège Jacques-Prévert",
        "uai": "0750654D",
        "department": "75",
        "event_id": str(event_id),
        **fields,
    }


async def create_class(teacher: httpx.AsyncClient, event_id: int, *, approve: bool = False) -> tuple[int, str]:
    """Create a class through the form; (its id, its code as the page shows it)."""
    data = class_form(event_id, **({"approve_joins": "1"} if approve else {}))
    response = await teacher.post("/classe/nouvelle", data=data)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/classe/(\d+)\?fait=creee", response.headers["location"])
    assert match, response.headers["location"]
    class_id = int(match.group(1))
    return class_id, await shown_code(teacher, class_id)


async def shown_code(teacher: httpx.AsyncClient, class_id: int) -> str:
    page = await teacher.get(f"/classe/{class_id}")
    assert page.status_code == 200, page.text
    found = re.search(r"data-class-code>([^<]+)<", page.text)
    assert found, page.text
    return found.group(1)


async def join(base_url: str, code: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base_url) as http:
        return await http.post("/api/auth/class", json={"class_code": code})


async def pupil(base_url: str, code: str) -> dict[str, str]:
    response = await join(base_url, code)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def wait_disconnected(client: LiveClient, within: float) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while client.sio.connected:
        assert asyncio.get_running_loop().time() < deadline, f"socket still open after {within} s"
        await asyncio.sleep(0.05)


async def token_accepted(base_url: str, token: str) -> int:
    """The status of a pupil-only API call with this token (200 while it works, 401 once revoked)."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.get("/api/classes/attente", headers={"Authorization": f"Bearer {token}"})
        return response.status_code
