"""Applying a parsed CSV import to an event: stands, their job cards and staff (the only writer for imports).

Each line runs in its own SAVEPOINT, so a refused line leaves nothing half-written while the others go on.
Every `BATCH` lines the transaction is committed with the ImportJob's progress, then the batch's invitation
e-mails are sent. (On SQLite, whose driver opens transactions lazily, releasing a line's SAVEPOINT may
already commit it; either way a committed line is a whole line.)

A dry run does exactly the same work and rolls every line's SAVEPOINT back, so its report is the one a real
run would give (lines never depend on each other: a name appears once per file) and nothing but the
ImportJob is written.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.service import ensure_room
from server import audit, mailer
from server.config import Settings
from server.errors import DomainError
from server.i18n import N_
from server.i18n import gettext as _
from server.timeutil import utcnow
from stands import service as fair
from stands.import_rows import Problem, RefusedRow, StandRow
from stands.imports import ImportFile
from stands.invitations import ensure_staff, invitation_mail
from stands.models import Event, ImportJob, JobCard, Stand
from stands.search import fold

log = logging.getLogger("salon.import")

BATCH = 20  # lines per commit: progress every few hundred milliseconds, short write locks on SQLite
STATUSES = ("created", "updated", "unchanged", "refused")
# What a run did (past tense) and what a dry run says a run would do (future): never "créé" for a dry run.
STATUS_LABELS = {
    "created": N_("créé"),
    "updated": N_("mis à jour"),
    "unchanged": N_("inchangé"),
    "refused": N_("refusé"),
}
DRY_RUN_LABELS = {
    "created": N_("à créer"),
    "updated": N_("sera mis à jour"),
    "unchanged": N_("restera inchangé"),
    "refused": N_("sera refusé"),
}
STAND_COLUMNS = ("name", "kind", "sector", "department", "city", "description", "website")
Progress = Callable[[int, int], Awaitable[None]]


def status_labels(dry_run: bool) -> dict[str, str]:
    """Each row status as the report says it, in French: future for a dry run, past for a real one."""
    return {status: _(label) for status, label in (DRY_RUN_LABELS if dry_run else STATUS_LABELS).items()}


def tense(dry_run: bool, done: str, planned: str) -> str:
    """`planned` (already translated) in a dry run's report, `done` in a real run's."""
    return planned if dry_run else done


class ImportInterrupted(Exception):
    """Raised between two lines when the server asks a running import to stop (see `stands.import_jobs`)."""


@dataclass
class RowReport:
    line: int
    stand: str
    status: str  # one of STATUSES
    notes: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "stand": self.stand,
            "status": self.status,
            "notes": [{"column": n.column, "message": n.message} for n in self.notes],
        }


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the whole file

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for r in self.rows if r.status == status) for status in STATUSES}

    @property
    def refused(self) -> int:
        return self.counts()["refused"]

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "notes": self.notes,
            "rows": [r.to_json() for r in self.rows],
        }


class RowRefused(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(column, message)


class _DryRun(Exception):
    """Raised at the end of a line in a dry run, to roll its SAVEPOINT back."""


@dataclass(frozen=True, slots=True)
class _Invitation:
    email: str
    token: str
    stand: str


# ------------------------------------------------------------------------------------------- the run


async def import_stands(
    db: AsyncSession,
    settings: Settings,
    event: Event,
    parsed: ImportFile,
    *,
    actor_id: int | None,
    dry_run: bool,
    job: ImportJob | None = None,
    on_progress: Progress | None = None,
    stop: asyncio.Event | None = None,
) -> ImportReport:
    """Apply every line of the file to the event (see the module's docstring); commits as it goes.

    When `stop` is set the import ends before its next line with ImportInterrupted: the lines of the batch not
    yet committed are rolled back by the caller's session, so the write lock is released cleanly (cancelling
    the task in the middle of a statement could leave an SQLite connection holding it)."""
    assert event.id is not None
    event_id, event_title = event.id, event.title
    report = ImportReport(dry_run, notes=file_notes(parsed))
    index = await StandIndex.load(db, event_id)
    lines: list[StandRow | RefusedRow] = sorted([*parsed.rows, *parsed.refused], key=lambda r: r.line)
    mails: list[_Invitation] = []
    for done, row in enumerate(lines, start=1):
        if stop is not None and stop.is_set():
            raise ImportInterrupted
        if isinstance(row, RefusedRow):
            report.rows.append(RowReport(row.line, row.name, "refused", list(row.problems)))
        else:
            report.rows.append(await _apply_in_savepoint(db, event_id, index, row, actor_id, dry_run, mails))
        if done % BATCH == 0 or done == len(lines):
            if job is not None:
                job.done_rows = done
                db.add(job)
            await db.commit()
            if mails:
                await _send_invitations(settings, event_title, mails, report)
                mails.clear()
            if on_progress is not None:
                await on_progress(done, len(lines))
    if job is not None:
        # Keys set before the run (the dry run's stored file, see stands.import_jobs) are kept.
        job.status, job.finished_at, job.report = "done", utcnow(), {**(job.report or {}), **report.to_json()}
        db.add(job)
        await db.commit()
    return report


def file_notes(parsed: ImportFile) -> list[str]:
    encoding = "UTF-8" if parsed.encoding == "utf-8" else "Latin-1 (Windows-1252)"
    separator = {";": _("point-virgule"), ",": _("virgule"), "\t": _("tabulation")}[parsed.separator]
    notes = [
        _("Fichier lu en %(encoding)s, séparateur %(separator)s.") % {"encoding": encoding, "separator": separator}
    ]
    for column in parsed.ignored_columns:
        notes.append(_("Colonne « %(column)s » ignorée : elle n'est pas reconnue.") % {"column": column})
    return notes


async def _apply_in_savepoint(
    db: AsyncSession,
    event_id: int,
    index: StandIndex,
    row: StandRow,
    actor_id: int | None,
    dry_run: bool,
    mails: list[_Invitation],
) -> RowReport:
    invitations: list[_Invitation] = []
    result: RowReport | None = None
    try:
        async with db.begin_nested():
            result = await apply_row(db, event_id, index, row, actor_id, invitations, dry_run=dry_run)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except RowRefused as refused:
        return RowReport(row.line, row.name, "refused", [refused.problem])
    except DomainError as exc:
        return RowReport(row.line, row.name, "refused", [Problem("", exc.message)])
    except IntegrityError:
        message = _("Ce stand vient d'être modifié par ailleurs (un autre import ?) : relancez l'import.")
        return RowReport(row.line, row.name, "refused", [Problem("", message)])
    except DBAPIError:
        log.exception("import: line %d refused by the database", row.line)
        message = _("La base de données a refusé cette ligne (le détail est dans le journal du serveur).")
        return RowReport(row.line, row.name, "refused", [Problem("", message)])
    assert result is not None
    if not dry_run:
        mails.extend(invitations)
    return result


async def _send_invitations(
    settings: Settings, event_title: str, mails: list[_Invitation], report: ImportReport
) -> None:
    failed = 0
    for mail in mails:
        sent = await mailer.send(
            settings,
            invitation_mail(
                settings, email=mail.email, token=mail.token, stand_name=mail.stand, event_title=event_title
            ),
        )
        failed += not sent
    if failed:
        report.notes.append(
            _("%(n)d e-mails d'invitation n'ont pas pu être envoyés : voir le journal du serveur.") % {"n": failed}
        )


# ------------------------------------------------------------------------------------------- one line


class StandIndex:
    """The event's stands by name: exact first, then accent- and case-insensitively ("cafe x" finds "Café X")."""

    def __init__(self, names: dict[str, int]) -> None:
        self.exact = dict(names)
        self.loose: dict[str, int | None] = {}
        for name, stand_id in names.items():
            self.loose[fold(name)] = None if fold(name) in self.loose else stand_id  # None: ambiguous

    @classmethod
    async def load(cls, db: AsyncSession, event_id: int) -> StandIndex:
        rows = await db.exec(select(Stand.name, Stand.id).where(Stand.event_id == event_id))
        return cls({name: stand_id for name, stand_id in rows.all() if stand_id is not None})

    def find(self, name: str) -> int | None:
        """The id of the stand with this name, None for a new one; refuses a name two stands come close to."""
        if name in self.exact:
            return self.exact[name]
        key = fold(name)
        if key in self.loose and self.loose[key] is None:
            raise RowRefused(
                "name",
                _("Plusieurs stands ont un nom proche de « %(name)s » : écrivez-le exactement.") % {"name": name},
            )
        return self.loose.get(key)


