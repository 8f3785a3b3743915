"""Reading and writing the fair: events, stands and what they show. The only writers of these tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.service import ensure_room
from server.errors import DomainError
from server.models import User
from server.timeutil import aware, utcnow
from stands.models import Event, JobCard, Offer, Stand, StandStaff, Video
from stands.search import matches


def event_is_open(event: Event, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return aware(event.starts_at) <= now < aware(event.ends_at)


async def list_events(db: AsyncSession) -> list[Event]:
    return list((await db.exec(select(Event).order_by(col(Event.starts_at)))).all())


async def event_by_slug(db: AsyncSession, slug: str) -> Event:
    event = (await db.exec(select(Event).where(Event.slug == slug))).first()
    if event is None:
        raise DomainError("not_found", "Cet événement n'existe pas.")
    return event


@dataclass
class StandSummary:
    stand: Stand
    job_titles: list[str] = field(default_factory=list)
    rome_codes: list[str] = field(default_factory=list)
    staff_online: int = 0

    @property
    def room(self) -> str:
        return f"stand:{self.stand.id}"


async def list_stands(
    db: AsyncSession, event: Event, *, q: str = "", sector: str = "", kind: str = ""
) -> list[StandSummary]:
    """Every stand of the event matching the filters, by name; two queries whatever the count."""
    query = select(Stand).where(Stand.event_id == event.id).order_by(col(Stand.name))
    if sector:
        query = query.where(Stand.sector == sector)
    if kind:
        query = query.where(Stand.kind == kind)
    stands = {s.id: StandSummary(s) for s in (await db.exec(query)).all()}
    if stands:
        cards = await db.exec(
            select(JobCard.stand_id, JobCard.title, JobCard.rome_code)
            .where(col(JobCard.stand_id).in_(list(stands)))
            .order_by(col(JobCard.id))
        )
        for stand_id, title, rome in cards.all():
            stands[stand_id].job_titles.append(title)
            stands[stand_id].rome_codes.append(rome)
    return [s for s in stands.values() if matches(q, [s.stand.name, s.stand.city, *s.job_titles, *s.rome_codes])]


async def stand_detail(db: AsyncSession, stand_id: int) -> dict[str, Any]:
    stand = await db.get(Stand, stand_id)
    if stand is None:
        raise DomainError("not_found", "Ce stand n'existe pas.")
    event = await db.get(Event, stand.event_id)

    def by_stand(model: Any) -> Any:
        return select(model).where(model.stand_id == stand_id).order_by(col(model.id))

    staff = await db.exec(
        select(User)
        .join(StandStaff, col(StandStaff.user_id) == User.id)
        .where(StandStaff.stand_id == stand_id)
        .order_by(col(User.name))
    )
    return {
        "stand": stand,
        "event": event,
        "job_cards": list((await db.exec(by_stand(JobCard))).all()),
        "offers": list((await db.exec(by_stand(Offer))).all()),
        "videos": list((await db.exec(by_stand(Video))).all()),
        "staff": list(staff.all()),
    }


async def save_event(db: AsyncSession, *, slug: str, **fields: Any) -> Event:
    event = (await db.exec(select(Event).where(Event.slug == slug))).first() or Event(slug=slug, **fields)
    for name, value in fields.items():
        setattr(event, name, value)
    db.add(event)
    await db.flush()
    return event


async def save_stand(db: AsyncSession, event: Event, *, name: str, **fields: Any) -> Stand:
    """Create or update a stand (matched by name within its event) and its live room."""
    stand = (await db.exec(select(Stand).where(Stand.event_id == event.id, Stand.name == name))).first() or Stand(
        event_id=event.id, name=name, **fields
    )
    for key, value in fields.items():
        setattr(stand, key, value)
    db.add(stand)
    await db.flush()
    assert event.id is not None
    await ensure_room(db, name=f"stand:{stand.id}", kind="stand", event_id=event.id, stand_id=stand.id, title=name)
    return stand


async def replace_stand_content(
    db: AsyncSession, stand: Stand, *, job_cards: list[dict[str, Any]], offers: list[dict[str, Any]]
) -> None:
    """Make the stand's job cards and offers exactly these (matched by title, so re-runs change nothing)."""
    for model, wanted in ((JobCard, job_cards), (Offer, offers)):
        existing = {row.title: row for row in (await db.exec(select(model).where(model.stand_id == stand.id))).all()}
        for data in wanted:
            row = existing.pop(data["title"], None) or model(stand_id=stand.id, title=data["title"])
            for key, value in data.items():
                setattr(row, key, value)
            db.add(row)
        for row in existing.values():
            await db.delete(row)
    await db.flush()


async def add_staff(db: AsyncSession, stand: Stand, user: User) -> None:
    assert stand.id is not None and user.id is not None
    if await db.get(StandStaff, (stand.id, user.id)) is None:
        db.add(StandStaff(stand_id=stand.id, user_id=user.id))
        await db.flush()
