"""CFA Q&A rooms' rules, pure: claims and their lapse, which answers are new since a visit, suggestions of
similar questions (accent-insensitive), the digest's selection and the organisers' median time to a first
answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from stands.search import query_words, terms

CLAIM_LAPSE = timedelta(minutes=30)  # a claim without an answer lapses this long after `claimed_at`
DIGEST_WAIT = timedelta(days=1)  # the digest lists questions waiting longer than this
DIGEST_EVERY = timedelta(days=1)  # and goes to a CFA at most once per this
SIMILAR_LIMIT = 5
MIN_SIMILAR_WORD = 3  # shorter words ("le", "un", "à") say nothing about a question

# Words of every French question: matching on them would suggest everything.
_STOP = (
    "les des une est que qui quoi quel quelle quels quelles pour dans avec sur par pas vous nous ils elles "
    "comment combien pourquoi faut peut peux faire fait avoir etre sont ont mon mes ton tes son ses "
    "leur leurs cette ces aux quand elle bien tres plus moins apres avant chez"
)
STOP_WORDS = frozenset(_STOP.split(" "))


def claim_until(claimed_at: datetime | None) -> datetime | None:
    return claimed_at + CLAIM_LAPSE if claimed_at is not None else None


def claim_holder(claimed_by: int | None, claimed_at: datetime | None, now: datetime) -> int | None:
    """Who holds the question now: the claimer until the claim lapses, else nobody."""
    if claimed_by is None or claimed_at is None or now >= claimed_at + CLAIM_LAPSE:
        return None
    return claimed_by


def may_claim(claimed_by: int | None, claimed_at: datetime | None, me: int, now: datetime) -> bool:
    """The compare-and-set's condition, in Python (the service runs it as the UPDATE's WHERE)."""
    holder = claim_holder(claimed_by, claimed_at, now)
    return holder is None or holder == me


def has_new_answer(answer_times: Iterable[datetime], seen_at: datetime | None) -> bool:
    """An answer given (or edited) after the person's last visit; a first visit shows no badge (nothing was
    seen before, so nothing is "new" yet)."""
    if seen_at is None:
        return False
    return any(ts > seen_at for ts in answer_times)


def question_words(text: str) -> set[str]:
    return {w for w in terms(text).split() if len(w) >= MIN_SIMILAR_WORD and w not in STOP_WORDS}


STEM = 6  # two words sharing their first 6 letters are taken for one ("patissier", "patisserie")


def same_stem(typed: str, word: str) -> bool:
    """A word typed matches a question's word when one starts the other (a word being typed: "apprenti" finds
    "apprentissage"; at least 4 letters the other way round), or when both share their first `STEM` letters."""
    if word.startswith(typed) or (len(word) >= 4 and typed.startswith(word)):
        return True
    return len(typed) >= STEM and len(word) >= STEM and typed[:STEM] == word[:STEM]


def similar(query: str, questions: Sequence[dict[str, Any]], limit: int = SIMILAR_LIMIT) -> list[dict[str, Any]]:
    """The questions sharing the most meaningful words with what the pupil is typing (folded: "métier" finds
    "metiers"; words match as `same_stem` says).
    Ties: the most votes first, then the oldest."""
    words = [w for w in query_words(query) if len(w) >= MIN_SIMILAR_WORD and w not in STOP_WORDS]
    if not words:
        return []
    scored = []
    for q in questions:
        theirs = terms(q["text"]).split()
        score = sum(1 for w in words if any(same_stem(w, t) for t in theirs))
        if score:
            scored.append((-score, -int(q.get("votes", 0)), str(q.get("ts", "")), q))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def waiting_for_digest(asked_at: datetime, answered: bool, resolved: bool, now: datetime) -> bool:
    return not answered and not resolved and now - asked_at > DIGEST_WAIT


def digest_due(last_sent_at: datetime | None, now: datetime) -> bool:
    return last_sent_at is None or now - last_sent_at >= DIGEST_EVERY


def median_minutes(pairs: Iterable[tuple[datetime, datetime | None]]) -> float | None:
    """The median time from asking to the first answer, in minutes, over the answered questions (pairs of
    (asked_at, first_answer_at); an unanswered question, None, does not count). None when none was answered."""
    waits = [(first - asked).total_seconds() / 60 for asked, first in pairs if first is not None]
    return round(median(waits), 1) if waits else None


def duration_label(minutes: float | None) -> str:
    """ "35 min", "4 h 05", "2 j 3 h" — a median time to a first answer, for people; "—" for none."""
    if minutes is None:
        return "—"
    whole = int(round(minutes))
    if whole < 60:
        return f"{whole} min"
    if whole < 24 * 60:
        return f"{whole // 60} h {whole % 60:02d}"
    return f"{whole // (24 * 60)} j {whole % (24 * 60) // 60} h"


def waiting_label(asked_at: datetime, now: datetime) -> str:
    """ "3 min", "2 h 05", "4 j" — how long a question has waited (French, short)."""
    minutes = max(0, int((now - asked_at).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes // (24 * 60)} j"