async def apply_row(
    db: AsyncSession,
    event_id: int,
    index: StandIndex,
    row: StandRow,
    actor_id: int | None,
    mails: list[_Invitation],
    *,
    dry_run: bool = False,
) -> RowReport:
    """Create or update one stand from a valid line (no commit); raises RowRefused. With `dry_run` the work is
    the same (the caller rolls it back) and the notes say what a real run will do."""
    wanted: dict[str, str] = {"name": row.name, "kind": row.kind, "sector": row.sector, **row.fields}
    stand_id = index.find(row.name)
    notes: list[Problem] = []
    if stand_id is None:
        event = await db.get(Event, event_id)
        assert event is not None
        stand = await fair.save_stand(db, event, **wanted)
        status = "created"
        notes.append(Problem("", tense(dry_run, _("Stand créé."), _("Stand à créer."))))
    else:
        stand = (
            await db.exec(select(Stand).where(Stand.id == stand_id).execution_options(populate_existing=True))
        ).one()
        changed = [column for column in STAND_COLUMNS if column in wanted and getattr(stand, column) != wanted[column]]
        for column in changed:
            notes.append(Problem(column, _describe_change(column, getattr(stand, column), wanted[column], dry_run)))
            setattr(stand, column, wanted[column])
        if changed:
            stand.updated_at = utcnow()
            db.add(stand)
            await db.flush()
            if "name" in changed:
                await ensure_room(
                    db, name=f"stand:{stand.id}", kind="stand", event_id=event_id, stand_id=stand.id, title=stand.name
                )
        status = "updated" if changed else "unchanged"
    assert stand.id is not None
    if row.job_titles is not None:
        notes.extend(await _add_job_cards(db, stand, row, dry_run))
    if row.staff_emails is not None:
        notes.extend(await _add_staff(db, stand, row.staff_emails, actor_id, mails, dry_run))
    if status == "unchanged" and notes:
        status = "updated"
    if status != "unchanged":
        columns = sorted({n.column for n in notes if n.column})
        audit.record(
            db, actor_id=actor_id, action=f"stand.import.{status}", target=f"stand:{stand.id}", columns=columns
        )
    return RowReport(row.line, stand.name, status, notes)


