"""Adults' way in, as pages that work without JavaScript: teachers' sign-up (/inscription) and its confirmation
link, password reset (/mot-de-passe/oubli, /mot-de-passe/nouveau), accepting an organiser's invitation
(/compte/invitation), and the organisers' people page (/admin/people: adult accounts, invitations).

Links carry their token in the query string (GET) and in a hidden field (POST). Sign-up and reset mails are
rate-limited per client address and per e-mail address; their pages answer the same whether or not an account
exists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server import account_tokens as tokens
from server.api import client_key
from server.auth import issue_token, load_principal
from server.errors import DomainError
from server.i18n import N_, gettext
from server.i18n import gettext as _
from server.invitations_adults import (
    INVITABLE_ROLES,
    accept_adult_invitation,
    invite_adult,
    pending_invitations,
    role_label,
)
from server.models import Role, User
from server.pages import staff_landing
from server.password_reset import request_reset, reset_password
from server.password_rules import password_hint
from server.signup import accepted_domains_text, check_signup, confirm_signup, request_signup
from server.timeutil import utcnow
from server.web import current_principal, render, services
from stands import backoffice
from stands.admin_http import Failure, done, pop_flash, read_form, states, texts
from stands.form_rules import FormInvalid, labels
from stands.models import Event, Stand

# Mails asked per hour: a school shares one address, so the per-client budget is generous; per e-mail
# address, three links an hour are plenty and keep the page from flooding someone's inbox.
MAIL_WINDOW = 3600.0
MAILS_PER_CLIENT = 30
MAILS_PER_ADDRESS = 3
MAX_FORM = 16 * 1024


async def _form(request: Request) -> dict[str, str]:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM:
        raise DomainError("too_long", _("Le formulaire envoyé est trop volumineux."))
    values = texts(await read_form(request))
    if any("\x00" in value for value in values.values()):
        raise DomainError("invalid", _("Le formulaire contient un caractère invalide."))
    return values


async def spend_mail_budget(request: Request, bucket: str, email: str) -> None:
    """One mail more for this client and this address, or `rate_limited`."""
    limiter = services(request).limiter
    budgets = [(f"{bucket}-client:{client_key(request)}", MAILS_PER_CLIENT)]
    budgets.append((f"{bucket}-to:{email}", MAILS_PER_ADDRESS))
    for key, limit in budgets:
        wait = await limiter.hit(key, limit, MAIL_WINDOW)
        if wait is not None:
            minutes = max(1, round(wait / 60))
            raise DomainError(
                "rate_limited",
                _("Trop de demandes d'e-mail pour le moment. Réessayez dans %(n)d min.") % {"n": minutes},
            )


async def _log_in(request: Request, user: User) -> str:
    """Open a session for the account (the cookie /login sets); where the person lands."""
    svc = services(request)
    async with svc.sessions() as db:
        token = await issue_token(db, svc.signer, user)
        principal = await load_principal(db, user)
    request.session["token"] = token
    request.state.principal = principal
    return staff_landing(principal)


async def _closed(request: Request, exc: DomainError, kind: str) -> Response:
    return await render(request, "server/link_closed.html", {"message": exc.message, "kind": kind}, exc.status)


# ---------- Teachers' sign-up ----------


async def signup_page(request: Request) -> Response:
    settings = services(request).settings
    context: dict[str, Any] = {
        "error": None,
        "name": "",
        "email": "",
        "domains": accepted_domains_text(settings.teacher_domains),
    }
    if request.method == "GET":
        return await render(request, "server/signup.html", context)
    values = await _form(request)
    context.update(name=values.get("name", "")[:120], email=values.get("email", "")[:254])
    try:
        _name, address = check_signup(settings, name=values.get("name"), email=values.get("email"))
        await spend_mail_budget(request, "signup", address)
        async with services(request).sessions() as db:
            await request_signup(db, settings, name=values.get("name"), email=values.get("email"))
    except DomainError as exc:
        context["error"] = exc.message
        return await render(request, "server/signup.html", context, exc.status)
    return await render(request, "server/mail_sent.html", {"kind": "signup", "email": address})


async def _password_page(
    request: Request, kind: str, row: Any, token: str, error: str | None = None, status: int = 200, name: str = ""
) -> Response:
    context = {
        "kind": kind,
        "token": token,
        "email": row.email,
        "name": name or row.name,
        "role": role_label(row.role) if row.role else "",
        "is_minor": row.is_minor,
        "error": error,
        "hint": password_hint(),
        "action": tokens.PATHS[{"signup": tokens.SIGNUP, "reset": tokens.RESET, "invite": tokens.INVITE}[kind]],
    }
    return await render(request, "server/password_form.html", context, status)


async def _link_view(request: Request, kind: str) -> Response:
    """The three "choose your password" links: sign-up confirmation, reset, invitation."""
    purpose = {"signup": tokens.SIGNUP, "reset": tokens.RESET, "invite": tokens.INVITE}[kind]
    svc = services(request)
    values = await _form(request) if request.method == "POST" else {}
    token = values.get("token") if request.method == "POST" else request.query_params.get("token", "")
    token = token or ""
    try:
        async with svc.sessions() as db:
            row = await tokens.open_token(db, purpose, token)
    except DomainError as exc:
        return await _closed(request, exc, kind)
    if request.method == "GET":
        return await _password_page(request, kind, row, token)
    password = values.get("password", "")
    try:
        async with svc.sessions() as db:
            if kind == "signup":
                user = await confirm_signup(db, token, password=password)
            elif kind == "reset":
                user = await reset_password(db, token, password=password)
            else:
                user = await accept_adult_invitation(db, token, name=values.get("name"), password=password)
    except DomainError as exc:
        if exc.code in ("invalid", "too_long"):
            return await _password_page(request, kind, row, token, exc.message, exc.status, values.get("name", ""))
        return await _closed(request, exc, kind)
    return RedirectResponse(await _log_in(request, user), status_code=303)


async def signup_confirm(request: Request) -> Response:
    return await _link_view(request, "signup")


async def reset_new(request: Request) -> Response:
    return await _link_view(request, "reset")


async def invitation_accept(request: Request) -> Response:
    return await _link_view(request, "invite")


# ---------- Forgotten password ----------


async def forgot_page(request: Request) -> Response:
    if request.method == "GET":
        return await render(request, "server/forgot.html", {"error": None, "email": ""})
    values = await _form(request)
    email = values.get("email", "")
    try:
        address = tokens.normalise_email(email)
        await spend_mail_budget(request, "reset", address)
        async with services(request).sessions() as db:
            await request_reset(db, services(request).settings, email=address)
    except DomainError as exc:
        return await render(request, "server/forgot.html", {"error": exc.message, "email": email[:254]}, exc.status)
    return await render(request, "server/mail_sent.html", {"kind": "reset", "email": address})


# ---------- The organisers' people page ----------

PEOPLE_ROLES = (Role.ORGANISER, Role.TEACHER, Role.COUNSELLOR, Role.AMBASSADOR, Role.PROFESSIONAL, Role.CFA)
PEOPLE_LIMIT = 500
ADULT_INVITE_MESSAGES = {
    "invited": N_("Invitation envoyée à %(email)s. Si l'e-mail n'arrive pas, transmettez-lui ce lien :"),
    "already": N_("%(email)s a déjà un compte de ce rôle : rien à faire."),
}
STAND_INVITE_MESSAGES = {
    "added": N_("%(email)s fait maintenant partie de l'équipe du stand."),
    "already": N_("%(email)s fait déjà partie de l'équipe du stand."),
    "pending": N_("Une invitation attend déjà %(email)s : elle reste valable jusqu'à sa date d'expiration."),
    "invited": N_("Invitation envoyée à %(email)s. Si l'e-mail n'arrive pas, transmettez-lui ce lien :"),
}


async def _organiser(request: Request) -> Any:
    principal = await current_principal(request)
    if principal is None:
        if request.method == "GET":
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if not principal.is_organiser:
        raise DomainError("forbidden", _("Cette page est réservée à l'équipe d'organisation."))
    return principal


async def people_page(request: Request, failure: Failure | None = None) -> Response:
    role_filter = request.query_params.get("role", "")
    role_filter = role_filter if role_filter in PEOPLE_ROLES else ""
    async with services(request).sessions() as db:
        query = select(User).where(User.role != Role.PUPIL)
        if role_filter:
            query = query.where(User.role == role_filter)
        people = (await db.exec(query.order_by(col(User.name)).limit(PEOPLE_LIMIT + 1))).all()
        pending = await pending_invitations(db)
        stands = (
            await db.exec(
                select(Stand.id, Stand.name, Event.title)
                .join(Event, col(Event.id) == Stand.event_id)
                .order_by(col(Event.starts_at).desc(), col(Stand.name))
            )
        ).all()
    groups: dict[str, list[tuple[int, str]]] = {}
    for stand_id, stand_name, event_title in stands:
        groups.setdefault(event_title, []).append((stand_id, stand_name))
    context = {
        "people": [
            {"name": u.name, "email": u.email or "", "role": role_label(u.role), "is_minor": u.is_minor}
            for u in people[:PEOPLE_LIMIT]
        ],
        "truncated": len(people) > PEOPLE_LIMIT,
        "role_filter": role_filter,
        "filter_roles": [(str(r), role_label(r)) for r in PEOPLE_ROLES],
        "invite_roles": [(str(r), role_label(r)) for r in INVITABLE_ROLES],
        "pending": [
            {"email": p.email, "role": role_label(p.role), "is_minor": p.is_minor, "expires": p.expires_at}
            for p in pending
        ],
        "stand_groups": groups,
        "forms": states({"invite": {"role": str(Role.TEACHER)}}, failure),
        "failure": failure,
        "labels": {**labels(), "stand_id": _("Stand"), "name": _("Nom (facultatif)")},
        "flash": None if failure else pop_flash(request),
        "now": utcnow(),
    }
    return await render(request, "server/people.html", context, failure.status if failure else 200)


async def people_view(request: Request) -> Response:
    viewer = await _organiser(request)
    if isinstance(viewer, Response):
        return viewer
    if request.method == "GET":
        return await people_page(request)
    values = await _form(request)
    svc = services(request)
    role = values.get("role", "")
    is_minor = values.get("is_minor") == "1"
    raw_stand = values.get("stand_id", "").strip()
    try:
        if role not in INVITABLE_ROLES:
            raise FormInvalid({"role": _("Choisissez le rôle de la personne invitée.")})
        if raw_stand:
            if not raw_stand.isdigit() or not 1 <= int(raw_stand) <= 2**31 - 1:
                raise FormInvalid({"stand_id": _("Choisissez un stand dans la liste.")})
            if role not in (Role.COUNSELLOR, Role.AMBASSADOR, Role.PROFESSIONAL, Role.CFA):
                raise FormInvalid(
                    {
                        "role": _(
                            "Seuls les professionnels, les équipes de CFA, le conseil en orientation et les"
                            " ambassadeurs tiennent un stand : invitez cette personne sans stand."
                        )
                    }
                )
            async with svc.sessions() as db:
                result = await backoffice.invite_staff(
                    db,
                    viewer,
                    svc.settings,
                    stand_id=int(raw_stand),
                    email=values.get("email", ""),
                    role=role,
                    is_minor=is_minor,
                )
            message = gettext(STAND_INVITE_MESSAGES[result.status]) % {"email": result.email}
            link, mailed, status = result.link, result.mailed, result.status
        else:
            async with svc.sessions() as db:
                invite = await invite_adult(
                    db,
                    viewer,
                    svc.settings,
                    email=values.get("email"),
                    role=role,
                    name=values.get("name", ""),
                    is_minor=is_minor,
                )
            message = gettext(ADULT_INVITE_MESSAGES[invite.status]) % {"email": invite.email}
            link, mailed, status = invite.link, invite.mailed, invite.status
    except DomainError as exc:
        if exc.code == "not_found":
            exc = FormInvalid({"stand_id": exc.message}, "not_found")
        kept = {k: values.get(k, "")[:254] for k in ("email", "name", "role", "stand_id", "is_minor")}
        return await people_page(request, Failure.of("invite", kept, exc, "email"))
    if status == "invited" and not mailed:
        message = _("L'e-mail n'a pas pu partir : transmettez vous-même ce lien :")
    return done(request, "/admin/people", message, link)


routes = [
    Route("/inscription", signup_page, methods=["GET", "POST"], name="signup"),
    Route("/inscription/confirmer", signup_confirm, methods=["GET", "POST"], name="signup_confirm"),
    Route("/mot-de-passe/oubli", forgot_page, methods=["GET", "POST"], name="password_forgot"),
    Route("/mot-de-passe/nouveau", reset_new, methods=["GET", "POST"], name="password_new"),
    Route("/compte/invitation", invitation_accept, methods=["GET", "POST"], name="account_invitation"),
    Route("/admin/people", people_view, methods=["GET", "POST"], name="admin_people"),
]
