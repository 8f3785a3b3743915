"""The app factory: composes the domains' routes and handlers around one set of services."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

import socketio
from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

import chat.handlers
import chat.views
import server.account_views
import server.api
import server.class_views
import server.conduct_views
import server.pages
import sessions.admin_views
import sessions.faq
import sessions.handlers
import sessions.house_views
import sessions.open_days_views
import sessions.programme_views
import sessions.qa_admin_views
import sessions.qa_room_views
import sessions.scheduler
import sessions.talk_views
import sessions.views
import stands.admin_views
import stands.hall_live
import stands.import_views
import stands.invitation_views
import stands.media_views
import stands.stand_views
import stands.theme_views
import stands.views
import stands.visit_views
from server import logs
from server.auth import TokenSigner
from server.class_sockets import MemoryClassSockets, RedisClassSockets
from server.config import Settings, load_settings
from server.db import create_engine, create_session_factory
from server.errors import STATUS, DomainError, error_body
from server.middleware import OriginCheckMiddleware, SecurityHeadersMiddleware
from server.presence import MemoryPresence, RedisPresence
from server.ratelimit import MemoryLimiter, RedisLimiter
from server.realtime import SESSION_COOKIE, SESSION_MAX_AGE, Hub, create_sio, register_connection_handlers
from server.services import Services
from server.web import AdmissionPending, JSONResponse, SessionEnded, build_templates, render

log = logging.getLogger("salon.app")
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def create_app(settings: Settings | None = None) -> socketio.ASGIApp:
    settings = settings or load_settings()
    logs.configure(settings.log_level)
    sio = create_sio(settings)
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    services = Services(
        settings=settings,
        signer=TokenSigner(settings.secret_key),
        hub=Hub(sio),
        presence=RedisPresence(redis, settings.redis_prefix) if redis else MemoryPresence(),
        limiter=RedisLimiter(redis, settings.redis_prefix) if redis else MemoryLimiter(),
        redis=redis,
        class_sockets=RedisClassSockets(redis, settings.redis_prefix) if redis else MemoryClassSockets(),
    )
    register_connection_handlers(sio, services)
    chat.handlers.register(sio, services)
    stands.hall_live.register(sio, services)
    sessions.handlers.register(sio, services)
    sessions.scheduler.register(services)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url)
        services.engine = engine
        services._sessions = create_session_factory(engine)
        presence_task = asyncio.create_task(services.hub.run_presence(services.presence.snapshot))
        background = [asyncio.create_task(loop()) for loop in services.background]
        tune_garbage_collector()
        log.info("salon started", extra={"fanout": settings.fanout, "env": settings.env})
        try:
            yield
        finally:
            await stands.import_views.stop_imports(app)  # they mark their jobs failed while the database is open
            for task in (presence_task, *background):
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            for close in services.closers:
                await close()
            await engine.dispose()
            if redis is not None:
                await redis.aclose()

    app = Starlette(
        routes=[
            *server.api.routes,
            *server.pages.routes,
            *server.account_views.routes,
            *server.conduct_views.routes,
            *server.class_views.routes,
            *stands.theme_views.routes,
            *stands.views.routes,
            *stands.stand_views.routes,
            *stands.visit_views.routes,
            *stands.media_views.routes,
            *stands.admin_views.routes,
            *stands.import_views.routes,
            *stands.invitation_views.routes,
            *sessions.views.routes,
            *sessions.programme_views.routes,
            *sessions.qa_room_views.routes,
            *sessions.talk_views.routes,
            *sessions.admin_views.routes,
            *sessions.qa_admin_views.routes,
            *sessions.house_views.routes,
            *sessions.faq.routes,
            *sessions.open_days_views.routes,
            *chat.views.routes,
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(OriginCheckMiddleware, allowed_origins=settings.allowed_origins),
            Middleware(
                SessionMiddleware,
                secret_key=settings.secret_key,
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_MAX_AGE,
                same_site="lax",
                https_only=settings.is_production,
            ),
        ],
        exception_handlers={
            DomainError: domain_error,
            HTTPException: http_error,
            AdmissionPending: admission_pending,
            SessionEnded: session_ended,
            Exception: server_error,
        },
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.templates = build_templates()
    return socketio.ASGIApp(sio, other_asgi_app=app, socketio_path="socket.io")


# Python's cyclic collector is the main source of tail latency under broadcast load (full
# collections of 200–450 ms with thousands of sockets, see shared PERFORMANCE-NOTES): freeze what
# start-up allocated (modules, templates, tables) out of its reach, and collect young objects less
# often. 10,000 measured best on the talk benchmark (p99 261–306 ms against 527 ms at 50,000 and a
# saturated server at the default 700; docs/performance.md).
GC_THRESHOLDS = (10_000, 20, 100)


def tune_garbage_collector() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


async def error_response(request: Request, code: str, message: str, status: int) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message), status_code=status)
    return await render(request, "server/error.html", {"status_code": status, "message": message}, status)


async def domain_error(request: Request, exc: Any) -> Response:
    return await error_response(request, exc.code, exc.message, exc.status)


async def admission_pending(request: Request, exc: Any) -> Response:
    """A pupil waiting to be admitted: pages lead to the waiting page, the API refuses."""
    if wants_json(request):
        body = error_body("forbidden", "Attendez que l'on vous accepte dans la classe.")
        return JSONResponse(body, status_code=STATUS["forbidden"])
    return RedirectResponse("/attente", status_code=303)


async def session_ended(request: Request, exc: Any) -> Response:
    """A pupil whose class session ended (or who was removed): a clear page, once; then they are signed out."""
    request.session.pop("token", None)
    return await render(request, "server/session_ended.html", {}, status_code=200)


HTTP_CODES = {404: ("not_found", "Cette page n'existe pas."), 405: ("invalid", "Méthode non autorisée.")}


async def http_error(request: Request, exc: Any) -> Response:
    code, message = HTTP_CODES.get(exc.status_code, ("invalid", "Requête invalide."))
    return await error_response(request, code, message, exc.status_code)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    body = error_body("internal", "Une erreur est survenue de notre côté. Réessayez dans un instant.")
    return JSONResponse(body, status_code=STATUS["internal"])
