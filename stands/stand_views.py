"""The stand page and its JSON twin: presentation, job cards, videos, documents, offers, hours, chat."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.auth import Principal
from server.i18n import gettext as _
from server.timeutil import aware, utcnow
from server.web import JSONResponse, current_principal, render, services
from stands import service, visits
from stands.hall import event_open_now
from stands.marks import initials, mark_colour
from stands.sectors import kind_label, offer_kind_label, sector_icon, sector_label
from stands.stand_display import document_item, hours_json, hours_view, offer_dates_label, video_item
from stands.status import stand_status
from stands.theme_views import theme_url
from stands.views import event_json

VISITS_KEY = "visits"  # in the signed session cookie: the stands this session was counted for today


def logo_url(detail: dict[str, Any]) -> str | None:
    return f"/media/{detail['logo_sha256']}" if detail["logo_sha256"] else None


async def api_stand(request: Request) -> Response:
    async with services(request).sessions() as db:
        detail = await service.stand_detail(db, request.path_params["stand_id"])
        posters = await service.media_urls(db, [v.poster_id for v in detail["videos"]])
    stand, event = detail["stand"], detail["event"]
    now = utcnow()
    hours = hours_view(detail["hours"], now, event_open=event_open_now(event, now))
    return JSONResponse(
        {
            "id": stand.id,
            "event": event.slug,
            "name": stand.name,
            "kind": stand.kind,
            "sector": stand.sector,
            "department": stand.department,
            "city": stand.city,
            "description": stand.description,
            "website": stand.website,
            "logo_url": logo_url(detail),
            "room": f"stand:{stand.id}",
            "job_cards": [c.model_dump(exclude={"stand_id"}) for c in detail["job_cards"]],
            "videos": [
                {k: v for k, v in video_item(video, posters.get(video.poster_id or 0)).items() if k != "provider_label"}
                for video in detail["videos"]
            ],
            "documents": [
                {k: d[k] for k in ("id", "title", "url", "content_type", "size")}
                for d in map(document_item, detail["documents"])
            ],
            "offers": [o.model_dump(mode="json", exclude={"stand_id"}) for o in detail["offers"]],
            "hours": hours_json(detail["hours"]),
            "staffed_now": hours.staffed_now,
            "staff": [{"id": u.id, "name": u.name} for u in detail["staff"]],
        }
    )


async def count_visit(request: Request, db: AsyncSession, stand_id: int, user: Principal | None) -> None:
    """Count this page view once per browser session, stand and day (no per-pupil record is kept)."""
    if request.method != "GET":
        return
    memory, counts = visits.remember_visit(request.session.get(VISITS_KEY), stand_id, visits.paris_today())
    if counts:
        request.session[VISITS_KEY] = memory
        await visits.record_visit(
            db, stand_id, visits.visit_class(user.role if user else None, user.class_id if user else None)
        )


async def stand_page(request: Request) -> Response:
    from chat.i18n import chat_strings
    from chat.threads import existing_thread

    user = await current_principal(request)
    now = utcnow()
    async with services(request).sessions() as db:
        detail = await service.stand_detail(db, request.path_params["stand_id"])
        stand, event = detail["stand"], detail["event"]
        private = await existing_thread(db, stand.id, user.id) if user and user.role == "pupil" else None
        await count_visit(request, db, stand.id, user)
        images = await service.media_urls(db, [stand.banner_id, *(v.poster_id for v in detail["videos"])])
    room = f"stand:{stand.id}"
    online = (await services(request).presence.staff_counts([room])).get(room, 0)
    upcoming = [aware(h.starts_at) for h in detail["hours"] if aware(h.starts_at) > now]
    hours = hours_view(detail["hours"], now, event_open=event_open_now(event, now))
    return await render(
        request,
        "stands/stand.html",
        {
            "event": event_json(event),
            "stand": {
                **stand.model_dump(),
                "kind_label": kind_label(stand.kind),
                "sector_label": sector_label(stand.sector),
                "logo_url": logo_url(detail),
                "banner_url": images.get(stand.banner_id) if stand.banner_id else None,
                "initials": initials(stand.name),
                "mark_colour": mark_colour(stand.name),
                "sector_icon": sector_icon(stand.sector),
            },
            "status": stand_status(online, min(upcoming, default=None), now, in_slot=hours.current is not None),
            "theme_url": theme_url(event.slug, event.theme_color),
            "job_cards": detail["job_cards"],
            "offers": [
                {**o.model_dump(), "kind_label": offer_kind_label(o.kind), "dates_label": offer_dates_label(o)}
                for o in detail["offers"]
            ],
            "videos": [video_item(v, images.get(v.poster_id) if v.poster_id else None) for v in detail["videos"]],
            "documents": [document_item(d) for d in detail["documents"]],
            "hours": hours,
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
    Route("/stands/{stand_id:int}", stand_page, name="stand"),
    Route("/api/stands/{stand_id:int}", api_stand),
]
