"""Helpers for the back-office tests: logged-in browsers (httpx), a fresh event and stand, the database."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from server.db import create_engine
from server.timeutil import PARIS, utcnow

PASSWORD = "demo-salon"


@asynccontextmanager
async def browser(
    base_url: str, email: str | None = None, password: str = PASSWORD
) -> AsyncIterator[httpx.AsyncClient]:
    """A client that behaves like a browser on the site: asks for HTML, sends Origin, keeps the cookie."""
    async with httpx.AsyncClient(base_url=base_url, headers={"Accept": "text/html", "Origin": base_url}) as client:
        if email:
            response = await client.post("/login", data={"email": email, "password": password})
            assert response.status_code == 303, response.text
        yield client


def paris_input(moment: datetime) -> str:
    return moment.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")


async def new_event(organiser: httpx.AsyncClient, **fields: str) -> str:
    """Create an event open from yesterday to ten days from now; its slug."""
    slug = f"bo-{uuid.uuid4().hex[:10]}"
    data = {
        "slug": slug,
        "title": f"Salon {slug}",
        "region": "Normandie",
        "starts_at": paris_input(utcnow() - timedelta(days=1)),
        "ends_at": paris_input(utcnow() + timedelta(days=10)),
        **fields,
    }
    response = await organiser.post("/admin/events/new", data=data)
    assert response.status_code == 303 and response.headers["location"] == f"/admin/events/{slug}", response.text
    return slug


async def new_stand(organiser: httpx.AsyncClient, slug: str, **fields: str) -> int:
    data = {"name": f"Stand {uuid.uuid4().hex[:8]}", "kind": "company", "sector": "industrie", **fields}
    response = await organiser.post(f"/admin/events/{slug}/stands/new", data=data)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/admin/stands/(\d+)", response.headers["location"])
    assert match, response.headers["location"]
    return int(match.group(1))


async def stand_json(client: httpx.AsyncClient, stand_id: int) -> dict[str, Any]:
    response = await client.get(f"/api/stands/{stand_id}", headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def error_summary(page: str) -> str:
    """The text of the page's error summary (empty when there is none)."""
    match = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S)
    return match.group(0) if match else ""


def field_tag(page: str, field_id: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{re.escape(field_id)}"[^>]*>', page)
    assert match, f"no field {field_id}"
    return match.group(0)


async def sql(database_url: str, statement: str, **params: Any) -> list[Any]:
    """Run one statement on the test server's database (reads, or moving a date into the past)."""
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(text(statement), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()
