"""Classes: creation with a code, its expiry and regeneration, colleagues, approved joins, removing a pupil and
ending a class session.

Service functions take the database session first, check, store, commit, then publish (server/realtime.py's
`Hub`); every refusal is a `DomainError`. Sockets are found through `server/class_sockets.py` and closed with
python-socketio's `disconnect`, which reaches a socket on another worker through the Redis manager.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import class_codes
from server.auth import UNKNOWN_CLASS_CODE, Principal
from server.class_rules import ClassForm
from server.class_sockets import MemoryClassSockets
from server.errors import DomainError
from server.models import AuthToken, ClassTeacher, Role, SchoolClass, User
from server.timeutil import aware, utcnow

MAX_ID = 2**31 - 1
CODE_ATTEMPTS = 10
EXPIRED_CLASS_CODE = (
    "Ce code a expiré : le salon pour lequel il a été créé est terminé. "
    "Demandez un nouveau code à la personne qui vous l'a donné."
)
NOT_YOUR_CLASS = "Cette classe n'est pas la vôtre : seuls ses enseignants et enseignantes peuvent la gérer."


def pupils_channel(class_id: int) -> str:
    """The class's pupils' sockets (entered at connect, sessions/scheduler.py)."""
    return f"pupils:{class_id}"


def teachers_channel(class_id: int) -> str:
    return f"class:{class_id}"


@dataclass
class Realtime:
    """What the service needs to reach sockets: publish (Hub.publish), disconnect (AsyncServer.disconnect)."""

    publish: Callable[[str | list[str], str, dict[str, Any]], Awaitable[None]]
    disconnect: Callable[[str], Awaitable[None]]
    sockets: MemoryClassSockets


def check_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DomainError("invalid", "Identifiant invalide.")
    try:
        number = int(value)
    except ValueError:
        raise DomainError("invalid", "Identifiant invalide.") from None
    if not 1 <= number <= MAX_ID:
        raise DomainError("invalid", "Identifiant invalide.")
    return number


# ---------- Joining with a code ----------


async def class_for_code(db: AsyncSession, raw_code: str, now: datetime | None = None) -> SchoolClass:
    """The class a typed code opens: with or without its hyphen, spaces, any case; expired → refused."""
    typed = "".join((raw_code or "").split()).upper()
    compact = class_codes.compact(raw_code)
    if not 3 <= len(compact) <= 32 or not compact.isalnum() or not compact.isascii():
        raise DomainError("not_found", UNKNOWN_CLASS_CODE)
    found = (await db.exec(select(SchoolClass).where(col(SchoolClass.code).in_({typed, compact})))).first()
    if found is None:  # an older code stored with its hyphen ("DEMO-3E") typed without it
        found = (await db.exec(select(SchoolClass).where(func.replace(SchoolClass.code, "-", "") == compact))).first()
    if found is None:
        raise DomainError("not_found", UNKNOWN_CLASS_CODE)
    if found.code_expires_at is not None and aware(found.code_expires_at) <= (now or utcnow()):
        raise DomainError("not_found", EXPIRED_CLASS_CODE)
    return found


async def _unused_code(db: AsyncSession) -> str:
    for _ in range(CODE_ATTEMPTS):
        code = class_codes.new_code()
        if (await db.exec(select(SchoolClass.id).where(SchoolClass.code == code))).first() is None:
            return code
    raise DomainError("conflict", "Impossible de trouver un code libre. Réessayez.")  # 31^7 codes: never


# ---------- Who may act on a class ----------


async def teacher_class(db: AsyncSession, principal: Principal, class_id: object) -> SchoolClass:
    """The class, when `principal` is one of its teachers; otherwise `forbidden` (or `not_found`)."""
    number = check_id(class_id)
    if principal.role != Role.TEACHER:
        raise DomainError("forbidden", "Cette page est réservée aux comptes enseignants.")
    school_class = await db.get(SchoolClass, number)
    if school_class is None:
        raise DomainError("not_found", "Cette classe n'existe pas.")
    link = await db.get(ClassTeacher, (number, principal.id))
    if link is None:
        raise DomainError("forbidden", NOT_YOUR_CLASS)
    return school_class


# ---------- Creating, regenerating, sharing ----------


async def selectable_events(db: AsyncSession, now: datetime | None = None) -> list[Any]:
    """The events a class may be made for: open now or to come, soonest first."""
    from stands.models import Event  # the fair's events sit above accounts; import late (layers one-way)

    rows = await db.exec(select(Event).order_by(col(Event.starts_at)))
    moment = now or utcnow()
    return [e for e in rows.all() if aware(e.ends_at) > moment]


async def create_class(db: AsyncSession, principal: Principal, form: ClassForm) -> SchoolClass:
    from stands.models import Event

    if principal.role != Role.TEACHER:
        raise DomainError("forbidden", "Seuls les comptes enseignants créent des classes.")
    if form.errors or form.event_id is None:
        raise DomainError("invalid", next(iter(form.errors.values()), "Formulaire incomplet."))
    event = await db.get(Event, form.event_id)
    if event is None or aware(event.ends_at) <= utcnow():
        raise DomainError("invalid", "Ce salon est terminé : choisissez un salon ouvert ou à venir.")
    for _ in range(CODE_ATTEMPTS):
        school_class = SchoolClass(
            code=await _unused_code(db),
            label=form.label,
            school=form.school,
            level=form.level,
            uai=form.uai,
            department=form.department,
            event_id=event.id,
            code_expires_at=aware(event.ends_at),
            approve_joins=form.approve_joins,
        )
        db.add(school_class)
        try:
            await db.flush()
        except IntegrityError:  # the same code drawn by a concurrent creation
            await db.rollback()
            continue
        assert school_class.id is not None
        db.add(ClassTeacher(class_id=school_class.id, user_id=principal.id))
        await db.commit()
        await db.refresh(school_class)
        return school_class
    raise DomainError("conflict", "Impossible de trouver un code libre. Réessayez.")


async def regenerate_code(db: AsyncSession, principal: Principal, class_id: object) -> SchoolClass:
    """A new code; the old one stops working at once (it is no longer stored). Pupils already in stay."""
    school_class = await teacher_class(db, principal, class_id)
    for _ in range(CODE_ATTEMPTS):
        school_class.code = await _unused_code(db)
        db.add(school_class)
        try:
            await db.commit()
        except IntegrityError:
            await db.rollback()
            school_class = await teacher_class(db, principal, class_id)
            continue
        await db.refresh(school_class)
        return school_class
    raise DomainError("conflict", "Impossible de trouver un code libre. Réessayez.")


async def share_class(db: AsyncSession, principal: Principal, class_id: object, email: object) -> User:
    """Add a colleague (an existing teacher account, by e-mail) to the class's teachers."""
    school_class = await teacher_class(db, principal, class_id)
    address = email.strip().lower() if isinstance(email, str) else ""
    if not address or "\x00" in address or len(address) > 254 or "@" not in address:
        raise DomainError("invalid", "Indiquez l'adresse e-mail du compte enseignant de votre collègue.")
    colleague = (await db.exec(select(User).where(User.email == address))).first()
    if colleague is None:
        raise DomainError(
            "not_found",
            "Aucun compte n'a cette adresse. Votre collègue doit d'abord créer son compte enseignant.",
        )
    if colleague.role != Role.TEACHER:
        raise DomainError(
            "invalid", "Ce compte n'est pas un compte enseignant : la classe ne peut pas lui être confiée."
        )
    assert colleague.id is not None and school_class.id is not None
    if await db.get(ClassTeacher, (school_class.id, colleague.id)) is not None:
        raise DomainError("conflict", "Ce compte voit déjà cette classe.")
    db.add(ClassTeacher(class_id=school_class.id, user_id=colleague.id))
    await db.commit()
    return colleague


