"""One clock for the whole app: aware UTC datetimes in storage, Europe/Paris for people."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """SQLite hands datetimes back naive; every stored datetime is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def iso(value: datetime) -> str:
    return aware(value).isoformat()


def paris(value: datetime) -> datetime:
    return aware(value).astimezone(PARIS)
