"""Who is asking: class-code joins for pupils, password logins for adults, revocable signed tokens.

Domain functions take the database session first and raise `DomainError`; they never touch HTTP.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.conduct import needs_acceptance
from server.errors import DomainError
from server.models import ADULT_ROLES, STAFF_ROLES, AuthToken, ClassTeacher, Role, SchoolClass, User
from server.passwords import verify_password
from server.pseudonyms import make_pseudonym
from server.timeutil import utcnow

CLASS_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,31}$")


UNKNOWN_CLASS_CODE = "Ce code de classe n'existe pas. Vérifiez-le auprès de la personne qui vous l'a donné."


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated user as handlers see it; loaded once per connection or request."""

    id: int
    name: str
    role: str
    class_id: int | None = None
    staff_stands: frozenset[int] = frozenset()
    is_moderator: bool = False
    class_ids: frozenset[int] = frozenset()  # classes a teacher brings
    class_label: str = ""  # a pupil's class, as their teacher named it
    # False for staff who have not accepted the current code of conduct (server/conduct.py): checked on every
    # answer, so it is loaded here once per connection rather than read per message.
    conduct_ok: bool = True
    is_minor: bool = False  # a minor ambassador: pupils' rules for private questions (chat/permissions.py)
    admitted: bool = True  # False while a pupil waits for a teacher to accept them (server/classes.py)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES or self.role == Role.ORGANISER

    @property
    def is_adult(self) -> bool:
        return self.role in ADULT_ROLES

    @property
    def is_organiser(self) -> bool:
        return self.role == Role.ORGANISER

    def public(self) -> dict[str, object]:
        """The author of a message; `is_minor` only appears, true, for a minor ambassador (its role label)."""
        if self.is_minor:
            return {"id": self.id, "name": self.name, "role": self.role, "is_minor": True}
        return {"id": self.id, "name": self.name, "role": self.role}


class TokenSigner:
    """Tokens are a random id signed with SECRET_KEY; the id must also exist, unrevoked, in the database."""

    def __init__(self, secret_key: str) -> None:
        self._signer = Signer(secret_key, salt="salon.auth-token")

    def sign(self, token_id: str) -> str:
        return self._signer.sign(token_id).decode()

    def unsign(self, token: str) -> str | None:
        try:
            return self._signer.unsign(token).decode()
        except (BadSignature, UnicodeError):
            return None


def normalise_class_code(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


async def issue_token(db: AsyncSession, signer: TokenSigner, user: User) -> str:
    assert user.id is not None
    token = AuthToken(id=secrets.token_urlsafe(24), user_id=user.id)
    db.add(token)
    await db.commit()
    return signer.sign(token.id)


async def load_principal(db: AsyncSession, user: User) -> Principal:
    from stands.models import StandStaff  # accounts sit below stands; import late to keep layers one-way

    assert user.id is not None
    stands: frozenset[int] = frozenset()
    classes: frozenset[int] = frozenset()
    if user.role in STAFF_ROLES:
        rows = await db.exec(select(StandStaff.stand_id).where(StandStaff.user_id == user.id))
        stands = frozenset(rows.all())
    if user.role == Role.TEACHER:
        rows = await db.exec(select(ClassTeacher.class_id).where(ClassTeacher.user_id == user.id))
        classes = frozenset(rows.all())
    label = ""
    if user.class_id is not None:
        label = (await db.exec(select(SchoolClass.label).where(SchoolClass.id == user.class_id))).first() or ""
    return Principal(
        id=user.id,
        name=user.name,
        role=user.role,
        class_id=user.class_id,
        staff_stands=stands,
        is_moderator=user.is_moderator or user.role == Role.ORGANISER,
        class_ids=classes,
        class_label=label,
        conduct_ok=not needs_acceptance(user.role, user.conduct_version),
        is_minor=user.is_minor and user.role == Role.AMBASSADOR,
        admitted=user.admitted,
    )


async def principal_for_token(db: AsyncSession, signer: TokenSigner, token: str | None) -> Principal | None:
    token_id = signer.unsign(token) if token else None
    if token_id is None:
        return None
    row = (
        await db.exec(
            select(User)
            .join(AuthToken, AuthToken.user_id == User.id)
            .where(AuthToken.id == token_id, AuthToken.revoked_at.is_(None))  # type: ignore[union-attr]
        )
    ).first()
    return await load_principal(db, row) if row else None


async def revoke_token(db: AsyncSession, signer: TokenSigner, token: str) -> None:
    token_id = signer.unsign(token)
    record = await db.get(AuthToken, token_id) if token_id else None
    if record and record.revoked_at is None:
        record.revoked_at = utcnow()
        db.add(record)
        await db.commit()


async def join_class(
    db: AsyncSession, signer: TokenSigner, raw_code: str, *, return_code_hash: str | None = None
) -> tuple[Principal, str]:
    """A pupil enters with their class code and gets a fresh pseudonym; no personal data is asked.
    `return_code_hash`: the keyed hash of the return code they are shown (server/return_codes.py)."""
    from server.classes import class_for_code  # expiry and approved joins (server/classes.py)

    school_class = await class_for_code(db, raw_code)
    pupil = User(
        role=Role.PUPIL,
        name=make_pseudonym(),
        class_id=school_class.id,
        admitted=not school_class.approve_joins,
        return_code_hash=return_code_hash,
    )
    db.add(pupil)
    await db.flush()
    token = await issue_token(db, signer, pupil)
    return await load_principal(db, pupil), token


async def login(db: AsyncSession, signer: TokenSigner, email: str, password: str) -> tuple[Principal, str]:
    user = (await db.exec(select(User).where(User.email == (email or "").strip().lower()))).first()
    if not verify_password(user.password_hash if user else None, password or "") or user is None:
        raise DomainError("unauthorized", "Adresse e-mail ou mot de passe incorrect.")
    token = await issue_token(db, signer, user)
    return await load_principal(db, user), token