async def class_teachers(db: AsyncSession, class_id: int) -> list[User]:
    rows = await db.exec(
        select(User)
        .join(ClassTeacher, col(ClassTeacher.user_id) == User.id)
        .where(ClassTeacher.class_id == class_id)
        .order_by(col(User.name))
    )
    return list(rows.all())


# ---------- Pupils: waiting, admitted, removed ----------


async def class_pupils(db: AsyncSession, class_id: int) -> list[User]:
    """The class's pupils still in (not removed), oldest first."""
    rows = await db.exec(
        select(User)
        .where(User.class_id == class_id, User.role == Role.PUPIL, col(User.removed_at).is_(None))
        .order_by(col(User.id))
    )
    return list(rows.all())


async def pupil_is_admitted(db: AsyncSession, user_id: int) -> bool:
    user = await db.get(User, user_id)
    return bool(user and user.admitted and user.removed_at is None)


def _pupil_event(user: User) -> dict[str, Any]:
    return {"id": user.id, "name": user.name}


async def announce_waiting(rt: Realtime, principal: Principal) -> None:
    """A pupil of a class that approves joins just arrived: its teachers' pages list them."""
    if principal.class_id is not None:
        await rt.publish(
            teachers_channel(principal.class_id),
            "class:waiting",
            {"class_id": principal.class_id, "pupil": {"id": principal.id, "name": principal.name}},
        )


