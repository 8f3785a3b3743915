"""/healthz names the part that is down, with a 503."""

from __future__ import annotations

import httpx

from tests.live import ServerProcess, base_env, prepare_database


async def test_health_is_503_when_the_database_is_unreachable():
    env = base_env("postgresql+asyncpg://postgres@127.0.0.1:1/nothing")
    server = ServerProcess(env).start(healthy=False)
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            response = await http.get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "down", "fanout": "memory"}
    finally:
        server.stop()


async def test_health_is_503_when_redis_is_unreachable(tmp_path):
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'h.db'}", "redis://127.0.0.1:1/0")
    prepare_database(env)
    server = ServerProcess(env).start(healthy=False)
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            response = await http.get("/healthz")
        assert response.status_code == 503
        assert response.json() == {"status": "error", "database": "ok", "fanout": "redis", "redis": "down"}
    finally:
        server.stop()
