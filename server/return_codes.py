"""Pupils' return codes: three easy French words and two digits that bring the same pupil back.

A pupil gets one when they join their class (`server/auth.join_class`). It holds no personal data, and the
database keeps only its HMAC-SHA256 under SECRET_KEY (`User.return_code_hash`): a stolen database gives
no code, and a code cannot be checked without the key. The pupil's own browser keeps the code in its
signed session cookie so that their page can show it again.

Entropy: three words drawn independently from `return_words.txt` (1,116 words) and two digits:
3 × log2(1116) + log2(100) ≈ 30.4 + 6.6 = 37.0 bits, about 1.4 × 10^11 codes. With 100,000 pupils holding a
code, one guess in about 1.4 million hits somebody; the budgets below (failures only, per address and
overall) keep a guesser far from that (docs/protocol.md, "Pupils' return codes and the code of conduct").

Pure rules first (word list, generation, reading what a pupil typed, hashing), then the service.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import unicodedata
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.auth import Principal, TokenSigner, issue_token, load_principal
from server.errors import DomainError
from server.models import Role, SchoolClass, User
from server.timeutil import aware, utcnow

WORD_FILE = Path(__file__).with_name("return_words.txt")
WORDS: tuple[str, ...] = tuple(
    line.strip() for line in WORD_FILE.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"
)
WORD_SET = frozenset(WORDS)
WORD_COUNT = 3
DIGITS = 2
ENTROPY_BITS = WORD_COUNT * math.log2(len(WORDS)) + DIGITS * math.log2(10)
MAX_INPUT = 120  # characters; a code is at most 3 × 11 + 2 + 3 separators

# Failures only (a pupil who types their code right never spends anything). A class of 35 behind one
# school address coming back in the same minute succeeds as long as fewer than 20 of them mistype a
# well-formed code; a guesser at one address gets 20 tries per 10 minutes (2,880 a day), and the whole
# internet 600 per 10 minutes (86,400 a day, ~0.06 lucky hits a day at 100,000 codes). A code that is not
# three words of the list and two digits is refused before any lookup and costs nothing: it cannot match.
FAILURES_PER_ADDRESS = 20
FAILURES_OVERALL = 600
FAILURE_WINDOW = 600.0

UNKNOWN = "Ce code de retour n'existe pas. Vérifiez les trois mots et les deux chiffres."
REMOVED = "Ce code de retour ne fonctionne plus : ce compte a été retiré de sa classe."
ENDED = "La session de votre classe est terminée : ce code de retour ne fonctionne plus."
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_PARTS = re.compile(r"[a-z]+|[0-9]+")


def generate() -> str:
    """A new code in its canonical form, "arbre-bateau-cerise-42" (cryptographic randomness)."""
    words = [secrets.choice(WORDS) for _ in range(WORD_COUNT)]
    return "-".join([*words, f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"])


def parse(raw: object) -> str | None:
    """The canonical form of what a pupil typed, or None when it cannot be a code.

    Case, accents, spaces, dots and dashes do not matter, nor digits glued to the last word:
    "Arbre bateau CERISE 42", "arbre.bateau.cerise.42" and "arbre-bateau-cerise42" are one code.
    """
    if not isinstance(raw, str) or len(raw) > MAX_INPUT or "\x00" in raw:
        return None
    folded = "".join(c for c in unicodedata.normalize("NFKD", raw.casefold()) if not unicodedata.combining(c))
    parts = _PARTS.findall(_SEPARATORS.sub(" ", folded))
    if len(parts) != WORD_COUNT + 1:
        return None
    *words, number = parts
    if not all(word in WORD_SET for word in words) or not (number.isdigit() and len(number) == DIGITS):
        return None
    return "-".join(parts)


def spoken(code: str) -> str:
    """The code as the pupil reads it on screen: "arbre bateau cerise 42"."""
    return code.replace("-", " ")


def digest(code: str, secret_key: str) -> str:
    """The keyed hash stored in `User.return_code_hash` (64 hex characters)."""
    return hmac.new(secret_key.encode(), f"salon.return-code:{code}".encode(), hashlib.sha256).hexdigest()


# --- Service -------------------------------------------------------------------------------------


async def new_code(db: AsyncSession, secret_key: str) -> tuple[str, str]:
    """A code nobody holds yet and its hash (a collision is ~10^-6 at 100,000 pupils: draw again)."""
    for _ in range(8):
        code = generate()
        hashed = digest(code, secret_key)
        if (await db.exec(select(User.id).where(User.return_code_hash == hashed))).first() is None:
            return code, hashed
    raise RuntimeError("no free return code after 8 draws: is the word list empty?")


async def come_back(db: AsyncSession, signer: TokenSigner, secret_key: str, code: str) -> tuple[Principal, str]:
    """The pupil holding this canonical code, with a new token: same id, pseudonym and history.

    Refusals: `not_found` (nobody holds it), `forbidden` (a teacher removed the pupil), `closed` (their
    class's code has expired: the session of the class is over).
    """
    pupil = (
        await db.exec(select(User).where(User.return_code_hash == digest(code, secret_key), User.role == Role.PUPIL))
    ).first()
    if pupil is None:
        raise DomainError("not_found", UNKNOWN)
    if pupil.removed_at is not None:
        raise DomainError("forbidden", REMOVED)
    school_class = await db.get(SchoolClass, pupil.class_id) if pupil.class_id is not None else None
    if school_class is None:
        raise DomainError("forbidden", REMOVED)
    if school_class.code_expires_at is not None and aware(school_class.code_expires_at) <= utcnow():
        raise DomainError("closed", ENDED)
    token = await issue_token(db, signer, pupil)
    return await load_principal(db, pupil), token
