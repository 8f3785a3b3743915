"""Accent- and case-insensitive matching for the hall's search box (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_QUERY = 100  # characters of a search that are kept

# Letters NFKD does not take apart: "cœur" is found with "coeur".
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
# Stand names, cities and job titles come back on every hall request: fold each once per process.
FOLD_CACHE = 16_384
# Hyphens, apostrophes (’ included), slashes…: "aide soignant" finds "aide-soignant" and back.
SEPARATORS = re.compile(r"[^\w]+")


@lru_cache(maxsize=FOLD_CACHE)
def fold(text: str) -> str:
    """ "Métiers" → "metiers", "Cœur" → "coeur": strip accents, lower-case, squeeze spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@lru_cache(maxsize=FOLD_CACHE)
def terms(text: str) -> str:
    """ "L'Aide-Soignante" → "l aide soignante": folded, punctuation turned into spaces."""
    return " ".join(SEPARATORS.sub(" ", fold(text)).replace("_", " ").split())


def query_words(query: str) -> list[str]:
    """The words of a search (its first MAX_QUERY characters), folded."""
    return terms(query[:MAX_QUERY]).split()


def haystack(fields: Iterable[str]) -> str:
    """What a search looks in: the fields' terms, one string."""
    return " ".join(terms(f) for f in fields if f)


def matches_words(words: list[str], folded: str) -> bool:
    """Every word appears in the folded text (as part of a word: "chaudron" finds "chaudronnier")."""
    return all(word in folded for word in words)


def matches(query: str, fields: Iterable[str]) -> bool:
    """Every word of the query appears in at least one field."""
    words = query_words(query)
    return not words or matches_words(words, haystack(fields))
