"""Staff invitations: an e-mailed link lets someone join a stand's staff (the only writer of staff_invitations).

Only a hash of the token is stored, so a database leak does not leak usable links.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import audit
from server.accounts import EMAIL_RE
from server.config import Settings
from server.errors import DomainError
from server.i18n import gettext as _
from server.mailer import Mail
from server.models import STAFF_ROLES, Role, User
from server.password_rules import password_problem
from server.passwords import hash_password
from server.timeutil import aware, utcnow
from stands.models import StaffInvitation, Stand, StandKind, StandStaff

INVITATION_LIFETIME = timedelta(days=14)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise DomainError("invalid", f"« {raw.strip()[:80]} » n'est pas une adresse e-mail valide.")
    return email


def staff_role_for(stand: Stand) -> str:
    return Role.CFA if stand.kind == StandKind.CFA else Role.PROFESSIONAL


@dataclass(frozen=True, slots=True)
class StaffOutcome:
    """What `ensure_staff` did: "already" staff, "added" an existing account, "invited", or invitation "pending"."""

    status: str
    token: str | None = None  # only when a new invitation was made: the secret part of the link


async def ensure_staff(
    db: AsyncSession,
    stand: Stand,
    raw_email: str,
    *,
    invited_by: int | None,
    role: str = "",
    is_minor: bool = False,
) -> StaffOutcome:
    """Make the person with this e-mail staff of the stand (no commit).

    An existing account of a staff role is added at once; anyone else gets an invitation (one pending
    invitation per e-mail and stand, so running this twice changes nothing). Refuses e-mails of pupils'
    teachers or organisers' accounts, which are not stand staff. `role` ("" = the stand's usual role, any
    staff account then being taken as today) is the account's role; an existing account of another role is
    refused (`conflict`). `is_minor` flags an ambassador under 18.
    """
    assert stand.id is not None
    email = normalise_email(raw_email)
    if role and role not in STAFF_ROLES:
        raise DomainError("invalid", "Ce rôle ne permet pas de tenir un stand.")
    user = (await db.exec(select(User).where(User.email == email))).first()
    if user is not None:
        assert user.id is not None
        if user.role not in STAFF_ROLES:
            raise DomainError("conflict", f"Le compte {email} n'est pas un compte de professionnel ou de CFA.")
        if role and user.role != role:
            raise DomainError(
                "conflict", f"Le compte {email} a déjà un autre rôle : une même adresse ne peut pas en avoir deux."
            )
        if await db.get(StandStaff, (stand.id, user.id)) is not None:
            return StaffOutcome("already")
        db.add(StandStaff(stand_id=stand.id, user_id=user.id))
        audit.record(db, actor_id=invited_by, action="staff.add", target=f"stand:{stand.id}", user_id=user.id)
        return StaffOutcome("added")
    pending = (
        await db.exec(
            select(StaffInvitation).where(
                StaffInvitation.email == email,
                StaffInvitation.stand_id == stand.id,
                col(StaffInvitation.accepted_at).is_(None),
            )
        )
    ).all()
    if any(aware(invitation.expires_at) > utcnow() for invitation in pending):
        return StaffOutcome("pending")
    token = secrets.token_urlsafe(32)
    db.add(
        StaffInvitation(
            token_hash=token_hash(token),
            email=email,
            stand_id=stand.id,
            invited_by=invited_by,
            expires_at=utcnow() + INVITATION_LIFETIME,
            role=role,
            is_minor=is_minor and role == Role.AMBASSADOR,
        )
    )
    audit.record(db, actor_id=invited_by, action="staff.invite", target=f"stand:{stand.id}", email=email)
    return StaffOutcome("invited", token)


async def find_invitation(db: AsyncSession, token: str) -> tuple[StaffInvitation, Stand]:
    """The open invitation behind a link, or a clear refusal."""
    invitation = (await db.exec(select(StaffInvitation).where(StaffInvitation.token_hash == token_hash(token)))).first()
    if invitation is None:
        raise DomainError("not_found", "Cette invitation n'existe pas. Vérifiez le lien reçu par e-mail.")
    if invitation.accepted_at is not None:
        raise DomainError("conflict", "Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.")
    if aware(invitation.expires_at) <= utcnow():
        raise DomainError("closed", "Cette invitation a expiré. Demandez-en une nouvelle aux organisateurs.")
    stand = await db.get(Stand, invitation.stand_id)
    assert stand is not None
    return invitation, stand


async def accept_invitation(db: AsyncSession, token: str, *, name: str, password: str) -> User:
    """Create the invited person's account (or reuse it), make them staff of the stand, close the invitation."""
    invitation, stand = await find_invitation(db, token)
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= 80:
        raise DomainError("invalid", "Indiquez votre nom (2 à 80 caractères).")
    user = (await db.exec(select(User).where(User.email == invitation.email))).first()
    if user is None:
        problem = password_problem(password or "", invitation.email)
        if problem:
            raise DomainError("invalid", problem)
        user = User(
            email=invitation.email,
            role=invitation.role or staff_role_for(stand),
            name=name,
            is_minor=invitation.is_minor,
            password_hash=hash_password(password),
        )
        db.add(user)
        await db.flush()
    elif user.role not in STAFF_ROLES or (invitation.role and user.role != invitation.role):
        raise DomainError("conflict", "Cette adresse e-mail appartient déjà à un autre type de compte.")
    assert user.id is not None and stand.id is not None
    if await db.get(StandStaff, (stand.id, user.id)) is None:
        db.add(StandStaff(stand_id=stand.id, user_id=user.id))
    invitation.accepted_at = utcnow()
    db.add(invitation)
    audit.record(db, actor_id=user.id, action="staff.accept", target=f"stand:{stand.id}", invitation=invitation.id)
    await db.flush()
    return user


def invitation_mail(settings: Settings, *, email: str, token: str, stand_name: str, event_title: str) -> Mail:
    """The invitation e-mail (French, for people) with its link."""
    values = {"stand": stand_name, "event": event_title, "link": invitation_link(settings, token)}
    subject = _("Invitation à tenir le stand %(stand)s") % values
    body = (
        _(
            "Bonjour,\n\nVous avez reçu une invitation à rejoindre l'équipe du stand « %(stand)s »"
            " pour « %(event)s ».\n"
            "Pour créer votre accès, ouvrez ce lien (valable 14 jours) :\n\n%(link)s\n\n"
            "Si vous n'attendiez pas ce message, ignorez-le.\n"
        )
        % values
    )
    return Mail(to=email, subject=subject, body=body)


def invitation_link(settings: Settings, token: str) -> str:
    return f"{settings.public_url}/invitations/{token}"
