"""HTTP views of the programme: the scheduled talks (agenda pages and .ics come with the talks issue)."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.timeutil import iso, paris
from server.web import JSONResponse, services
from sessions.models import Talk
from stands.service import event_by_slug


async def api_talks(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        talks = (await db.exec(select(Talk).where(Talk.event_id == event.id).order_by(col(Talk.starts_at)))).all()
    return JSONResponse(
        [
            {
                "id": t.id,
                "title": t.title,
                "description": t.description,
                "starts_at": iso(paris(t.starts_at)),
                "ends_at": iso(paris(t.ends_at)),
                "stand_id": t.stand_id,
                "speakers": t.speakers,
                "room": f"talk:{t.id}",
            }
            for t in talks
        ]
    )


routes = [Route("/api/events/{slug:str}/talks", api_talks)]
