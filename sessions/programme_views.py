"""The agenda of an event (`/events/{slug}/programme`), a teacher's class agenda (`/classe/programme`) and the
registration forms. Plain HTML forms: everything works without JavaScript."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_day, fr_time, french_sort_key
from server.i18n import gettext as _
from server.models import Role
from server.timeutil import aware, paris, utcnow
from server.web import current_principal, render, safe_next, services
from sessions import calendar, programme, service
from sessions.programme import TalkView
from sessions.talk_rules import AUDIENCES, ENDED, LIVE, UPCOMING
from stands.admin_http import done, pop_flash, read_form, texts
from stands.models import Event
from stands.service import event_by_slug, event_is_open, list_events

NEXT_UP = 3  # talks under "À suivre"
NO_TRACK = "Autres conférences"


def places_text(view: TalkView) -> str:
    """ "3 classes inscrites sur 10", "1 classe inscrite", "Aucune classe inscrite sur 10"."""
    n, capacity = view.registered, view.talk.capacity_classes
    if n == 0:
        text = _("Aucune classe inscrite")
    elif n == 1:
        text = _("1 classe inscrite")
    else:
        text = _("%(n)d classes inscrites") % {"n": n}
    return text + (_(" sur %(capacity)d") % {"capacity": capacity} if capacity is not None else "")


def talk_item(view: TalkView, classes: list[dict[str, Any]]) -> dict[str, Any]:
    """What the template shows of one talk; `classes`: the viewing teacher's classes (empty for others)."""
    t = view.talk
    registered = [c for c in classes if c["id"] in view.registered_classes]
    free = [c for c in classes if c["id"] not in view.registered_classes]
    return {
        "id": view.id,
        "title": t.title,
        "hours": f"{fr_time(t.starts_at)} – {fr_time(t.ends_at)}",
        "day": fr_day(t.starts_at),
        "starts_iso": aware(t.starts_at).isoformat(),
        "ends_iso": aware(t.ends_at).isoformat(),
        "state": view.state,
        "track": t.track,
        "audience_label": view.audience_label,
        "speaker_accounts": view.speaker_accounts,
        "guests": list(t.speakers),
        "stand_id": t.stand_id,
        "stand_name": view.stand_name,
        "places": places_text(view),
        "is_full": view.is_full,
        "provider_label": view.provider_label,
        "registered_classes": registered,
        "free_classes": free,
        "can_register": view.state != ENDED and bool(free),
    }


def _filters(request: Request, tracks: list[str]) -> dict[str, str]:
    audience = request.query_params.get("public", "")
    track = request.query_params.get("salle", "")
    return {
        "public": audience if audience in AUDIENCES else "",
        "salle": track if track in tracks else "",
    }


def _keep(view: TalkView, filters: dict[str, str]) -> bool:
    """The audience filter keeps the talks for that audience and the talks for everyone."""
    if filters["public"] and view.talk.audience not in (filters["public"], "all"):
        return False
    return not filters["salle"] or view.talk.track == filters["salle"]


