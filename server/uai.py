"""A school's UAI number (formerly RNE) and department (pure).

A UAI is 7 digits and a check letter: the remainder of the 7-digit number divided by 23, as a letter of
`KEY_LETTERS` (the alphabet without I, O and Q). Lycée Henri-IV is 0750654D: 750654 = 23 × 32637 + 3, and the
fourth letter is D. The first three digits are the department (075 for Paris, 02A for Corse-du-Sud, 971 for
Guadeloupe); this module checks the key, not that the school exists.
"""

from __future__ import annotations

import re

KEY_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
UAI_RE = re.compile(r"^(\d{7})([A-Z])$")
# Metropolitan departments 01–95 (with Corsica's 2A and 2B instead of 20), overseas 971–976.
DEPARTMENT_RE = re.compile(r"^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$")


def normalise_uai(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def uai_key(digits: str) -> str:
    """The check letter of a 7-digit number."""
    return KEY_LETTERS[int(digits) % 23]


def uai_is_valid(raw: str) -> bool:
    match = UAI_RE.match(normalise_uai(raw))
    return bool(match) and uai_key(match.group(1)) == match.group(2)  # type: ignore[union-attr]


def normalise_department(raw: str) -> str:
    """ "14", "2a", "971", and "014" or "9" padded the usual way ("09")."""
    value = re.sub(r"\s+", "", raw or "").upper()
    if value.isdigit():
        if len(value) == 1:
            value = f"0{value}"
        elif len(value) == 3 and value.startswith("0"):
            value = value[1:]
    return value


def department_is_valid(raw: str) -> bool:
    return bool(DEPARTMENT_RE.match(normalise_department(raw)))
