"""HTTP views of the fair: the public read-only API and the home, hall and stand pages."""

from __future__ import annotations

from typing import Any

from babel.dates import format_datetime
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.i18n import gettext as _
from server.timeutil import iso, paris
from server.web import JSONResponse, current_principal, render, services
from stands import service
from stands.models import Event
from stands.sectors import KINDS, SECTORS, choices, kind_label, offer_kind_label, sector_label


def event_json(event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "title": event.title,
        "description": event.description,
        "region": event.region,
        "starts_at": iso(paris(event.starts_at)),
        "ends_at": iso(paris(event.ends_at)),
        "is_open": service.event_is_open(event),
    }


def _filters(request: Request) -> dict[str, str]:
    params = request.query_params
    return {
        "q": params.get("q", "")[:100],
        "sector": params.get("sector", "") if params.get("sector", "") in SECTORS else "",
        "kind": params.get("kind", "") if params.get("kind", "") in KINDS else "",
    }


async def _stands_with_presence(request: Request, slug: str, filters: dict[str, str]) -> tuple[Event, list[Any]]:
    svc = services(request)
    async with svc.sessions() as db:
        event = await service.event_by_slug(db, slug)
        stands = await service.list_stands(db, event, **filters)
    online = await svc.presence.staff_counts([s.room for s in stands])
    for summary in stands:
        summary.staff_online = online.get(summary.room, 0)
    return event, stands


async def api_events(request: Request) -> Response:
    async with services(request).sessions() as db:
        events = await service.list_events(db)
    return JSONResponse([event_json(e) for e in events])


async def api_stands(request: Request) -> Response:
    params = request.query_params
    # The API takes the values as given: an unknown sector simply matches nothing.
    filters = {"q": params.get("q", "")[:100], "sector": params.get("sector", ""), "kind": params.get("kind", "")}
    _event, stands = await _stands_with_presence(request, request.path_params["slug"], filters)
    return JSONResponse(
        [
            {
                "id": s.stand.id,
                "name": s.stand.name,
                "kind": s.stand.kind,
                "sector": s.stand.sector,
                "department": s.stand.department,
                "city": s.stand.city,
                "staff_online": s.staff_online,
                "job_titles": s.job_titles,
            }
            for s in stands
        ]
    )


async def api_stand(request: Request) -> Response:
    async with services(request).sessions() as db:
        detail = await service.stand_detail(db, request.path_params["stand_id"])
    stand = detail["stand"]
    return JSONResponse(
        {
            "id": stand.id,
            "event": detail["event"].slug,
            "name": stand.name,
            "kind": stand.kind,
            "sector": stand.sector,
            "department": stand.department,
            "city": stand.city,
            "description": stand.description,
            "website": stand.website,
            "room": f"stand:{stand.id}",
            "job_cards": [c.model_dump(exclude={"stand_id"}) for c in detail["job_cards"]],
            "videos": [v.model_dump(exclude={"stand_id"}) for v in detail["videos"]],
            "documents": [],  # PDF documents arrive with the stands issue (uploads)
            "offers": [o.model_dump(mode="json", exclude={"stand_id"}) for o in detail["offers"]],
            "staff": [{"id": u.id, "name": u.name} for u in detail["staff"]],
        }
    )


def _date_label(value: Any) -> str:
    return format_datetime(paris(value), "EEEE d MMMM y", locale="fr_FR")


async def home_page(request: Request) -> Response:
    async with services(request).sessions() as db:
        events = await service.list_events(db)
    cards = [
        {
            **event_json(e),
            "starts_label": _date_label(e.starts_at),
            "ends_label": _date_label(e.ends_at),
        }
        for e in events
    ]
    return await render(request, "server/home.html", {"events": cards})


async def hall_page(request: Request) -> Response:
    filters = _filters(request)
    event, stands = await _stands_with_presence(request, request.path_params["slug"], filters)
    cards = [
        {
            "id": s.stand.id,
            "name": s.stand.name,
            "kind_label": kind_label(s.stand.kind),
            "sector_label": sector_label(s.stand.sector),
            "city": s.stand.city,
            "department": s.stand.department,
            "staff_online": s.staff_online,
            "job_titles": s.job_titles,
        }
        for s in stands
    ]
    return await render(
        request,
        "stands/hall.html",
        {
            "event": event_json(event),
            "stands": cards,
            "total": len(cards),
            "sectors": choices(SECTORS),
            "kinds": choices(KINDS),
            **filters,
        },
    )


async def stand_page(request: Request) -> Response:
    from chat.i18n import chat_strings
    from chat.threads import existing_thread

    user = await current_principal(request)
    async with services(request).sessions() as db:
        detail = await service.stand_detail(db, request.path_params["stand_id"])
        stand, event = detail["stand"], detail["event"]
        private = await existing_thread(db, stand.id, user.id) if user and user.role == "pupil" else None
    return await render(
        request,
        "stands/stand.html",
        {
            "event": event_json(event),
            "stand": {
                **stand.model_dump(),
                "kind_label": kind_label(stand.kind),
                "sector_label": sector_label(stand.sector),
            },
            "job_cards": detail["job_cards"],
            "offers": [{**o.model_dump(), "kind_label": offer_kind_label(o.kind)} for o in detail["offers"]],
            "staff": detail["staff"],
            "room": f"stand:{stand.id}",
            "room_title": _("Discuter avec le stand"),
            "can_send": user is not None,  # pupils and adults alike write in stand rooms
            "can_open_thread": user is not None and user.role == "pupil",
            "private_thread": {"room": private} if private else None,
            "can_moderate": user is not None and (user.is_moderator or stand.id in user.staff_stands),
            "i18n": chat_strings(),
        },
    )


routes = [
    Route("/", home_page, name="home"),
    Route("/events/{slug:str}", hall_page, name="hall"),
    Route("/stands/{stand_id:int}", stand_page, name="stand"),
    Route("/api/events", api_events),
    Route("/api/events/{slug:str}/stands", api_stands),
    Route("/api/stands/{stand_id:int}", api_stand),
]
