"""The back office's stand page (/admin/stands/{id}) and the forms it holds, each posted to its own
address: the stand's fields, its logo, documents, staffed hours and staff (job cards, offers and videos
are in admin_row_views.py).

Every form works without JavaScript (POST, then a redirect back to the page with a short message); a
refused form shows the page again with its errors, at the refusal's status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_period
from server.i18n import N_, gettext
from server.i18n import gettext as _
from server.invitations_adults import role_label
from server.models import Role
from server.timeutil import aware, utcnow
from server.web import render, services
from stands import backoffice, backoffice_content, forms, service
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
from stands.form_rules import FormInvalid
from stands.models import StaffInvitation, StandStaff
from stands.permissions import require_stand_editor
from stands.sectors import KINDS, OFFER_KINDS, SECTORS, choices, kind_label, offer_kind_label, sector_label
from stands.uploads import LOGO_MAX_BYTES, PDF_MAX_BYTES


def stand_url(stand_id: int, anchor: str = "") -> str:
    return f"/admin/stands/{stand_id}" + (f"#{anchor}" if anchor else "")


def _row_values(row: Any, names: tuple[str, ...]) -> dict[str, str]:
    return {name: "" if getattr(row, name) is None else str(getattr(row, name)) for name in names}


JOB_FIELDS = ("title", "rome_code", "missions", "skills", "training", "conditions", "salary")
OFFER_FIELDS = ("kind", "title", "description", "place", "starts_on", "ends_on", "how_to_apply")
VIDEO_FIELDS = ("title", "url", "transcript_url")


async def _pending_invitations(db: Any, stand_id: int) -> list[dict[str, Any]]:
    rows = await db.exec(
        select(StaffInvitation)
        .where(StaffInvitation.stand_id == stand_id, col(StaffInvitation.accepted_at).is_(None))
        .order_by(col(StaffInvitation.created_at))
    )
    now = utcnow()
    return [
        {"email": i.email, "expires": rules.display_moment(i.expires_at), "role": role_label(i.role) if i.role else ""}
        for i in rows.all()
        if aware(i.expires_at) > now
    ]


async def stand_page(request: Request, principal: Principal, stand_id: int, failure: Failure | None = None) -> Response:
    """The stand's back-office page; `failure` is a refused form to show again with its errors."""
    require_stand_editor(principal, stand_id)
    async with services(request).sessions() as db:
        detail = await service.stand_detail(db, stand_id)
        lead = await backoffice.is_lead(db, principal, stand_id)
        pending = await _pending_invitations(db, stand_id) if principal.is_organiser or lead else []
        leads = set(
            (await db.exec(select(StandStaff.user_id).where(StandStaff.stand_id == stand_id, StandStaff.is_lead))).all()
        )
        banners = await service.media_urls(db, [detail["stand"].banner_id, *(v.poster_id for v in detail["videos"])])
    stand, event = detail["stand"], detail["event"]
    defaults: dict[str, Mapping[str, Any]] = {
        "stand": _row_values(stand, forms.STAND_FIELDS),
        "logo": {},
        "banner": {},
        "job-new": {},
        "offer-new": {"kind": next(iter(OFFER_KINDS))},
        "video-new": {},
        "document-new": {},
        "hours-new": {},
        "staff-new": {"role": USUAL_ROLE},
    }
    defaults |= {f"job-{c.id}": _row_values(c, JOB_FIELDS) for c in detail["job_cards"]}
    defaults |= {f"offer-{o.id}": _row_values(o, OFFER_FIELDS) for o in detail["offers"]}
    defaults |= {f"video-{v.id}": _row_values(v, VIDEO_FIELDS) for v in detail["videos"]}
    defaults |= {f"poster-{v.id}": {} for v in detail["videos"]}
    context = {
        "stand": {
            **stand.model_dump(),
            "kind_label": kind_label(stand.kind),
            "sector_label": sector_label(stand.sector),
        },
        "event": {"slug": event.slug, "title": event.title, "starts": rules.display_moment(event.starts_at)}
        | {"ends": rules.display_moment(event.ends_at), "period": fr_period(event.starts_at, event.ends_at)},
        "logo_sha256": detail["logo_sha256"],
        "banner_url": banners.get(stand.banner_id) if stand.banner_id else None,
        "job_cards": detail["job_cards"],
        "offers": [{"row": o, "kind_label": offer_kind_label(o.kind)} for o in detail["offers"]],
        "videos": detail["videos"],
        "posters": {v.id: banners[v.poster_id] for v in detail["videos"] if v.poster_id in banners},
        "documents": detail["documents"],
        "hours": [
            {
                "id": h.id,
                "starts": rules.display_moment(h.starts_at),
                "ends": rules.display_moment(h.ends_at),
                "period": fr_period(h.starts_at, h.ends_at, capital=True),
            }
            for h in detail["hours"]
        ],
        "staff": [
            {"id": u.id, "name": u.name, "email": u.email, "is_lead": u.id in leads, "role": role_label(u.role)}
            for u in detail["staff"]
        ],
        "pending": pending,
        "is_organiser": principal.is_organiser,
        "is_lead": lead,
        "invite_roles": invite_roles(stand.kind, organiser=principal.is_organiser),
        "forms": states(defaults, failure),
        "failure": failure,
        "labels": rules.labels(),
        "kinds": choices(KINDS),
        "sectors": choices(SECTORS),
        "offer_kinds": choices(OFFER_KINDS),
        "logo_max_mb": LOGO_MAX_BYTES // (1024 * 1024),
        "pdf_max_mb": PDF_MAX_BYTES // (1024 * 1024),
        "flash": None if failure else pop_flash(request),
    }
    return await render(request, "stands/admin/stand.html", context, failure.status if failure else 200)


