"""The house of apprenticeship (`GET /events/{slug}/maison`): an event's CFA rooms by trade cluster, as cards
with the CFAs' marks, the trades and the count of answered questions; links to each room, its FAQ and the open
days guide. Works without JavaScript."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.timeutil import utcnow
from server.web import render, services
from sessions import open_days, qa_rooms
from stands.service import event_by_slug


async def house_page(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        cards = await qa_rooms.room_cards(db, event.id)  # type: ignore[arg-type]
        upcoming = [v for v in await open_days.list_open_days(db, event.id) if v.day.ends_at >= utcnow()]  # type: ignore[arg-type]
    return await render(
        request,
        "sessions/house.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "rooms": cards,
            "open_days_count": len(upcoming),
        },
    )


routes = [Route("/events/{slug:str}/maison", house_page)]
