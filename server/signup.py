"""Teachers sign up on their own with an academic address (`TEACHER_DOMAINS`), confirm it through an e-mailed
link (48 h, one use) and choose a password. Other adults are invited (server/invitations_adults.py).

No account enumeration: asking with an address that already has an account answers the same and mails that
person a reminder (log in, or reset the password) instead of a link.
"""

from __future__ import annotations

import re

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import account_tokens as tokens
from server import audit, mailer
from server.config import Settings
from server.errors import DomainError
from server.i18n import gettext as _
from server.mailer import Mail
from server.models import Role, User
from server.password_rules import password_problem
from server.passwords import hash_password

ANY_ACADEMY = "ac-*"
ACADEMY_RE = re.compile(r"^ac-[a-z0-9]+(?:-[a-z0-9]+)*\.fr$")


# ---------- Rules (pure) ----------


def teacher_domain_allowed(email: str, domains: tuple[str, ...]) -> bool:
    """Whether a teacher with this (normalised) address may sign up alone."""
    domain = email.rpartition("@")[2].lower()
    return domain in domains or (ANY_ACADEMY in domains and bool(ACADEMY_RE.match(domain)))


def accepted_domains_text(domains: tuple[str, ...]) -> str:
    """The accepted addresses, as a refusal names them: « @ac-normandie.fr, @ac-lille.fr ou toute adresse… »."""
    names = [f"@{d}" for d in domains if d != ANY_ACADEMY]
    if ANY_ACADEMY in domains:
        names.append(_("toute adresse académique en @ac-….fr"))
    if len(names) == 1:
        return names[0]
    return _("%(list)s ou %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def clean_name(raw: object) -> str:
    name = " ".join(raw.split()) if isinstance(raw, str) else ""
    if "\x00" in name or not 2 <= len(name) <= 80:
        raise DomainError("invalid", _("Indiquez votre nom (2 à 80 caractères)."))
    return name


# ---------- Service ----------


def check_signup(settings: Settings, *, name: object, email: object) -> tuple[str, str]:
    """The cleaned name and address of a sign-up, or the refusal (bad name or address, domain not accepted)."""
    address = tokens.normalise_email(email)
    person = clean_name(name)
    if not teacher_domain_allowed(address, settings.teacher_domains):
        raise DomainError(
            "invalid",
            _(
                "Cette adresse ne permet pas l'inscription directe, ouverte aux adresses %(domains)s."
                " Vous enseignez ailleurs (établissement privé, MFR…) ? L'équipe d'organisation du salon peut vous"
                " inviter."
            )
            % {"domains": accepted_domains_text(settings.teacher_domains)},
        )
    return person, address


async def request_signup(db: AsyncSession, settings: Settings, *, name: object, email: object) -> None:
    """Check the sign-up, store a confirmation token (or nothing for an existing account), commit, then mail."""
    person, address = check_signup(settings, name=name, email=email)
    existing = (await db.exec(select(User).where(User.email == address))).first()
    if existing is not None:
        await mailer.send(settings, existing_account_mail(settings, address))
        return
    token = tokens.new_token(db, tokens.SIGNUP, address, name=person, role=Role.TEACHER)
    await db.commit()
    await mailer.send(settings, signup_mail(settings, address, person, token))


async def confirm_signup(db: AsyncSession, token: str, *, password: object) -> User:
    """Create the teacher's account from a confirmation link and the chosen password (commits)."""
    row = await tokens.open_token(db, tokens.SIGNUP, token)
    if (await db.exec(select(User).where(User.email == row.email))).first() is not None:
        raise DomainError(
            "conflict",
            _("Un compte existe déjà avec cette adresse. Connectez-vous, ou demandez un nouveau mot de passe."),
        )
    secret = password if isinstance(password, str) else ""
    problem = password_problem(secret, row.email)
    if problem:
        raise DomainError("too_long" if len(secret) > 1024 else "invalid", problem)
    user = User(email=row.email, role=Role.TEACHER, name=row.name, password_hash=hash_password(secret))
    db.add(user)
    tokens.use(db, row)
    await tokens.revoke_open(db, row.email, (tokens.SIGNUP,), keep=row.id)
    await db.flush()
    audit.record(db, actor_id=user.id, action="account.signup", target=f"user:{user.id}")
    await db.commit()
    return user


# ---------- Mails ----------


def signup_mail(settings: Settings, email: str, name: str, token: str) -> Mail:
    values = {"name": name, "link": tokens.link(settings, tokens.SIGNUP, token)}
    body = (
        _(
            "Bonjour %(name)s,\n\nPour terminer votre inscription sur Salon, ouvrez ce lien et choisissez votre mot"
            " de passe (le lien est valable 48 heures et ne sert qu'une fois) :\n\n%(link)s\n\n"
            "Si vous n'avez rien demandé, ignorez ce message : aucun compte ne sera créé.\n"
        )
        % values
    )
    return Mail(to=email, subject=_("Confirmez votre inscription sur Salon"), body=body)


def existing_account_mail(settings: Settings, email: str) -> Mail:
    values = {"login": f"{settings.public_url}/login", "reset": f"{settings.public_url}/mot-de-passe/oubli"}
    body = (
        _(
            "Bonjour,\n\nQuelqu'un a demandé à créer un compte Salon avec cette adresse, mais vous en avez déjà un."
            "\n\nConnectez-vous ici : %(login)s\n"
            "Mot de passe oublié ? Choisissez-en un nouveau ici : %(reset)s\n\n"
            "Si vous n'avez rien demandé, ignorez ce message.\n"
        )
        % values
    )
    return Mail(to=email, subject=_("Vous avez déjà un compte sur Salon"), body=body)
