"""One-use links sent by e-mail (the only writer of account_tokens): a teacher's sign-up confirmation, a
password reset, an invitation of an adult without a stand. Only a hash of the token is stored, so a database
leak does not leak usable links; a link is refused once used or past its expiry.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.accounts import EMAIL_RE
from server.config import Settings
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import AccountToken
from server.timeutil import aware, utcnow

SIGNUP, RESET, INVITE = "signup", "reset", "invite"
LIFETIMES = {SIGNUP: timedelta(hours=48), RESET: timedelta(hours=1), INVITE: timedelta(days=14)}
PATHS = {SIGNUP: "/inscription/confirmer", RESET: "/mot-de-passe/nouveau", INVITE: "/compte/invitation"}
# What secrets.token_urlsafe(32) gives; anything else is not one of our links (checked before any query).
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(raw: object) -> str:
    email = raw.strip().lower() if isinstance(raw, str) else ""
    if not email or "\x00" in email or len(email) > 254 or not EMAIL_RE.match(email):
        shown = raw.strip()[:80].replace("\x00", "") if isinstance(raw, str) else ""
        raise DomainError("invalid", _("« %(email)s » n'est pas une adresse e-mail valide.") % {"email": shown})
    return email


def link(settings: Settings, purpose: str, token: str) -> str:
    return f"{settings.public_url}{PATHS[purpose]}?token={token}"


def new_token(db: AsyncSession, purpose: str, email: str, **fields: object) -> str:
    """Add a token row (no commit); returns the secret part of the link, which is never stored."""
    token = secrets.token_urlsafe(32)
    db.add(
        AccountToken(
            token_hash=token_hash(token),
            purpose=purpose,
            email=email,
            expires_at=utcnow() + LIFETIMES[purpose],
            **fields,  # type: ignore[arg-type]
        )
    )
    return token


REFUSALS = {
    SIGNUP: {
        "unknown": "Ce lien d'inscription n'existe pas. Vérifiez le lien reçu par e-mail.",
        "used": "Ce lien d'inscription a déjà servi. Connectez-vous avec votre compte.",
        "expired": "Ce lien d'inscription a expiré (il est valable 48 heures). Recommencez l'inscription.",
    },
    RESET: {
        "unknown": "Ce lien n'existe pas. Vérifiez le lien reçu par e-mail.",
        "used": "Ce lien a déjà servi. Demandez un nouveau lien si vous avez encore oublié votre mot de passe.",
        "expired": "Ce lien a expiré (il est valable une heure). Demandez-en un nouveau.",
    },
    INVITE: {
        "unknown": "Cette invitation n'existe pas. Vérifiez le lien reçu par e-mail.",
        "used": "Cette invitation a déjà été utilisée. Connectez-vous avec votre compte.",
        "expired": "Cette invitation a expiré. Demandez-en une nouvelle à l'équipe d'organisation.",
    },
}


async def open_token(db: AsyncSession, purpose: str, token: object) -> AccountToken:
    """The unused, unexpired token behind a link, or a clear refusal (not_found, conflict, closed)."""
    texts = REFUSALS[purpose]
    if not isinstance(token, str) or not TOKEN_RE.match(token):
        raise DomainError("not_found", _(texts["unknown"]))
    row = (
        await db.exec(
            select(AccountToken).where(AccountToken.token_hash == token_hash(token), AccountToken.purpose == purpose)
        )
    ).first()
    if row is None:
        raise DomainError("not_found", _(texts["unknown"]))
    if row.used_at is not None:
        raise DomainError("conflict", _(texts["used"]))
    if aware(row.expires_at) <= utcnow():
        raise DomainError("closed", _(texts["expired"]))
    return row


def use(db: AsyncSession, row: AccountToken) -> None:
    row.used_at = utcnow()
    db.add(row)


async def revoke_open(db: AsyncSession, email: str, purposes: tuple[str, ...], *, keep: int | None = None) -> int:
    """Mark every unused token of this address for these purposes as used (no commit); how many."""
    rows = (
        await db.exec(
            select(AccountToken).where(
                AccountToken.email == email,
                col(AccountToken.purpose).in_(purposes),
                col(AccountToken.used_at).is_(None),
            )
        )
    ).all()
    now = utcnow()
    count = 0
    for row in rows:
        if row.id != keep:
            row.used_at = now
            db.add(row)
            count += 1
    return count
