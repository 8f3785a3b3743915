"""A talk's life as pure rules over its times: its state, when its Q&A is open, when its reminder is due."""

from __future__ import annotations

from datetime import datetime, timedelta

from server.timeutil import aware

UPCOMING, LIVE, ENDED = "upcoming", "live", "ended"
STATES = (UPCOMING, LIVE, ENDED)
# Pupils may ask (and vote) from a quarter of an hour before the start, while classes settle in.
QA_OPENS_BEFORE = timedelta(minutes=15)
# Connected users whose class is registered are told this long before the start ("commence dans 5 minutes").
REMINDER_BEFORE = timedelta(minutes=5)
AUDIENCES = {"all": "Tous publics", "college": "Collège", "lycee": "Lycée", "postbac": "Post-bac"}


def talk_state(starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """`upcoming` before the start, `live` from the start (included) to the end (excluded), then `ended`."""
    if now < aware(starts_at):
        return UPCOMING
    if now < aware(ends_at):
        return LIVE
    return ENDED


def qa_is_open(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    return aware(starts_at) - QA_OPENS_BEFORE <= now < aware(ends_at)


def reminder_due(starts_at: datetime, now: datetime) -> bool:
    """Within the five minutes before the start (a reminder found due after the start is not sent)."""
    return aware(starts_at) - REMINDER_BEFORE <= now < aware(starts_at)
