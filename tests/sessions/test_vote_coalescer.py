"""The coalescer in one process: many votes make one `question:votes` per room and flush, with the highest
count each question reached; nothing is published when nothing changed."""

from __future__ import annotations

from typing import Any

from sessions.vote_coalescer import VoteCoalescer


class RecordingHub:
    """Stands in for the hub's emit only: what would be published, in order."""

    def __init__(self) -> None:
        self.published: list[tuple[str, str, dict[str, Any]]] = []

    async def publish(self, room: str, event: str, payload: dict[str, Any]) -> None:
        self.published.append((room, event, payload))


async def test_many_votes_make_one_update_per_room_with_the_highest_counts():
    hub = RecordingHub()
    votes = VoteCoalescer(hub)  # type: ignore[arg-type]
    for n in range(1, 51):
        votes.mark("talk:1", 7, n)
    votes.mark("talk:1", 7, 12)  # a slower transaction's older count never goes back
    votes.mark("talk:1", 8, 3)
    votes.mark("talk:2", 9, 1)
    assert await votes.flush() == 2
    assert hub.published == [
        ("talk:1", "question:votes", {"room": "talk:1", "votes": {"7": 50, "8": 3}}),
        ("talk:2", "question:votes", {"room": "talk:2", "votes": {"9": 1}}),
    ]
    assert await votes.flush() == 0
    assert len(hub.published) == 2
