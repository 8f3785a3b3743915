"""HTTP views of the chat: the professionals' console and the teachers' view of their class."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from chat import teacher
from chat.i18n import console_strings, teacher_strings
from chat.models import Room
from server.errors import DomainError
from server.models import Role
from server.web import JSONResponse, current_principal, render, require_principal, services
from sessions import questions as talk_questions
from stands.models import Event


async def console_page(request: Request) -> Response:
    user = await current_principal(request)
    if user is None:
        return RedirectResponse("/login?next=/console", status_code=303)
    if not user.is_staff:
        raise DomainError("forbidden", "La console est réservée aux professionnels des stands.")
    query = select(Room, Event.title).join(Event, col(Event.id) == Room.event_id).order_by(col(Room.title))
    if not user.is_organiser:
        query = query.where(col(Room.stand_id).in_(list(user.staff_stands)), Room.kind == "stand")
    else:
        query = query.where(Room.kind == "stand").limit(24)
    async with services(request).sessions() as db:
        rows = (await db.exec(query)).all()
    rooms = [{"name": room.name, "title": room.title, "event_title": title} for room, title in rows]
    return await render(request, "chat/console.html", {"rooms": rooms, "i18n": console_strings()})


async def teacher_page(request: Request) -> Response:
    user = await current_principal(request)
    if user is None:
        return RedirectResponse("/login?next=/classe", status_code=303)
    if user.role != Role.TEACHER and not user.is_organiser:
        raise DomainError("forbidden", "Cette page est réservée aux professeurs.")
    async with services(request).sessions() as db:
        classes = [c for c in await teacher.classes_of(db, user) if c.id in user.class_ids]
        histories = [await teacher.class_messages(db, user, c.id) for c in classes]
        asked = {c.id: await talk_questions.class_questions(db, c.id) for c in classes}
    return await render(
        request,
        "chat/teacher.html",
        {
            "classes": [
                {
                    **history["class"],
                    "summary": history["summary"],
                    "stands": teacher.by_stand(history["messages"]),
                    "questions": asked[history["class"]["id"]],
                }
                for history in histories
            ],
            "i18n": {**teacher_strings(), **teacher.page_strings(), **talk_questions.teacher_strings()},
        },
    )


async def api_class_messages(request: Request) -> Response:
    user = await require_principal(request)
    async with services(request).sessions() as db:
        return JSONResponse(await teacher.class_messages(db, user, request.path_params["class_id"]))


routes = [
    Route("/console", console_page, name="console"),
    Route("/classe", teacher_page, name="teacher"),
    Route("/api/classes/{class_id:int}/messages", api_class_messages),
]
