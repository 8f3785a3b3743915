"""The back office's pages for events: the index (/admin), creating and editing events, adding stands.

The stand's page is in admin_stand_views.py and its rows' forms in admin_row_views.py; all three route
lists are served from here.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, func, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_dates, french_sort_key
from server.i18n import gettext as _
from server.web import render, services
from stands import admin_row_views, admin_stand_views, backoffice, forms, service
from stands import form_rules as rules
from stands.admin_http import (
    Failure,
    done,
    file_bytes,
    form_sender,
    page_viewer,
    pop_flash,
    read_form,
    states,
    texts,
)
from stands.models import Event, Stand
from stands.permissions import require_organiser
from stands.sectors import KINDS, SECTORS, choices, kind_label, sector_label

EVENT_DEFAULTS: dict[str, str] = {}


async def admin_index(request: Request) -> Response:
    viewer = await page_viewer(request)
    if isinstance(viewer, Response):
        return viewer
    async with services(request).sessions() as db:
        if viewer.is_organiser:
            counts = dict(
                (await db.exec(select(Stand.event_id, func.count()).group_by(col(Stand.event_id)))).all()  # type: ignore[arg-type]
            )
            events = [{**_event_view(e), "stand_count": counts.get(e.id, 0)} for e in await service.list_events(db)]
            stands = []
        else:
            events = []
            rows = await db.exec(
                select(Stand, Event.title)
                .join(Event, col(Event.id) == col(Stand.event_id))
                .where(col(Stand.id).in_(list(viewer.staff_stands)))
                .order_by(col(Event.starts_at), col(Event.id))
            )
            found = rows.all()
            # Events in date order (as the query gives them), stands by name in French within each.
            order = {event_id: n for n, event_id in enumerate(dict.fromkeys(s.event_id for s, _title in found))}
            stands = [
                {"id": s.id, "name": s.name, "event_title": title, "kind_label": kind_label(s.kind)}
                for s, title in sorted(found, key=lambda row: (order[row[0].event_id], french_sort_key(row[0].name)))
            ]
    return await render(
        request, "stands/admin/index.html", {"events": events, "stands": stands, "flash": pop_flash(request)}
    )


def _event_values(event: Event) -> dict[str, str]:
    return {
        "slug": event.slug,
        "title": event.title,
        "description": event.description,
        "region": event.region,
        "starts_at": rules.moment_input(event.starts_at),
        "ends_at": rules.moment_input(event.ends_at),
        "opens_daily_at": rules.clock_input(event.opens_daily_at),
        "closes_daily_at": rules.clock_input(event.closes_daily_at),
    }


def _event_view(event: Event) -> dict[str, Any]:
    return {
        "slug": event.slug,
        "title": event.title,
        "theme_color": event.theme_color,
        "starts": rules.display_moment(event.starts_at),
        "ends": rules.display_moment(event.ends_at),
        "dates": fr_dates(event.starts_at, event.ends_at),
        "is_open": service.event_is_open(event),
    }


async def _event_page(
    request: Request,
    event: dict[str, Any] | None,
    values: dict[str, str],
    failure: Failure | None = None,
    stands: list[Any] | None = None,
    look: dict[str, str] | None = None,
) -> Response:
    return await render(
        request,
        "stands/admin/event.html",
        {
            "event": event,
            "stands": stands or [],
            "forms": states({"event": values, "look": look or {}}, failure),
            "failure": failure,
            "labels": rules.labels(),
            "flash": pop_flash(request),
        },
        status_code=failure.status if failure else 200,
    )


async def _event_stands(db: Any, event: Event) -> list[dict[str, Any]]:
    rows = await db.exec(select(Stand).where(Stand.event_id == event.id))
    return [
        {"id": s.id, "name": s.name, "kind_label": kind_label(s.kind), "sector_label": sector_label(s.sector)}
        for s in sorted(rows.all(), key=lambda s: (french_sort_key(s.name), s.id))
    ]


async def _organiser(request: Request, *, posting: bool) -> Principal | Response:
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    return require_organiser(viewer)


async def event_new(request: Request) -> Response:
    posting = request.method == "POST"
    organiser = await _organiser(request, posting=posting)
    if isinstance(organiser, Response):
        return organiser
    if not posting:
        return await _event_page(request, None, EVENT_DEFAULTS)
    values = texts(await read_form(request))
    try:
        parsed = forms.parse_event(values, with_slug=True)
        async with services(request).sessions() as db:
            event = await backoffice.create_event(db, organiser, **parsed)
    except DomainError as exc:
        return await _event_page(request, None, EVENT_DEFAULTS, Failure.of("event", values, exc, "slug"))
    return done(
        request, f"/admin/events/{event.slug}", _("L'événement « %(title)s » est créé.") % {"title": event.title}
    )


async def event_edit(request: Request) -> Response:
    posting = request.method == "POST"
    organiser = await _organiser(request, posting=posting)
    if isinstance(organiser, Response):
        return organiser
    slug = request.path_params["slug"]
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, slug)
        view, stored, stands = _event_view(event), _event_values(event), await _event_stands(db, event)
        look = {"theme_color": event.theme_color, **await service.event_images(db, event)}
    if not posting:
        return await _event_page(request, view, stored, stands=stands, look=look)
    values = texts(await read_form(request))
    try:
        parsed = forms.parse_event(values, with_slug=False)
        async with services(request).sessions() as db:
            await backoffice.update_event(db, organiser, slug=slug, **parsed)
    except DomainError as exc:
        return await _event_page(request, view, stored, Failure.of("event", values, exc, "title"), stands, look)
    return done(request, f"/admin/events/{slug}", _("L'événement est enregistré."))


async def event_look(request: Request) -> Response:
    """The event's colour, logo and banner (one multipart form)."""
    organiser = await _organiser(request, posting=True)
    assert not isinstance(organiser, Response)
    slug = request.path_params["slug"]
    form = await read_form(request, upload=True)
    values = texts(form)
    logo, banner = await file_bytes(form, "logo"), await file_bytes(form, "banner")
    try:
        async with services(request).sessions() as db:
            await backoffice.set_event_look(
                db, organiser, slug=slug, color=values.get("theme_color", ""), logo=logo, banner=banner
            )
    except DomainError as exc:
        async with services(request).sessions() as db:
            event = await service.event_by_slug(db, slug)
            view, stored, stands = _event_view(event), _event_values(event), await _event_stands(db, event)
            look = {**values, **await service.event_images(db, event)}
        return await _event_page(request, view, stored, Failure.of("look", values, exc, "theme_color"), stands, look)
    return done(request, f"/admin/events/{slug}#apparence", _("L'apparence de l'événement est enregistrée."))


