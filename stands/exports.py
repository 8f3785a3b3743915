"""The CSV export of an event's stands: the import's columns, so that export then import changes nothing.

UTF-8 with a BOM and ";" between cells, what a French Excel opens correctly with a double click; cells a
spreadsheet would run as formulas get a leading apostrophe, which the import strips again.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.formats import french_sort_key
from server.models import User
from server.timeutil import aware, utcnow
from stands.import_rows import join_list, protect_cell
from stands.imports import COLUMNS
from stands.models import Event, JobCard, StaffInvitation, Stand, StandStaff


def _by_name(stand: Stand) -> tuple[tuple[str, str], int]:
    return french_sort_key(stand.name), stand.id or 0


async def export_records(db: AsyncSession, event: Event) -> list[dict[str, str]]:
    """One dict per stand (by name), with every column of the import; four queries whatever the count."""
    stands = sorted((await db.exec(select(Stand).where(Stand.event_id == event.id))).all(), key=_by_name)
    ids = [s.id for s in stands]
    titles: dict[int, list[str]] = defaultdict(list)
    codes: dict[int, list[str]] = defaultdict(list)
    for stand_id, title, code in (
        await db.exec(
            select(JobCard.stand_id, JobCard.title, JobCard.rome_code)
            .where(col(JobCard.stand_id).in_(ids))
            .order_by(col(JobCard.id))
        )
    ).all():
        titles[stand_id].append(title)
        codes[stand_id].append(code)
    emails: dict[int, list[str]] = defaultdict(list)
    staff = await db.exec(
        select(StandStaff.stand_id, User.email)
        .join(User, col(User.id) == col(StandStaff.user_id))
        .where(col(StandStaff.stand_id).in_(ids))
        .order_by(col(User.email))
    )
    for stand_id, email in staff.all():
        if email:
            emails[stand_id].append(email)
    invitations = await db.exec(
        select(StaffInvitation)
        .where(col(StaffInvitation.stand_id).in_(ids), col(StaffInvitation.accepted_at).is_(None))
        .order_by(col(StaffInvitation.email))
    )
    now = utcnow()
    for invitation in invitations.all():
        if aware(invitation.expires_at) > now and invitation.email not in emails[invitation.stand_id]:
            emails[invitation.stand_id].append(invitation.email)  # pending: a re-import would not invite again
    records = []
    for stand in stands:
        assert stand.id is not None
        stand_codes = codes[stand.id]
        records.append(
            {
                "name": stand.name,
                "kind": stand.kind,
                "sector": stand.sector,
                "department": stand.department,
                "city": stand.city,
                "description": stand.description,
                "website": stand.website,
                "staff_emails": join_list(emails[stand.id]),
                "job_titles": join_list(titles[stand.id]),
                "rome_codes": join_list(stand_codes) if any(stand_codes) else "",
            }
        )
    return records


def to_csv(records: list[dict[str, str]]) -> bytes:
    """The file: a BOM, a header row, one row per record; ";" separated, CRLF line ends, formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([protect_cell(record.get(column, "")) for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")
