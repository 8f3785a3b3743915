"""Session-wide real parts: a migrated demo database, a running server, Redis and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import httpx
import pytest
from playwright.async_api import Browser, async_playwright

from tests import services
from tests.browser_args import CHROMIUM_ARGS
from tests.live import ServerProcess, demo_server


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'salon.db'}"


@pytest.fixture(scope="session")
def server(sqlite_url: str) -> Iterator[ServerProcess]:
    """The default deployment: one process, SQLite, in-process fan-out."""
    with demo_server(sqlite_url) as process:
        yield process


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=services.chromium(), args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


@pytest.fixture
async def browser_like(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client that asks for HTML, as a browser without JavaScript does."""
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        yield client


@pytest.fixture(scope="session")
def redis_url() -> str:
    return services.redis_url()


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    return services.postgres_url()


async def _create_database(admin_url: str) -> str:
    name = f"salon_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


async def _drop_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(admin_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
async def postgres_url(postgres_admin_url: str) -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for this test run, dropped at the end."""
    url = await _create_database(postgres_admin_url)
    yield url
    await _drop_database(postgres_admin_url, url)


@pytest.fixture(scope="session")
def redis_prefix() -> str:
    """Channels and keys of this run, so that parallel runs on one Redis never hear each other."""
    return f"salon-test-{uuid.uuid4().hex[:8]}"
