"""A teacher's classes: create one, its page (code, waiting pupils, who is connected and where, the next
talks, the summary), the projector view of its code, and its actions (new code, colleague, admit, remove,
end the session). Pupils: the waiting page and the "séance terminée" page. Forms work without JavaScript;
static/js/class-page.js and static/js/waiting.js add the live parts."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server import class_page, classes
from server.auth import Principal
from server.class_rules import ClassForm, check_class_form, level_choices
from server.errors import DomainError
from server.formats import fr_dates
from server.models import Role
from server.web import JSONResponse, current_principal, render, require_principal, services
from stands.landing import pupil_landing

# What a redirect after a form says on the class page (?fait=…).
DONE = {
    "creee": "La classe est créée. Donnez son code à vos élèves.",
    "code": "Nouveau code : l'ancien ne fonctionne plus. Les élèves déjà entrés restent dans le salon.",
    "collegue": "La classe est partagée : votre collègue la voit maintenant depuis sa page « Ma classe ».",
    "acceptes": "C'est fait : les élèves acceptés entrent dans le salon.",
    "retire": "L'élève est retiré de la classe. Ses messages restent visibles pour la modération.",
    "terminee": "La séance est terminée : les élèves sont déconnectés. Le code reste valable pour une autre séance.",
}
FORM_LABELS = {
    "label": "Nom de la classe",
    "level": "Niveau",
    "school": "Établissement",
    "uai": "Numéro UAI de l'établissement",
    "department": "Département",
    "event_id": "Salon",
}


def realtime(request: Request) -> classes.Realtime:
    svc = services(request)
    return classes.Realtime(publish=svc.hub.publish, disconnect=svc.hub.sio.disconnect, sockets=svc.class_sockets)


async def teacher_or_login(request: Request, next_path: str) -> Principal | Response:
    user = await current_principal(request)
    if user is None:
        return RedirectResponse(f"/login?next={next_path}", status_code=303)
    if user.role != Role.TEACHER:
        raise DomainError("forbidden", "Cette page est réservée aux comptes enseignants.")
    return user


async def _form_values(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _event_options(events: list[Any]) -> list[tuple[str, str]]:
    return [(str(e.id), f"{e.title} ({fr_dates(e.starts_at, e.ends_at)})") for e in events]


async def new_class_page(request: Request) -> Response:
    user = await teacher_or_login(request, "/classe/nouvelle")
    if isinstance(user, Response):
        return user
    async with services(request).sessions() as db:
        events = await classes.selectable_events(db)
        form = ClassForm()
        status = 200
        if request.method == "POST":
            form = check_class_form(await _form_values(request), {e.id for e in events})
            if not form.errors:
                school_class = await classes.create_class(db, user, form)
                return RedirectResponse(f"/classe/{school_class.id}?fait=creee", status_code=303)
            status = 400
        elif len(events) == 1:
            form.event_id = events[0].id
    return await render(
        request,
        "server/class_new.html",
        {
            "form": SimpleNamespace(key="classe", values=form.values, errors=form.errors),
            "approve_joins": form.approve_joins,
            "labels": FORM_LABELS,
            "levels": level_choices(),
            "events": _event_options(events),
        },
        status_code=status,
    )


async def _class_context(request: Request, user: Principal, class_id: int) -> dict[str, Any]:
    svc = services(request)
    async with svc.sessions() as db:
        school_class = await classes.teacher_class(db, user, class_id)
        page = await class_page.class_page(db, svc.class_sockets, school_class)
    return page


async def class_detail(request: Request) -> Response:
    class_id = request.path_params["class_id"]
    user = await teacher_or_login(request, f"/classe/{class_id}")
    if isinstance(user, Response):
        return user
    return await _render_class(request, user, class_id)


async def _render_class(
    request: Request, user: Principal, class_id: int, *, share_error: str = "", email: str = "", status: int = 200
) -> Response:
    page = await _class_context(request, user, class_id)
    done = DONE.get(request.query_params.get("fait", ""))
    return await render(
        request,
        "server/class.html",
        {"c": page, "done": done, "share_error": share_error, "share_email": email},
        status_code=status,
    )


async def class_code_view(request: Request) -> Response:
    class_id = request.path_params["class_id"]
    user = await teacher_or_login(request, f"/classe/{class_id}/code")
    if isinstance(user, Response):
        return user
    page = await _class_context(request, user, class_id)
    return await render(request, "server/class_code.html", {"c": page})


async def _teacher(request: Request) -> Principal:
    user = await require_principal(request)
    if user.role != Role.TEACHER:
        raise DomainError("forbidden", "Cette action est réservée aux comptes enseignants.")
    return user


async def regenerate(request: Request) -> Response:
    user = await _teacher(request)
    class_id = request.path_params["class_id"]
    async with services(request).sessions() as db:
        await classes.regenerate_code(db, user, class_id)
    return RedirectResponse(f"/classe/{class_id}?fait=code", status_code=303)


async def share(request: Request) -> Response:
    user = await _teacher(request)
    class_id = request.path_params["class_id"]
    values = await _form_values(request)
    email = values.get("email", "")
    try:
        async with services(request).sessions() as db:
            await classes.share_class(db, user, class_id, email)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise
        return await _render_class(
            request, user, class_id, share_error=exc.message, email=email[:254], status=exc.status
        )
    return RedirectResponse(f"/classe/{class_id}?fait=collegue", status_code=303)


async def admit(request: Request) -> Response:
    user = await _teacher(request)
    class_id = request.path_params["class_id"]
    values = await _form_values(request)
    pupil_id = None if values.get("all") else values.get("pupil_id", "")
    async with services(request).sessions() as db:
        await classes.admit(db, realtime(request), user, class_id, pupil_id)
    return RedirectResponse(f"/classe/{class_id}?fait=acceptes#attente", status_code=303)


async def remove(request: Request) -> Response:
    user = await _teacher(request)
    class_id = request.path_params["class_id"]
    values = await _form_values(request)
    async with services(request).sessions() as db:
        await classes.remove_pupil(db, realtime(request), user, class_id, values.get("pupil_id", ""))
    return RedirectResponse(f"/classe/{class_id}?fait=retire", status_code=303)


async def end(request: Request) -> Response:
    user = await _teacher(request)
    class_id = request.path_params["class_id"]
    async with services(request).sessions() as db:
        await classes.end_session(db, realtime(request), user, class_id)
    return RedirectResponse(f"/classe/{class_id}?fait=terminee", status_code=303)


async def _waiting_state(request: Request) -> tuple[Principal | None, str]:
    """The pupil and where they go once admitted ("" while they wait)."""
    user = await current_principal(request)
    if user is None or user.role != Role.PUPIL:
        return user, ""
    async with services(request).sessions() as db:
        if not await classes.pupil_is_admitted(db, user.id):
            return user, ""
        return user, await pupil_landing(db, user.class_id)


async def waiting_page(request: Request) -> Response:
    user, next_path = await _waiting_state(request)
    if user is None:
        return RedirectResponse("/join", status_code=303)
    if user.role != Role.PUPIL:
        return RedirectResponse("/", status_code=303)
    if next_path:
        return RedirectResponse(next_path, status_code=303)
    return await render(request, "server/waiting.html", {"pupil_id": user.id, "class_label": user.class_label})


async def api_waiting(request: Request) -> Response:
    user, next_path = await _waiting_state(request)
    if user is None:
        raise DomainError("unauthorized", "Connectez-vous d'abord.")
    if user.role != Role.PUPIL:
        raise DomainError("forbidden", "Seuls les élèves attendent d'entrer dans une classe.")
    return JSONResponse({"admitted": bool(next_path), "next": next_path or None})


async def session_ended_page(request: Request) -> Response:
    return await render(request, "server/session_ended.html", {})


routes = [
    Route("/classe/nouvelle", new_class_page, methods=["GET", "POST"], name="class_new"),
    Route("/classe/{class_id:int}", class_detail, name="class_detail"),
    Route("/classe/{class_id:int}/code", class_code_view, name="class_code"),
    Route("/classe/{class_id:int}/nouveau-code", regenerate, methods=["POST"]),
    Route("/classe/{class_id:int}/collegues", share, methods=["POST"]),
    Route("/classe/{class_id:int}/accepter", admit, methods=["POST"]),
    Route("/classe/{class_id:int}/retirer", remove, methods=["POST"]),
    Route("/classe/{class_id:int}/terminer", end, methods=["POST"]),
    Route("/attente", waiting_page, name="waiting"),
    Route("/api/classes/attente", api_waiting),
    Route("/seance-terminee", session_ended_page, name="session_ended"),
]
