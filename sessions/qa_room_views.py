"""HTTP views of the CFA Q&A rooms: a room's page (`/qa-rooms/{id}`), its suggestions of similar questions
(`/api/qa-rooms/{id}/similar?q=`), the CFA staff console (`/qa-rooms/console`) and the organisers' figures
(`/admin/events/{slug}/qa` and `.csv`)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from server.errors import DomainError
from server.i18n import gettext as _
from server.timeutil import aware, utcnow
from server.web import JSONResponse, current_principal, render, services
from sessions import qa_live
from sessions.talk_views import page_strings as talk_strings
from stands.permissions import require_organiser
from stands.service import event_by_slug
from stands.visit_views import NO_STORE, csv_cell

MAX_QUERY = 500


def page_strings() -> dict[str, str]:
    """Strings of static/js/questions.js on a CFA room and the console (the talk page's, and these)."""
    return {
        **talk_strings(),
        "vote": _("Moi aussi"),
        "vote_label": _("Moi aussi : j'ai la même question"),
        "voted_label": _("Moi aussi, déjà dit pour cette question"),
        "votes_one": _("%(num)d « moi aussi »"),
        "votes_many": _("%(num)d « moi aussi »"),
        "sent_pending": _("Question envoyée : elle paraîtra quand l'équipe d'un CFA l'aura validée."),
        "answer_by_cfa": _("Réponse de %(name)s, %(cfa)s"),
        "edited": _("modifiée"),
        "new_answer": _("Nouvelle réponse"),
        "resolved": _("Résolue"),
        "similar_title": _("Ces questions ressemblent à la vôtre : ajoutez « moi aussi » plutôt que de la reposer."),
        "claim": _("Je m'en occupe"),
        "release": _("Libérer"),
        "claimed_by": _("Prise en charge par %(name)s jusqu'à %(time)s"),
        "resolve": _("Marquer résolue"),
        "edit": _("Modifier"),
        "edit_send": _("Enregistrer la modification"),
        "sign_as": _("Signer au nom de"),
        "qa_ended": _("Le salon de questions est fermé."),
        "waiting": _("attend depuis %(time)s"),
    }


async def room_page(request: Request) -> Response:
    principal = await current_principal(request)
    async with services(request).sessions() as db:
        view = await qa_live.room_view(db, request.path_params["room_id"])
        questions, voted, moderates = await qa_live.visible_questions(db, view, principal)
        if principal is not None:
            seen = await qa_live.visit(db, view.room_id, principal.id)
            qa_live.mark_new(questions, principal.id, voted, seen)
    now = utcnow()
    is_open = aware(view.event.starts_at) <= now < aware(view.event.ends_at)
    response = await render(
        request,
        "sessions/qa_room.html",
        {
            "room": view.room,
            "event": view.event,
            "room_name": view.room_name,
            "cfas": view.cfas,
            "questions": questions,
            "voted": voted,
            "moderator": moderates,
            "qa_open": is_open,
            "i18n": page_strings(),
        },
    )
    response.headers.update(NO_STORE)
    return response


async def api_similar(request: Request) -> Response:
    """Published questions of the room like `q` (at most 5), for everyone: what the ask box suggests."""
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY:
        raise DomainError("too_long", f"La recherche dépasse {MAX_QUERY} caractères.")
    async with services(request).sessions() as db:
        view = await qa_live.room_view(db, request.path_params["room_id"])
        found = await qa_live.similar_questions(db, view, query)
    return JSONResponse(found)


async def console_page(request: Request) -> Response:
    principal = await current_principal(request)
    if principal is None:
        return RedirectResponse("/login?next=/qa-rooms/console", status_code=303)
    if not (principal.staff_stands or principal.is_moderator or principal.is_organiser):
        raise DomainError("forbidden", _("Cette console est réservée aux équipes des CFA et à la modération."))
    async with services(request).sessions() as db:
        rooms = await qa_live.console_questions(db, principal)
    response = await render(request, "sessions/qa_console.html", {"rooms": rooms, "i18n": page_strings()})
    response.headers.update(NO_STORE)
    return response


async def _figures(request: Request) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    require_organiser(await current_principal(request))
    async with services(request).sessions() as db:
        event = await event_by_slug(db, request.path_params["slug"])
        return event, await qa_live.figures(db, event)


async def figures_page(request: Request) -> Response:
    event, figures = await _figures(request)
    response = await render(request, "sessions/admin/qa_figures.html", {"event": event, **figures})
    response.headers.update(NO_STORE)
    return response


async def figures_csv(request: Request) -> Response:
    event, figures = await _figures(request)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["niveau", "nom", "questions", "repondues", "mediane_minutes_premiere_reponse"])
    for level, key in (("cfa", "cfas"), ("pole", "clusters")):
        for row in figures[key]:
            median = "" if row["median_minutes"] is None else str(row["median_minutes"]).replace(".", ",")
            writer.writerow([level, csv_cell(row["name"]), row["asked"], row["answered"], median])
    filename = "questions-" + re.sub(r"[^A-Za-z0-9_-]", "-", event.slug) + ".csv"
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **NO_STORE},
    )


routes: list[BaseRoute] = [
    Route("/qa-rooms/console", console_page, name="qa_console"),
    Route("/qa-rooms/{room_id:int}", room_page, name="qa_room"),
    Route("/api/qa-rooms/{room_id:int}/similar", api_similar),
    Route("/admin/events/{slug:str}/qa", figures_page, name="event_qa_figures"),
    Route("/admin/events/{slug:str}/qa.csv", figures_csv),
]
