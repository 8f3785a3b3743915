"""The back office's rows of a stand (job cards, offers, videos; deleting hours and documents too): one
table says, for each kind, its address, its form and its service functions.

POST /admin/stands/{id}/<kind> adds one, /<kind>/{row} changes it, /<kind>/{row}/delete deletes it; a
refused form shows the stand's page again with the errors, on the form that was sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from server.i18n import N_, gettext
from server.web import services
from stands import backoffice_content, forms
from stands.admin_http import Failure, done, form_sender, read_form, texts
from stands.admin_stand_views import BASE, stand_page, stand_url
from stands.form_rules import FormInvalid
from stands.permissions import require_stand_editor


@dataclass(frozen=True)
class RowKind:
    """A kind of row a stand holds, with the form that creates or changes one."""

    path: str  # in addresses: /admin/stands/{id}/<path>/{row_id}
    key: str  # prefix of the form's key and of its fields' ids
    anchor: str  # the page's section
    id_arg: str  # the service's keyword for the row's id
    delete: Callable[..., Awaitable[None]]
    deleted: str
    parse: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    save: Callable[..., Awaitable[Any]] | None = None
    saved: str = ""


ROW_KINDS = (
    RowKind(
        path="job-cards",
        key="job",
        anchor="fiches",
        id_arg="card_id",
        parse=forms.parse_job_card,
        save=backoffice_content.save_job_card,
        delete=backoffice_content.delete_job_card,
        saved=N_("La fiche métier est enregistrée."),
        deleted=N_("La fiche métier est supprimée."),
    ),
    RowKind(
        path="offers",
        key="offer",
        anchor="offres",
        id_arg="offer_id",
        parse=forms.parse_offer,
        save=backoffice_content.save_offer,
        delete=backoffice_content.delete_offer,
        saved=N_("L'offre est enregistrée."),
        deleted=N_("L'offre est supprimée."),
    ),
    RowKind(
        path="videos",
        key="video",
        anchor="videos",
        id_arg="video_id",
        parse=forms.parse_video,
        save=backoffice_content.save_video,
        delete=backoffice_content.delete_video,
        saved=N_("La vidéo est enregistrée."),
        deleted=N_("La vidéo est supprimée."),
    ),
    # Hours and documents are added by their own views (a period checked against the event, an upload).
    RowKind(
        path="hours",
        key="hours",
        anchor="permanences",
        id_arg="hours_id",
        delete=backoffice_content.delete_hours,
        deleted=N_("La permanence est supprimée."),
    ),
    RowKind(
        path="documents",
        key="document",
        anchor="documents",
        id_arg="document_id",
        delete=backoffice_content.delete_document,
        deleted=N_("Le document est supprimé."),
    ),
)


def row_saver(kind: RowKind) -> Callable[[Request], Awaitable[Response]]:
    async def save_row(request: Request) -> Response:
        assert kind.parse is not None and kind.save is not None
        principal = await form_sender(request)
        stand_id, row_id = request.path_params["stand_id"], request.path_params.get("row_id")
        require_stand_editor(principal, stand_id)
        values = texts(await read_form(request))
        key = f"{kind.key}-{row_id if row_id is not None else 'new'}"
        try:
            parsed = kind.parse(values)
            async with services(request).sessions() as db:
                ids = {kind.id_arg: row_id} if row_id is not None else {}
                await kind.save(db, principal, stand_id=stand_id, **ids, **parsed)
        except FormInvalid as exc:
            return await stand_page(request, principal, stand_id, Failure.of(key, values, exc))
        return done(request, stand_url(stand_id, kind.anchor), gettext(kind.saved))

    return save_row


def row_deleter(kind: RowKind) -> Callable[[Request], Awaitable[Response]]:
    async def delete_row(request: Request) -> Response:
        principal = await form_sender(request)
        stand_id, row_id = request.path_params["stand_id"], request.path_params["row_id"]
        async with services(request).sessions() as db:
            await kind.delete(db, principal, stand_id=stand_id, **{kind.id_arg: row_id})
        return done(request, stand_url(stand_id, kind.anchor), gettext(kind.deleted))

    return delete_row


routes: list[BaseRoute] = []
for _kind in ROW_KINDS:
    if _kind.save is not None:
        routes.append(Route(f"{BASE}/{_kind.path}", row_saver(_kind), methods=["POST"]))
        routes.append(Route(f"{BASE}/{_kind.path}/{{row_id:int}}", row_saver(_kind), methods=["POST"]))
    routes.append(Route(f"{BASE}/{_kind.path}/{{row_id:int}}/delete", row_deleter(_kind), methods=["POST"]))
