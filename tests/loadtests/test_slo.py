"""GO / NO-GO: each SLO can fail, and a saturated generator makes the run inconclusive."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loadtests.run import parse_duration, report_dir
from loadtests.scenarios import slo

HEADER = ["Type", "Name", "Request Count", "Failure Count", "99%"]


def rows(p99: str = "80", requests: int = 1000, failures: int = 0, deliveries: int = 500) -> list[dict[str, str]]:
    return [
        {"Type": "GET", "Name": "/stands/[id]", "Request Count": str(requests), "Failure Count": str(failures)},
        {"Type": slo.DELIVERY_TYPE, "Name": slo.CHAT_DELIVERY, "Request Count": str(deliveries), "99%": p99},
        {"Type": "", "Name": "Aggregated", "Request Count": str(requests + deliveries), "Failure Count": "0"},
    ]


GOOD_DELIVERY = {"expected": 400, "received": 400, "ratio": 1.0}
IDLE_CPU = {"generator": [20.0] * 30, "servers": {"s1": [40.0] * 30}, "system": [50.0] * 30}


def failed(verdict: slo.Verdict) -> list[str]:
    return [check.name for check in verdict.checks if not check.passed]


def test_a_healthy_run_is_go():
    verdict = slo.evaluate(rows(), GOOD_DELIVERY, IDLE_CPU)
    assert verdict.go and verdict.exit_code == slo.EXIT_GO and verdict.label == "GO"
    assert not verdict.flags


@pytest.mark.parametrize(
    ("table", "delivery", "name"),
    [
        (rows(p99="1100"), GOOD_DELIVERY, "chat delivery p99"),
        (rows(p99="N/A", deliveries=0), GOOD_DELIVERY, "chat delivery p99"),
        (rows(deliveries=0), GOOD_DELIVERY, "deliveries measured"),
        (rows(failures=11), GOOD_DELIVERY, "error ratio"),
        (rows(), {"expected": 400, "received": 395, "ratio": 395 / 400}, "delivery ratio"),
        (rows(), {"expected": 0, "received": 0, "ratio": None}, "delivery ratio"),
    ],
)
def test_each_slo_fails_beyond_its_threshold(table, delivery, name):
    verdict = slo.evaluate(table, delivery, IDLE_CPU)
    assert name in failed(verdict)
    assert not verdict.go and verdict.exit_code == slo.EXIT_SLO_FAILED and verdict.label == "NO-GO"


def test_thresholds_are_options():
    loose = slo.Thresholds(p99_delivery_ms=5000, max_error_ratio=0.05, min_delivery_ratio=0.95)
    assert slo.evaluate(rows(p99="4000", failures=40), {"ratio": 0.96}, IDLE_CPU, loose).go
    assert not slo.evaluate(rows(p99="5100"), GOOD_DELIVERY, IDLE_CPU, loose).go


def test_delivery_samples_do_not_dilute_the_error_ratio():
    assert slo.error_ratio(rows(requests=100, failures=1, deliveries=10_000)) == (1, 100)


def test_a_saturated_generator_makes_the_run_inconclusive_whatever_the_slos():
    busy = {**IDLE_CPU, "generator": [99.0] * 10 + [30.0] * 20}
    verdict = slo.evaluate(rows(), GOOD_DELIVERY, busy)
    assert verdict.slos_met and verdict.generator_bound and not verdict.go
    assert verdict.exit_code == slo.EXIT_GENERATOR_BOUND
    assert "GENERATOR SATURATED" in verdict.flags[0]
    assert slo.evaluate(rows(), GOOD_DELIVERY, busy, allow_generator_bound=True).go


def test_a_saturated_server_is_flagged_but_judged_by_the_slos():
    busy = {**IDLE_CPU, "servers": {"s1": [100.0] * 30}, "system": [99.0] * 30}
    verdict = slo.evaluate(rows(), GOOD_DELIVERY, busy)
    assert verdict.go
    assert any("server s1 saturated" in flag for flag in verdict.flags)
    assert any("MACHINE SATURATED" in flag for flag in verdict.flags)


def test_locust_csv_is_read_as_written(tmp_path: Path):
    path = tmp_path / "stats_stats.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in HEADER} for row in rows(p99="75"))
    verdict = slo.evaluate(slo.read_stats(path), GOOD_DELIVERY, IDLE_CPU)
    assert verdict.checks[0].measured == 75.0 and verdict.go


def test_durations_read_like_locusts():
    assert [parse_duration(t) for t in ("60", "60s", "2m", "1h30m", "1m30s")] == [60, 60, 120, 5400, 90]
    with pytest.raises(Exception, match="not a duration"):
        parse_duration("soon")


def test_report_folders_never_collide(tmp_path: Path):
    first, second = report_dir(tmp_path), report_dir(tmp_path)
    assert first != second and first.is_dir() and second.is_dir()
