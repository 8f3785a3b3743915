"""The shell's pages: join with a class code, staff login, logout. They work without JavaScript."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server.api import join_with_code, login_with_password, logout
from server.errors import DomainError
from server.web import render, safe_next


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
        await join_with_code(request, code)
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
    return RedirectResponse(next_path or "/", status_code=303)


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
    return RedirectResponse(next_path or ("/console" if principal.is_staff else "/"), status_code=303)


async def logout_page(request: Request) -> Response:
    await logout(request)
    return RedirectResponse("/", status_code=303)


routes = [
    Route("/join", join_page, methods=["GET", "POST"], name="join"),
    Route("/login", login_page, methods=["GET", "POST"], name="login"),
    Route("/logout", logout_page, methods=["POST"], name="logout"),
]
