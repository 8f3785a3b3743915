"""HTTP API of the programme: an event's talks as JSON and as iCalendar files (per event, class and talk)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import DomainError
from server.i18n import gettext as _
from server.models import SchoolClass
from server.timeutil import utcnow
from server.web import JSONResponse, services
from sessions import calendar, programme
from sessions.service import MAX_ID, get_talk
from stands.service import event_by_slug


async def api_talks(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        views = await programme.talk_views(db, utcnow(), event_id=event.id)
    return JSONResponse([v.api() for v in views])


def _ics(body: bytes, filename: str) -> Response:
    return Response(
        body,
        media_type=calendar.MEDIA_TYPE,
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-cache"},
    )


async def event_ics(request: Request) -> Response:
    svc = services(request)
    async with svc.sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        views = await programme.talk_views(db, utcnow(), event_id=event.id)
    body = calendar.talks_calendar(views, public_url=svc.settings.public_url, name=f"{event.title} — programme")
    return _ics(body, f"{event.slug}.ics")


async def talk_ics(request: Request) -> Response:
    svc = services(request)
    async with svc.sessions() as db:
        talk = await get_talk(db, request.path_params["talk_id"])
        views = await programme.talk_views(db, utcnow(), talk_ids=[talk.id])  # type: ignore[list-item]
    body = calendar.talks_calendar(views, public_url=svc.settings.public_url, name=talk.title)
    return _ics(body, f"talk-{talk.id}.ics")


async def class_ics(request: Request) -> Response:
    """A class's registered talks, for a calendar app: no login, the key of the address instead."""
    svc = services(request)
    class_id = request.path_params["class_id"]
    key = request.query_params.get("key", "")
    unknown = DomainError("not_found", _("Ce calendrier n'existe pas. Reprenez le lien sur la page de votre classe."))
    if not 1 <= class_id <= MAX_ID or not calendar.class_key_ok(svc.settings.secret_key, class_id, key):
        raise unknown
    async with svc.sessions() as db:
        school_class = await db.get(SchoolClass, class_id)
        if school_class is None:
            raise unknown
        talk_ids = (await programme.class_talk_ids(db, [class_id]))[class_id]
        views = await programme.talk_views(db, utcnow(), talk_ids=talk_ids)
    body = calendar.talks_calendar(
        views, public_url=svc.settings.public_url, name=_("Conférences de %(label)s") % {"label": school_class.label}
    )
    return _ics(body, f"classe-{class_id}.ics")


routes = [
    Route("/api/events/{slug:str}/talks", api_talks),
    Route("/api/events/{slug:str}/talks.ics", event_ics),
    Route("/api/classes/{class_id:int}/talks.ics", class_ics),
    Route("/talks/{talk_id:int}.ics", talk_ics),
]
