"""The audit log: one row per moderation action, written in the action's own transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from server.models import AuditEntry


def record(db: AsyncSession, *, actor_id: int | None, action: str, target: str, **detail: Any) -> None:
    """Add an audit entry to the session (the caller commits it with the action it describes)."""
    db.add(AuditEntry(actor_id=actor_id, action=action, target=target, detail=detail))
