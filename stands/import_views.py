"""Organisers' CSV import and export pages: upload a file, watch the background run, read its report.

The run itself happens in an asyncio task recorded in an ImportJob (`stands.import_jobs`), so a long file
never holds the request; the job page refreshes itself (a <noscript> meta refresh, or static/js/import.js).
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_moment
from server.i18n import gettext as _
from server.timeutil import iso, paris
from server.web import JSONResponse, current_principal, render, services
from stands import service as fair
from stands.exports import export_records, to_csv
from stands.import_jobs import get_job, may_launch, recent_jobs, run_job, start_from_dry_run, start_import
from stands.import_service import status_labels
from stands.imports import ImportFile
from stands.models import Event, ImportJob
from stands.permissions import require_organiser

MAX_UPLOAD = 5 * 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the other fields, on top of the file


async def _organiser(request: Request) -> Principal | Response:
    """The organiser asking; anonymous visitors are sent to the login page (401 on a POST), others get 403."""
    principal = await current_principal(request)
    if principal is None and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return require_organiser(principal)


# ------------------------------------------------------------------------------------------- upload


async def import_page(request: Request) -> Response:
    principal = await _organiser(request)
    if isinstance(principal, Response):
        return principal
    slug = request.path_params["slug"]
    async with services(request).sessions() as db:
        event = await fair.event_by_slug(db, slug)
        jobs = await recent_jobs(db, event)
    if request.method == "GET":
        return await _form(request, event, jobs)
    dry_run = False
    try:
        upload, dry_run = await _read_upload(request)
        data = await upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise DomainError("too_long", _("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers."))
        async with services(request).sessions() as db:
            job, parsed = await start_import(
                db, principal, slug=slug, filename=upload.filename or "", data=data, dry_run=dry_run
            )
    except DomainError as exc:
        if exc.code not in ("invalid", "too_long"):
            raise
        return await _form(request, event, jobs, error=exc.message, dry_run=dry_run, status_code=exc.status)
    assert job.id is not None
    _start_in_background(request, job.id, parsed)
    return RedirectResponse(f"/admin/imports/{job.id}", status_code=303)


async def _read_upload(request: Request) -> tuple[UploadFile, bool]:
    try:
        length = int(request.headers.get("content-length", ""))
    except ValueError:
        length = -1
    if length > MAX_UPLOAD + FORM_OVERHEAD:
        raise DomainError("too_long", _("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers."))
    if length < 0:
        raise DomainError("invalid", _("Envoyez le fichier avec le formulaire de cette page."))
    form = await request.form(max_files=1, max_fields=10, max_part_size=FORM_OVERHEAD)
    upload, dry_run = form.get("file"), form.get("dry_run") == "1"
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise DomainError("invalid", _("Choisissez le fichier CSV à importer."))
    return upload, dry_run


def _start_in_background(request: Request, job_id: int, parsed: ImportFile) -> None:
    svc = services(request)
    job = run_job(svc.sessions, svc.settings, job_id, parsed, _stop_event(request.app))
    task = asyncio.create_task(job, name=f"import-{job_id}")
    tasks = _running(request.app)
    tasks.add(task)  # the event loop keeps only weak references to tasks: hold this one until it ends
    task.add_done_callback(tasks.discard)


def _running(app: Starlette) -> set[asyncio.Task[None]]:
    tasks: set[asyncio.Task[None]] | None = getattr(app.state, "import_tasks", None)
    if tasks is None:
        tasks = app.state.import_tasks = set()
    return tasks


def _stop_event(app: Starlette) -> asyncio.Event:
    stop: asyncio.Event | None = getattr(app.state, "import_stop", None)
    if stop is None:
        stop = app.state.import_stop = asyncio.Event()
    return stop


async def stop_imports(app: Starlette, grace: float = 5.0) -> None:
    """At shutdown (the app's lifespan): ask the imports still running to stop before their next line, each
    marks its job failed; one that does not stop within `grace` seconds is cancelled."""
    _stop_event(app).set()
    tasks = list(_running(app))
    if not tasks:
        return
    _, late = await asyncio.wait(tasks, timeout=grace)
    for task in late:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _form(
    request: Request,
    event: Event,
    jobs: list[ImportJob],
    *,
    error: str | None = None,
    dry_run: bool = False,
    status_code: int = 200,
) -> Response:
    return await render(
        request,
        "stands/admin/import.html",
        {
            "event": event,
            "jobs": [_job_summary(job) for job in jobs],
            "error": error,
            "dry_run": dry_run,
            "max_megabytes": MAX_UPLOAD // (1024 * 1024),
        },
        status_code,
    )


# -------------------------------------------------------------------------------------------- a job


def job_json(job: ImportJob, event: Event) -> dict[str, Any]:
    return {
        "id": job.id,
        "event": event.slug,
        "filename": job.filename,
        "dry_run": job.dry_run,
        "status": job.status,
        "total_rows": job.total_rows,
        "done_rows": job.done_rows,
        "created_at": iso(paris(job.created_at)),
        "finished_at": iso(paris(job.finished_at)) if job.finished_at else None,
        "report": {k: v for k, v in (job.report or {}).items() if k != "source"},
    }


def _job_summary(job: ImportJob) -> dict[str, Any]:
    counts = (job.report or {}).get("counts", {})
    return {
        "id": job.id,
        "filename": job.filename,
        "dry_run": job.dry_run,
        "status": job.status,
        "when": fr_moment(job.created_at),
        "counts": counts,
    }


async def job_page(request: Request) -> Response:
    principal = await _organiser(request)
    if isinstance(principal, Response):
        return principal
    async with services(request).sessions() as db:
        job, event = await get_job(db, principal, request.path_params["job_id"])
    report = job.report or {}
    return await render(
        request,
        "stands/admin/import_job.html",
        {
            "job": job,
            "event": event,
            "counts": report.get("counts", {}),
            "notes": report.get("notes", []),
            "rows": report.get("rows", []),
            "error": report.get("error"),
            "status_labels": status_labels(job.dry_run),
            "may_launch": may_launch(job),
            "launched": report.get("launched"),
        },
    )


async def launch_import(request: Request) -> Response:
    """POST from a dry run's report: the real import of the file it checked, without sending it again."""
    principal = await current_principal(request)
    async with services(request).sessions() as db:
        job, parsed = await start_from_dry_run(db, principal, request.path_params["job_id"])
    assert job.id is not None
    _start_in_background(request, job.id, parsed)
    return RedirectResponse(f"/admin/imports/{job.id}", status_code=303)


async def api_job(request: Request) -> Response:
    async with services(request).sessions() as db:
        job, event = await get_job(db, await current_principal(request), request.path_params["job_id"])
    return JSONResponse(job_json(job, event))


# ------------------------------------------------------------------------------------------- export


async def export_csv(request: Request) -> Response:
    principal = await _organiser(request)
    if isinstance(principal, Response):
        return principal
    async with services(request).sessions() as db:
        event = await fair.event_by_slug(db, request.path_params["slug"])
        records = await export_records(db, event)
    return Response(
        to_csv(records),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="stands-{event.slug}.csv"'},
    )


routes = [
    Route("/admin/events/{slug}/import", import_page, methods=["GET", "POST"], name="stands_import"),
    Route("/admin/events/{slug}/export.csv", export_csv, name="stands_export"),
    Route("/admin/imports/{job_id:int}", job_page, name="import_job"),
    Route("/admin/imports/{job_id:int}/run", launch_import, methods=["POST"], name="import_launch"),
    Route("/api/imports/{job_id:int}", api_job),
]
