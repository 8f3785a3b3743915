"""GO / NO-GO: the load test's service-level objectives, checked against locust's CSV and the delivery
summary, and the CPU reading that tells a server limit from a load-generator limit.

Standard library only (run.py and the tests use it; locust never imports it).
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DELIVERY_TYPE = "DELIVERY"  # request_type of the custom delivery samples in locust's stats
CHAT_DELIVERY = "chat delivery"  # chat:message, sender to every member of the room
CLASS_DELIVERY = "class copy"  # class:message, the copy a teacher gets of their pupils' messages

EXIT_GO = 0
EXIT_SLO_FAILED = 1
EXIT_BROKEN = 2  # the deployment or locust itself failed: nothing was measured
EXIT_GENERATOR_BOUND = 3


@dataclass(frozen=True)
class Thresholds:
    """Defaults for a class-room chat: a message reaches everyone in the room within a second, almost
    nothing fails, almost nothing is lost. Each is a `run.py` option (see loadtests/README.md)."""

    p99_delivery_ms: float = 1000.0  # chat delivery, send to each receiver, 99th percentile
    max_error_ratio: float = 0.01  # failed requests / requests (HTTP, Socket.IO connects and acks)
    min_delivery_ratio: float = 0.99  # deliveries received / deliveries expected
    min_deliveries: int = 1  # a run that measured no delivery proves nothing
    generator_cpu_percent: float = 90.0  # locust runs on one core: above this it is the bottleneck
    saturated_share: float = 0.2  # ... during at least this share of the samples


@dataclass
class Check:
    name: str
    measured: float | None
    limit: float
    passed: bool
    text: str


@dataclass
class Verdict:
    checks: list[Check]
    flags: list[str] = field(default_factory=list)
    generator_bound: bool = False
    allow_generator_bound: bool = False

    @property
    def slos_met(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def go(self) -> bool:
        return self.slos_met and (not self.generator_bound or self.allow_generator_bound)

    @property
    def exit_code(self) -> int:
        if self.generator_bound and not self.allow_generator_bound:
            return EXIT_GENERATOR_BOUND
        return EXIT_GO if self.slos_met else EXIT_SLO_FAILED

    @property
    def label(self) -> str:
        if self.go:
            return "GO"
        if self.exit_code == EXIT_GENERATOR_BOUND:
            return "NO-GO (inconclusive: the load generator, not the server, was the limit)"
        return "NO-GO"

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": "GO" if self.go else "NO-GO",
            "label": self.label,
            "exit_code": self.exit_code,
            "checks": [asdict(check) for check in self.checks],
            "flags": self.flags,
            "generator_bound": self.generator_bound,
        }


def read_stats(path: Path) -> list[dict[str, str]]:
    """Rows of locust's `<prefix>_stats.csv` (the last row is the "Aggregated" total)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "N/A") else None
    except ValueError:
        return None


def stats_row(rows: list[dict[str, str]], kind: str, name: str) -> dict[str, str] | None:
    return next((row for row in rows if row.get("Type") == kind and row.get("Name") == name), None)


def error_ratio(rows: list[dict[str, str]]) -> tuple[int, int]:
    """(failures, requests) over what the users asked for: every row but the delivery samples and the
    aggregate."""
    failures = requests = 0
    for row in rows:
        if row.get("Name") == "Aggregated" or row.get("Type") == DELIVERY_TYPE:
            continue
        requests += int(row.get("Request Count") or 0)
        failures += int(row.get("Failure Count") or 0)
    return failures, requests


def share_at_or_above(samples: list[float], limit: float) -> float:
    return sum(1 for s in samples if s >= limit) / len(samples) if samples else 0.0


def evaluate(
    rows: list[dict[str, str]],
    delivery: dict[str, Any],
    cpu: dict[str, Any],
    thresholds: Thresholds = Thresholds(),
    *,
    allow_generator_bound: bool = False,
) -> Verdict:
    """Check every SLO and read the CPU samples (`cpu`: {"generator": [%], "servers": {name: [%]},
    "system": [% of all cores]}, one sample per second, percent of one core per process)."""
    t = thresholds
    checks = []
    chat = stats_row(rows, DELIVERY_TYPE, CHAT_DELIVERY)
    samples = int(chat["Request Count"]) if chat else 0
    p99 = _number(chat.get("99%")) if chat else None
    checks.append(
        Check(
            "chat delivery p99",
            p99,
            t.p99_delivery_ms,
            p99 is not None and p99 <= t.p99_delivery_ms,
            f"p99 {_fmt(p99, ' ms')} (limit {t.p99_delivery_ms:g} ms) over {samples} deliveries",
        )
    )
    checks.append(
        Check(
            "deliveries measured",
            float(samples),
            float(t.min_deliveries),
            samples >= t.min_deliveries,
            f"{samples} chat deliveries measured (at least {t.min_deliveries})",
        )
    )
    failures, requests = error_ratio(rows)
    ratio = failures / requests if requests else None
    checks.append(
        Check(
            "error ratio",
            ratio,
            t.max_error_ratio,
            ratio is not None and ratio <= t.max_error_ratio,
            f"{failures} failed of {requests} requests = {_fmt_pct(ratio)} (limit {t.max_error_ratio:.2%})",
        )
    )
    delivered = delivery.get("ratio")
    checks.append(
        Check(
            "delivery ratio",
            delivered,
            t.min_delivery_ratio,
            delivered is not None and delivered >= t.min_delivery_ratio,
            f"{delivery.get('received', 0)} received of {delivery.get('expected', 0)} expected = "
            f"{_fmt_pct(delivered, 3)} (at least {t.min_delivery_ratio:.2%})",
        )
    )
    verdict = Verdict(checks, allow_generator_bound=allow_generator_bound)
    generator = list(cpu.get("generator") or [])
    share = share_at_or_above(generator, t.generator_cpu_percent)
    if share >= t.saturated_share:
        verdict.generator_bound = True
        verdict.flags.append(
            f"GENERATOR SATURATED: locust used ≥ {t.generator_cpu_percent:g}% of its core in {share:.0%} of the "
            "samples; latencies include its own delays. Use fewer users, or run locust distributed."
        )
    for name, values in (cpu.get("servers") or {}).items():
        busy = share_at_or_above(list(values), t.generator_cpu_percent)
        if busy >= t.saturated_share:
            verdict.flags.append(f"server {name} saturated its core in {busy:.0%} of the samples (the server's limit)")
    system = list(cpu.get("system") or [])
    if share_at_or_above(system, 95.0) >= t.saturated_share:
        verdict.flags.append(
            "MACHINE SATURATED: every core was busy; the generator and the servers competed for CPU, so the "
            "results understate what the servers can do on their own machine"
        )
    return verdict


def _fmt(value: float | None, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:g}{unit}"


def _fmt_pct(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}%}"
