"""The code of conduct's page (/charte: read it, accept it) and its API twin (POST /api/conduct/accept)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server import conduct
from server.models import User
from server.timeutil import iso
from server.web import JSONResponse, current_principal, render, require_principal, safe_next, services


async def conduct_page(request: Request) -> Response:
    user = await current_principal(request)
    if request.method == "POST":
        form = await request.form()
        next_path = safe_next(str(form.get("next") or ""), "/console")
        if user is None:
            return RedirectResponse("/login?next=/charte", status_code=303)
        async with services(request).sessions() as db:
            await conduct.accept(db, user.id)  # refuses (forbidden) those the charte does not concern
        return RedirectResponse(next_path, status_code=303)
    accepted_at = None
    concerned = user is not None and conduct.concerned(user.role)
    if user is not None and concerned:
        async with services(request).sessions() as db:
            row = await db.get(User, user.id)
            if row is not None and row.conduct_version == conduct.VERSION:
                accepted_at = row.conduct_accepted_at
    context = {
        "title": conduct.TITLE,
        "rules": conduct.RULES,
        "version": conduct.VERSION,
        "concerned": concerned,
        "accepted_at": accepted_at,
        "next": safe_next(request.query_params.get("next"), "/console"),
    }
    return await render(request, "server/conduct.html", context)


async def api_conduct_accept(request: Request) -> Response:
    principal = await require_principal(request)
    async with services(request).sessions() as db:
        accepted_at = await conduct.accept(db, principal.id)
    return JSONResponse({"ok": True, "conduct_version": conduct.VERSION, "accepted_at": iso(accepted_at)})


routes = [
    Route(conduct.PATH, conduct_page, methods=["GET", "POST"], name="conduct"),
    Route("/api/conduct/accept", api_conduct_accept, methods=["POST"]),
]
