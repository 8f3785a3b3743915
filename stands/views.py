"""HTTP views of the fair: the events and stands API, the home page and the hall."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import DomainError
from server.formats import fr_dates
from server.i18n import gettext as _
from server.timeutil import iso, paris, utcnow
from server.web import JSONResponse, render, services
from sessions.qa_rooms import event_has_rooms
from stands import hall, service
from stands.departments import department_choices, department_label
from stands.marks import initials, mark_colour
from stands.models import Event
from stands.plan import plan_view
from stands.sectors import KINDS, SECTORS, choices, kind_label, sector_icon, sector_label
from stands.status import SCHEDULED, stand_status
from stands.theme_views import theme_url


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


async def add_presence(request: Request, stands: list[hall.StandSummary]) -> None:
    """Fill `staff_online` from presence (memory or Redis), in one round trip."""
    online = await services(request).presence.staff_counts([s.room for s in stands])
    for summary in stands:
        summary.staff_online = online.get(summary.room, 0)


# ------------------------------------------------------------------------------------------------ API


def api_filters(params: QueryParams) -> hall.HallFilters:
    """The API takes values as given (an unknown sector matches nothing); a flag that is not one is refused."""
    flags = {}
    for name in ("open_now", "offers"):
        value = hall.parse_flag(params.get(name))
        if value is None:
            raise DomainError("invalid", _("Le paramètre « %(name)s » vaut 1 ou 0.") % {"name": name})
        flags[name] = value
    return hall.HallFilters(
        q=hall.clean_query(params.get("q")),
        sector=params.get("sector", ""),
        kind=params.get("kind", ""),
        department=params.get("department", ""),
        **flags,
    )


def stand_json(s: hall.StandSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "kind": s.kind,
        "sector": s.sector,
        "staff_online": s.staff_online,
        "department": s.department,
        "city": s.city,
        "open_now": s.open_now,
        "has_offers": s.has_offers,
        "logo_url": s.logo_url,
        "job_titles": s.job_titles,
        "rome_codes": s.rome_codes,
    }


async def api_events(request: Request) -> Response:
    async with services(request).sessions() as db:
        events = await service.list_events(db)
    return JSONResponse([event_json(e) for e in events])


async def api_stands(request: Request) -> Response:
    filters = api_filters(request.query_params)
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, request.path_params["slug"])
        stands = await hall.list_stands(db, event, filters)
    await add_presence(request, stands)
    return JSONResponse([stand_json(s) for s in stands])


# ---------------------------------------------------------------------------------------------- pages


async def home_page(request: Request) -> Response:
    async with services(request).sessions() as db:
        events = await service.list_events(db)
    cards = [{**event_json(e), "dates_label": fr_dates(e.starts_at, e.ends_at, capital=True)} for e in events]
    welcome = request.query_params.get("bienvenue") == "1"
    return await render(request, "server/home.html", {"events": cards, "welcome": welcome})


def page_filters(params: QueryParams, departments: list[str]) -> hall.HallFilters:
    """The page ignores what it cannot use: the form then shows that filter unset, never an error."""

    def one_of(name: str, allowed: Any) -> str:
        value = params.get(name, "")
        return value if value in allowed else ""

    return hall.HallFilters(
        q=hall.clean_query(params.get("q")),
        sector=one_of("sector", SECTORS),
        kind=one_of("kind", KINDS),
        department=one_of("department", departments),
        open_now=hall.parse_flag(params.get("open_now")) is True,
        offers=hall.parse_flag(params.get("offers")) is True,
    )


def hall_strings() -> dict[str, str]:
    """Strings for static/js/hall.js (see static/js/I18N-KEYS.md), translated but not formatted. The live
    status words are those of stands/status.py; without anyone online a card goes back to the line it was
    rendered with when that was a planned slot ("Permanence à 14 h 00"), else to `staff_online_none`."""
    return {
        "staff_online_none": _("Personne en ligne : laissez une question, un professionnel répondra plus tard"),
        "staff_online_one": _("%(num)d professionnel en ligne — réponse en direct"),
        "staff_online_many": _("%(num)d professionnels en ligne — réponse en direct"),
        "now_online": _("Maintenant en ligne : %(names)s."),
        "now_offline": _("Plus personne en ligne : %(names)s."),
    }


def card(s: hall.StandSummary, now: datetime, banners: dict[int, str]) -> dict[str, Any]:
    idle = stand_status(0, s.next_slot, now, in_slot=s.open_now)
    return {
        "status": stand_status(s.staff_online, s.next_slot, now, in_slot=s.open_now),
        "idle_label": idle.label if idle.state == SCHEDULED else "",
        "initials": initials(s.name),
        "mark_colour": mark_colour(s.name),
        "sector": s.sector,
        "sector_icon": sector_icon(s.sector),
        "banner_url": banners.get(s.banner_id) if s.banner_id else None,
        "id": s.id,
        "name": s.name,
        "kind_label": kind_label(s.kind),
        "sector_label": sector_label(s.sector),
        "city": s.city,
        "department": s.department,
        "department_label": department_label(s.department) if s.department else "",
        "staff_online": s.staff_online,
        "job_titles": s.job_titles,
        "logo_url": s.logo_url,
        "open_now": s.open_now,
        "has_offers": s.has_offers,
    }


def page_url(base: str, filters: hall.HallFilters, number: int) -> str:
    params = filters.params()
    if number > 1:
        params["page"] = str(number)
    return f"{base}?{urlencode(params)}" if params else base


async def hall_page(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, request.path_params["slug"])
        departments = await hall.event_departments(db, event)
        filters = page_filters(request.query_params, departments)
        stands = await hall.list_stands(db, event, filters)
        page = hall.paginate(stands, hall.parse_page(request.query_params.get("page")))
        images = await service.event_images(db, event)
        banners = await service.media_urls(db, [s.banner_id for s in page.items])
        has_rooms = await event_has_rooms(db, event.id)  # type: ignore[arg-type]
    show_plan = request.query_params.get("vue") == "plan"
    await add_presence(request, stands if show_plan else page.items)
    now = utcnow()
    base = "/events/" + quote(event.slug, safe="")
    welcome = request.query_params.get("bienvenue") == "1"
    return await render(
        request,
        "stands/hall.html",
        {
            "event": {**event_json(event), "dates_label": fr_dates(event.starts_at, event.ends_at, capital=True)},
            "hall_url": base,
            "stands": [card(s, now, banners) for s in page.items],
            "images": images,
            "theme_url": theme_url(event.slug, event.theme_color),
            "welcome": welcome,
            "has_rooms": has_rooms,
            "plan": plan_view(stands, now) if show_plan else None,
            "total": page.total,
            "page": page,
            "page_links": [
                {"number": n, "url": page_url(base, filters, n)} if n else None
                for n in hall.page_window(page.number, page.count)
            ],
            "previous_url": page_url(base, filters, page.number - 1) if page.has_previous else None,
            "next_url": page_url(base, filters, page.number + 1) if page.has_next else None,
            "filters": filters,
            "sectors": choices(SECTORS),
            "kinds": choices(KINDS),
            "departments": department_choices(departments),
            "i18n": hall_strings(),
        },
    )


routes = [
    Route("/", home_page, name="home"),
    Route("/events/{slug:str}", hall_page, name="hall"),
    Route("/api/events", api_events),
    Route("/api/events/{slug:str}/stands", api_stands),
]
