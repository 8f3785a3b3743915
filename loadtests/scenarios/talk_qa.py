"""The talk-qa shape's accounting, shared by the locust scenario (`loadtests/locustfile_talk_qa.py`) and
`python -m loadtests.bench talk-qa` (whose Node.js generator keeps its own ledger and hands bench.py the
same inputs): question broadcast delivery, vote-to-visible, `question:votes` per second, and every
acknowledged vote counted exactly once.

- A question's text carries its number and send time (`question_text`), so a receiver times `question:new`
  from the payload alone. It is *expected* by every socket that had joined the talk room when it was asked
  and whose ask was acknowledged `approved`.
- A vote is *visible* for a socket once a `question:votes` for that question carries a count at least the
  one the vote's ack returned; the time is taken from the ack (0 when such a count arrived before the ack).
  Each voter's own socket is timed, and so are a few observer sockets for every vote.
- Exactly once: for each question, the votes acked to the clients, the stored count and (where known) the
  stored vote rows are equal, and the last count an observer saw is that number.

Standard library only: the tests import it without locust; gevent, so no locks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from loadtests.scenarios.delivery import percentile

QUESTION_RE = re.compile(r"^Question (?P<run>\w+) q(?P<n>\d+) t(?P<t>[0-9.]+) ")


def question_text(run: str, number: int, sent_at: float) -> str:
    return f"Question {run} q{number} t{sent_at:.6f} : quel diplôme faut-il pour commencer ?"


def spread(values: list[float]) -> dict[str, Any]:
    """Count and percentiles in milliseconds of latencies given in seconds."""
    return {
        "count": len(values),
        **{
            f"p{p}_ms": None if (v := percentile(values, p / 100)) is None else round(v * 1000, 2) for p in (50, 95, 99)
        },
        "max_ms": round(max(values) * 1000, 2) if values else None,
    }


def _most_within(sorted_times: list[float], span: float) -> int:
    """The most arrivals within any `span` seconds (a sliding window over sorted times)."""
    most, first = 0, 0
    for last, t in enumerate(sorted_times):
        while t - sorted_times[first] >= span:
            first += 1
        most = max(most, last - first + 1)
    return most


def broadcast_rates(times_s: list[float], window_s: float) -> dict[str, Any]:
    """`question:votes` arrivals at one observer (seconds from the window's start): the most in one second of
    the window (fixed one-second buckets, the figure held against the target), the most in any second
    (a sliding second), the most per second over any five seconds (the sustained rate) and the mean per
    second of the window. Arrival jitter counts: a flush delivered late next to an on-time one can put a
    fifth update in one second of arrivals although the server spaces its flushes 250 ms apart."""
    inside = sorted(t for t in times_s if 0 <= t < window_s)
    buckets: dict[int, int] = {}
    for t in inside:
        buckets[int(t)] = buckets.get(int(t), 0) + 1
    return {
        "in_window": len(inside),
        "max_per_s": max(buckets.values(), default=0),
        "max_in_any_1s": _most_within(inside, 1.0),
        "max_per_s_over_5s": round(_most_within(inside, 5.0) / 5, 2),
        "mean_per_s": round(len(inside) / window_s, 2) if window_s > 0 else None,
    }


def vote_accounting(
    acked: dict[str, int],
    stored: dict[str, dict[str, int]] | None,
    last_seen: dict[str, int],
    unanswered: int = 0,
    unanswered_by: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Every acknowledged vote counted exactly once: for each question the stored `votes` column equals its
    `rows` (where given; `stored` is None for the Node.js peer, which stores nothing) and lies between the
    votes acked to the clients and those plus the question's votes left without an ack (`unanswered_by`: a
    vote whose ack timed out may or may not be stored, but at most once); the last count an observer saw is
    the stored one. Without `unanswered_by`, votes without an ack leave exactly-once unproven. Questions of
    other runs in `stored` are ignored."""
    mismatched = []
    not_visible = []
    unacked_stored = 0
    for qid, n in sorted(acked.items(), key=lambda item: int(item[0])):
        row = (stored or {}).get(qid, {"votes": 0, "rows": 0})
        rows = row.get("rows", row["votes"])
        slack = (unanswered_by or {}).get(qid, 0)
        if stored is not None:
            if not (row["votes"] == rows and n <= rows <= n + slack):
                mismatched.append({"question_id": int(qid), "acked": n, "unanswered": slack, **row})
            else:
                unacked_stored += rows - n
        if last_seen.get(qid, 0) != (row["votes"] if stored is not None else n):
            not_visible.append({"question_id": int(qid), "acked": n, "last_seen": last_seen.get(qid, 0)})
    result: dict[str, Any] = {
        "questions": len(acked),
        "acked": sum(acked.values()),
        "unanswered": unanswered,
        "mismatched": mismatched[:10],
        "mismatched_count": len(mismatched),
        "last_seen_differs": not_visible[:10],
        "last_seen_differs_count": len(not_visible),
    }
    if stored is not None:
        result["stored"] = sum((stored.get(q) or {"votes": 0})["votes"] for q in acked)
        result["rows"] = sum((stored.get(q) or {}).get("rows", (stored.get(q) or {"votes": 0})["votes"]) for q in acked)
        result["unanswered_but_stored"] = unacked_stored
    proven = unanswered == 0 or (unanswered_by is not None and stored is not None)
    result["exact"] = not mismatched and proven
    return result


@dataclass
class Asked:
    sent_at: float
    expected: frozenset[str]
    question_id: int | None = None
    status: str = ""
    received: set[str] = field(default_factory=set)


@dataclass
class Vote:
    question_id: int
    count: int | None = None
    acked_at: float | None = None
    seen: int = 0
    visible: bool = False


class QALedger:
    """What one locust process asked, voted and saw in one talk room."""

    def __init__(self, run: str, observers: int = 5) -> None:
        self.run = run
        self.observer_slots = observers
        self.members: set[str] = set()  # sockets in the room (join acknowledged)
        self.observers: list[str] = []
        self.asked: dict[int, Asked] = {}
        self.known: list[int] = []  # approved question ids, in ack order
        self.author: dict[int, str] = {}  # question id -> asker's account
        self.question_latencies: list[float] = []
        self.extra_questions = 0
        self.errors: dict[str, int] = defaultdict(int)
        self.votes: dict[str, dict[int, Vote]] = defaultdict(dict)  # member -> question id -> vote
        self.acked: dict[str, int] = defaultdict(int)
        self.unanswered = 0
        self.visible_voter: list[float] = []
        self.visible_observers: list[float] = []
        self.latest: dict[str, dict[int, int]] = {}  # observer -> question id -> highest count seen
        self.waiting: dict[str, dict[int, list[tuple[int, float]]]] = {}  # observer -> id -> [(count, acked at)]
        self.broadcast_times: list[float] = []
        self.started_at: float | None = None

    # Room ------------------------------------------------------------------------------------------------

    def joined(self, member: str) -> None:
        self.members.add(member)
        if len(self.observers) < self.observer_slots:
            self.observers.append(member)
            self.latest[member], self.waiting[member] = {}, defaultdict(list)

    def left(self, member: str) -> None:
        self.members.discard(member)

    # Questions -------------------------------------------------------------------------------------------

    def asking(self, number: int, now: float) -> str:
        """Record a question about to be asked; returns its text."""
        self.asked[number] = Asked(sent_at=now, expected=frozenset(self.members))
        return question_text(self.run, number, now)

    def ask_answered(self, number: int, ack: dict[str, Any] | None, author: str) -> None:
        asked = self.asked[number]
        if not ack or not ack.get("ok"):
            self.errors[f"ask:{((ack or {}).get('error') or {}).get('code', 'no ack')}"] += 1
            asked.expected = frozenset()
            return
        question = ack["question"]
        asked.question_id, asked.status = int(question["id"]), question["status"]
        if asked.status == "approved":
            self.known.append(asked.question_id)
            self.author[asked.question_id] = author
            self.acked.setdefault(str(asked.question_id), 0)
        else:
            asked.expected = frozenset()

    def question_seen(self, member: str, text: str, now: float) -> float | None:
        match = QUESTION_RE.match(text or "")
        if not match or match["run"] != self.run or int(match["n"]) not in self.asked:
            return None
        asked = self.asked[int(match["n"])]
        if member not in asked.expected or member in asked.received:
            self.extra_questions += 1
            return None
        asked.received.add(member)
        latency = max(0.0, now - float(match["t"]))
        self.question_latencies.append(latency)
        return latency

    # Votes -----------------------------------------------------------------------------------------------

    def vote_choice(self, member: str, account: str, pick: Any) -> int | None:
        """A question `member` has not voted for and did not ask (`pick` chooses from a list), or None."""
        mine = self.votes[member]
        choices = [q for q in self.known if q not in mine and self.author.get(q) != account]
        if not choices:
            return None
        question_id = int(pick(choices))
        mine[question_id] = Vote(question_id)
        return question_id

    def vote_answered(self, member: str, question_id: int, ack: dict[str, Any] | None, now: float) -> None:
        vote = self.votes[member][question_id]
        if ack is None:
            self.unanswered += 1
            return
        if not ack.get("ok"):
            self.errors[f"vote:{(ack.get('error') or {}).get('code', 'unknown')}"] += 1
            return
        self.acked[str(question_id)] += 1
        vote.count, vote.acked_at = int(ack["votes"]), now
        if vote.seen >= vote.count:
            vote.visible = True
            self.visible_voter.append(0.0)
        for observer in self.observers:
            if self.latest[observer].get(question_id, 0) >= vote.count:
                self.visible_observers.append(0.0)
            else:
                self.waiting[observer][question_id].append((vote.count, now))

    def votes_seen(self, member: str, counts: dict[str, int], now: float) -> None:
        if self.observers and member == self.observers[0]:
            self.broadcast_times.append(now)
        for question_id, vote in self.votes.get(member, {}).items():
            n = counts.get(str(question_id))
            if n is None:
                continue
            vote.seen = max(vote.seen, n)
            if not vote.visible and vote.count is not None and n >= vote.count:
                vote.visible = True
                self.visible_voter.append(now - (vote.acked_at or now))
        if member in self.latest:
            latest, waiting = self.latest[member], self.waiting[member]
            for key, n in counts.items():
                question_id = int(key)
                latest[question_id] = max(latest.get(question_id, 0), n)
                still = []
                for count, acked_at in waiting.get(question_id, []):
                    if n >= count:
                        self.visible_observers.append(now - acked_at)
                    else:
                        still.append((count, acked_at))
                if question_id in waiting:
                    waiting[question_id] = still

    # Summary ---------------------------------------------------------------------------------------------

    def summary(self, stored: dict[str, dict[str, int]] | None, window_s: float) -> dict[str, Any]:
        expected = sum(len(a.expected) for a in self.asked.values())
        received = sum(len(a.received) for a in self.asked.values())
        never_voter = sum(
            1 for votes in self.votes.values() for v in votes.values() if v.count is not None and not v.visible
        )
        never_observers = sum(len(w) for waiting in self.waiting.values() for w in waiting.values())
        last_seen = {str(q): n for q, n in self.latest.get(self.observers[0], {}).items()} if self.observers else {}
        start = self.started_at if self.started_at is not None else (min(self.broadcast_times, default=0.0))
        return {
            "questions": {
                "asked": len(self.asked),
                "approved": len(self.known),
                "expected": expected,
                "received": received,
                "missing": expected - received,
                "extra": self.extra_questions,
                **spread(self.question_latencies),
            },
            "votes": {
                "sent": sum(len(v) for v in self.votes.values()),
                "acked": sum(self.acked.values()),
                "unanswered": self.unanswered,
            },
            "errors": dict(self.errors),
            "vote_visible_voter": {**spread(self.visible_voter), "never_visible": never_voter},
            "vote_visible_observers": {
                **spread(self.visible_observers),
                "observers": len(self.observers),
                "never_visible": never_observers,
            },
            "votes_broadcasts": broadcast_rates([t - start for t in self.broadcast_times], window_s),
            "accounting": vote_accounting(dict(self.acked), stored, last_seen, self.unanswered),
        }
