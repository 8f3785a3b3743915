"""The shell's pages: join with a class code, staff login, logout. They work without JavaScript.

Without a `next`, everyone lands where their work is: a pupil in the hall of the event open now (with
`?bienvenue=1`, see stands/landing.py) or on the home page; a professional in the console; an organiser or a
moderator in the back office; a teacher on the class page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server import return_codes
from server.api import join_with_code, login_with_password, logout, return_with_code
from server.auth import Principal
from server.errors import DomainError
from server.models import Role
from server.web import current_principal, render, safe_next, services
from stands.landing import pupil_landing


def staff_landing(principal: Principal) -> str:
    """Where an adult lands after logging in (pure)."""
    if principal.is_organiser or (principal.is_moderator and principal.is_staff):
        return "/admin"  # the back office
    if principal.is_staff:
        return "/console"
    if principal.role == Role.TEACHER:
        return "/classe"
    return "/"


async def join_page(request: Request) -> Response:
    if request.method == "GET":
        return await render(
            request,
            "server/join.html",
            {
                "error": None,
                "class_code": "",
                "next": safe_next(request.query_params.get("next"), ""),
            },
        )
    form = await request.form()
    code, next_path = form.get("class_code", ""), safe_next(str(form.get("next") or ""), "")
    try:
        principal, _token = await join_with_code(request, code)
    except DomainError as exc:
        return await render(
            request,
            "server/join.html",
            {
                "error": exc.message,
                "class_code": code if isinstance(code, str) else "",
                "next": next_path,
            },
            status_code=exc.status,
        )
    if not principal.admitted:  # a class that approves joins: wait for a teacher (server/class_views.py)
        return RedirectResponse("/attente", status_code=303)
    if not next_path:
        async with services(request).sessions() as db:
            next_path = await pupil_landing(db, principal.class_id)
    # First the return code, once, big; then where the pupil was going.
    return RedirectResponse(f"/mon-code?{urlencode({'bienvenue': '1', 'suite': next_path})}", status_code=303)


async def return_page(request: Request) -> Response:
    """/retour: a pupil comes back with their return code (the same form sits on /join)."""
    if request.method == "GET":
        context = {"error": None, "return_code": "", "next": safe_next(request.query_params.get("next"), "")}
        return await render(request, "server/return.html", context)
    form = await request.form()
    raw, next_path = form.get("return_code", ""), safe_next(str(form.get("next") or ""), "")
    try:
        principal, _token = await return_with_code(request, raw)
    except DomainError as exc:
        typed = raw if isinstance(raw, str) and len(raw) <= return_codes.MAX_INPUT and "\x00" not in raw else ""
        context = {"error": exc.message, "return_code": typed, "next": next_path}
        return await render(request, "server/return.html", context, status_code=exc.status)
    if not next_path:
        async with services(request).sessions() as db:
            next_path = await pupil_landing(db, principal.class_id)
    return RedirectResponse(next_path, status_code=303)


async def my_code_page(request: Request) -> Response:
    """/mon-code: the pupil's return code, as this browser keeps it (never read from the database)."""
    user = await current_principal(request)
    if user is None or user.role != Role.PUPIL:
        return RedirectResponse("/join", status_code=303)
    stored = request.session.get("return_code")
    code = return_codes.parse(stored) if isinstance(stored, str) else None
    context = {
        "code_words": code.split("-") if code else [],
        "welcome": request.query_params.get("bienvenue") == "1",
        "next": safe_next(request.query_params.get("suite"), "/"),
    }
    return await render(request, "server/my_code.html", context)


async def login_page(request: Request) -> Response:
    if request.method == "GET":
        return await render(
            request,
            "server/login.html",
            {
                "error": None,
                "email": "",
                "next": safe_next(request.query_params.get("next"), ""),
            },
        )
    form = await request.form()
    email, next_path = form.get("email", ""), safe_next(str(form.get("next") or ""), "")
    try:
        principal, _token = await login_with_password(request, email, form.get("password", ""))
    except DomainError as exc:
        return await render(
            request,
            "server/login.html",
            {
                "error": exc.message,
                "email": email if isinstance(email, str) else "",
                "next": next_path,
            },
            status_code=exc.status,
        )
    return RedirectResponse(next_path or staff_landing(principal), status_code=303)


async def logout_page(request: Request) -> Response:
    await logout(request)
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/join", join_page, methods=["GET", "POST"], name="join"),
    Route("/retour", return_page, methods=["GET", "POST"], name="return"),
    Route("/mon-code", my_code_page, name="my_code"),
    Route("/login", login_page, methods=["GET", "POST"], name="login"),
    Route("/logout", logout_page, methods=["POST"], name="logout"),
]
