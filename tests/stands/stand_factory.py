"""Stands made for a test, written with the app's own code into the database a test server uses.

Each test module makes its own event (a fresh slug), so the demo fair the other tests read is left as
it is and counts (visits) start at zero.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from PIL import Image
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.db import create_engine, create_session_factory
from server.timeutil import utcnow
from stands import service
from stands.models import Document, Event, Stand, StandHours, Video
from stands.uploads import store_logo, store_pdf


@asynccontextmanager
async def database(url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            yield db
    finally:
        await engine.dispose()


async def open_event(db: AsyncSession, prefix: str) -> Event:
    """A new event, open from yesterday to tomorrow, with a slug no other test uses."""
    now = utcnow()
    return await service.save_event(
        db,
        slug=f"{prefix}-{uuid.uuid4().hex[:8]}",
        title=f"Essai {prefix}",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
    )


async def make_stand(
    db: AsyncSession,
    event: Event,
    name: str,
    *,
    job_cards: Sequence[dict[str, Any]] = (),
    offers: Sequence[dict[str, Any]] = (),
    videos: Sequence[dict[str, Any]] = (),
    hours: Sequence[tuple[Any, Any]] = (),
    **fields: Any,
) -> Stand:
    fields = {"kind": "company", "sector": "industrie", **fields}
    stand = await service.save_stand(db, event, name=name, **fields)
    await service.replace_stand_content(db, stand, job_cards=list(job_cards), offers=list(offers))
    for video in videos:
        db.add(Video(stand_id=stand.id, **video))
    for starts_at, ends_at in hours:
        db.add(StandHours(stand_id=stand.id, starts_at=starts_at, ends_at=ends_at))
    await db.flush()
    return stand


def png(width: int, height: int, color: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def pdf(text: str = "Salon") -> bytes:
    """A tiny but well-formed one-page PDF."""
    body = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


async def give_logo(db: AsyncSession, stand: Stand, data: bytes) -> str:
    media = await store_logo(db, data)
    stand.logo_id = media.id
    db.add(stand)
    await db.flush()
    return media.sha256


async def add_document(db: AsyncSession, stand: Stand, title: str, data: bytes) -> str:
    media = await store_pdf(db, data)
    db.add(Document(stand_id=stand.id, title=title, media_id=media.id))
    await db.flush()
    return media.sha256


async def stand_named(db: AsyncSession, event: Event, name: str) -> Stand:
    return (await db.exec(select(Stand).where(Stand.event_id == event.id, Stand.name == name))).one()
