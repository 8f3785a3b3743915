"""Password reset for every adult: an e-mailed link (1 h, one use), then a new password. The request always
gets the same answer; a mail goes out only when an adult account has that address (pupils have none).
A reset closes every other link of the address and logs the account out everywhere.
"""

from __future__ import annotations

from sqlmodel import col, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from server import account_tokens as tokens
from server import audit, mailer
from server.config import Settings
from server.errors import DomainError
from server.i18n import gettext as _
from server.mailer import Mail
from server.models import ADULT_ROLES, AuthToken, User
from server.password_rules import password_problem
from server.passwords import hash_password
from server.timeutil import utcnow


async def adult_with_email(db: AsyncSession, email: str) -> User | None:
    user = (await db.exec(select(User).where(User.email == email))).first()
    return user if user is not None and user.role in ADULT_ROLES else None


async def request_reset(db: AsyncSession, settings: Settings, *, email: object) -> None:
    """Store a reset token and mail its link when an adult has this address; otherwise do nothing, quietly."""
    address = tokens.normalise_email(email)
    user = await adult_with_email(db, address)
    if user is None:
        return
    token = tokens.new_token(db, tokens.RESET, address, name=user.name, role=user.role)
    await db.commit()
    await mailer.send(settings, reset_mail(settings, address, user.name, token))


async def reset_password(db: AsyncSession, token: str, *, password: object) -> User:
    """Set the new password, close the link and every other one of the address, revoke every session (commits)."""
    row = await tokens.open_token(db, tokens.RESET, token)
    user = await adult_with_email(db, row.email)
    if user is None:
        raise DomainError("not_found", _("Le compte de ce lien n'existe plus."))
    secret = password if isinstance(password, str) else ""
    problem = password_problem(secret, row.email)
    if problem:
        raise DomainError("too_long" if len(secret) > 1024 else "invalid", problem)
    user.password_hash = hash_password(secret)
    db.add(user)
    tokens.use(db, row)
    await tokens.revoke_open(db, row.email, (tokens.RESET, tokens.SIGNUP, tokens.INVITE), keep=row.id)
    await db.exec(
        update(AuthToken)  # type: ignore[call-overload]
        .where(col(AuthToken.user_id) == user.id, col(AuthToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    audit.record(db, actor_id=user.id, action="account.reset", target=f"user:{user.id}")
    await db.commit()
    return user


def reset_mail(settings: Settings, email: str, name: str, token: str) -> Mail:
    values = {"name": name, "link": tokens.link(settings, tokens.RESET, token)}
    body = (
        _(
            "Bonjour %(name)s,\n\nPour choisir un nouveau mot de passe sur Salon, ouvrez ce lien (valable une heure,"
            " il ne sert qu'une fois) :\n\n%(link)s\n\n"
            "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.\n"
        )
        % values
    )
    return Mail(to=email, subject=_("Nouveau mot de passe sur Salon"), body=body)
