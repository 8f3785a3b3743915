"""The code of conduct ("charte") adults accept before they answer pupils.

Who: the roles that answer at stands (`STAFF_ROLES`: professionals, CFA staff, counsellors, ambassadors).
Teachers and organisers are exempt: teachers are bound by their school's rules and only read and reply to
their own class; organisers run the fair and wrote the charte.

What: before their first answer (a chat message in a stand, talk or Q&A room or a private question, a written
answer to a question) they accept the current `VERSION`; the version and the moment are stored on the user
(`conduct_version`, `conduct_accepted_at`) with an audit entry. Publishing a new version (changing `VERSION`
and the text) asks everyone again at their next answer.

Cost on the hot path: the Principal carries `conduct_ok`, computed once at connect (`server/auth.py`); only a
refused person costs a database read, which also lets an open socket through once they have accepted in
another tab (`ensure_accepted`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import audit
from server.errors import DomainError
from server.models import STAFF_ROLES, User
from server.timeutil import utcnow

if TYPE_CHECKING:
    from server.auth import Principal

VERSION = "2026-12"
PATH = "/charte"
TITLE = "Charte des adultes qui répondent aux élèves"
# One idea a line, "vous" (docs/writing.md); shown at /charte and in the console's banner link.
RULES = (
    "Vous parlez aux élèves avec respect et bienveillance, comme dans un établissement scolaire.",
    "Vous restez sur Salon : vous ne donnez et ne demandez aucun moyen de contact personnel "
    "(téléphone, adresse e-mail, réseaux sociaux). Salon masque automatiquement ceux qu'il reconnaît.",
    "Vous ne demandez aux élèves aucune donnée personnelle : ni nom, ni établissement, ni photo.",
    "Vous présentez votre métier ou votre formation honnêtement, sans démarchage commercial.",
    "Vous signalez à l'équipe de modération tout message inquiétant : une personne en danger, "
    "du harcèlement, des propos haineux.",
    "Vos messages sont conservés pour la modération et peuvent être relus par l'équipe d'organisation.",
    "Une personne qui ne respecte pas la charte peut être retirée du salon.",
)
REFUSAL = f"Avant de répondre aux élèves, acceptez la charte de bonne conduite : {PATH}"
NOT_CONCERNED = "La charte s'accepte depuis un compte qui répond aux élèves sur un stand."


def concerned(role: str) -> bool:
    """Whether this role must accept the charte before answering."""
    return role in STAFF_ROLES


def needs_acceptance(role: str, accepted_version: str | None, current: str = VERSION) -> bool:
    """Pure: a role that answers pupils and has not accepted `current` (an older version counts as none)."""
    return concerned(role) and accepted_version != current


async def ensure_accepted(db: AsyncSession, principal: Principal) -> None:
    """Refuse an answer (`forbidden`, with the link) from staff who have not accepted the current version.

    Free when the Principal says so; otherwise one read, so that accepting in another tab is enough for a
    socket that connected before (its Principal is only refreshed when it reconnects)."""
    if principal.conduct_ok or not concerned(principal.role):
        return
    version = (await db.exec(select(User.conduct_version).where(User.id == principal.id))).first()
    if version != VERSION:
        raise DomainError("forbidden", REFUSAL)


async def accept(db: AsyncSession, user_id: int) -> datetime:
    """Record that this person accepts the current version (again is harmless: the first date stays)."""
    user = await db.get(User, user_id)
    if user is None or not concerned(user.role):
        raise DomainError("forbidden", NOT_CONCERNED)
    if user.conduct_version == VERSION and user.conduct_accepted_at is not None:
        return user.conduct_accepted_at
    now = utcnow()
    user.conduct_version, user.conduct_accepted_at = VERSION, now
    db.add(user)
    audit.record(db, actor_id=user_id, action="conduct.accepted", target=f"user:{user_id}", version=VERSION)
    await db.commit()
    return now