def by_day_and_track(views: Iterable[TalkView], classes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    days: dict[Any, dict[str, list[TalkView]]] = {}
    for view in views:
        day = paris(view.talk.starts_at).date()
        days.setdefault(day, {}).setdefault(view.talk.track, []).append(view)
    result = []
    for day in sorted(days):
        tracks = sorted(days[day].items(), key=lambda kv: (kv[0] == "", french_sort_key(kv[0])))
        result.append(
            {
                "id": f"jour-{day.isoformat()}",
                "label": fr_day(day),
                "tracks": [
                    {"name": name or _(NO_TRACK), "talks": [talk_item(v, classes) for v in talks]}
                    for name, talks in tracks
                ],
            }
        )
    return result


async def _teacher_classes(db: Any, user: Principal | None) -> list[dict[str, Any]]:
    if user is None or user.role != Role.TEACHER:
        return []
    return [{"id": c.id, "label": c.label} for c in await programme.teacher_classes(db, user.id)]


async def _agenda(
    request: Request, slug: str, *, error: DomainError | None = None, here: str | None = None
) -> Response:
    user = await current_principal(request)
    now = utcnow()
    async with services(request).sessions() as db:
        event = await event_by_slug(db, slug)
        classes = await _teacher_classes(db, user)
        views = await programme.talk_views(db, now, event_id=event.id, class_ids=[c["id"] for c in classes])
    tracks = sorted({v.talk.track for v in views if v.talk.track}, key=french_sort_key)
    filters = _filters(request, tracks)
    shown = [v for v in views if _keep(v, filters)]
    live = [talk_item(v, classes) for v in shown if v.state == LIVE]
    upcoming = [talk_item(v, classes) for v in shown if v.state == UPCOMING][:NEXT_UP]
    here = here or request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return await render(
        request,
        "sessions/programme.html",
        {
            "event": _event_view(event),
            "programme_url": f"/events/{event.slug}/programme",
            "here": here,
            "live": live,
            "upcoming": upcoming,
            "days": by_day_and_track(shown, classes),
            "total": len(views),
            "shown": len(shown),
            "filters": filters,
            "filters_active": bool(filters["public"] or filters["salle"]),
            "audiences": list(AUDIENCES.items()),
            "tracks": tracks,
            "classes": classes,
            "is_teacher": user is not None and user.role == Role.TEACHER,
            "flash": pop_flash(request),
            "error": error.message if error else None,
        },
        status_code=error.status if error else 200,
    )


def _event_view(event: Event) -> dict[str, Any]:
    return {"slug": event.slug, "title": event.title, "is_open": event_is_open(event)}


async def agenda_page(request: Request) -> Response:
    return await _agenda(request, request.path_params["slug"])


def _class_id(values: dict[str, str]) -> int:
    raw = values.get("class_id", "").strip()
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= service.MAX_ID:
        raise DomainError("invalid", _("Choisissez la classe à inscrire."))
    return int(raw)


async def _registration(request: Request, *, cancel: bool) -> Response:
    user = await current_principal(request)
    if user is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    talk_id = request.path_params["talk_id"]
    values = texts(await read_form(request))
    async with services(request).sessions() as db:
        talk = await service.get_talk(db, talk_id)
        event = await db.get(Event, talk.event_id)
        assert event is not None
    default = f"/events/{event.slug}/programme#talk-{talk_id}"
    back = safe_next(values.get("next"), default)
    try:
        class_id = _class_id(values)
        async with services(request).sessions() as db:
            if cancel:
                await service.cancel_registration(db, user, talk_id, class_id)
            else:
                await service.register_class(db, user, talk_id, class_id)
    except DomainError as exc:
        if exc.code in ("unauthorized", "forbidden", "not_found"):
            raise
        # The agenda again with the refusal; its forms come back to where this one was sent from.
        return await _agenda(request, event.slug, error=exc, here=back.split("#", 1)[0])
    message = (
        _("L'inscription à « %(title)s » est annulée.") if cancel else _("Votre classe est inscrite à « %(title)s ».")
    )
    return done(request, back, message % {"title": talk.title})


async def register(request: Request) -> Response:
    return await _registration(request, cancel=False)


async def cancel(request: Request) -> Response:
    return await _registration(request, cancel=True)


async def class_agenda(request: Request) -> Response:
    """A teacher's classes with the talks each is registered to, and each class's calendar link."""
    user = await current_principal(request)
    if user is None:
        return RedirectResponse("/login?next=/classe/programme", status_code=303)
    if user.role != Role.TEACHER:
        raise DomainError("forbidden", _("Cette page est réservée aux comptes enseignants."))
    svc = services(request)
    now = utcnow()
    async with svc.sessions() as db:
        classes = await _teacher_classes(db, user)
        ids = [c["id"] for c in classes]
        registered = await programme.class_talk_ids(db, ids)
        all_ids = sorted({t for talks in registered.values() for t in talks})
        views = {v.id: v for v in await programme.talk_views(db, now, talk_ids=all_ids, class_ids=ids)}
        events = await programme.events_by_id(db, sorted({v.talk.event_id for v in views.values()}))
        open_events = [e for e in await list_events(db) if aware(e.ends_at) > now]
    result = []
    for c in classes:
        key = calendar.class_calendar_key(svc.settings.secret_key, c["id"])
        path = f"/api/classes/{c['id']}/talks.ics?{urlencode({'key': key})}"
        talks = sorted((views[t] for t in registered[c["id"]]), key=lambda v: (aware(v.talk.starts_at), v.id))
        result.append(
            {
                **c,
                "ics_path": path,
                "ics_url": f"{svc.settings.public_url}{path}",
                "talks": [
                    {
                        **talk_item(v, [c]),
                        "event_title": events[v.talk.event_id].title,
                        "event_slug": events[v.talk.event_id].slug,
                        "day": fr_day(v.talk.starts_at),
                    }
                    for v in talks
                ],
            }
        )
    return await render(
        request,
        "sessions/class_programme.html",
        {
            "classes": result,
            "events": [{"slug": e.slug, "title": e.title} for e in open_events],
            "flash": pop_flash(request),
        },
    )


routes = [
    Route("/events/{slug:str}/programme", agenda_page),
    Route("/talks/{talk_id:int}/inscription", register, methods=["POST"]),
    Route("/talks/{talk_id:int}/inscription/annuler", cancel, methods=["POST"]),
    Route("/classe/programme", class_agenda),
]
