"""The talk-qa accounting of the locust scenario (loadtests/scenarios/talk_qa.py): who was owed a question,
when a vote became visible, and what "exactly once" compares."""

from __future__ import annotations

import pytest

from loadtests.scenarios.talk_qa import QALedger, question_text


def approved(question_id: int) -> dict:
    return {"ok": True, "question": {"id": question_id, "status": "approved"}}


def ledger_with_room(*members: str, observers: int = 1) -> QALedger:
    ledger = QALedger(run="lt1", observers=observers)
    for member in members:
        ledger.joined(member)
    return ledger


def test_a_question_is_owed_to_the_sockets_in_the_room_when_it_was_asked():
    ledger = ledger_with_room("a", "b")
    text = ledger.asking(1, now=100.0)
    ledger.joined("late")
    ledger.ask_answered(1, approved(7), author="pupil:a")
    assert ledger.question_seen("a", text, now=100.05) == pytest.approx(0.05, abs=1e-3)
    assert ledger.question_seen("b", text, now=100.2) == pytest.approx(0.2, abs=1e-3)
    assert ledger.question_seen("late", text, now=100.3) is None  # not owed: counted as extra
    assert ledger.question_seen("a", text, now=100.4) is None  # a second copy: extra
    summary = ledger.summary(stored={}, window_s=60)["questions"]
    assert (summary["expected"], summary["received"], summary["missing"], summary["extra"]) == (2, 2, 0, 2)


def test_a_refused_or_pending_question_is_owed_to_nobody_and_cannot_be_voted_for():
    ledger = ledger_with_room("a", "b")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, {"ok": True, "question": {"id": 3, "status": "pending"}}, author="pupil:a")
    ledger.asking(2, now=1.0)
    ledger.ask_answered(2, None, author="pupil:b")
    assert ledger.summary(stored={}, window_s=60)["questions"]["expected"] == 0
    assert ledger.vote_choice("a", "pupil:a", lambda c: c[0]) is None
    assert ledger.errors == {"ask:no ack": 1}


def test_foreign_text_is_ignored():
    ledger = ledger_with_room("a")
    assert ledger.question_seen("a", question_text("other", 1, 5.0), now=6.0) is None
    assert ledger.question_seen("a", "Bonjour", now=6.0) is None


def test_a_pupil_never_votes_twice_for_one_question_nor_for_their_own():
    ledger = ledger_with_room("a")
    for number, question_id, author in ((1, 10, "pupil:a"), (2, 11, "pupil:b"), (3, 12, "pupil:c")):
        ledger.asking(number, now=1.0)
        ledger.ask_answered(number, approved(question_id), author=author)
    first = ledger.vote_choice("a", "pupil:a", lambda c: c[0])
    second = ledger.vote_choice("a", "pupil:a", lambda c: c[0])
    assert (first, second) == (11, 12)
    assert ledger.vote_choice("a", "pupil:a", lambda c: c[0]) is None


def test_a_vote_is_visible_when_a_count_at_least_the_acked_one_arrives():
    ledger = ledger_with_room("obs", "voter")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, approved(5), author="pupil:x")
    ledger.vote_choice("voter", "pupil:voter", lambda c: c[0])
    ledger.vote_answered("voter", 5, {"ok": True, "votes": 3}, now=10.0)
    ledger.votes_seen("voter", {"5": 2}, now=10.1)  # an older flush: not yet
    ledger.votes_seen("obs", {"5": 2}, now=10.1)
    ledger.votes_seen("voter", {"5": 4}, now=10.3)
    ledger.votes_seen("obs", {"5": 3}, now=10.4)
    summary = ledger.summary(stored={"5": {"votes": 4}}, window_s=60)
    voter, observers = summary["vote_visible_voter"], summary["vote_visible_observers"]
    assert voter["count"] == 1 and abs(voter["p99_ms"] - 300) < 1e-6 and voter["never_visible"] == 0
    assert observers["count"] == 1 and abs(observers["p99_ms"] - 400) < 1e-6


def test_a_count_seen_before_the_ack_makes_the_vote_visible_at_once():
    ledger = ledger_with_room("obs", "voter")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, approved(5), author="pupil:x")
    ledger.vote_choice("voter", "pupil:voter", lambda c: c[0])
    ledger.votes_seen("voter", {"5": 1}, now=9.9)
    ledger.votes_seen("obs", {"5": 1}, now=9.9)
    ledger.vote_answered("voter", 5, {"ok": True, "votes": 1}, now=10.0)
    summary = ledger.summary(stored={"5": {"votes": 1}}, window_s=60)
    assert summary["vote_visible_voter"]["p99_ms"] == 0 and summary["vote_visible_observers"]["p99_ms"] == 0


def test_a_vote_never_shown_is_reported():
    ledger = ledger_with_room("obs", "voter")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, approved(5), author="pupil:x")
    ledger.vote_choice("voter", "pupil:voter", lambda c: c[0])
    ledger.vote_answered("voter", 5, {"ok": True, "votes": 1}, now=10.0)
    summary = ledger.summary(stored={"5": {"votes": 1}}, window_s=60)
    assert summary["vote_visible_voter"]["never_visible"] == 1
    assert summary["vote_visible_observers"]["never_visible"] == 1
    assert summary["accounting"]["last_seen_differs_count"] == 1  # the observer never saw the stored 1


def test_exactly_once_compares_acks_with_the_store():
    ledger = ledger_with_room("obs", "a", "b")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, approved(5), author="pupil:x")
    for member, count in (("a", 1), ("b", 2)):
        ledger.vote_choice(member, f"pupil:{member}", lambda c: c[0])
        ledger.vote_answered(member, 5, {"ok": True, "votes": count}, now=10.0)
    ledger.votes_seen("obs", {"5": 2}, now=10.2)
    assert ledger.summary(stored={"5": {"votes": 2}}, window_s=60)["accounting"]["exact"]
    twice = ledger.summary(stored={"5": {"votes": 3}}, window_s=60)["accounting"]
    assert not twice["exact"] and twice["mismatched_count"] == 1


def test_a_vote_without_ack_leaves_exactly_once_unproven():
    ledger = ledger_with_room("a")
    ledger.asking(1, now=1.0)
    ledger.ask_answered(1, approved(5), author="pupil:x")
    ledger.vote_choice("a", "pupil:a", lambda c: c[0])
    ledger.vote_answered("a", 5, None, now=10.0)
    accounting = ledger.summary(stored={"5": {"votes": 0}}, window_s=60)["accounting"]
    assert accounting["unanswered"] == 1 and not accounting["exact"]


def test_updates_are_counted_at_the_first_observer_from_the_start():
    ledger = ledger_with_room("obs", "other")
    ledger.started_at = 100.0
    for t in (100.1, 100.35, 100.6, 100.85, 101.1, 130.0):
        ledger.votes_seen("obs", {}, now=t)
        ledger.votes_seen("other", {}, now=t)
    rates = ledger.summary(stored={}, window_s=20)["votes_broadcasts"]
    assert rates["in_window"] == 5 and rates["max_per_s"] == 4
