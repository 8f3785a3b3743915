"""The talks' scheduler: announces `talk:state` changes and 5-minute reminders, once, from one worker."""

from __future__ import annotations

from server.services import Services


def register(services: Services) -> None:
    """Adds the scheduler loop to `services.background` (filled in by the scheduler work)."""
