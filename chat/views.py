"""HTTP views of the chat: the professionals' console."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from chat.i18n import chat_strings
from chat.models import Room
from server.errors import DomainError
from server.web import current_principal, render, services
from stands.models import Event


async def console_page(request: Request) -> Response:
    user = await current_principal(request)
    if user is None:
        return RedirectResponse("/login?next=/console", status_code=303)
    if not user.is_staff:
        raise DomainError("forbidden", "La console est réservée aux professionnels des stands.")
    query = select(Room, Event.title).join(Event, col(Event.id) == Room.event_id).order_by(col(Room.title))
    if not user.is_organiser:
        query = query.where(col(Room.stand_id).in_(list(user.staff_stands)))
    else:
        query = query.where(Room.kind == "stand").limit(24)
    async with services(request).sessions() as db:
        rows = (await db.exec(query)).all()
    rooms = [{"name": room.name, "title": room.title, "event_title": title} for room, title in rows]
    return await render(request, "chat/console.html", {"rooms": rooms, "i18n": chat_strings()})


routes = [Route("/console", console_page, name="console")]