async def admit(
    db: AsyncSession, rt: Realtime, principal: Principal, class_id: object, pupil_id: object | None
) -> list[int]:
    """Admit one waiting pupil, or every waiting pupil when `pupil_id` is None. Returns the ids admitted."""
    school_class = await teacher_class(db, principal, class_id)
    assert school_class.id is not None
    if pupil_id is None:
        waiting = [p for p in await class_pupils(db, school_class.id) if not p.admitted]
    else:
        pupil = await db.get(User, check_id(pupil_id))
        if pupil is None or pupil.role != Role.PUPIL:
            raise DomainError("not_found", "Cet élève n'existe pas.")
        if pupil.class_id != school_class.id:
            raise DomainError("forbidden", "Cet élève n'est pas dans cette classe : vous ne pouvez pas l'accepter.")
        if pupil.removed_at is not None:
            raise DomainError("conflict", "Cet élève a été retiré de la classe.")
        waiting = [pupil] if not pupil.admitted else []
    for pupil in waiting:
        pupil.admitted = True
        db.add(pupil)
    await db.commit()
    ids = [p.id for p in waiting if p.id is not None]
    if ids:
        payload = {"class_id": school_class.id, "pupil_ids": ids}
        await rt.publish(
            [pupils_channel(school_class.id), teachers_channel(school_class.id)], "class:admitted", payload
        )
    return ids


async def _revoke(db: AsyncSession, user_ids: list[int]) -> int:
    if not user_ids:
        return 0
    result = await db.exec(  # type: ignore[call-overload]
        update(AuthToken)
        .where(col(AuthToken.user_id).in_(user_ids), col(AuthToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    return int(result.rowcount or 0)


async def _close_sockets(rt: Realtime, sids: list[str], payload: dict[str, Any]) -> None:
    """Tell each socket why, then close it (on its own worker: python-socketio's manager forwards it)."""
    for sid in sids:
        await rt.publish(sid, "class:ended", payload)
    for sid in sids:
        await rt.disconnect(sid)


async def remove_pupil(
    db: AsyncSession, rt: Realtime, principal: Principal, class_id: object, pupil_id: object
) -> User:
    """The pupil leaves the class: tokens revoked, `removed_at` set, messages kept; open sockets closed."""
    school_class = await teacher_class(db, principal, class_id)
    pupil = await db.get(User, check_id(pupil_id))
    if pupil is None or pupil.role != Role.PUPIL:
        raise DomainError("not_found", "Cet élève n'existe pas.")
    if pupil.class_id != school_class.id:
        raise DomainError("forbidden", "Cet élève n'est pas dans cette classe.")
    assert pupil.id is not None and school_class.id is not None
    if pupil.removed_at is None:
        pupil.removed_at = utcnow()
        db.add(pupil)
    await _revoke(db, [pupil.id])
    await db.commit()
    sids = [s.sid for s in await rt.sockets.sockets(school_class.id) if s.user_id == pupil.id]
    await _close_sockets(rt, sids, {"class_id": school_class.id, "reason": "removed"})
    await rt.publish(
        teachers_channel(school_class.id), "class:removed", {"class_id": school_class.id, "pupil_id": pupil.id}
    )
    return pupil


async def end_session(db: AsyncSession, rt: Realtime, principal: Principal, class_id: object) -> int:
    """The lesson is over: every pupil token of the class revoked at once, every pupil socket closed.

    Returns how many tokens were revoked. The code keeps working (until its event ends): pupils who enter it
    again are new pupils."""
    school_class = await teacher_class(db, principal, class_id)
    assert school_class.id is not None
    pupil_ids = list(
        (await db.exec(select(User.id).where(User.class_id == school_class.id, User.role == Role.PUPIL))).all()
    )
    revoked = await _revoke(db, [p for p in pupil_ids if p is not None])
    await db.commit()
    sids = [s.sid for s in await rt.sockets.sockets(school_class.id)]
    await rt.publish(pupils_channel(school_class.id), "class:ended", {"class_id": school_class.id, "reason": "ended"})
    for sid in sids:
        await rt.disconnect(sid)
    await rt.sockets.forget_class(school_class.id)
    return revoked


async def ended_pupil(db: AsyncSession, token_id: str) -> bool:
    """Whether a (validly signed) token is a pupil's whose class session ended or who was removed."""
    row = (
        await db.exec(
            select(AuthToken.revoked_at, User.role)
            .join(User, col(User.id) == AuthToken.user_id)
            .where(AuthToken.id == token_id)
        )
    ).first()
    return bool(row and row[0] is not None and row[1] == Role.PUPIL)
