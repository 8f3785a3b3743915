"""Back-office imports: an ImportJob records the run, which goes on in the background while the organiser
watches its progress (`stands.import_views`); the work itself is `stands.import_service.import_stands`.

A dry run keeps the file it checked (a `Media` row of type `IMPORT_SOURCE_TYPE`, named in the job's report as
`source`, never served by /media), so that the organiser can start the real import from its report without
sending the file again (`start_from_dry_run`). The dry run's report then names the real run (`launched`).
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
from stands.models import Event, ImportJob, Media
from stands.permissions import require_organiser
from stands.uploads import IMPORT_SOURCE_TYPE, store_media

log = logging.getLogger("salon.import")


async def start_import(
    db: AsyncSession, principal: Principal | None, *, slug: str, filename: str, data: bytes, dry_run: bool
) -> tuple[ImportJob, ImportFile]:
    """Check who asks and the file, then record the ImportJob the background run will fill in (commits)."""
    principal = require_organiser(principal)
    event = await fair.event_by_slug(db, slug)
    parsed = await asyncio.to_thread(parse_import, data)  # a 5 MB file takes a moment: off the event loop
    report: dict[str, object] = {}
    if dry_run:
        report["source"] = (await store_media(db, data, IMPORT_SOURCE_TYPE)).sha256
    job = ImportJob(
        event_id=event.id,  # type: ignore[arg-type]
        filename=filename[:200],
        dry_run=dry_run,
        total_rows=parsed.total_rows,
        created_by=principal.id,
        report=report,
    )
    db.add(job)
    await db.commit()
    return job, parsed


def may_launch(job: ImportJob) -> bool:
    """Whether the real import can start from this job: a finished dry run whose file is kept."""
    report = job.report or {}
    return job.dry_run and job.status == "done" and bool(report.get("source")) and not report.get("launched")


async def start_from_dry_run(
    db: AsyncSession, principal: Principal | None, job_id: int
) -> tuple[ImportJob, ImportFile]:
    """The real import of the file a dry run checked: a new job (commits), to run like an uploaded one."""
    principal = require_organiser(principal)
    dry, _event = await get_job(db, principal, job_id)
    report = dict(dry.report or {})
    if report.get("launched"):
        raise DomainError("conflict", _("L'import de ce fichier a déjà été lancé."))
    if not may_launch(dry):
        raise DomainError("conflict", _("Seul un essai à blanc terminé peut être suivi de l'import réel."))
    source = (await db.exec(select(Media.data).where(Media.sha256 == report["source"]))).first()
    if source is None:
        raise DomainError("conflict", _("Le fichier de cet essai n'est plus disponible : envoyez-le à nouveau."))
    parsed = await asyncio.to_thread(parse_import, source)
    job = ImportJob(
        event_id=dry.event_id,
        filename=dry.filename,
        dry_run=False,
        total_rows=parsed.total_rows,
        created_by=principal.id,
    )
    db.add(job)
    await db.flush()
    dry.report = {**report, "launched": job.id}
    db.add(dry)
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
