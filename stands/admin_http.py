"""HTTP helpers of the back office's pages: who may open them, reading forms and uploads, flash messages,
and the state (values and errors) of each form a page shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from server.auth import Principal
from server.errors import DomainError
from server.i18n import gettext as _
from server.web import current_principal
from stands.form_rules import FormInvalid

# Largest request an upload form may send: the biggest file we keep (a 5 MB PDF) plus the form around it.
UPLOAD_REQUEST_LIMIT = 6 * 1024 * 1024
# Largest text form: a job card's five long texts of 5,000 characters, written in 4-byte characters, escaped.
FORM_REQUEST_LIMIT = 512 * 1024
FLASH_KEY = "admin_flash"


def may_use_back_office(principal: Principal) -> bool:
    """Organisers, and professionals or CFA staff (who edit their own stands)."""
    return principal.is_organiser or principal.is_staff


async def page_viewer(request: Request) -> Principal | Response:
    """The person opening a back-office page, or the redirect to the login form for anonymous visitors."""
    principal = await current_principal(request)
    if principal is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if not may_use_back_office(principal):
        raise DomainError("forbidden", _("Cet espace est réservé aux organisateurs et aux équipes des stands."))
    return principal


async def form_sender(request: Request) -> Principal:
    """The person posting a back-office form (401 for anonymous requests, 403 for pupils and teachers)."""
    principal = await current_principal(request)
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if not may_use_back_office(principal):
        raise DomainError("forbidden", _("Cet espace est réservé aux organisateurs et aux équipes des stands."))
    return principal


async def read_form(request: Request, *, upload: bool = False) -> FormData:
    """The submitted form, refused before it is read when the request is too large."""
    length = request.headers.get("content-length", "")
    if upload and not length.isdigit():
        raise DomainError("invalid", _("Envoyez le fichier avec le formulaire de cette page."))
    if upload and int(length) > UPLOAD_REQUEST_LIMIT:
        raise DomainError("too_long", _("Le fichier envoyé dépasse 6 Mo."))
    if not upload and length.isdigit() and int(length) > FORM_REQUEST_LIMIT:
        raise DomainError("too_long", _("Le formulaire envoyé est trop volumineux."))
    try:
        form = await request.form(max_files=2 if upload else 0, max_fields=60)
    except HTTPException:
        raise DomainError(
            "invalid", _("Le formulaire envoyé est illisible. Rechargez la page et recommencez.")
        ) from None
    return form


def texts(form: FormData) -> dict[str, str]:
    """The text fields of a form (files left out)."""
    return {name: value for name, value in form.items() if isinstance(value, str)}


async def file_bytes(form: FormData, name: str) -> bytes:
    """The content of an uploaded file field (empty when no file was chosen)."""
    upload = form.get(name)
    if not isinstance(upload, UploadFile):
        return b""
    data = await upload.read()
    await upload.close()
    return data


def flash(request: Request, message: str, link: str | None = None) -> None:
    request.session[FLASH_KEY] = {"message": message, "link": link}


def pop_flash(request: Request) -> dict[str, Any] | None:
    value = request.session.pop(FLASH_KEY, None)
    return value if isinstance(value, dict) else None


def done(request: Request, url: str, message: str, link: str | None = None) -> Response:
    """POST-redirect-GET: the message is shown once on the next page."""
    flash(request, message, link)
    return RedirectResponse(url, status_code=303)


@dataclass
class FormState:
    """What one form on a page shows: its values (as typed) and its errors (field → message)."""

    values: Mapping[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Failure:
    """A refused form: which form on the page (`key`), what was typed, and each field's error."""

    key: str
    values: dict[str, str]
    errors: dict[str, str]
    status: int

    @classmethod
    def of(cls, key: str, values: dict[str, str], exc: DomainError, field_name: str = "") -> Failure:
        """A FormInvalid keeps its fields; another refusal is shown on `field_name` (or the form's first field)."""
        errors = dict(exc.fields) if isinstance(exc, FormInvalid) else {field_name or "form": exc.message}
        return cls(key, values, errors, exc.status)


def states(defaults: Mapping[str, Mapping[str, Any]], failure: Failure | None) -> dict[str, FormState]:
    """Each form's state: the stored values, except for the refused form, which shows what was typed."""
    result = {key: FormState(values) for key, values in defaults.items()}
    if failure is not None:
        result[failure.key] = FormState(failure.values, failure.errors)
    return result
