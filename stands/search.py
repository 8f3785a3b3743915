"""Accent- and case-insensitive matching for the hall's search box (pure)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """ "Métiers" → "metiers": strip accents, lower-case, squeeze spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def matches(query: str, fields: Iterable[str]) -> bool:
    """Every word of the query appears in at least one field."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(fold(f) for f in fields)
    return all(word in haystack for word in words)
