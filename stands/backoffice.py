"""The back office's actions on events, stands, logos and staff (the content rows are in backoffice_content.py).

Each function takes the database session and the Principal first, then keyword-only values (parsed by
stands/forms.py); it checks permissions and rules, stores, commits, and only then acts outside the database
(the invitation e-mail). A change to a stand bumps its `updated_at` and writes an audit entry in the same
transaction. Refusals are `DomainError`s; those tied to a form field are `rules.FormInvalid`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.service import ensure_room
from server import audit, mailer
from server.auth import Principal
from server.config import Settings
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import Role
from server.timeutil import utcnow
from stands import form_rules as rules
from stands import service
from stands.invitations import ensure_staff, invitation_link, invitation_mail, normalise_email
from stands.models import Event, Media, Stand, StandStaff
from stands.permissions import editable_stand_fields, require_organiser, require_stand_editor
from stands.sectors import KINDS, SECTORS
from stands.theme import check_theme_color
from stands.uploads import store_banner, store_logo
from stands.videos import check_link

# ---------- Shared by every stand action ----------


def check_stand_change(principal: Principal | None, stand_id: int, fields: Any) -> None:
    """Refuse people who may not edit this stand, and staff who try to change its name, kind or sector."""
    require_stand_editor(principal, stand_id)
    assert principal is not None
    if set(fields) - editable_stand_fields(principal, stand_id):
        raise DomainError(
            "forbidden", _("Seuls les organisateurs peuvent changer le nom, le type ou le secteur d'un stand.")
        )


async def get_stand(db: AsyncSession, stand_id: int) -> Stand:
    stand = await db.get(Stand, stand_id)
    if stand is None:
        raise DomainError("not_found", _("Ce stand n'existe pas."))
    return stand


async def editable_stand(db: AsyncSession, principal: Principal | None, stand_id: int) -> Stand:
    """The stand, once we know this person may edit its content (organisers, its own staff)."""
    require_stand_editor(principal, stand_id)
    return await get_stand(db, stand_id)


def touch(db: AsyncSession, principal: Principal, stand: Stand, action: str, **detail: Any) -> None:
    """Mark the stand as changed now and record who did what (committed with the change)."""
    stand.updated_at = utcnow()
    db.add(stand)
    audit.record(db, actor_id=principal.id, action=action, target=f"stand:{stand.id}", **detail)


async def commit(db: AsyncSession, field: str, message: str) -> None:
    """Commit; a unique constraint hit by a concurrent writer becomes a conflict on `field`."""
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise rules.FormInvalid({field: message}, "conflict") from None


# ---------- Events ----------


def _check_event(title: str, starts_at: datetime, ends_at: datetime, opens: time | None, closes: time | None) -> None:
    rules.refuse(
        {
            "title": None if title.strip() else rules.required_problem("title"),
            "ends_at": rules.period_problem(starts_at, ends_at),
            "closes_daily_at": rules.daily_hours_problem(opens, closes),
        }
    )


async def create_event(
    db: AsyncSession,
    principal: Principal | None,
    *,
    slug: str,
    title: str,
    description: str = "",
    region: str = "",
    starts_at: datetime,
    ends_at: datetime,
    opens_daily_at: time | None = None,
    closes_daily_at: time | None = None,
) -> Event:
    """Create an event (organisers). Its slug, used in every address, is unique and never changes."""
    actor = require_organiser(principal)
    rules.refuse({"slug": rules.slug_problem(slug)})
    _check_event(title, starts_at, ends_at, opens_daily_at, closes_daily_at)
    taken = _("Un événement utilise déjà cet identifiant.")
    if (await db.exec(select(Event.id).where(Event.slug == slug))).first() is not None:
        raise rules.FormInvalid({"slug": taken}, "conflict")
    event = await service.save_event(
        db,
        slug=slug,
        title=title,
        description=description,
        region=region,
        starts_at=starts_at,
        ends_at=ends_at,
        opens_daily_at=opens_daily_at,
        closes_daily_at=closes_daily_at,
    )
    audit.record(db, actor_id=actor.id, action="event.create", target=f"event:{event.id}", slug=slug)
    await commit(db, "slug", taken)
    return event


async def update_event(
    db: AsyncSession,
    principal: Principal | None,
    *,
    slug: str,
    title: str,
    description: str = "",
    region: str = "",
    starts_at: datetime,
    ends_at: datetime,
    opens_daily_at: time | None = None,
    closes_daily_at: time | None = None,
) -> Event:
    """Change an event's title, texts, dates and daily opening hours (organisers)."""
    actor = require_organiser(principal)
    event = await service.event_by_slug(db, slug)
    _check_event(title, starts_at, ends_at, opens_daily_at, closes_daily_at)
    event.title, event.description, event.region = title, description, region
    event.starts_at, event.ends_at = starts_at, ends_at
    event.opens_daily_at, event.closes_daily_at = opens_daily_at, closes_daily_at
    db.add(event)
    audit.record(db, actor_id=actor.id, action="event.update", target=f"event:{event.id}")
    await db.commit()
    return event


