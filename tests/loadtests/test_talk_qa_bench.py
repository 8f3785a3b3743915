"""The talk-qa shape of loadtests/bench.py: its accounting (votes counted exactly once, updates per second,
the verdict) as units, and one tiny run against a real server that must count every vote exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from loadtests.bench import broadcast_rates, qa_verdict, vote_accounting

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"question_p99_ms": 300.0, "vote_p99_ms": 1000.0, "max_vote_updates_per_s": 4.0}


def test_updates_are_counted_per_second_of_the_window():
    times = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.2, 2.3, 2.4, 2.5, 2.6, 9.9, 10.5]
    rates = broadcast_rates(times, window_s=10.0)
    assert rates["in_window"] == 14  # 10.5 is after the window
    assert rates["max_per_s"] == 5  # 2.2 .. 2.6 in second 2
    assert rates["max_in_any_1s"] == 6  # 1.75 .. 2.6
    assert rates["mean_per_s"] == 1.4
    assert rates["max_per_s_over_5s"] == 13 / 5


def test_a_steady_quarter_second_flush_is_four_per_second():
    times = [i * 0.25 for i in range(240)]
    rates = broadcast_rates(times, window_s=60.0)
    assert rates["max_per_s"] == 4 and rates["max_in_any_1s"] == 4 and rates["mean_per_s"] == 4.0


def test_votes_counted_exactly_once_when_acks_column_and_rows_agree():
    acked = {"3": 10, "4": 2}
    stored = {"3": {"votes": 10, "rows": 10}, "4": {"votes": 2, "rows": 2}, "9": {"votes": 7, "rows": 7}}
    result = vote_accounting(acked, stored, last_seen={"3": 10, "4": 2})
    assert result["exact"] and result["acked"] == result["stored"] == result["rows"] == 12
    assert result["last_seen_differs_count"] == 0  # question 9 is another run's: not compared


def test_a_vote_stored_twice_or_lost_is_a_mismatch():
    stored = {"3": {"votes": 11, "rows": 11}, "4": {"votes": 1, "rows": 2}}
    result = vote_accounting({"3": 10, "4": 2}, stored, last_seen={"3": 11, "4": 1})
    assert not result["exact"]
    assert result["mismatched_count"] == 2
    assert result["mismatched"][0] == {"question_id": 3, "acked": 10, "unanswered": 0, "votes": 11, "rows": 11}


def test_a_vote_without_ack_makes_exactly_once_unproven():
    stored = {"3": {"votes": 10, "rows": 10}}
    assert not vote_accounting({"3": 10}, stored, {"3": 10}, unanswered=1)["exact"]


def test_the_last_broadcast_count_must_be_the_stored_one():
    result = vote_accounting({"3": 10}, {"3": {"votes": 10, "rows": 10}}, last_seen={"3": 9})
    assert result["exact"] and result["last_seen_differs_count"] == 1


def test_without_a_store_the_peer_is_judged_on_what_it_broadcast():
    assert vote_accounting({"1": 4}, None, {"1": 4})["exact"]
    assert vote_accounting({"1": 4}, None, {"1": 3})["last_seen_differs_count"] == 1


def record(**changes):
    base = {
        "questions_acked": 200,
        "question_errors": {},
        "question_delivery": {"missing": 0, "latency_ms": {"p99": 120.0}},
        "votes_acked": 10_000,
        "vote_errors": {},
        "votes_dropped": 0,
        "vote_visible_voter_ms": {"p99": 400.0, "never_visible": 0},
        "vote_visible_observers_ms": {"never_visible": 0},
        "missing": 0,
        "send_errors": {},
        "ack_timeouts": 0,
        "unacked_after_drain": 0,
        "connect_failures": 0,
        "disconnects": 0,
    }
    base.update(changes)
    return base


EXACT = {"exact": True, "mismatched_count": 0, "unanswered": 0, "last_seen_differs_count": 0}


def test_a_run_within_every_target_passes():
    assert qa_verdict(record(), EXACT, {"max_per_s": 4}, TARGETS) == (True, [])


def test_each_target_can_fail_the_run():
    slow_questions = record(question_delivery={"missing": 0, "latency_ms": {"p99": 301.0}})
    slow_votes = record(vote_visible_voter_ms={"p99": 1001.0, "never_visible": 0})
    cases = [
        (slow_questions, EXACT, 4, "question broadcast p99"),
        (slow_votes, EXACT, 4, "vote-to-visible p99"),
        (record(), EXACT, 5, "question:votes in one second"),
        (record(), {**EXACT, "exact": False, "mismatched_count": 1}, 4, "exactly once"),
        (record(vote_errors={"conflict": 1}), EXACT, 4, "votes refused"),
        (record(question_delivery={"missing": 3, "latency_ms": {"p99": 1.0}}), EXACT, 4, "deliveries missing"),
        (record(vote_visible_voter_ms={"p99": 1.0, "never_visible": 2}), EXACT, 4, "never shown"),
    ]
    for rec, accounting, per_s, reason in cases:
        ok, why = qa_verdict(rec, accounting, {"max_per_s": per_s}, TARGETS)
        assert not ok and any(reason in w for w in why), (reason, why)


def test_a_tiny_run_counts_every_vote_exactly_once_and_delivers_every_question(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtests.bench",
            "talk-qa",
            "--listeners",
            "30",
            "--questions",
            "6",
            "--votes-per-pupil",
            "2",
            "--qa-window",
            "3",
            "--duration",
            "3",
            "--warmup",
            "1",
            "--drain",
            "10",
            "--rate",
            "2",
            "--wait-quiet",
            "0",
            "--log-level",
            "warning",
            "--database-url",
            f"sqlite+aiosqlite:///{tmp_path / 'bench.db'}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert result["bench"] == "talk-qa" and result["questions_acked"] == 6
    assert result["question_status"] == {"approved": 6}  # the set-up's talk is not pre-moderated
    assert result["question_delivery"]["expected"] == 6 * 30
    assert result["question_delivery"]["missing"] == 0
    assert result["votes_acked"] == 60 and result["vote_errors"] == {}
    accounting = result["votes_accounting"]
    assert accounting["exact"] and accounting["acked"] == accounting["stored"] == accounting["rows"] == 60
    assert accounting["last_seen_differs_count"] == 0
    assert result["vote_visible_voter_ms"]["count"] == 60
    assert result["vote_visible_voter_ms"]["never_visible"] == 0


def test_a_vote_whose_ack_timed_out_may_be_stored_once_but_not_twice():
    stored = {"3": {"votes": 11, "rows": 11}}
    once = vote_accounting({"3": 10}, stored, {"3": 11}, unanswered=1, unanswered_by={"3": 1})
    assert once["exact"] and once["unanswered_but_stored"] == 1
    twice = vote_accounting({"3": 10}, {"3": {"votes": 12, "rows": 12}}, {"3": 12}, 1, {"3": 1})
    assert not twice["exact"]
    drift = vote_accounting({"3": 10}, {"3": {"votes": 11, "rows": 10}}, {"3": 11}, 1, {"3": 1})
    assert not drift["exact"]  # the column and the rows disagree
