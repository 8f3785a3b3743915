"""The shell's pages: join with a class code, staff login, logout. They work without JavaScript.

Without a `next`, everyone lands where their work is: a pupil in the hall of the event open now (with
`?bienvenue=1`, see stands/landing.py) or on the home page; a professional in the console; an organiser or a
moderator in the back office; a teacher on the class page.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server.api import join_with_code, login_with_password, logout
from server.auth import Principal
from server.errors import DomainError
from server.models import Role
from server.web import render, safe_next, services
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
    return RedirectResponse(next_path, status_code=303)


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
    Route("/login", login_page, methods=["GET", "POST"], name="login"),
    Route("/logout", logout_page, methods=["POST"], name="logout"),
]
