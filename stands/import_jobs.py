"""Back-office imports: an ImportJob records the run, which goes on in the background while the organiser
watches its progress (`stands.import_views`); the work itself is `stands.import_service.import_stands`.
"""

from __future__ import annotations

import asyncio
import logging

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.auth import Principal
from server.config import Settings
from server.db import SessionFactory
from server.errors import DomainError
from server.i18n import gettext as _
from server.timeutil import utcnow
from stands import service as fair
from stands.import_service import ImportInterrupted, import_stands
from stands.imports import ImportFile, parse_import
from stands.models import Event, ImportJob
from stands.permissions import require_organiser

log = logging.getLogger("salon.import")


async def start_import(
    db: AsyncSession, principal: Principal | None, *, slug: str, filename: str, data: bytes, dry_run: bool
) -> tuple[ImportJob, ImportFile]:
    """Check who asks and the file, then record the ImportJob the background run will fill in (commits)."""
    principal = require_organiser(principal)
    event = await fair.event_by_slug(db, slug)
    parsed = await asyncio.to_thread(parse_import, data)  # a 5 MB file takes a moment: off the event loop
    job = ImportJob(
        event_id=event.id,  # type: ignore[arg-type]
        filename=filename[:200],
        dry_run=dry_run,
        total_rows=parsed.total_rows,
        created_by=principal.id,
    )
    db.add(job)
    await db.commit()
    return job, parsed


async def run_job(
    sessions: SessionFactory, settings: Settings, job_id: int, parsed: ImportFile, stop: asyncio.Event
) -> None:
    """The background part of a back-office import; a failure or a shutdown (`stop` set, or as a last resort
    the task cancelled) marks the job "failed" instead of leaving it "running" for ever."""
    try:
        async with sessions() as db:
            job = await db.get(ImportJob, job_id)
            assert job is not None
            event = await db.get(Event, job.event_id)
            assert event is not None
            await import_stands(
                db, settings, event, parsed, actor_id=job.created_by, dry_run=job.dry_run, job=job, stop=stop
            )
    except (ImportInterrupted, asyncio.CancelledError) as stopped:
        await _mark_failed(sessions, job_id, _("L'import a été interrompu par l'arrêt du serveur."))
        if isinstance(stopped, asyncio.CancelledError):
            raise
    except Exception:
        log.exception("import %s failed", job_id)
        await _mark_failed(sessions, job_id, _("L'import s'est arrêté sur une erreur inattendue."))


async def _mark_failed(sessions: SessionFactory, job_id: int, reason: str) -> None:
    async with sessions() as db:
        job = await db.get(ImportJob, job_id)
        assert job is not None
        job.status, job.finished_at = "failed", utcnow()
        more = _("Les lignes déjà enregistrées le restent : importez le fichier à nouveau, rien ne sera dupliqué.")
        job.report = {**(job.report or {}), "error": f"{reason} {more}"}
        db.add(job)
        await db.commit()


async def get_job(db: AsyncSession, principal: Principal | None, job_id: int) -> tuple[ImportJob, Event]:
    require_organiser(principal)
    job = await db.get(ImportJob, job_id)
    if job is None:
        raise DomainError("not_found", _("Cet import n'existe pas."))
    event = await db.get(Event, job.event_id)
    assert event is not None
    return job, event


async def recent_jobs(db: AsyncSession, event: Event, limit: int = 10) -> list[ImportJob]:
    query = select(ImportJob).where(ImportJob.event_id == event.id).order_by(col(ImportJob.id).desc()).limit(limit)
    return list((await db.exec(query)).all())
