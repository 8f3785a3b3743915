"""The back office's CFA rooms (organisers): an event's rooms by trade cluster, created, edited and deleted with
the back office's form pattern (POST, then redirect with a flash message, or the page again with each refusal
next to its field); and the rooms' API, `GET /api/events/{slug}/qa-rooms`."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.errors import DomainError
from server.i18n import gettext as _
from server.web import JSONResponse, render, services
from sessions import qa_rooms
from sessions.qa_rooms import CLUSTERS, OTHER
from stands import form_rules
from stands.admin_http import Failure, done, form_sender, page_viewer, pop_flash, read_form, states, texts
from stands.form_rules import FormInvalid
from stands.models import Event
from stands.service import event_by_slug

NEW_ROOM: dict[str, Any] = {"cluster": "", "cfa_ids": []}


def _labels() -> dict[str, str]:
    return {**form_rules.labels(), **qa_rooms.labels()}


def _require_organiser(viewer: Any) -> None:
    if not viewer.is_organiser:
        raise DomainError("forbidden", _("Seule l'équipe d'organisation peut modifier les salles des CFA."))


def _values(card: dict[str, Any]) -> dict[str, Any]:
    known = card["cluster"] in CLUSTERS
    return {
        "cluster": card["cluster"] if known else OTHER,
        "cluster_label": "" if known else card["cluster"],
        "title": card["title"],
        "description": card["description"],
        "trades": qa_rooms.trades_text(card["trades"]),
        "cfa_ids": [str(c["id"]) for c in card["cfas"]],
    }


async def _room_page(
    request: Request, event: Event, room: dict[str, Any] | None, values: dict[str, Any], failure: Failure | None = None
) -> Response:
    async with services(request).sessions() as db:
        cfas = await qa_rooms.event_cfas(db, event.id)  # type: ignore[arg-type]
    return await render(
        request,
        "sessions/admin/qa_room.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "room": room,
            "forms": states({"room": values}, failure),
            "failure": failure,
            "labels": _labels(),
            "clusters": [*CLUSTERS.items(), (OTHER, _("Autre (libellé libre)"))],
            "cfas": [(str(s.id), s.name) for s in cfas],
        },
        status_code=failure.status if failure else 200,
    )


def _failure(values: dict[str, Any], exc: DomainError) -> Failure:
    errors = dict(exc.fields) if isinstance(exc, FormInvalid) else {"title": exc.message}
    order = list(qa_rooms.LABELS)
    errors = dict(sorted(errors.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    return Failure("room", values, errors, exc.status)


def _posted(form: Any) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = texts(form)
    cfa_ids = [v for v in form.getlist("cfa_ids") if isinstance(v, str)]
    values["cfa_ids"] = cfa_ids
    return values, cfa_ids


async def event_rooms(request: Request) -> Response:
    viewer = await page_viewer(request)
    if isinstance(viewer, Response):
        return viewer
    _require_organiser(viewer)
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        cards = await qa_rooms.room_cards(db, event.id)  # type: ignore[arg-type]
    return await render(
        request,
        "sessions/admin/qa_rooms.html",
        {"event": {"slug": event.slug, "title": event.title}, "rooms": cards, "flash": pop_flash(request)},
    )


async def room_new(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    _require_organiser(viewer)
    slug = request.path_params["slug"]
    async with services(request).sessions() as db:
        event = await event_by_slug(db, slug)
    if not posting:
        return await _room_page(request, event, None, NEW_ROOM)
    values, cfa_ids = _posted(await read_form(request))
    try:
        parsed = qa_rooms.parse_room(values, cfa_ids)
        async with services(request).sessions() as db:
            room = await qa_rooms.create_room(db, viewer, event, **parsed)
    except DomainError as exc:
        return await _room_page(request, event, None, values, _failure(values, exc))
    return done(
        request, f"/admin/events/{slug}/qa-rooms", _("La salle « %(title)s » est créée.") % {"title": room.title}
    )


async def _one_room(db: Any, room_id: int) -> tuple[dict[str, Any], Event]:
    room = await qa_rooms.get_room(db, room_id)
    event = await db.get(Event, room.event_id)
    assert event is not None
    (card,) = await qa_rooms.room_cards(db, event.id, room_ids=[room_id])  # type: ignore[arg-type]
    return card, event


async def room_edit(request: Request) -> Response:
    posting = request.method == "POST"
    viewer = await (form_sender(request) if posting else page_viewer(request))
    if isinstance(viewer, Response):
        return viewer
    _require_organiser(viewer)
    room_id = request.path_params["room_id"]
    async with services(request).sessions() as db:
        card, event = await _one_room(db, room_id)
    if not posting:
        return await _room_page(request, event, card, _values(card))
    values, cfa_ids = _posted(await read_form(request))
    try:
        parsed = qa_rooms.parse_room(values, cfa_ids)
        async with services(request).sessions() as db:
            await qa_rooms.update_room(db, viewer, room_id, **parsed)
    except DomainError as exc:
        return await _room_page(request, event, card, values, _failure(values, exc))
    return done(request, f"/admin/events/{event.slug}/qa-rooms", _("La salle est enregistrée."))


async def room_delete(request: Request) -> Response:
    viewer = await form_sender(request)
    room_id = request.path_params["room_id"]
    async with services(request).sessions() as db:
        room = await qa_rooms.get_room(db, room_id)
        event = await db.get(Event, room.event_id)
        assert event is not None
        slug = event.slug
        title = await qa_rooms.delete_room(db, viewer, room_id)
    return done(
        request, f"/admin/events/{slug}/qa-rooms", _("La salle « %(title)s » est supprimée.") % {"title": title}
    )


async def api_rooms(request: Request) -> Response:
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        cards = await qa_rooms.room_cards(db, event.id)  # type: ignore[arg-type]
    return JSONResponse([qa_rooms.api_room(c) for c in cards])


routes = [
    Route("/api/events/{slug:str}/qa-rooms", api_rooms),
    Route("/admin/events/{slug:str}/qa-rooms", event_rooms),
    Route("/admin/events/{slug:str}/qa-rooms/new", room_new, methods=["GET", "POST"]),
    Route("/admin/qa-rooms/{room_id:int}", room_edit, methods=["GET", "POST"]),
    Route("/admin/qa-rooms/{room_id:int}/delete", room_delete, methods=["POST"]),
]
