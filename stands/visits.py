"""Visit counts for organisers: aggregate numbers per stand, class and day, never who visited.

A visit is one browser session opening one stand's page on one day (Europe/Paris). The session cookie
remembers which stands it has been counted for today (`remember_visit`, pure), so reloading a page
counts nothing; the database only ever holds counters (`record_visit`, one UPSERT). Pupils count for
their class, everyone else for class 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.formats import french_sort_key
from server.models import SchoolClass
from server.timeutil import PARIS, utcnow
from stands.models import Stand, StandVisit

NO_CLASS = 0
# How many stand ids a session cookie remembers for the day: enough for any real visit, small enough
# for the cookie (about 5 bytes an id) to stay far below the browsers' 4 KB.
MAX_REMEMBERED = 200


def remember_visit(memory: Any, stand_id: int, today: date) -> tuple[dict[str, Any], bool]:
    """The session's visit memory after opening `stand_id` today, and whether this visit counts.

    `memory` is what the cookie held (anything: it may be missing, from another day or malformed);
    the answer is `{"day": "YYYY-MM-DD", "stands": [ids, oldest first]}`, capped at MAX_REMEMBERED.
    """
    day = today.isoformat()
    stands: list[int] = []
    if isinstance(memory, dict) and memory.get("day") == day and isinstance(memory.get("stands"), list):
        stands = [s for s in memory["stands"] if isinstance(s, int) and not isinstance(s, bool)]
    if stand_id in stands:
        return {"day": day, "stands": stands}, False
    return {"day": day, "stands": [*stands, stand_id][-MAX_REMEMBERED:]}, True


def visit_class(role: str | None, class_id: int | None) -> int:
    """The class a visit counts for: a pupil's class, else NO_CLASS."""
    return class_id if role == "pupil" and class_id else NO_CLASS


def paris_today() -> date:
    return utcnow().astimezone(PARIS).date()


async def record_visit(db: AsyncSession, stand_id: int, class_id: int, day: date | None = None) -> None:
    """Add one visit to the stand's counter for this class and day (today in Europe/Paris by default),
    and commit: one statement, right even when several workers count the same stand at once."""
    day = day or paris_today()
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = StandVisit.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(stand_id=stand_id, class_id=class_id, day=day, visits=1)
        .on_conflict_do_update(
            index_elements=[table.c.stand_id, table.c.class_id, table.c.day],
            set_={"visits": table.c.visits + 1},
        )
    )
    await db.exec(statement)  # type: ignore[call-overload]
    await db.commit()


@dataclass(frozen=True)
class StandVisits:
    stand_id: int
    name: str
    pupils: int  # visits counted for a class
    others: int  # visits without a class (adults, visitors not signed in)

    @property
    def total(self) -> int:
        return self.pupils + self.others


@dataclass(frozen=True)
class ClassVisits:
    class_id: int  # NO_CLASS for visitors without a class
    label: str
    school: str
    visits: int
    stands: int  # how many different stands were visited


async def visits_by_stand(db: AsyncSession, event_id: int) -> list[StandVisits]:
    """Every stand of the event with its visit counts, most visited first (stands never visited: 0)."""
    pupils = func.coalesce(func.sum(case((col(StandVisit.class_id) != NO_CLASS, StandVisit.visits), else_=0)), 0)
    others = func.coalesce(func.sum(case((col(StandVisit.class_id) == NO_CLASS, StandVisit.visits), else_=0)), 0)
    rows = await db.exec(
        select(Stand.id, Stand.name, pupils, others)
        .outerjoin(StandVisit, col(StandVisit.stand_id) == col(Stand.id))
        .where(Stand.event_id == event_id)
        .group_by(col(Stand.id), col(Stand.name))
    )
    found = [StandVisits(int(i), name, int(p), int(o)) for i, name, p, o in rows.all()]
    return sorted(found, key=lambda s: (-s.total, french_sort_key(s.name), s.stand_id))


async def visits_by_class(db: AsyncSession, event_id: int) -> list[ClassVisits]:
    """The classes that visited the event's stands, most visits first; visitors without a class come
    last as class NO_CLASS with an empty label."""
    rows = await db.exec(
        select(
            StandVisit.class_id,
            SchoolClass.label,
            SchoolClass.school,
            func.sum(StandVisit.visits),
            func.count(func.distinct(StandVisit.stand_id)),
        )
        .join(Stand, col(Stand.id) == col(StandVisit.stand_id))
        .outerjoin(SchoolClass, col(SchoolClass.id) == col(StandVisit.class_id))
        .where(Stand.event_id == event_id)
        .group_by(col(StandVisit.class_id), col(SchoolClass.label), col(SchoolClass.school))
    )
    found = [ClassVisits(int(c), label or "", school or "", int(v), int(n)) for c, label, school, v, n in rows.all()]
    return sorted(found, key=lambda c: (c.class_id == NO_CLASS, -c.visits, french_sort_key(c.label), c.class_id))


async def visit_details(db: AsyncSession, event_id: int) -> list[tuple[str, int, str, str, int]]:
    """(stand, class id, class label, school, visits) for every stand and class with visits, for the CSV."""
    rows = await db.exec(
        select(Stand.name, StandVisit.class_id, SchoolClass.label, SchoolClass.school, func.sum(StandVisit.visits))
        .join(Stand, col(Stand.id) == col(StandVisit.stand_id))
        .outerjoin(SchoolClass, col(SchoolClass.id) == col(StandVisit.class_id))
        .where(Stand.event_id == event_id)
        .group_by(col(Stand.name), col(StandVisit.class_id), col(SchoolClass.label), col(SchoolClass.school))
    )
    found = [(name, int(c), label or "", school or "", int(v)) for name, c, label, school, v in rows.all()]
    return sorted(found, key=lambda r: (french_sort_key(r[0]), r[1]))
