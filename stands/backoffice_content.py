"""The back office's actions on what a stand shows: job cards, offers, videos, documents, staffed hours.

Organisers and the stand's own staff may change these. Like stands/backoffice.py: session and Principal
first, keyword-only values, check, store, commit; each change bumps the stand's `updated_at` and is audited.
A row is always reached through its stand: job card 7 asked for through stand 3's address is `not_found`
unless it belongs to stand 3.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from server.auth import Principal
from server.errors import DomainError
from server.i18n import N_
from server.i18n import gettext as _
from stands import form_rules as rules
from stands.backoffice import editable_stand, touch
from stands.models import Document, Event, JobCard, Offer, StandHours, Video
from stands.sectors import OFFER_KINDS
from stands.uploads import store_pdf, store_poster
from stands.videos import check_link, parse_video_url

Row = TypeVar("Row", bound=SQLModel)

NOT_FOUND = {
    JobCard: N_("Cette fiche métier n'existe pas sur ce stand."),
    Offer: N_("Cette offre n'existe pas sur ce stand."),
    Video: N_("Cette vidéo n'existe pas sur ce stand."),
    Document: N_("Ce document n'existe pas sur ce stand."),
    StandHours: N_("Cette permanence n'existe pas sur ce stand."),
}


async def _row(db: AsyncSession, model: type[Row], stand_id: int, row_id: int) -> Row:
    """The row with this id, only if it belongs to this stand."""
    row = await db.get(model, row_id)
    if row is None or getattr(row, "stand_id", None) != stand_id:
        raise DomainError("not_found", _(NOT_FOUND[model]))
    return row


async def _save(
    db: AsyncSession,
    principal: Principal | None,
    model: type[Row],
    *,
    stand_id: int,
    row_id: int | None,
    action: str,
    values: dict[str, Any],
) -> Row:
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    row = await _row(db, model, stand_id, row_id) if row_id is not None else model(stand_id=stand_id)
    for name, value in values.items():
        setattr(row, name, value)
    db.add(row)
    await db.flush()
    touch(db, principal, stand, action, id=getattr(row, "id", None))
    await db.commit()
    return row


async def _delete(
    db: AsyncSession, principal: Principal | None, model: type[SQLModel], *, stand_id: int, row_id: int, action: str
) -> None:
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    row = await _row(db, model, stand_id, row_id)
    await db.delete(row)
    touch(db, principal, stand, action, id=row_id)
    await db.commit()


# ---------- Job cards ----------


async def save_job_card(
    db: AsyncSession,
    principal: Principal | None,
    *,
    stand_id: int,
    card_id: int | None = None,
    title: str,
    rome_code: str = "",
    missions: str = "",
    skills: str = "",
    training: str = "",
    conditions: str = "",
    salary: str = "",
) -> JobCard:
    """Create a job card ("fiche métier"), or change one (`card_id`) of this stand."""
    rules.refuse(
        {
            "title": None if title.strip() else rules.required_problem("title"),
            "rome_code": None
            if not rome_code or rules.ROME_RE.match(rome_code)
            else _("Le code ROME est une lettre suivie de quatre chiffres, par exemple H2913."),
        }
    )
    values = {"title": title, "rome_code": rome_code, "missions": missions, "skills": skills}
    values |= {"training": training, "conditions": conditions, "salary": salary}
    return await _save(db, principal, JobCard, stand_id=stand_id, row_id=card_id, action="job_card.save", values=values)


async def delete_job_card(db: AsyncSession, principal: Principal | None, *, stand_id: int, card_id: int) -> None:
    await _delete(db, principal, JobCard, stand_id=stand_id, row_id=card_id, action="job_card.delete")


# ---------- Offers ----------


async def save_offer(
    db: AsyncSession,
    principal: Principal | None,
    *,
    stand_id: int,
    offer_id: int | None = None,
    kind: str,
    title: str,
    description: str = "",
    place: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    how_to_apply: str = "",
) -> Offer:
    """Create or change an internship, apprenticeship or work-study offer; it may not end before it starts."""
    rules.refuse(
        {
            "kind": rules.choice_problem(kind, OFFER_KINDS, "kind"),
            "title": None if title.strip() else rules.required_problem("title"),
            "ends_on": rules.offer_dates_problem(starts_on, ends_on),
        }
    )
    values = {"kind": kind, "title": title, "description": description, "place": place}
    values |= {"starts_on": starts_on, "ends_on": ends_on, "how_to_apply": how_to_apply}
    return await _save(db, principal, Offer, stand_id=stand_id, row_id=offer_id, action="offer.save", values=values)


async def delete_offer(db: AsyncSession, principal: Principal | None, *, stand_id: int, offer_id: int) -> None:
    await _delete(db, principal, Offer, stand_id=stand_id, row_id=offer_id, action="offer.delete")


# ---------- Videos ----------


async def save_video(
    db: AsyncSession,
    principal: Principal | None,
    *,
    stand_id: int,
    video_id: int | None = None,
    title: str,
    url: str,
    transcript_url: str = "",
) -> Video:
    """Create or change a video: YouTube, Dailymotion or a known PeerTube instance (the provider is derived
    from the URL); the transcript link, if any, must be an http(s) address."""
    problems: dict[str, str | None] = {"title": None if title.strip() else rules.required_problem("title")}
    provider = ""
    try:
        provider = parse_video_url(url).provider
    except DomainError as exc:
        problems["url"] = exc.message
    try:
        transcript_url = check_link(transcript_url, _("de la transcription"))
    except DomainError as exc:
        problems["transcript_url"] = exc.message
    rules.refuse(problems)
    values = {"title": title, "url": url.strip(), "provider": provider, "transcript_url": transcript_url}
    return await _save(db, principal, Video, stand_id=stand_id, row_id=video_id, action="video.save", values=values)


async def delete_video(db: AsyncSession, principal: Principal | None, *, stand_id: int, video_id: int) -> None:
    await _delete(db, principal, Video, stand_id=stand_id, row_id=video_id, action="video.delete")


# ---------- Documents ----------


async def set_video_poster(
    db: AsyncSession, principal: Principal | None, *, stand_id: int, video_id: int, data: bytes
) -> Video:
    """An uploaded image as the video's poster (cropped to a 960×540 JPEG)."""
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    video = await db.get(Video, video_id)
    if video is None or video.stand_id != stand_id:
        raise DomainError("not_found", "Cette vidéo n'existe pas sur ce stand.")
    try:
        media = await store_poster(db, data)
    except DomainError as exc:
        raise rules.FormInvalid({"file": exc.message}, exc.code) from None
    video.poster_id = media.id
    db.add(video)
    touch(db, principal, stand, "video.poster", video_id=video_id, sha256=media.sha256)
    await db.commit()
    return video


