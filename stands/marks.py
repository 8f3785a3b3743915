"""The mark a stand without a logo shows: its initials on one of six colours picked from its name."""

from __future__ import annotations

import unicodedata
import zlib

# Words that would make poor initials ("CFA des Métiers de la Mer" → "MM", not "CD").
SKIPPED = frozenset(
    {"de", "des", "du", "la", "le", "les", "et", "d", "l", "en", "au", "aux", "sur", "cfa", "sa", "sas"}
)
MARK_COLOURS = 6  # .mark-0 … .mark-5 in static/css/salon.css


def initials(name: str) -> str:
    """Up to two letters, upper case, from the first significant words of the name."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w]
    kept = [w for w in words if w.casefold() not in SKIPPED] or words
    letters = "".join(w[0] for w in kept[:2]).upper()
    return unicodedata.normalize("NFC", letters) or "?"


def mark_colour(name: str) -> int:
    """A stable colour index for the name (the same on every page and every host)."""
    return zlib.crc32(name.encode("utf-8")) % MARK_COLOURS
