"""Class codes (pure): easy to read aloud and to type from a projector.

A code is 7 characters from an alphabet without the look-alikes 0/O, 1/I/L, stored compact ("KXT7PMQ") and
shown in two groups ("KXT-7PMQ"). Pupils may type it with or without the hyphen, with spaces, in lower case.
Codes made before this scheme (the demo's `DEMO-3E`) keep their stored form and still work as typed.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 7
GROUP = 3  # "KXT-7PMQ": three, then four
SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—_.]+")
_GENERATED_RE = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    """A fresh random code (compact form), 31^7 ≈ 2.8·10^10 possibilities."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def compact(raw: str) -> str:
    """What a pupil typed, without separators or spaces, in upper case: the form generated codes are stored in."""
    return SEPARATORS_RE.sub("", raw or "").upper()


def is_generated(code: str) -> bool:
    return bool(_GENERATED_RE.match(code))


def display(code: str) -> str:
    """The code as shown to a class: "KXT-7PMQ"; an older code ("DEMO-3E") as stored."""
    if is_generated(code):
        return f"{code[:GROUP]}-{code[GROUP:]}"
    return code


def spoken(code: str) -> str:
    """The code's characters one by one, for screen readers and reading aloud: "K X T, 7 P M Q"."""
    shown = display(code)
    return ", ".join(" ".join(group) for group in shown.split("-"))