async def add_document(
    db: AsyncSession, principal: Principal | None, *, stand_id: int, title: str, data: bytes
) -> Document:
    """Add a PDF to the stand (checked by content, 5 MB at most; the same file is stored once)."""
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    rules.refuse({"title": None if title.strip() else rules.required_problem("title")})
    try:
        media = await store_pdf(db, data)
    except DomainError as exc:
        raise rules.FormInvalid({"file": exc.message}, exc.code) from None
    assert media.id is not None
    document = Document(stand_id=stand_id, title=title, media_id=media.id)
    db.add(document)
    await db.flush()
    touch(db, principal, stand, "document.add", id=document.id, sha256=media.sha256)
    await db.commit()
    return document


async def delete_document(db: AsyncSession, principal: Principal | None, *, stand_id: int, document_id: int) -> None:
    """Take a document off the stand (the stored file stays: another stand may offer the same one)."""
    await _delete(db, principal, Document, stand_id=stand_id, row_id=document_id, action="document.delete")


# ---------- Staffed hours ----------


async def add_hours(
    db: AsyncSession, principal: Principal | None, *, stand_id: int, starts_at: datetime, ends_at: datetime
) -> StandHours:
    """Add a staffed slot ("permanence"): it ends after it starts and lies within the event's dates."""
    stand = await editable_stand(db, principal, stand_id)
    event = await db.get(Event, stand.event_id)
    assert event is not None
    problem = rules.hours_problem(starts_at, ends_at, event)
    rules.refuse({"ends_at" if rules.period_problem(starts_at, ends_at) else "starts_at": problem})
    values = {"starts_at": starts_at, "ends_at": ends_at}
    return await _save(db, principal, StandHours, stand_id=stand_id, row_id=None, action="hours.add", values=values)


async def delete_hours(db: AsyncSession, principal: Principal | None, *, stand_id: int, hours_id: int) -> None:
    await _delete(db, principal, StandHours, stand_id=stand_id, row_id=hours_id, action="hours.delete")
