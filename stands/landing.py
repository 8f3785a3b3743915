"""Where a pupil lands after joining with a class code: the hall of the event open now.

Classes are not tied to events in the schema; a class "belongs" to an event once its pupils have visited
stands of it (the aggregate visit counts). So, among the events open now:
- exactly one: that one;
- several: the one the class has visited, when exactly one of them;
- otherwise (none open, or no way to choose): None, and the pupil lands on the home page, which lists them
  (with the same welcome).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.timeutil import utcnow
from stands.models import Event, Stand, StandVisit
from stands.service import event_is_open, list_events

WELCOME = "bienvenue=1"  # the hall greets the pupil by pseudonym


async def open_event_for_class(db: AsyncSession, class_id: int | None, now: datetime | None = None) -> Event | None:
    now = now or utcnow()
    open_now = [e for e in await list_events(db) if event_is_open(e, now)]
    if len(open_now) <= 1 or class_id is None:
        return open_now[0] if len(open_now) == 1 else None
    visited = set(
        (
            await db.exec(
                select(Stand.event_id)
                .join(StandVisit, col(StandVisit.stand_id) == col(Stand.id))
                .where(StandVisit.class_id == class_id, col(Stand.event_id).in_([e.id for e in open_now]))
                .distinct()
            )
        ).all()
    )
    mine = [e for e in open_now if e.id in visited]
    return mine[0] if len(mine) == 1 else None


async def pupil_landing(db: AsyncSession, class_id: int | None) -> str:
    """The hall of the pupil's open event, or the home page, both with the welcome flag."""
    event = await open_event_for_class(db, class_id)
    return f"/events/{quote(event.slug, safe='')}?{WELCOME}" if event else f"/?{WELCOME}"
