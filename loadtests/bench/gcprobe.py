"""Run `salon serve` with the garbage collector observed (and, for what-if experiments, tuned).

Used by `python -m loadtests.bench ... --gc-probe` (and `--gc-mode`); not product code. It times every
collection with `gc.callbacks` and appends them, once a second from a background thread, to $BENCH_GC_REPORT,
one JSON line per collection: [monotonic_start, generation, seconds, collected] (uvicorn re-raises SIGTERM
after its shutdown, so nothing can be written at exit). time.monotonic() is the system's
CLOCK_MONOTONIC, the same clock as bench.py's, so the benchmark can keep the collections of its window.

$BENCH_GC_MODE (an experiment, never a recommendation by itself):
  ""                      the interpreter's defaults (what `salon serve` runs with)
  "off"                   gc.disable(): a bound on what collections cost, not a setting to deploy
  "freeze"                gc.freeze() 5 s after start and then every 10 s, so long-lived objects (sockets,
                          sessions, ORM state) leave the generations the collector scans (cycles among frozen
                          objects are never collected: an experiment)
  "thresholds:A,B,C"      gc.set_threshold(A, B, C)

    BENCH_GC_REPORT=/tmp/gc.json .venv/bin/python loadtests/bench/gcprobe.py serve --port 8000
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

_collections: list[tuple[float, int, float, int]] = []
_started: list[float] = [0.0]


def _observe(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _started[0] = time.monotonic()
    else:
        now = time.monotonic()
        _collections.append((_started[0], info["generation"], now - _started[0], info.get("collected", 0)))


def _writer(target: str) -> None:
    written = 0
    with open(target, "a", buffering=1) as report:
        while True:
            time.sleep(1.0)
            new, written = _collections[written:], len(_collections)
            if new:
                report.write("".join(json.dumps(row) + "\n" for row in new))


def _apply_mode(mode: str) -> None:
    if mode == "off":
        gc.disable()
    elif mode == "freeze":

        def refreeze() -> None:
            time.sleep(5)  # after start-up
            while True:
                gc.freeze()
                time.sleep(10)

        threading.Thread(target=refreeze, daemon=True, name="bench-gc-freeze").start()
    elif mode.startswith("thresholds:"):
        gc.set_threshold(*(int(x) for x in mode.split(":", 1)[1].split(",")))
    elif mode:
        raise SystemExit(f"unknown BENCH_GC_MODE {mode!r}")


def main() -> int:
    gc.callbacks.append(_observe)
    if target := os.environ.get("BENCH_GC_REPORT"):
        threading.Thread(target=_writer, args=(target,), daemon=True, name="bench-gc-report").start()
    _apply_mode(os.environ.get("BENCH_GC_MODE", ""))
    from server.cli import main as salon_main

    return salon_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
