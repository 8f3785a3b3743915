"""GET/POST /invitations/{token}: the invited person chooses a name and a password, joins the stand's staff
and is logged in (as /login does), then lands on /admin. Unknown, used and expired links get a clear page."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server.api import LOGIN_FAILURES, LOGIN_WINDOW, guarded, record_failure
from server.auth import issue_token
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import User
from server.password_rules import password_hint
from server.passwords import verify_password
from server.web import render, services
from stands import form_rules as rules
from stands import forms
from stands.admin_http import Failure, flash, read_form, states, texts
from stands.form_rules import FormInvalid
from stands.invitations import accept_invitation, find_invitation
from stands.models import Event


async def _closed(request: Request, exc: DomainError) -> Response:
    return await render(request, "stands/admin/invitation_closed.html", {"message": exc.message}, exc.status)


async def _invitation(request: Request, token: str) -> tuple[dict[str, Any], User | None]:
    """What the page says about the invitation, and the account that already has its address (if any)."""
    async with services(request).sessions() as db:
        invitation, stand = await find_invitation(db, token)
        event = await db.get(Event, stand.event_id)
        account = (await db.exec(select(User).where(User.email == invitation.email))).first()
    info = {
        "email": invitation.email,
        "stand_name": stand.name,
        "event_title": event.title if event else "",
        "expires": rules.display_moment(invitation.expires_at),
    }
    return info, account


async def _page(
    request: Request, token: str, info: dict[str, Any], account: User | None, failure: Failure | None = None
) -> Response:
    context = {
        "invitation": info,
        "has_account": account is not None,
        "token": token,
        "forms": states({"accept": {}}, failure),
        "failure": failure,
        "labels": rules.labels(),
        "password_hint": password_hint(),
    }
    return await render(request, "stands/admin/invitation.html", context, failure.status if failure else 200)


async def invitation_view(request: Request) -> Response:
    token = request.path_params["token"]
    try:
        info, account = await _invitation(request, token)
    except DomainError as exc:
        return await _closed(request, exc)
    if request.method == "GET":
        return await _page(request, token, info, account)
    values = texts(await read_form(request))
    svc = services(request)
    try:
        parsed = forms.parse_acceptance(values, with_name=account is None, email=info["email"])
        if account is not None:
            # The typed password must be the account's: the link alone does not open someone's account.
            await guarded(request, "login", LOGIN_FAILURES, LOGIN_WINDOW)
            if not verify_password(account.password_hash, parsed["password"]):
                await record_failure(request, "login", LOGIN_FAILURES, LOGIN_WINDOW)
                raise FormInvalid({"password": _("Mot de passe incorrect pour ce compte.")}, "unauthorized")
        async with svc.sessions() as db:
            name = parsed.get("name") or (account.name if account else "")
            user = await accept_invitation(db, token, name=name, password=parsed["password"])
            await db.commit()
            session_token = await issue_token(db, svc.signer, user)
    except FormInvalid as exc:
        return await _page(request, token, info, account, Failure.of("accept", {"name": values.get("name", "")}, exc))
    except DomainError as exc:
        if exc.code == "rate_limited":
            raise
        return await _closed(request, exc)
    request.session["token"] = session_token
    flash(request, _("Bienvenue dans l'équipe du stand « %(stand)s » !") % {"stand": info["stand_name"]})
    return RedirectResponse("/admin", status_code=303)


routes = [Route("/invitations/{token:str}", invitation_view, methods=["GET", "POST"], name="invitation")]
