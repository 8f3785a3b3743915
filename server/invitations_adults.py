"""Organisers invite adults who do not sign up alone: teachers from any domain (private schools, MFRs),
counsellors, ambassadors (minors flagged), professionals and CFA staff, here without a stand (AccountToken
purpose `invite`, 14 days, one use). Invitations to a stand are StaffInvitations (stands/invitations.py).

An address that already has an account of another role is refused (`conflict`), nothing created.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import account_tokens as tokens
from server import audit, mailer
from server.auth import Principal
from server.config import Settings
from server.errors import DomainError
from server.i18n import N_
from server.i18n import gettext as _
from server.mailer import Mail
from server.models import AccountToken, Role, User
from server.password_rules import password_problem
from server.passwords import hash_password
from server.signup import clean_name
from server.timeutil import aware, utcnow

# The roles an organiser may invite, in the form's order, with their one-word labels (docs/writing.md).
ROLE_LABELS = {
    Role.TEACHER: N_("Enseignant·e"),
    Role.COUNSELLOR: N_("Conseil en orientation"),
    Role.AMBASSADOR: N_("Ambassadeur·rice"),
    Role.PROFESSIONAL: N_("Professionnel·le"),
    Role.CFA: N_("Équipe de CFA"),
    Role.ORGANISER: N_("Organisation"),
}
INVITABLE_ROLES = (Role.TEACHER, Role.COUNSELLOR, Role.AMBASSADOR, Role.PROFESSIONAL, Role.CFA)


def role_label(role: str) -> str:
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def other_role_refusal(email: str, role: str) -> DomainError:
    return DomainError(
        "conflict",
        _("L'adresse %(email)s a déjà un compte « %(role)s » : une même adresse ne peut pas avoir deux rôles.")
        % {"email": email, "role": role_label(role)},
    )


@dataclass(frozen=True, slots=True)
class AdultInvite:
    """What `invite_adult` did: "invited" (then `link`, and whether it was mailed) or "already" (same role)."""

    status: str
    email: str
    link: str | None = None
    mailed: bool = False


async def invite_adult(
    db: AsyncSession,
    principal: Principal | None,
    settings: Settings,
    *,
    email: object,
    role: str,
    name: object = "",
    is_minor: bool = False,
) -> AdultInvite:
    """Invite someone to make an account of this role (organisers); commits, then mails the link."""
    if principal is None or not principal.is_organiser:
        raise DomainError("forbidden", _("Seule l'équipe d'organisation peut inviter ces comptes."))
    address = tokens.normalise_email(email)
    if role not in INVITABLE_ROLES:
        raise DomainError("invalid", _("Choisissez le rôle de la personne invitée."))
    person = clean_name(name) if isinstance(name, str) and name.strip() else ""
    existing = (await db.exec(select(User).where(User.email == address))).first()
    if existing is not None:
        if existing.role != role:
            raise other_role_refusal(address, existing.role)
        return AdultInvite("already", address)
    await tokens.revoke_open(db, address, (tokens.INVITE,))  # the newest link is the one that works
    token = tokens.new_token(
        db,
        tokens.INVITE,
        address,
        name=person,
        role=role,
        is_minor=is_minor and role == Role.AMBASSADOR,
        invited_by=principal.id,
    )
    audit.record(db, actor_id=principal.id, action="account.invite", target=f"role:{role}", email=address)
    await db.commit()
    mailed = await mailer.send(settings, invitation_mail(settings, address, role, token))
    return AdultInvite("invited", address, tokens.link(settings, tokens.INVITE, token), mailed)


async def accept_adult_invitation(db: AsyncSession, token: str, *, name: object, password: object) -> User:
    """Create the invited account with its role (and minor flag) from the link, a name and a password (commits)."""
    row = await tokens.open_token(db, tokens.INVITE, token)
    existing = (await db.exec(select(User).where(User.email == row.email))).first()
    if existing is not None:
        raise (
            other_role_refusal(row.email, existing.role)
            if existing.role != row.role
            else DomainError(
                "conflict", _("Un compte existe déjà avec cette adresse. Connectez-vous avec votre mot de passe.")
            )
        )
    person = clean_name(name)
    secret = password if isinstance(password, str) else ""
    problem = password_problem(secret, row.email)
    if problem:
        raise DomainError("too_long" if len(secret) > 1024 else "invalid", problem)
    user = User(email=row.email, role=row.role, name=person, is_minor=row.is_minor, password_hash=hash_password(secret))
    db.add(user)
    tokens.use(db, row)
    await db.flush()
    audit.record(db, actor_id=user.id, action="account.accept", target=f"user:{user.id}", invitation=row.id)
    await db.commit()
    return user


async def pending_invitations(db: AsyncSession) -> list[AccountToken]:
    """Open invitations without a stand, newest first."""
    rows = await db.exec(
        select(AccountToken)
        .where(AccountToken.purpose == tokens.INVITE, col(AccountToken.used_at).is_(None))
        .order_by(col(AccountToken.created_at).desc())
        .limit(200)
    )
    now = utcnow()
    return [row for row in rows.all() if aware(row.expires_at) > now]


def invitation_mail(settings: Settings, email: str, role: str, token: str) -> Mail:
    values = {"role": role_label(role), "link": tokens.link(settings, tokens.INVITE, token)}
    body = (
        _(
            "Bonjour,\n\nL'équipe d'organisation vous invite à créer votre compte sur Salon (rôle : %(role)s).\n"
            "Ouvrez ce lien, indiquez votre nom et choisissez un mot de passe (le lien est valable 14 jours et ne"
            " sert qu'une fois) :\n\n%(link)s\n\nSi vous n'attendiez pas ce message, ignorez-le.\n"
        )
        % values
    )
    return Mail(to=email, subject=_("Invitation à créer votre compte sur Salon"), body=body)
