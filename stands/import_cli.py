"""`salon import EVENT_SLUG FILE.csv [--dry-run]` and `salon export EVENT_SLUG [FILE]`.

The report goes to stdout, one line per note; progress goes to stderr for files of more than
`PROGRESS_FROM` lines. Exit codes: 0 every line was taken, 1 some were refused (the others are imported),
2 the file (or the event) cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from server.config import Settings
from server.db import create_engine, create_session_factory
from server.errors import DomainError
from server.i18n import gettext as _
from stands import service as fair
from stands.exports import export_records, to_csv
from stands.import_service import ImportReport, import_stands, status_labels
from stands.imports import parse_import

PROGRESS_FROM = 100


async def run_import(settings: Settings, slug: str, path: str, *, dry_run: bool, out: TextIO, err: TextIO) -> int:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        print(
            _("salon import : impossible de lire %(path)s (%(error)s).") % {"path": path, "error": exc.strerror},
            file=err,
        )
        return 2
    try:
        parsed = parse_import(data)
    except DomainError as exc:
        print(_("salon import : %(path)s : %(message)s") % {"path": path, "message": exc.message}, file=err)
        return 2

    async def progress(done: int, total: int) -> None:
        if total >= PROGRESS_FROM:
            print(_("… %(done)d lignes sur %(total)d") % {"done": done, "total": total}, file=err, flush=True)

    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as db:
            try:
                event = await fair.event_by_slug(db, slug)
            except DomainError as exc:
                print(_("salon import : %(slug)s : %(message)s") % {"slug": slug, "message": exc.message}, file=err)
                return 2
            report = await import_stands(
                db, settings, event, parsed, actor_id=None, dry_run=dry_run, on_progress=progress
            )
    finally:
        await engine.dispose()
    print(format_report(report), file=out)
    return 1 if report.refused else 0


def format_report(report: ImportReport) -> str:
    """The report as text: the file's notes, one line per note of each row, then the totals."""
    lines = list(report.notes)
    labels = status_labels(report.dry_run)
    for row in report.rows:
        start = f"{_('ligne')} {row.line}\t{labels[row.status]}\t{row.stand}"
        if not row.notes:
            lines.append(start)
        for note in row.notes:
            lines.append(f"{start}\t{note.column + ' : ' if note.column else ''}{note.message}")
    counts = report.counts()
    totals = (
        _(
            "Lignes lues : %(total)d ; à créer : %(created)d, à mettre à jour : %(updated)d, "
            "inchangées : %(unchanged)d, refusées : %(refused)d."
        )
        if report.dry_run
        else _(
            "Lignes lues : %(total)d ; créées : %(created)d, mises à jour : %(updated)d, "
            "inchangées : %(unchanged)d, refusées : %(refused)d."
        )
    )
    lines.append(totals % {"total": len(report.rows), **counts})
    if report.dry_run:
        lines.append(_("Essai (--dry-run) : rien n'a été enregistré."))
    return "\n".join(lines)


async def run_export(settings: Settings, slug: str, path: str | None, *, out: TextIO, err: TextIO) -> int:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as db:
            try:
                event = await fair.event_by_slug(db, slug)
            except DomainError as exc:
                print(_("salon export : %(slug)s : %(message)s") % {"slug": slug, "message": exc.message}, file=err)
                return 2
            records = await export_records(db, event)
    finally:
        await engine.dispose()
    data = to_csv(records)
    if path is None or path == "-":
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
        return 0
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        print(
            _("salon export : impossible d'écrire %(path)s (%(error)s).") % {"path": path, "error": exc.strerror},
            file=err,
        )
        return 2
    print(_("%(count)d stands exportés dans %(path)s.") % {"count": len(records), "path": path}, file=err)
    return 0
