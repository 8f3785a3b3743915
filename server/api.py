"""HTTP API of the shell: health, metrics, and authentication (class code, password, logout)."""

from __future__ import annotations

import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from server import auth, classes, metrics
from server.errors import DomainError
from server.web import JSONResponse, read_json, request_token, services

log = logging.getLogger("salon.api")

# Failed class codes per address: a whole school shares one IP, so the budget is generous and
# only failures count; guessing a code still takes ~10^5 years at this pace.
CLASS_CODE_FAILURES = 30
CLASS_CODE_WINDOW = 600.0
LOGIN_FAILURES = 10
LOGIN_WINDOW = 600.0


async def healthz(request: Request) -> Response:
    svc = services(request)
    body: dict[str, str] = {"status": "ok", "database": "ok", "fanout": svc.settings.fanout}
    try:
        async with svc.sessions() as db:
            await db.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except Exception as exc:
        log.warning("health: database down: %s", exc)
        body.update(status="error", database="down")
    if svc.redis is not None:
        try:
            await svc.redis.ping()
            body["redis"] = "ok"
        except Exception as exc:
            log.warning("health: redis down: %s", exc)
            body.update(status="error", redis="down")
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)


async def metrics_view(request: Request) -> Response:
    return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4")


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def guarded(request: Request, bucket: str, limit: int, window: float) -> None:
    wait = await services(request).limiter.peek(f"{bucket}:{client_key(request)}", limit, window)
    if wait is not None:
        minutes = max(1, round(wait / 60))
        raise DomainError("rate_limited", f"Trop d'essais. Réessayez dans {minutes} min.")


async def record_failure(request: Request, bucket: str, limit: int, window: float) -> None:
    await services(request).limiter.hit(f"{bucket}:{client_key(request)}", limit, window)


async def join_with_code(request: Request, code: object) -> tuple[auth.Principal, str]:
    """Shared by the API and the join form: rate-limited class-code check, token in the session."""
    if not isinstance(code, str) or not code.strip():
        raise DomainError("invalid", "Indiquez le code de votre classe.")
    await guarded(request, "class-code", CLASS_CODE_FAILURES, CLASS_CODE_WINDOW)
    svc = services(request)
    try:
        async with svc.sessions() as db:
            principal, token = await auth.join_class(db, svc.signer, code)
    except DomainError:
        await record_failure(request, "class-code", CLASS_CODE_FAILURES, CLASS_CODE_WINDOW)
        raise
    request.session["token"] = token
    if not principal.admitted:  # a class that approves joins: its teachers' pages list the newcomer
        await classes.announce_waiting(
            classes.Realtime(svc.hub.publish, svc.hub.sio.disconnect, svc.class_sockets), principal
        )
    return principal, token


async def login_with_password(request: Request, email: object, password: object) -> tuple[auth.Principal, str]:
    if not isinstance(email, str) or not isinstance(password, str) or not email or not password:
        raise DomainError("invalid", "Indiquez votre adresse e-mail et votre mot de passe.")
    if len(email) > 254 or len(password) > 1024:
        raise DomainError("too_long", "Adresse e-mail ou mot de passe trop long.")
    await guarded(request, "login", LOGIN_FAILURES, LOGIN_WINDOW)
    svc = services(request)
    try:
        async with svc.sessions() as db:
            principal, token = await auth.login(db, svc.signer, email, password)
    except DomainError:
        await record_failure(request, "login", LOGIN_FAILURES, LOGIN_WINDOW)
        raise
    request.session["token"] = token
    return principal, token


async def logout(request: Request) -> None:
    token = request_token(request)
    if token:
        svc = services(request)
        async with svc.sessions() as db:
            await auth.revoke_token(db, svc.signer, token)
    request.session.clear()


async def api_auth_class(request: Request) -> Response:
    data = await read_json(request)
    principal, token = await join_with_code(request, data.get("class_code"))
    return JSONResponse({"token": token, "pseudonym": principal.name, "role": principal.role})


async def api_auth_login(request: Request) -> Response:
    data = await read_json(request)
    principal, token = await login_with_password(request, data.get("email"), data.get("password"))
    return JSONResponse({"token": token, "role": principal.role, "name": principal.name})


async def api_auth_logout(request: Request) -> Response:
    await logout(request)
    return JSONResponse({"ok": True})


routes = [
    Route("/healthz", healthz),
    Route("/metrics", metrics_view),
    Route("/api/auth/class", api_auth_class, methods=["POST"]),
    Route("/api/auth/login", api_auth_login, methods=["POST"]),
    Route("/api/auth/logout", api_auth_logout, methods=["POST"]),
]
