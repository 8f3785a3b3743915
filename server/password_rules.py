"""What makes a password acceptable for a new adult account (pure): long enough, not a common one, not the
e-mail address. Each rule returns a French message naming it, or None.

`salon create-organiser` keeps its own minimum of 8 characters (server/accounts.py): operators choose those
passwords on a server, and existing scripts pass them; every password chosen through a page follows these rules.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from server.i18n import gettext as _

MIN_LENGTH = 10
MAX_LENGTH = 1024
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
# Digits and punctuation people add at the end of a common word: "soleil2026!" is still "soleil".
_TRAILING = re.compile(r"[0-9!?.*_@#$%&+=-]+$")
_NAME_PARTS = re.compile(r"[._+-]+")


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common(password: str) -> bool:
    lowered = password.lower()
    core = _TRAILING.sub("", lowered)
    common = common_passwords()
    return lowered in common or (bool(core) and core in common)


def email_parts(email: str) -> list[str]:
    """The pieces of an address a password must not contain: its local part, and each name in it of 4+ letters."""
    local = (email or "").partition("@")[0].lower()
    if len(local) < 3:
        return []
    return [local, *(part for part in _NAME_PARTS.split(local) if len(part) >= 4 and part != local)]


def password_problem(password: str, email: str = "") -> str | None:
    """Why this password is refused for the account with this e-mail, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return _("Le mot de passe doit compter au moins %(n)d caractères.") % {"n": MIN_LENGTH}
    if len(password) > MAX_LENGTH:
        return _("Le mot de passe est trop long (%(n)d caractères au plus).") % {"n": MAX_LENGTH}
    if "\x00" in password:
        return _("Le mot de passe contient un caractère invalide.")
    if is_common(password):
        return _(
            "Ce mot de passe fait partie des plus courants : choisissez-en un autre, par exemple trois ou quatre mots"
            " sans rapport entre eux."
        )
    lowered = password.lower()
    if any(part in lowered for part in email_parts(email)):
        return _("Le mot de passe ne doit pas reprendre votre adresse e-mail (la partie avant « @ »).")
    return None


def password_hint() -> str:
    """The rules, as the forms announce them."""
    return _(
        "%(n)d caractères au moins, pas un mot de passe courant, sans reprendre votre adresse e-mail."
        " Une courte phrase est facile à retenir."
    ) % {"n": MIN_LENGTH}
