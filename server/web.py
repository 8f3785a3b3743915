"""HTTP helpers shared by every domain's views: JSON in and out, templates, who is asking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.templating import Jinja2Templates

from server.auth import Principal, principal_for_token
from server.errors import DomainError
from server.formats import jinja_helpers
from server.i18n import translations
from server.services import Services

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / d / "templates" for d in ("server", "stands", "chat", "sessions")]
MAX_JSON_BODY = 64 * 1024


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in TEMPLATE_DIRS]),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(), newstyle=True)  # type: ignore[attr-defined]
    env.globals["static_url"] = lambda path: f"/static/{path}"
    env.globals["icon"] = icon
    # French dates and times, the one form of server/formats.py: {{ fr_time(t) }} or {{ t|fr_time }}.
    for name, helper in jinja_helpers().items():
        env.globals[name] = helper
        env.filters[name] = helper
    return Jinja2Templates(env=env)


def icon(name: str, css_class: str = "") -> Markup:
    """A decorative icon from the sprite built by scripts/build_icons.py (hidden from screen readers)."""
    classes = f"icon {css_class}".strip()
    return Markup(
        f'<svg class="{escape(classes)}" aria-hidden="true" focusable="false">'
        f'<use href="/static/vendor/icons.svg#{escape(name)}"></use></svg>'
    )


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def request_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    token = request.session.get("token")
    return token if isinstance(token, str) else None


# What a pupil waiting to be admitted may still open (everything else leads to the waiting page), and what a
# pupil whose class session ended may open without seeing the "séance terminée" page.
WAITING_PATHS = ("/attente", "/api/classes/attente", "/logout", "/join", "/api/auth/", "/seance-terminee")
ENDED_PATHS = ("/join", "/api/", "/logout", "/seance-terminee", "/login")


class AdmissionPending(Exception):
    """A pupil not yet admitted asked for something else than the waiting page (server/app.py answers)."""


class SessionEnded(Exception):
    """A pupil whose class session ended, or who was removed, opened a page (server/app.py answers)."""


async def current_principal(request: Request) -> Principal | None:
    if "principal" not in request.state._state:
        token = request_token(request)
        principal = None
        ended = False
        if token:
            svc = services(request)
            async with svc.sessions() as db:
                principal = await principal_for_token(db, svc.signer, token)
                token_id = svc.signer.unsign(token) if principal is None else None
                if token_id is not None:
                    from server.classes import ended_pupil  # classes sit above the web helpers' imports

                    ended = await ended_pupil(db, token_id)
        request.state.principal = principal
        path = request.url.path
        waiting = principal is not None and principal.role == "pupil" and not principal.admitted
        if waiting and not path.startswith(WAITING_PATHS):
            raise AdmissionPending()
        if ended and not path.startswith(ENDED_PATHS):
            raise SessionEnded()
    return request.state.principal  # type: ignore[no-any-return]


async def require_principal(request: Request) -> Principal:
    principal = await current_principal(request)
    if principal is None:
        raise DomainError("unauthorized", "Connectez-vous d'abord.")
    return principal


async def read_json(request: Request) -> dict[str, Any]:
    body = await request.body()
    if len(body) > MAX_JSON_BODY:
        raise DomainError("too_long", "La requête est trop volumineuse.")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise DomainError("invalid", "Le corps de la requête doit être un objet JSON.") from None
    if not isinstance(data, dict):
        raise DomainError("invalid", "Le corps de la requête doit être un objet JSON.")
    return data


async def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    user = await current_principal(request)
    return templates.TemplateResponse(request, template, {"user": user, **context}, status_code=status_code)


def safe_next(value: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after a login (no open redirect)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
