"""Reading and writing the fair: events, stands and what they show. The only writers of these tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.service import ensure_room
from server.errors import DomainError
from server.formats import french_sort_key
from server.i18n import gettext as _
from server.models import User
from server.timeutil import aware, utcnow
from stands.models import Document, Event, JobCard, Media, Offer, Stand, StandHours, StandStaff, Video


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


async def stand_detail(db: AsyncSession, stand_id: int) -> dict[str, Any]:
    """A stand and everything its page shows, in seven queries whatever the amounts.

    Keys: stand, event, logo_sha256 (None without a logo), job_cards, offers, videos, staff, hours (every
    staffed slot, earliest first) and documents (dicts: id, title, sha256, size, content_type; the file's
    bytes are not read here).
    """
    found = (
        await db.exec(
            select(Stand, Event, Media.sha256)
            .join(Event, col(Event.id) == col(Stand.event_id))
            .outerjoin(Media, col(Media.id) == col(Stand.logo_id))
            .where(Stand.id == stand_id)
        )
    ).first()
    if found is None:
        raise DomainError("not_found", _("Ce stand n'existe pas."))
    stand, event, logo_sha256 = found

    def by_stand(model: Any) -> Any:
        return select(model).where(model.stand_id == stand_id).order_by(col(model.id))

    staff = await db.exec(
        select(User)
        .join(StandStaff, col(StandStaff.user_id) == User.id)
        .where(StandStaff.stand_id == stand_id)
        .order_by(col(User.id))
    )
    documents = await db.exec(
        select(Document.id, Document.title, Media.sha256, Media.size, Media.content_type)
        .join(Media, col(Media.id) == col(Document.media_id))
        .where(Document.stand_id == stand_id)
        .order_by(col(Document.id))
    )
    hours = await db.exec(select(StandHours).where(StandHours.stand_id == stand_id).order_by(col(StandHours.starts_at)))
    return {
        "stand": stand,
        "event": event,
        "logo_sha256": logo_sha256,
        "job_cards": list((await db.exec(by_stand(JobCard))).all()),
        "offers": list((await db.exec(by_stand(Offer))).all()),
        "videos": list((await db.exec(by_stand(Video))).all()),
        "staff": sorted(staff.all(), key=lambda u: (french_sort_key(u.name), u.id)),
        "hours": list(hours.all()),
        "documents": [
            {"id": id_, "title": title, "sha256": sha, "size": size, "content_type": kind}
            for id_, title, sha, size, kind in documents.all()
        ],
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


async def media_urls(db: AsyncSession, ids: list[int | None]) -> dict[int, str]:
    """ "/media/<sha256>" for each media id given (None ids are skipped), in one query."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = await db.exec(select(Media.id, Media.sha256).where(col(Media.id).in_(wanted)))
    return {media_id: f"/media/{sha}" for media_id, sha in rows.all()}


async def event_images(db: AsyncSession, event: Event) -> dict[str, str | None]:
    """The event's logo and banner URLs (None when not set)."""
    urls = await media_urls(db, [event.logo_id, event.banner_id])
    return {
        "logo_url": urls.get(event.logo_id) if event.logo_id else None,
        "banner_url": urls.get(event.banner_id) if event.banner_id else None,
    }
