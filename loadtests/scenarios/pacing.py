"""When users arrive (class-shaped waves) and how fast they may write (the protocol's send budgets).

Standard library only: the locust shape and users call these, and the tests check them directly.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassArrivals:
    """Pupils arrive class by class, as a fair sees them: a teacher hands out the code and the class's
    `class_size` pupils sign in within `window` seconds; a new class starts every `gap` seconds (classes
    overlap when `gap` < `window`). The `adults` (fixed-count users) are there from the start; `users`
    caps the total."""

    users: int
    adults: int = 0
    class_size: int = 30
    window: float = 30.0
    gap: float = 15.0

    def target(self, elapsed: float) -> int:
        """How many users should be running `elapsed` seconds into the test."""
        pupils = max(0, self.users - self.adults)
        arrived = 0
        for number in range(self.classes()):
            start = number * self.gap
            if elapsed < start:
                break
            size = min(self.class_size, pupils - number * self.class_size)
            # The first pupil arrives when the class starts, the last one `window` seconds later.
            share = 1.0 if self.window <= 0 else (elapsed - start) / self.window
            arrived += min(size, math.floor(share * (size - 1)) + 1)
        return min(self.users, self.adults + arrived)

    def classes(self) -> int:
        return math.ceil(max(0, self.users - self.adults) / self.class_size)

    def fully_arrived_at(self) -> float:
        """Seconds until the last class has fully arrived."""
        count = self.classes()
        return 0.0 if count == 0 else (count - 1) * self.gap + self.window


class SendBudget:
    """The client side of the protocol's send budget (pupils 10, adults 30 messages per 15 s, counted
    per account on the server). Kept a little under it (`margin`) so that the server's fixed window,
    which starts at a stored message rather than at our send, never refuses an honest client: any
    `rate_limited` answer in a load test is then an error. Shared by every user of an account."""

    def __init__(self, limit: int, window: float = 15.0, margin: int = 1, slack: float = 1.0) -> None:
        self.limit = max(1, limit - margin)
        self.window = window + slack
        self._sent: dict[str, deque[float]] = defaultdict(deque)

    def take(self, account: str, now: float | None = None) -> bool:
        """Spend one send for `account` if the budget allows it."""
        now = time.monotonic() if now is None else now
        sent = self._sent[account]
        while sent and now - sent[0] >= self.window:
            sent.popleft()
        if len(sent) >= self.limit:
            return False
        sent.append(now)
        return True

    def refund(self, account: str) -> None:
        """A send the server refused (or never stored) costs nothing there either."""
        if self._sent[account]:
            self._sent[account].pop()