async def stand_view(request: Request) -> Response:
    stand_id = request.path_params["stand_id"]
    if request.method == "GET":
        viewer = await page_viewer(request)
        if isinstance(viewer, Response):
            return viewer
        return await stand_page(request, viewer, stand_id)
    principal = await form_sender(request)
    values = texts(await read_form(request))
    posted = forms.stand_fields_posted(values)
    backoffice.check_stand_change(principal, stand_id, posted)  # 403 before any detail of the form
    try:
        changes = forms.parse_stand(values, posted)
        async with services(request).sessions() as db:
            await backoffice.update_stand(db, principal, stand_id=stand_id, **changes)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("stand", values, exc))
    return done(request, stand_url(stand_id, "presentation"), _("La présentation du stand est enregistrée."))


async def _upload(request: Request, key: str) -> tuple[Principal, int, dict[str, str], bytes] | Response:
    """Who posts, to which stand, the text fields and the file of an upload form (or the page with its error)."""
    principal = await form_sender(request)
    stand_id = request.path_params["stand_id"]
    require_stand_editor(principal, stand_id)
    try:
        form = await read_form(request, upload=True)
    except DomainError as exc:
        return await stand_page(request, principal, stand_id, Failure.of(key, {}, exc, "file"))
    values, data = texts(form), await file_bytes(form, "file")
    return principal, stand_id, values, data


async def logo_upload(request: Request) -> Response:
    upload = await _upload(request, "logo")
    if isinstance(upload, Response):
        return upload
    principal, stand_id, values, data = upload
    try:
        async with services(request).sessions() as db:
            await backoffice.set_logo(db, principal, stand_id=stand_id, data=data)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("logo", values, exc))
    return done(request, stand_url(stand_id, "logo"), _("Le logo est enregistré."))


async def banner_upload(request: Request) -> Response:
    upload = await _upload(request, "banner")
    if isinstance(upload, Response):
        return upload
    principal, stand_id, values, data = upload
    try:
        async with services(request).sessions() as db:
            await backoffice.set_banner(db, principal, stand_id=stand_id, data=data)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("banner", values, exc))
    return done(request, stand_url(stand_id, "banniere"), _("La bannière est enregistrée."))


async def poster_upload(request: Request) -> Response:
    video_id = request.path_params["video_id"]
    upload = await _upload(request, f"poster-{video_id}")
    if isinstance(upload, Response):
        return upload
    principal, stand_id, values, data = upload
    try:
        async with services(request).sessions() as db:
            await backoffice_content.set_video_poster(db, principal, stand_id=stand_id, video_id=video_id, data=data)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of(f"poster-{video_id}", values, exc))
    return done(request, stand_url(stand_id, "videos"), _("L'affiche de la vidéo est enregistrée."))


async def document_upload(request: Request) -> Response:
    upload = await _upload(request, "document-new")
    if isinstance(upload, Response):
        return upload
    principal, stand_id, values, data = upload
    try:
        title = forms.parse_document(values)["title"]
        async with services(request).sessions() as db:
            await backoffice_content.add_document(db, principal, stand_id=stand_id, title=title, data=data)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("document-new", values, exc))
    return done(request, stand_url(stand_id, "documents"), _("Le document est ajouté."))