# ---------- Stands ----------


def _check_stand_values(values: dict[str, Any]) -> None:
    problems: dict[str, str | None] = {}
    if "name" in values and not values["name"].strip():
        problems["name"] = rules.required_problem("name")
    if "kind" in values:
        problems["kind"] = rules.choice_problem(values["kind"], KINDS, "kind")
    if "sector" in values:
        problems["sector"] = rules.choice_problem(values["sector"], SECTORS, "sector")
    if values.get("department") and not rules.DEPARTMENT_RE.match(values["department"]):
        problems["department"] = _("Le département est un numéro comme 14, 2A ou 974.")
    if values.get("website"):
        try:
            check_link(values["website"], _("du site internet"))
        except DomainError as exc:
            problems["website"] = exc.message
    rules.refuse(problems)


def _name_taken() -> str:
    return _("Un autre stand de cet événement porte déjà ce nom.")


async def _check_name_free(db: AsyncSession, event_id: int, name: str) -> None:
    if (await db.exec(select(Stand.id).where(Stand.event_id == event_id, Stand.name == name))).first() is not None:
        raise rules.FormInvalid({"name": _name_taken()}, "conflict")


async def create_stand(
    db: AsyncSession,
    principal: Principal | None,
    *,
    event_slug: str,
    name: str,
    kind: str,
    sector: str,
    department: str = "",
    city: str = "",
    description: str = "",
    website: str = "",
) -> Stand:
    """Create a stand and its live chat room in an event (organisers); names are unique within an event."""
    actor = require_organiser(principal)
    event = await service.event_by_slug(db, event_slug)
    values = {"department": department, "city": city, "description": description, "website": website}
    _check_stand_values({"name": name, "kind": kind, "sector": sector, **values})
    assert event.id is not None
    await _check_name_free(db, event.id, name)
    stand = await service.save_stand(db, event, name=name, kind=kind, sector=sector, **values)
    touch(db, actor, stand, "stand.create", name=name)
    await commit(db, "name", _name_taken())
    return stand


async def update_stand(db: AsyncSession, principal: Principal | None, *, stand_id: int, **changes: Any) -> Stand:
    """Change some of a stand's fields. Staff may change description, website, department and city of their
    own stands; a staff member sending name, kind or sector is refused (`forbidden`), never silently ignored.
    A new name is also given to the stand's chat room."""
    check_stand_change(principal, stand_id, changes)
    assert principal is not None
    stand = await get_stand(db, stand_id)
    _check_stand_values(changes)
    renamed = "name" in changes and changes["name"] != stand.name
    if renamed:
        await _check_name_free(db, stand.event_id, changes["name"])
    for name, value in changes.items():
        setattr(stand, name, value)
    if renamed:
        assert stand.id is not None
        await ensure_room(
            db, name=f"stand:{stand.id}", kind="stand", event_id=stand.event_id, stand_id=stand.id, title=stand.name
        )
    touch(db, principal, stand, "stand.update", fields=sorted(changes))
    await commit(db, "name", _name_taken())
    return stand


async def set_logo(db: AsyncSession, principal: Principal | None, *, stand_id: int, data: bytes) -> Media:
    """Store an uploaded image as the stand's logo (re-encoded by Pillow to a PNG of at most 256 px)."""
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    try:
        media = await store_logo(db, data)
    except DomainError as exc:
        raise rules.FormInvalid({"file": exc.message}, exc.code) from None
    stand.logo_id = media.id
    touch(db, principal, stand, "stand.logo", sha256=media.sha256)
    await db.commit()
    return media


async def set_banner(db: AsyncSession, principal: Principal | None, *, stand_id: int, data: bytes) -> Media:
    """Store an uploaded image as the stand's banner (cropped to a 1600×400 JPEG)."""
    stand = await editable_stand(db, principal, stand_id)
    assert principal is not None
    try:
        media = await store_banner(db, data)
    except DomainError as exc:
        raise rules.FormInvalid({"file": exc.message}, exc.code) from None
    stand.banner_id = media.id
    touch(db, principal, stand, "stand.banner", sha256=media.sha256)
    await db.commit()
    return media


