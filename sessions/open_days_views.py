"""The open days guide ("portes ouvertes"): the house's page by cluster and date, filterable by department and
trade (a GET form, works without JavaScript, prints as a guide); its API and iCalendar files; and the CFA's
form in "Mon stand" (`/admin/stands/{id}/portes-ouvertes`) where its staff, or organisers, publish them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import DomainError
from server.formats import fr_day, fr_hours, french_sort_key
from server.i18n import gettext as _
from server.timeutil import aware, paris, utcnow
from server.web import JSONResponse, current_principal, render, services
from sessions import calendar, open_days, qa_rooms
from sessions.open_days import OpenDayView
from sessions.views import _ics
from stands import form_rules
from stands.admin_http import Failure, done, form_sender, page_viewer, pop_flash, read_form, states, texts
from stands.departments import department_choices, department_label
from stands.form_rules import FormInvalid
from stands.models import Event, JobCard, Stand
from stands.service import event_by_slug

DEPARTMENT_RE = re.compile(r"[0-9]{2,3}|2[AB]")
NEW_OPEN_DAY: dict[str, Any] = {"trades": []}


def _param(request: Request, *names: str) -> str:
    for name in names:
        value = request.query_params.get(name, "")
        if value:
            return value.strip()
    return ""


def _filters(request: Request, *, strict: bool) -> tuple[str, str]:
    """(department, trade) from `departement`/`department` and `metier`/`trade`; a malformed value is refused
    (`invalid`) by the API and ignored by the pages."""
    department, trade = _param(request, "departement", "department"), _param(request, "metier", "trade").upper()
    bad_department = bool(department) and not DEPARTMENT_RE.fullmatch(department)
    bad_trade = bool(trade) and not qa_rooms.valid_rome(trade)
    if strict and (bad_department or bad_trade):
        raise DomainError("invalid", _("Filtrez par numéro de département (14, 2A…) et par code ROME (F1703)."))
    return ("" if bad_department else department), ("" if bad_trade else trade)


def _entry(view: OpenDayView, names: dict[str, str] | None = None) -> dict[str, Any]:
    d = view.day
    department = view.cfa.department
    return {
        "id": d.id,
        "cfa": view.cfa.name,
        "cfa_id": view.cfa.id,
        "day": fr_day(d.starts_at, year=True),
        "hours": fr_hours(d.starts_at, d.ends_at),
        "place": d.place,
        "address": d.address,
        "url": d.url,
        "trades": list(d.trades or []),
        "trade_labels": [(names or {}).get(t, t) for t in d.trades or []],
        # Not repeated when the place already says it ("Bayeux (14)").
        "department": department_label(department) if department and f"({department})" not in d.place else "",
    }


async def _event_views(request: Request, *, strict: bool) -> tuple[Event, list[OpenDayView], str, str, Any]:
    department, trade = _filters(request, strict=strict)
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        views = await open_days.list_open_days(db, event.id, department=department, trade=trade)  # type: ignore[arg-type]
        every = await open_days.list_open_days(db, event.id) if (department or trade) else views  # type: ignore[arg-type]
        names = await _trade_names(db, event.id)  # type: ignore[arg-type]
    return event, views, department, trade, (every, names)


async def _trade_names(db: Any, event_id: int) -> dict[str, str]:
    """ROME code → the label the event's rooms give it, else a CFA's job card title (for the trade filter)."""
    names: dict[str, str] = {}
    cards = await db.exec(
        select(JobCard.rome_code, JobCard.title)
        .join(Stand, col(Stand.id) == col(JobCard.stand_id))
        .where(Stand.event_id == event_id, Stand.kind == "cfa", JobCard.rome_code != "")
    )
    rooms_names: dict[str, str] = {}
    for card in await qa_rooms.room_cards(db, event_id):
        for trade in card["trades"]:
            rooms_names.setdefault(trade["rome"], trade["label"])
    for code, title in cards.all():
        names.setdefault(code, title)
    return {**names, **rooms_names}


async def guide_page(request: Request) -> Response:
    event, views, department, trade, (every, names) = await _event_views(request, strict=False)
    now = utcnow()
    views = [v for v in views if aware(v.day.ends_at) > now]  # the guide shows what is still to come
    departments = sorted({v.cfa.department for v in every if v.cfa.department})
    trades = sorted({t for v in every for t in v.day.trades or []})
    query = urlencode({k: v for k, v in (("departement", department), ("metier", trade)) if v})
    return await render(
        request,
        "sessions/open_days.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "groups": [
                (key, label, [_entry(v, names) for v in group]) for key, label, group in open_days.by_cluster(views)
            ],
            "total": len(views),
            "department": department,
            "trade": trade,
            "departments": department_choices(departments),
            "trades": sorted(
                ((t, f"{names[t]} ({t})" if t in names else t) for t in trades), key=lambda p: french_sort_key(p[1])
            ),
            "ics_url": f"/events/{event.slug}/portes-ouvertes.ics" + (f"?{query}" if query else ""),
            "filtered": bool(department or trade),
        },
    )


async def api_open_days(request: Request) -> Response:
    _event, views, *_rest = await _event_views(request, strict=True)
    return JSONResponse([v.api() for v in views])


async def event_ics(request: Request) -> Response:
    svc = services(request)
    event, views, department, trade, _rest = await _event_views(request, strict=True)
    name = _("Portes ouvertes des CFA — %(title)s") % {"title": event.title}
    body = calendar.open_days_calendar(views, public_url=svc.settings.public_url, name=name)
    return _ics(body, f"portes-ouvertes-{event.slug}.ics")


async def stand_ics(request: Request) -> Response:
    svc = services(request)
    async with svc.sessions() as db:
        stand = await open_days.get_cfa(db, request.path_params["stand_id"])
        views = await open_days.list_open_days(db, stand.event_id, stand_id=stand.id)
    name = _("Portes ouvertes — %(name)s") % {"name": stand.name}
    body = calendar.open_days_calendar(views, public_url=svc.settings.public_url, name=name)
    return _ics(body, f"portes-ouvertes-{stand.id}.ics")


# ---------- "Mon stand": the CFA's open days ----------


def _values(view: OpenDayView) -> dict[str, Any]:
    d = view.day
    return {
        "day": paris(d.starts_at).date().isoformat(),
        "starts_time": paris(d.starts_at).strftime("%H:%M"),
        "ends_time": paris(d.ends_at).strftime("%H:%M"),
        "place": d.place,
        "address": d.address,
        "url": d.url,
        "trades": list(d.trades or []),
    }


async def _stand_page(
    request: Request, stand: Stand, values: dict[str, Any], failure: Failure | None = None, editing: int | None = None
) -> Response:
    async with services(request).sessions() as db:
        views = await open_days.list_open_days(db, stand.event_id, stand_id=stand.id)
        trades = await open_days.stand_trades(db, stand.id)  # type: ignore[arg-type]
        event = await db.get(Event, stand.event_id)
    assert event is not None
    first, last = open_days.plausible_window(event.starts_at, event.ends_at)
    return await render(
        request,
        "sessions/admin/open_days.html",
        {
            "stand": {"id": stand.id, "name": stand.name},
            "event": {"slug": event.slug, "title": event.title},
            "open_days": [_entry(v) for v in views],
            "editing": editing,
            "is_organiser": bool(getattr(await current_principal(request), "is_organiser", False)),
            "forms": states({"day": values}, failure),
            "failure": failure,
            "labels": {**form_rules.labels(), **open_days.labels()},
            "trades": trades,
            "first_day": first.isoformat(),
            "last_day": last.isoformat(),
            "window_label": _("Entre le %(first)s et le %(last)s.")
            % {"first": fr_day(first, year=True, weekday=False), "last": fr_day(last, year=True, weekday=False)},
            "flash": pop_flash(request),
        },
        status_code=failure.status if failure else 200,
    )


def _posted(form: Any) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = texts(form)
    trades = [v for v in form.getlist("trades") if isinstance(v, str)]
    values["trades"] = trades
    return values, trades


async def _save(request: Request, viewer: Any, stand: Stand, open_day_id: int | None) -> Response:
    values, trades = _posted(await read_form(request))
    try:
        async with services(request).sessions() as db:
            allowed, window = await open_days.form_context(db, stand)
        parsed = open_days.parse_open_day(values, trades, allowed_trades=allowed, window=window)
        async with services(request).sessions() as db:
            await open_days.save_open_day(db, viewer, stand, parsed, open_day_id)
    except FormInvalid as exc:
        return await _stand_page(
            request, stand, values, Failure("day", values, dict(exc.fields), exc.status), open_day_id
        )
    return done(request, f"/admin/stands/{stand.id}/portes-ouvertes", _("Les portes ouvertes sont enregistrées."))


def _require(viewer: Any, stand: Stand) -> None:
    if stand.kind != "cfa":
        raise DomainError("not_found", _("Seuls les CFA publient des portes ouvertes."))
    if not open_days.may_publish(viewer, stand):
        raise DomainError("forbidden", _("Seules l'équipe du CFA et l'équipe d'organisation peuvent faire cela."))


async def stand_open_days(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    async with services(request).sessions() as db:
        stand = await open_days.get_cfa(db, request.path_params["stand_id"])
    _require(viewer, stand)
    if posting:
        return await _save(request, viewer, stand, None)
    return await _stand_page(request, stand, NEW_OPEN_DAY)


async def open_day_edit(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    open_day_id = request.path_params["open_day_id"]
    async with services(request).sessions() as db:
        day = await open_days.get_open_day(db, open_day_id)
        stand = await open_days.get_cfa(db, day.stand_id)
        (view,) = [
            v for v in await open_days.list_open_days(db, stand.event_id, stand_id=stand.id) if v.day.id == open_day_id
        ]
    _require(viewer, stand)
    if posting:
        return await _save(request, viewer, stand, open_day_id)
    return await _stand_page(request, stand, _values(view), editing=open_day_id)


async def open_day_delete(request: Request) -> Response:
    viewer = await form_sender(request)
    async with services(request).sessions() as db:
        stand = await open_days.delete_open_day(db, viewer, request.path_params["open_day_id"])
    return done(request, f"/admin/stands/{stand.id}/portes-ouvertes", _("Les portes ouvertes sont supprimées."))


routes = [
    Route("/events/{slug:str}/portes-ouvertes", guide_page),
    Route("/events/{slug:str}/portes-ouvertes.ics", event_ics),
    Route("/api/events/{slug:str}/open-days", api_open_days),
    Route("/stands/{stand_id:int}/portes-ouvertes.ics", stand_ics),
    Route("/admin/stands/{stand_id:int}/portes-ouvertes", stand_open_days, methods=["GET", "POST"]),
    Route("/admin/open-days/{open_day_id:int}", open_day_edit, methods=["GET", "POST"]),
    Route("/admin/open-days/{open_day_id:int}/delete", open_day_delete, methods=["POST"]),
]