def _describe_change(column: str, old: str, new: str, dry_run: bool = False) -> str:
    values = {"old": old[:80], "new": new[:80]}
    if column == "description":
        return tense(dry_run, _("Présentation modifiée."), _("Présentation à modifier."))
    if not old:
        return tense(dry_run, _("Renseigné : « %(new)s »."), _("Sera renseigné : « %(new)s ».")) % values
    if not new:
        return tense(dry_run, _("Effacé (c'était « %(old)s »)."), _("Sera effacé (c'est « %(old)s »).")) % values
    return tense(dry_run, _("« %(old)s » devient « %(new)s »."), _("« %(old)s » deviendra « %(new)s ».")) % values


async def _add_job_cards(db: AsyncSession, stand: Stand, row: StandRow, dry_run: bool = False) -> list[Problem]:
    """Add the job cards the stand lacks (matched by title, accents and case ignored); never delete one."""
    assert row.job_titles is not None
    cards = {fold(c.title): c for c in (await db.exec(select(JobCard).where(JobCard.stand_id == stand.id))).all()}
    added, recoded = [], []
    for job in row.job_titles:
        card = cards.get(fold(job.title))
        if card is None:
            db.add(JobCard(stand_id=stand.id, title=job.title, rome_code=job.rome_code))  # type: ignore[arg-type]
            added.append(job.title)
        elif job.rome_code and card.rome_code != job.rome_code:
            card.rome_code = job.rome_code
            db.add(card)
            recoded.append(f"{card.title} ({job.rome_code})")
    await db.flush()
    notes = []
    if added:
        text = tense(dry_run, _("Fiches métiers ajoutées : %(titles)s."), _("Fiches métiers à ajouter : %(titles)s."))
        notes.append(Problem("job_titles", text % {"titles": ", ".join(added)}))
    if recoded:
        text = tense(dry_run, _("Codes ROME mis à jour : %(cards)s."), _("Codes ROME à mettre à jour : %(cards)s."))
        notes.append(Problem("rome_codes", text % {"cards": ", ".join(recoded)}))
    return notes


async def _add_staff(
    db: AsyncSession,
    stand: Stand,
    emails: tuple[str, ...],
    actor_id: int | None,
    mails: list[_Invitation],
    dry_run: bool = False,
) -> list[Problem]:
    added, invited = [], []
    for email in emails:
        try:
            outcome = await ensure_staff(db, stand, email, invited_by=actor_id)
        except DomainError as exc:
            raise RowRefused("staff_emails", exc.message) from None
        if outcome.status == "added":
            added.append(email)
        elif outcome.status == "invited":
            assert outcome.token is not None
            invited.append(email)
            mails.append(_Invitation(email, outcome.token, stand.name))
    await db.flush()
    notes = []
    if added:
        text = tense(
            dry_run, _("Comptes ajoutés à l'équipe : %(emails)s."), _("Comptes à ajouter à l'équipe : %(emails)s.")
        )
        notes.append(Problem("staff_emails", text % {"emails": ", ".join(added)}))
    if invited:
        text = tense(dry_run, _("Invitation envoyée à : %(emails)s."), _("Invitation à envoyer à : %(emails)s."))
        notes.append(Problem("staff_emails", text % {"emails": ", ".join(invited)}))
    return notes