async def stand_new(request: Request) -> Response:
    posting = request.method == "POST"
    organiser = await _organiser(request, posting=posting)
    if isinstance(organiser, Response):
        return organiser
    slug = request.path_params["slug"]
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, slug)
    failure = None
    if posting:
        values = texts(await read_form(request))
        try:
            parsed = forms.parse_stand(values)
            async with services(request).sessions() as db:
                stand = await backoffice.create_stand(db, organiser, event_slug=slug, **parsed)
        except DomainError as exc:
            failure = Failure.of("stand", values, exc, "name")
        else:
            message = _("Le stand « %(name)s » est créé.") % {"name": stand.name}
            return done(request, f"/admin/stands/{stand.id}", message)
    defaults = {"stand": {"kind": "company", "sector": ""}}
    return await render(
        request,
        "stands/admin/stand_new.html",
        {
            "event": _event_view(event),
            "forms": states(defaults, failure),
            "failure": failure,
            "labels": rules.labels(),
            "kinds": choices(KINDS),
            "sectors": choices(SECTORS),
        },
        status_code=failure.status if failure else 200,
    )


routes = [
    Route("/admin", admin_index, name="admin"),
    Route("/admin/events/new", event_new, methods=["GET", "POST"]),
    Route("/admin/events/{slug:str}", event_edit, methods=["GET", "POST"]),
    Route("/admin/events/{slug:str}/look", event_look, methods=["POST"]),
    Route("/admin/events/{slug:str}/stands/new", stand_new, methods=["GET", "POST"]),
    *admin_stand_views.routes,
    *admin_row_views.routes,
]