async def set_event_look(
    db: AsyncSession, principal: Principal | None, *, slug: str, color: str, logo: bytes, banner: bytes
) -> Event:
    """An event's colour (checked for AA contrast), and its logo and banner when files were sent."""
    require_organiser(principal)
    assert principal is not None
    event = await service.event_by_slug(db, slug)
    errors: dict[str, str] = {}
    try:
        event.theme_color = check_theme_color(color)
    except DomainError as exc:
        errors["theme_color"] = exc.message
    for field, data, store in (("logo", logo, store_logo), ("banner", banner, store_banner)):
        if not data:
            continue
        try:
            media = await store(db, data)
        except DomainError as exc:
            errors[field] = exc.message
            continue
        setattr(event, f"{field}_id", media.id)
    if errors:
        await db.rollback()
        raise rules.FormInvalid(errors, "invalid")
    db.add(event)
    audit.record(db, actor_id=principal.id, action="event.look", target=f"event:{event.id}", color=event.theme_color)
    await db.commit()
    return event


# ---------- Staff ----------


@dataclass(frozen=True, slots=True)
class InviteResult:
    """What `invite_staff` did: "added", "already", "pending" or "invited" (then `link`, and whether it was mailed)."""

    status: str
    email: str
    link: str | None = None
    mailed: bool = False


# Who a stand's lead may invite: colleagues (the stand's usual role), counsellors and ambassadors.
LEAD_INVITE_ROLES = ("", Role.COUNSELLOR, Role.AMBASSADOR)
ORGANISER_INVITE_ROLES = ("", Role.PROFESSIONAL, Role.CFA, Role.COUNSELLOR, Role.AMBASSADOR)


async def is_lead(db: AsyncSession, principal: Principal | None, stand_id: int) -> bool:
    """Whether this person leads the stand's team (organisers are not leads, they do more)."""
    if principal is None or stand_id not in principal.staff_stands:
        return False
    membership = await db.get(StandStaff, (stand_id, principal.id))
    return membership is not None and membership.is_lead


async def invite_staff(
    db: AsyncSession,
    principal: Principal | None,
    settings: Settings,
    *,
    stand_id: int,
    email: str,
    role: str = "",
    is_minor: bool = False,
) -> InviteResult:
    """Make someone staff of a stand (organisers, or the stand's lead for colleagues, counsellors and
    ambassadors). An existing account of that role is added at once; anyone else gets an invitation link,
    e-mailed after the commit and also returned for the page."""
    if principal is not None and not principal.is_organiser and await is_lead(db, principal, stand_id):
        actor = principal
        allowed = LEAD_INVITE_ROLES
    else:
        actor = require_organiser(principal)
        allowed = ORGANISER_INVITE_ROLES
    if role not in allowed:
        raise rules.FormInvalid({"role": _("Choisissez un rôle dans la liste.")})
    stand = await get_stand(db, stand_id)
    event = await db.get(Event, stand.event_id)
    assert event is not None
    try:
        address = normalise_email(email)
        outcome = await ensure_staff(db, stand, address, invited_by=actor.id, role=role, is_minor=is_minor)
    except DomainError as exc:
        raise rules.FormInvalid({"email": exc.message}, exc.code) from None
    if outcome.status in ("added", "invited"):
        stand.updated_at = utcnow()
        db.add(stand)
    await db.commit()
    if outcome.token is None:
        return InviteResult(outcome.status, address)
    mail = invitation_mail(settings, email=address, token=outcome.token, stand_name=stand.name, event_title=event.title)
    mailed = await mailer.send(settings, mail)
    return InviteResult(outcome.status, address, invitation_link(settings, outcome.token), mailed)


async def remove_staff(db: AsyncSession, principal: Principal | None, *, stand_id: int, user_id: int) -> None:
    """Take someone off a stand's staff (organisers); their account stays."""
    actor = require_organiser(principal)
    stand = await get_stand(db, stand_id)
    membership = await db.get(StandStaff, (stand_id, user_id))
    if membership is None:
        raise DomainError("not_found", _("Cette personne ne fait pas partie de l'équipe de ce stand."))
    await db.delete(membership)
    touch(db, actor, stand, "staff.remove", user_id=user_id)
    await db.commit()


async def set_lead(db: AsyncSession, principal: Principal | None, *, stand_id: int, user_id: int, lead: bool) -> None:
    """Make a member of the stand's staff its lead, or not (organisers)."""
    actor = require_organiser(principal)
    stand = await get_stand(db, stand_id)
    membership = await db.get(StandStaff, (stand_id, user_id))
    if membership is None:
        raise DomainError("not_found", _("Cette personne ne fait pas partie de l'équipe de ce stand."))
    membership.is_lead = lead
    db.add(membership)
    touch(db, actor, stand, "staff.lead", user_id=user_id, lead=lead)
    await db.commit()
