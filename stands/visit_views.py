"""Organisers' visit counts: GET /admin/events/{slug}/visits (tables) and …/visits.csv (spreadsheet)."""

from __future__ import annotations

import csv
import io
import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.i18n import gettext as _
from server.web import current_principal, render, services
from stands import service, visits
from stands.permissions import require_organiser
from stands.views import event_json

NO_STORE = {"Cache-Control": "private, no-store"}
# A cell a spreadsheet would read as a formula is written as text (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def class_label(label: str, class_id: int) -> str:
    if class_id == visits.NO_CLASS:
        return _("Visiteurs sans classe (adultes, visiteurs non connectés)")
    return label or _("Classe n° %(id)s") % {"id": class_id}


async def visits_page(request: Request) -> Response:
    require_organiser(await current_principal(request))
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, request.path_params["slug"])
        assert event.id is not None
        by_stand = await visits.visits_by_stand(db, event.id)
        by_class = await visits.visits_by_class(db, event.id)
    response = await render(
        request,
        "stands/admin/visits.html",
        {
            "event": event_json(event),
            "stands": by_stand,
            "classes": [{"row": c, "label": class_label(c.label, c.class_id)} for c in by_class],
            "totals": {
                "pupils": sum(s.pupils for s in by_stand),
                "others": sum(s.others for s in by_stand),
                "all": sum(s.total for s in by_stand),
            },
        },
    )
    response.headers.update(NO_STORE)
    return response


async def visits_csv(request: Request) -> Response:
    require_organiser(await current_principal(request))
    async with services(request).sessions() as db:
        event = await service.event_by_slug(db, request.path_params["slug"])
        assert event.id is not None
        rows = await visits.visit_details(db, event.id)
    out = io.StringIO()
    # Semicolons and a BOM: what spreadsheets set up for French open without an import dialog.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Stand"), _("Classe"), _("Établissement"), _("Visites")])
    for stand, class_id, label, school, count in rows:
        writer.writerow([csv_cell(stand), csv_cell(class_label(label, class_id)), csv_cell(school), count])
    filename = "visites-" + re.sub(r"[^A-Za-z0-9_-]", "-", event.slug) + ".csv"
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **NO_STORE},
    )


routes = [
    Route("/admin/events/{slug:str}/visits", visits_page, name="event_visits"),
    Route("/admin/events/{slug:str}/visits.csv", visits_csv, name="event_visits_csv"),
]
