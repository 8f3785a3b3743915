"""HTTP API of the shell: health, metrics, and authentication (class code, password, logout)."""

from __future__ import annotations

import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from server import auth, classes, metrics, return_codes
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
            return_code, hashed = await return_codes.new_code(db, svc.settings.secret_key)
            principal, token = await auth.join_class(db, svc.signer, code, return_code_hash=hashed)
    except DomainError:
        await record_failure(request, "class-code", CLASS_CODE_FAILURES, CLASS_CODE_WINDOW)
        raise
    request.session["token"] = token
    # Only this browser keeps the code in clear (the signed session cookie), to show it again on /mon-code.
    request.session["return_code"] = return_code
    if not principal.admitted:  # a class that approves joins: its teachers' pages list the newcomer
        await classes.announce_waiting(
            classes.Realtime(svc.hub.publish, svc.hub.sio.disconnect, svc.class_sockets), principal
        )
    return principal, token


RETURN_CODE_BUCKET = "return-code"
RETURN_CODE_ALL = "return-code-all:*"


async def return_with_code(request: Request, raw: object) -> tuple[auth.Principal, str]:
    """Shared by the API and the /retour form: the pupil of a return code, with a new token in the session.

    Budgets (server/return_codes.py): failed lookups per address and overall; a code that cannot be one is
    refused before the lookup and costs nothing."""
    if not isinstance(raw, str) or not raw.strip():
        raise DomainError("invalid", "Indiquez votre code de retour : trois mots et deux chiffres.")
    if len(raw) > return_codes.MAX_INPUT or "\x00" in raw:
        raise DomainError("invalid", "Ce texte ne peut pas être un code de retour : trois mots et deux chiffres.")
    svc = services(request)
    await guarded(request, RETURN_CODE_BUCKET, return_codes.FAILURES_PER_ADDRESS, return_codes.FAILURE_WINDOW)
    if await svc.limiter.peek(RETURN_CODE_ALL, return_codes.FAILURES_OVERALL, return_codes.FAILURE_WINDOW) is not None:
        raise DomainError("rate_limited", "Trop d'essais de codes de retour en ce moment. Réessayez dans 10 min.")
    code = return_codes.parse(raw)
    if code is None:
        raise DomainError("not_found", return_codes.UNKNOWN)
    try:
        async with svc.sessions() as db:
            principal, token = await return_codes.come_back(db, svc.signer, svc.settings.secret_key, code)
    except DomainError as exc:
        if exc.code == "not_found":
            window = return_codes.FAILURE_WINDOW
            await record_failure(request, RETURN_CODE_BUCKET, return_codes.FAILURES_PER_ADDRESS, window)
            await svc.limiter.hit(RETURN_CODE_ALL, return_codes.FAILURES_OVERALL, window)
        raise
    request.session["token"] = token
    request.session["return_code"] = code
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
    body = {"token": token, "pseudonym": principal.name, "role": principal.role}
    return JSONResponse({**body, "return_code": request.session.get("return_code")})


async def api_auth_return(request: Request) -> Response:
    data = await read_json(request)
    principal, token = await return_with_code(request, data.get("return_code"))
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
    Route("/api/auth/return", api_auth_return, methods=["POST"]),
    Route("/api/auth/login", api_auth_login, methods=["POST"]),
    Route("/api/auth/logout", api_auth_logout, methods=["POST"]),
]
