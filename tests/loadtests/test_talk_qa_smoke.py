"""A tiny `make loadtest LOADTEST_ARGS="--scenario talk-qa"`: one live talk, questions, votes and chat, GO,
with every vote counted exactly once (compared with the server's stored counts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.live import ROOT


def test_a_small_talk_qa_load_test_is_go_and_counts_every_vote_once(tmp_path: Path):
    command = [
        sys.executable,
        "loadtests/run.py",
        "--scenario",
        "talk-qa",
        "--users",
        "20",
        "--spawn-rate",
        "10",
        "--duration",
        "30s",
        "--qa-window",
        "12",
        # Loose latency limits for a loaded 2-core CI machine; counts and deliveries stay exact.
        "--slo-p99-ms",
        "5000",
        "--slo-question-p99-ms",
        "3000",
        "--slo-vote-p99-ms",
        "5000",
        "--reports-dir",
        str(tmp_path),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=170)
    output = f"{done.stdout}\n{done.stderr}"
    assert done.returncode == 0, output
    assert "VERDICT: GO" in done.stdout, output
    [report] = list(tmp_path.iterdir())
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    qa = summary["talk_qa"]
    assert qa["questions"]["approved"] == 6 and qa["questions"]["missing"] == 0  # 19 pupils: 6 questions
    assert qa["questions"]["received"] == qa["questions"]["expected"] > 0
    accounting = qa["accounting"]
    assert accounting["exact"] and accounting["acked"] == accounting["stored"] > 0
    assert qa["vote_visible_voter"]["never_visible"] == 0
