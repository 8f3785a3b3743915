"""/events/<slug>/theme.css: the stylesheet that gives an event its organiser's colour (stands/theme.py)."""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.web import services
from stands import service
from stands.theme import theme_css


def theme_url(slug: str, color: str) -> str | None:
    """The stylesheet's address for pages of this event; the colour in the query makes a change visible at once
    although browsers cache the file."""
    return f"/events/{slug}/theme.css?v={color.lstrip('#')}" if color else None


async def theme_stylesheet(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, request.path_params["slug"])
    css = theme_css(event.theme_color)
    etag = '"' + hashlib.sha256(css.encode()).hexdigest()[:16] + '"'
    headers = {"Cache-Control": "public, max-age=300", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(css, media_type="text/css", headers=headers)


routes = [Route("/events/{slug:str}/theme.css", theme_stylesheet, name="event_theme")]