async def hours_add(request: Request) -> Response:
    principal = await form_sender(request)
    stand_id = request.path_params["stand_id"]
    require_stand_editor(principal, stand_id)
    values = texts(await read_form(request))
    try:
        parsed = forms.parse_hours(values)
        async with services(request).sessions() as db:
            await backoffice_content.add_hours(db, principal, stand_id=stand_id, **parsed)
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("hours-new", values, exc))
    return done(request, stand_url(stand_id, "permanences"), _("La permanence est ajoutée."))


INVITE_MESSAGES = {
    "added": N_("%(email)s fait maintenant partie de l'équipe du stand."),
    "already": N_("%(email)s fait déjà partie de l'équipe du stand."),
    "pending": N_("Une invitation attend déjà %(email)s : elle reste valable jusqu'à sa date d'expiration."),
    "invited": N_("Invitation envoyée à %(email)s. Si l'e-mail n'arrive pas, transmettez-lui ce lien :"),
}


USUAL_ROLE = forms.USUAL_ROLE


def invite_roles(kind: str, *, organiser: bool) -> list[tuple[str, str]]:
    """The role choices of the stand's invitation form: "" is a colleague with the stand's usual role."""
    usual = _("Membre de l'équipe (%(role)s)") % {"role": role_label(Role.CFA if kind == "cfa" else Role.PROFESSIONAL)}
    roles = backoffice.ORGANISER_INVITE_ROLES if organiser else backoffice.LEAD_INVITE_ROLES
    return [(USUAL_ROLE, usual) if not r else (str(r), role_label(r)) for r in roles]


async def staff_invite(request: Request) -> Response:
    principal = await form_sender(request)
    stand_id = request.path_params["stand_id"]
    values = texts(await read_form(request))
    try:
        parsed = forms.parse_invitation(values)
        async with services(request).sessions() as db:
            result = await backoffice.invite_staff(
                db,
                principal,
                services(request).settings,
                stand_id=stand_id,
                email=parsed["email"],
                role=parsed["role"],
                is_minor=parsed["is_minor"],
            )
    except FormInvalid as exc:
        return await stand_page(request, principal, stand_id, Failure.of("staff-new", values, exc))
    message = gettext(INVITE_MESSAGES[result.status]) % {"email": result.email}
    if result.status == "invited" and not result.mailed:
        message = _("L'e-mail pour %(email)s n'a pas pu partir : transmettez-lui vous-même ce lien :") % {
            "email": result.email
        }
    return done(request, stand_url(stand_id, "equipe"), message, result.link)


async def staff_remove(request: Request) -> Response:
    principal = await form_sender(request)
    stand_id, user_id = request.path_params["stand_id"], request.path_params["user_id"]
    async with services(request).sessions() as db:
        await backoffice.remove_staff(db, principal, stand_id=stand_id, user_id=user_id)
    return done(request, stand_url(stand_id, "equipe"), _("La personne ne fait plus partie de l'équipe du stand."))


async def staff_lead(request: Request) -> Response:
    principal = await form_sender(request)
    stand_id, user_id = request.path_params["stand_id"], request.path_params["user_id"]
    lead = texts(await read_form(request)).get("lead") == "1"
    async with services(request).sessions() as db:
        await backoffice.set_lead(db, principal, stand_id=stand_id, user_id=user_id, lead=lead)
    if lead:
        message = _("La personne est maintenant responsable du stand.")
    else:
        message = _("La personne n'est plus responsable du stand.")
    return done(request, stand_url(stand_id, "equipe"), message)


BASE = "/admin/stands/{stand_id:int}"
routes: list[BaseRoute] = [
    Route(BASE, stand_view, methods=["GET", "POST"], name="admin_stand"),
    Route(f"{BASE}/logo", logo_upload, methods=["POST"]),
    Route(f"{BASE}/banner", banner_upload, methods=["POST"]),
    Route(f"{BASE}/videos/{{video_id:int}}/poster", poster_upload, methods=["POST"]),
    Route(f"{BASE}/documents", document_upload, methods=["POST"]),
    Route(f"{BASE}/hours", hours_add, methods=["POST"]),
    Route(f"{BASE}/staff", staff_invite, methods=["POST"]),
    Route(f"{BASE}/staff/{{user_id:int}}/delete", staff_remove, methods=["POST"]),
    Route(f"{BASE}/staff/{{user_id:int}}/lead", staff_lead, methods=["POST"]),
]
