"""The back office's programme: an event's talks (organisers and moderators create, edit and delete them),
and a speaker's own talks, whose description they may edit ("Mon stand" → "Mes conférences").

Forms follow the back office's pattern (stands/admin_http.py): POST, then redirect with a flash message, or
the same page again with each refusal next to its field.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_day, fr_time, french_sort_key
from server.i18n import gettext as _
from server.timeutil import paris, utcnow
from server.web import render, services
from sessions import programme, service, talk_forms
from sessions.models import Talk, TalkSpeaker
from sessions.programme import TalkView
from sessions.talk_rules import AUDIENCES
from stands import form_rules
from stands.admin_http import Failure, done, form_sender, page_viewer, pop_flash, read_form, states, texts
from stands.form_rules import FormInvalid
from stands.models import Event, Stand
from stands.service import event_by_slug

NEW_TALK = {"audience": "all", "premoderated": "1", "speaker_ids": []}


def _labels() -> dict[str, str]:
    return {**form_rules.labels(), **talk_forms.labels()}


def _require_programmer(principal: Principal) -> Principal:
    if not service.may_run_programme(principal):
        raise DomainError("forbidden", _("Seule l'équipe d'organisation peut modifier le programme."))
    return principal


def _talk_values(view: TalkView) -> dict[str, Any]:
    t = view.talk
    start, end = paris(t.starts_at), paris(t.ends_at)
    return {
        "title": t.title,
        "description": t.description,
        "stand_id": str(t.stand_id or ""),
        "track": t.track,
        "starts_on": start.date().isoformat(),
        "starts_time": start.strftime("%H:%M"),
        "ends_on": end.date().isoformat() if end.date() != start.date() else "",
        "ends_time": end.strftime("%H:%M"),
        "audience": t.audience,
        "capacity_classes": str(t.capacity_classes or ""),
        "stream_url": t.stream_url,
        "replay_url": t.replay_url,
        "premoderated": "1" if t.premoderated else "",
        "speaker_ids": [str(s["id"]) for s in view.speaker_accounts],
        "guest_speakers": "\n".join(t.speakers),
    }


def _summary(view: TalkView) -> dict[str, Any]:
    t = view.talk
    return {
        "id": view.id,
        "title": t.title,
        "when": f"{fr_day(t.starts_at)}, {fr_time(t.starts_at)} – {fr_time(t.ends_at)}",
        "track": t.track,
        "speakers": view.speakers,
        "state": view.state,
        "audience_label": view.audience_label,
    }


async def _form_choices(db: Any, event: Event) -> dict[str, Any]:
    stands = (await db.exec(select(Stand).where(Stand.event_id == event.id))).all()
    staff = await service.event_staff(db, event.id)  # type: ignore[arg-type]
    tracks = (await db.exec(select(Talk.track).where(Talk.event_id == event.id).distinct())).all()
    return {
        "stands": [(str(s.id), s.name) for s in sorted(stands, key=lambda s: french_sort_key(s.name))],
        "staff": sorted(staff.values(), key=lambda s: (french_sort_key(s["name"]), s["id"])),
        "tracks": sorted({t for t in tracks if t}, key=french_sort_key),
        "audiences": list(AUDIENCES.items()),
    }


async def _talk_page(
    request: Request, event: Event, view: TalkView | None, values: dict[str, Any], failure: Failure | None = None
) -> Response:
    async with services(request).sessions() as db:
        choices = await _form_choices(db, event)
    return await render(
        request,
        "sessions/admin/talk.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "talk": _summary(view) if view else None,
            "forms": states({"talk": values}, failure),
            "failure": failure,
            "labels": _labels(),
            **choices,
        },
        status_code=failure.status if failure else 200,
    )


def _failure(values: dict[str, Any], exc: DomainError) -> Failure:
    errors = talk_forms.form_errors(exc.fields) if isinstance(exc, FormInvalid) else {"title": exc.message}
    order = list(talk_forms.LABELS)  # the summary lists the errors in the form's order
    errors = dict(sorted(errors.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    return Failure("talk", values, errors, exc.status)


async def event_talks(request: Request) -> Response:
    viewer = await page_viewer(request)
    if isinstance(viewer, Response):
        return viewer
    _require_programmer(viewer)
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        views = await programme.talk_views(db, utcnow(), event_id=event.id)
    days: dict[str, list[dict[str, Any]]] = {}
    for view in views:
        days.setdefault(fr_day(view.talk.starts_at), []).append(_summary(view))
    return await render(
        request,
        "sessions/admin/talks.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "days": list(days.items()),
            "flash": pop_flash(request),
        },
    )


def _posted(form: Any) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = texts(form)
    speaker_ids = [v for v in form.getlist("speaker_ids") if isinstance(v, str)]
    values["speaker_ids"] = speaker_ids
    return values, speaker_ids


async def talk_new(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    _require_programmer(viewer)
    slug = request.path_params["slug"]
    async with services(request).sessions() as db:
        event = await event_by_slug(db, slug)
    if not posting:
        return await _talk_page(request, event, None, NEW_TALK)
    values, speaker_ids = _posted(await read_form(request))
    try:
        parsed = talk_forms.parse_talk(values, speaker_ids)
        async with services(request).sessions() as db:
            talk = await service.create_talk(db, viewer, event_slug=slug, **parsed)
    except DomainError as exc:
        return await _talk_page(request, event, None, values, _failure(values, exc))
    return done(
        request, f"/admin/events/{slug}/talks", _("La conférence « %(title)s » est créée.") % {"title": talk.title}
    )


async def _one_talk(db: Any, talk_id: int) -> tuple[TalkView, Event]:
    talk = await service.get_talk(db, talk_id)
    views = await programme.talk_views(db, utcnow(), talk_ids=[talk_id])
    event = await db.get(Event, talk.event_id)
    assert event is not None
    return views[0], event


async def talk_edit(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    talk_id = request.path_params["talk_id"]
    async with services(request).sessions() as db:
        view, event = await _one_talk(db, talk_id)
        speaker = await service.is_speaker(db, viewer, talk_id)
    if not service.may_run_programme(viewer):
        if not speaker:
            raise DomainError("forbidden", _(service.NOT_ALLOWED))
        return await _description_page(request, viewer, view, event, posting)
    if not posting:
        return await _talk_page(request, event, view, _talk_values(view))
    values, speaker_ids = _posted(await read_form(request))
    try:
        parsed = talk_forms.parse_talk(values, speaker_ids)
        async with services(request).sessions() as db:
            await service.update_talk(db, viewer, talk_id, hub=services(request).hub, **parsed)
    except DomainError as exc:
        return await _talk_page(request, event, view, values, _failure(values, exc))
    return done(request, f"/admin/events/{event.slug}/talks", _("La conférence est enregistrée."))


async def _description_page(
    request: Request, viewer: Principal, view: TalkView, event: Event, posting: bool
) -> Response:
    """A speaker's form: the talk's description only; any other field posted is refused by the service."""
    failure = None
    if posting:
        values = texts(await read_form(request))
        # Every field of the full form is passed on, so that the service refuses what a speaker may not change.
        known = set(service.TALK_FIELDS) | set(talk_forms.LABELS)
        changes: dict[str, Any] = {k: v for k, v in values.items() if k in known}
        if "description" in changes:
            changes["description"] = talk_forms.FormReader(values).text(
                "description", max_length=talk_forms.LONG_TEXT, multiline=True
            )
        try:
            async with services(request).sessions() as db:
                await service.update_talk(db, viewer, view.id, hub=services(request).hub, **changes)
        except DomainError as exc:
            if exc.code == "forbidden":
                raise
            failure = Failure.of("talk", values, exc, "description")
        else:
            return done(
                request,
                "/admin/talks",
                _("La présentation de « %(title)s » est enregistrée.") % {"title": view.talk.title},
            )
    return await render(
        request,
        "sessions/admin/talk_description.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "talk": _summary(view),
            "forms": states({"talk": {"description": view.talk.description}}, failure),
            "failure": failure,
            "labels": _labels(),
        },
        status_code=failure.status if failure else 200,
    )


async def talk_delete(request: Request) -> Response:
    viewer = await form_sender(request)
    talk_id = request.path_params["talk_id"]
    async with services(request).sessions() as db:
        talk = await service.get_talk(db, talk_id)
        event = await db.get(Event, talk.event_id)
        assert event is not None
        title, slug = talk.title, event.slug
        await service.delete_talk(db, viewer, talk_id)
    return done(
        request, f"/admin/events/{slug}/talks", _("La conférence « %(title)s » est supprimée.") % {"title": title}
    )


async def my_talks(request: Request) -> Response:
    """The talks this person speaks in ("Mes conférences"), each with its description form."""
    viewer = await page_viewer(request)
    if isinstance(viewer, Response):
        return viewer
    async with services(request).sessions() as db:
        ids = list((await db.exec(select(TalkSpeaker.talk_id).where(col(TalkSpeaker.user_id) == viewer.id))).all())
        views = await programme.talk_views(db, utcnow(), talk_ids=ids)
        events = await programme.events_by_id(db, sorted({v.talk.event_id for v in views}))
    return await render(
        request,
        "sessions/admin/my_talks.html",
        {
            "talks": [
                {
                    **_summary(v),
                    "event_title": events[v.talk.event_id].title,
                    "event_slug": events[v.talk.event_id].slug,
                }
                for v in views
            ],
            "flash": pop_flash(request),
        },
    )


routes = [
    Route("/admin/talks", my_talks),
    Route("/admin/events/{slug:str}/talks", event_talks),
    Route("/admin/events/{slug:str}/talks/new", talk_new, methods=["GET", "POST"]),
    Route("/admin/talks/{talk_id:int}", talk_edit, methods=["GET", "POST"]),
    Route("/admin/talks/{talk_id:int}/delete", talk_delete, methods=["POST"]),
]
