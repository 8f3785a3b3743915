"""A tiny `make loadtest`: the same script, a fresh deployment, 20 users for 30 s, a GO and a report.

The SLOs are looser than the defaults so that a loaded 2-core CI machine passes, but they still bite: no
delivery measured, 5 % of requests failing, 5 % of deliveries lost or a 5-second p99 is a NO-GO (and
tests/loadtests/test_slo.py shows each check failing).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from loadtests.scenarios import slo
from tests.live import ROOT

SMOKE = {
    "--users": "20",
    "--spawn-rate": "10",
    "--duration": "30s",
    "--workers": "1",
    "--class-window": "10",  # the whole class is in after 10 s: two thirds of the run at full load
    "--slo-p99-ms": "5000",
    "--slo-error-ratio": "0.05",
    "--slo-delivery-ratio": "0.95",
    "--slo-min-deliveries": "20",
}


def test_a_smoke_load_test_is_go_with_a_complete_report(tmp_path: Path):
    command = [sys.executable, "loadtests/run.py", *(x for pair in SMOKE.items() for x in pair)]
    done = subprocess.run(
        [*command, "--reports-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=170
    )
    output = f"{done.stdout}\n{done.stderr}"
    assert done.returncode == 0, output
    assert "VERDICT: GO" in done.stdout, output
    assert "[progress]" in done.stdout  # progress is shown while it runs

    [report] = list(tmp_path.iterdir())
    for name in ("report.html", "stats_stats.csv", "stats_stats_history.csv", "stats_failures.csv", "delivery.json"):
        assert (report / name).is_file(), name
    rows = slo.read_stats(report / "stats_stats.csv")
    chat = slo.stats_row(rows, slo.DELIVERY_TYPE, slo.CHAT_DELIVERY)
    assert chat is not None and int(chat["Request Count"]) >= 20, rows
    assert float(chat["99%"]) <= 5000
    assert slo.CHAT_DELIVERY in (report / "report.html").read_text(encoding="utf-8")

    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    assert summary["verdict"] == "GO" and summary["exit_code"] == 0
    assert summary["thresholds"]["p99_delivery_ms"] == 5000 and summary["thresholds"]["min_delivery_ratio"] == 0.95
    assert [check["name"] for check in summary["checks"] if not check["passed"]] == []
    assert summary["delivery"]["expected"] > 0 and summary["delivery"]["ratio"] >= 0.95
    assert summary["cpu"]["generator"]["mean"] > 0  # the generator's CPU was measured
    assert summary["server_metrics"]["s1"]["salon_messages_stored_total"] >= summary["delivery"]["messages"]
