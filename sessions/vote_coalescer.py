"""Vote counts reach the room coalesced: a per-process set of changed counts per room, flushed every
`FLUSH_INTERVAL` as ONE `question:votes` per room that changed, never one broadcast per vote.

Each vote's transaction returns the question's new count (`UPDATE … RETURNING votes`); the coalescer keeps,
per room and question, the highest count it was handed since the last flush (counts only grow). With several
workers each worker flushes the votes it stored itself, so a talk gets at most 1 / FLUSH_INTERVAL updates per
second per worker (4 with one worker), each carrying only the counts that changed on that worker.
"""

from __future__ import annotations

import asyncio
import logging

from server.realtime import Hub

log = logging.getLogger("salon.votes")

FLUSH_INTERVAL = 0.25  # at most four `question:votes` per room per second per worker


class VoteCoalescer:
    def __init__(self, hub: Hub, interval: float = FLUSH_INTERVAL) -> None:
        self.hub = hub
        self.interval = interval
        self._dirty: dict[str, dict[int, int]] = {}

    def mark(self, room: str, question_id: int, votes: int) -> None:
        """Called after a vote's commit with the count its transaction returned."""
        counts = self._dirty.setdefault(room, {})
        if votes > counts.get(question_id, -1):
            counts[question_id] = votes

    async def flush(self) -> int:
        """Publish one `question:votes` per room with changes; returns how many were published."""
        dirty, self._dirty = self._dirty, {}
        for room, counts in dirty.items():
            try:
                await self.hub.publish(
                    room, "question:votes", {"room": room, "votes": {str(q): n for q, n in counts.items()}}
                )
            except Exception:  # a Redis hiccup must not stop the loop; the counts stay in the database
                log.exception("vote counts update failed for %s", room)
        return len(dirty)

    async def run(self) -> None:
        """The background loop (started through `services.background`)."""
        try:
            while True:
                await asyncio.sleep(self.interval)
                await self.flush()
        finally:
            if self._dirty:  # a last flush at shutdown, so stored votes are not left unannounced
                await self.flush()
