"""The real app in the test's own event loop: its lifespan (database engine, presence loop) and an httpx
client over ASGI. For tests that need the app's insides, such as the engine to count queries."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.migrate import upgrade
from server.services import Services
from tests.live import TEST_SECRET

BASE_URL = "http://testserver"


@dataclass
class InProcessApp:
    client: httpx.AsyncClient
    services: Services


async def migrated_sqlite(folder: str) -> str:
    url = f"sqlite+aiosqlite:///{folder}/salon.db"
    await asyncio.to_thread(upgrade, url)
    return url


@asynccontextmanager
async def running_app(database_url: str) -> AsyncIterator[InProcessApp]:
    settings = Settings(
        env="test",
        database_url=database_url,
        secret_key=TEST_SECRET,
        allowed_origins=(BASE_URL,),
        log_level="warning",
    )
    asgi = create_app(settings)
    app: Starlette = asgi.other_asgi_app
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=asgi)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers={"Accept": "text/html"}) as client:
            yield InProcessApp(client=client, services=app.state.services)
