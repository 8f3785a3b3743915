"""`make loadtest`: start a fresh local deployment, run the locust scenarios headless against it, check
the SLOs and say GO or NO-GO.

    .venv/bin/python loadtests/run.py --users 60 --spawn-rate 10 --duration 60s --workers 1

Exit codes: 0 GO; 1 NO-GO (an SLO failed); 2 the deployment or locust could not run; 3 NO-GO because
the load generator, not the server, saturated (the measurements are not trustworthy). The report (HTML,
CSV, delivery summary, logs, summary.json) goes to loadtests/reports/<timestamp>/. See
loadtests/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from loadtests.scenarios import slo  # noqa: E402
from loadtests.scenarios.deployment import (  # noqa: E402
    DEFAULT_POSTGRES_ADMIN,
    DEFAULT_REDIS,
    Deployment,
    DeploymentError,
)

LOCUSTFILE = ROOT / "loadtests" / "locustfile.py"
LOCUSTFILES = {"fair": LOCUSTFILE, "talk-qa": ROOT / "loadtests" / "locustfile_talk_qa.py"}
REPORTS = ROOT / "loadtests" / "reports"


def parse_duration(text: str) -> int:
    """Seconds in a locust-style duration: `90`, `90s`, `2m`, `1h30m`."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)
    if not match or not any(match.groups()):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 60s, 2m, 1h30m)")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def build_parser() -> argparse.ArgumentParser:
    defaults = slo.Thresholds()
    parser = argparse.ArgumentParser(description="Load-test a local Salon deployment with locust.")
    run = parser.add_argument_group("load")
    run.add_argument(
        "--scenario",
        choices=tuple(LOCUSTFILES),
        default="fair",
        help="fair: the class-room fair (loadtests/locustfile.py); talk-qa: one live talk's Q&A "
        "(loadtests/locustfile_talk_qa.py)",
    )
    run.add_argument("--users", type=int, default=60, help="simulated people at most (default 60)")
    run.add_argument("--spawn-rate", type=float, default=10, help="users started per second at most (10)")
    run.add_argument("--duration", type=parse_duration, default=60, help="run time, e.g. 60s, 5m (60s)")
    run.add_argument("--workers", type=int, default=1, help="salon serve processes; >1 adds HAProxy, Redis (1)")
    run.add_argument("--arrival", choices=("class", "linear"), default="class", help="arrival pattern (class)")
    run.add_argument("--class-size", type=int, default=30, help="pupils per class (30)")
    run.add_argument("--class-window", type=float, default=30, help="seconds for a class to arrive (30)")
    run.add_argument("--class-gap", type=float, default=15, help="seconds between two classes (15)")
    run.add_argument("--transports", default="polling,websocket", help="Socket.IO transports (as browsers)")
    run.add_argument("--delivery-grace", type=float, default=5, help="seconds a receiver must stay (5)")
    run.add_argument(
        "--qa-window",
        type=float,
        help="talk-qa: seconds over which each pupil asks and votes (default two thirds of the run, 60 at most)",
    )
    goals = parser.add_argument_group("SLOs")
    goals.add_argument("--slo-p99-ms", type=float, default=defaults.p99_delivery_ms, help="chat delivery p99")
    goals.add_argument("--slo-error-ratio", type=float, default=defaults.max_error_ratio, help="failed/requests")
    goals.add_argument("--slo-delivery-ratio", type=float, default=defaults.min_delivery_ratio, help="at least")
    goals.add_argument("--slo-min-deliveries", type=int, default=defaults.min_deliveries, help="at least")
    goals.add_argument("--slo-question-p99-ms", type=float, default=300, help="talk-qa: question broadcast p99")
    goals.add_argument("--slo-vote-p99-ms", type=float, default=1000, help="talk-qa: vote-to-visible p99")
    goals.add_argument("--slo-vote-updates", type=float, default=4, help="talk-qa: question:votes per second")
    goals.add_argument("--max-generator-cpu", type=float, default=defaults.generator_cpu_percent, help="%% of one core")
    goals.add_argument("--allow-generator-saturation", action="store_true", help="GO even if locust saturated")
    where = parser.add_argument_group("deployment and report")
    where.add_argument("--reports-dir", type=Path, default=REPORTS, help="parent of the report folder")
    where.add_argument("--postgres-admin-url", default=DEFAULT_POSTGRES_ADMIN, help="for WORKERS>1")
    where.add_argument("--redis-url", default=DEFAULT_REDIS, help="for WORKERS>1; started when unreachable")
    where.add_argument("--server-log-level", default="warning", help="LOG_LEVEL of the servers (warning)")
    return parser


def report_dir(root: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("", *(f"-{n}" for n in range(2, 100))):
        candidate = root / f"{stamp}{suffix}"
        try:
            candidate.mkdir(parents=True)
            return candidate
        except FileExistsError:
            continue
    raise RuntimeError(f"no free report folder under {root}")


class CpuSampler(threading.Thread):
    """Once a second: the generator's and each server's CPU (percent of one core) and the machine's."""

    def __init__(self, generator: int, servers: dict[str, int]) -> None:
        super().__init__(daemon=True)
        self.samples: dict[str, Any] = {"generator": [], "servers": {name: [] for name in servers}, "system": []}
        self._processes = {"generator": psutil.Process(generator)}
        self._processes.update({name: psutil.Process(pid) for name, pid in servers.items()})
        self._halt = threading.Event()
        self.latest: dict[str, float] = {}
        # Locust's own start-up (imports, reading the fair) is not the test: keep samples from the
        # first spawn on.
        self.measuring = threading.Event()

    def run(self) -> None:
        for process in self._processes.values():
            process.cpu_percent(None)
        psutil.cpu_percent(None)
        while not self._halt.wait(1.0):
            for name, process in self._processes.items():
                try:
                    value = process.cpu_percent(None)
                except psutil.Error:
                    continue
                self.latest[name] = value
                if self.measuring.is_set():
                    target = self.samples["generator"] if name == "generator" else self.samples["servers"][name]
                    target.append(value)
            system = psutil.cpu_percent(None)
            if self.measuring.is_set():
                self.samples["system"].append(system)

    def stop(self) -> None:
        self._halt.set()
        self.join(5)


def locust_command(args: argparse.Namespace, url: str, out: Path, qa_room: str = "") -> list[str]:
    window = args.qa_window if getattr(args, "qa_window", None) else min(60.0, args.duration * 2 / 3)
    extra = ["--qa-room", qa_room, "--qa-window", f"{window:g}"] if qa_room else []
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILES[getattr(args, "scenario", "fair")]),
        "--headless",
        "--only-summary",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--host",
        url,
        "--csv",
        str(out / "stats"),
        "--html",
        str(out / "report.html"),
        # Failures are judged by the SLOs below; a non-zero exit then means locust itself broke.
        "--exit-code-on-error",
        "0",
        "--delivery-json",
        str(out / "delivery.json"),
        "--delivery-grace",
        str(args.delivery_grace),
        "--arrival",
        args.arrival,
        "--class-size",
        str(args.class_size),
        "--class-window",
        str(args.class_window),
        "--class-gap",
        str(args.class_gap),
        "--sio-transports",
        args.transports,
        *extra,
    ]


def run_locust(
    args: argparse.Namespace, deployment: Deployment, out: Path, qa_room: str = ""
) -> tuple[int, CpuSampler]:
    """Run locust, echo its progress lines with the servers' CPU, keep everything else in locust.log."""
    log = (out / "locust.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        locust_command(args, deployment.url, out, qa_room),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        bufsize=1,
    )
    sampler = CpuSampler(proc.pid, {p.name: p.proc.pid for p in deployment.servers})
    sampler.start()
    timer = threading.Timer(args.duration + 180, proc.kill)  # a hung locust must not hang `make`
    timer.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            if "Shape worker starting" in line or "Ramping to" in line:
                sampler.measuring.set()
            if line.startswith("[progress]"):
                servers = " ".join(f"{name}={sampler.latest.get(name, 0):.0f}%" for name in sampler.samples["servers"])
                print(f"{line.rstrip()} server_cpu: {servers}", flush=True)
            elif line.startswith(("[delivery]", "[error]")) or "Traceback" in line:
                print(line.rstrip(), flush=True)
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(30)
        raise
    finally:
        timer.cancel()
        sampler.stop()
        log.close()
    return code, sampler


def cpu_summary(samples: dict[str, Any]) -> dict[str, Any]:
    def stats(values: list[float]) -> dict[str, float]:
        if not values:
            return {"mean": 0.0, "max": 0.0}
        return {"mean": round(sum(values) / len(values), 1), "max": round(max(values), 1)}

    return {
        "generator": stats(samples["generator"]),
        "servers": {name: stats(values) for name, values in samples["servers"].items()},
        "system": stats(samples["system"]),
        "samples": len(samples["system"]),
    }


def scenario_exceptions(out: Path) -> int:
    path = out / "stats_exceptions.csv"
    if not path.exists():
        return 0
    return sum(int(row.get("Count") or 0) for row in slo.read_stats(path))


def summarise(
    args: argparse.Namespace, deployment: Deployment, out: Path, locust_code: int, sampler: CpuSampler
) -> tuple[str, int, dict[str, Any]]:
    thresholds = slo.Thresholds(
        p99_delivery_ms=args.slo_p99_ms,
        max_error_ratio=args.slo_error_ratio,
        min_delivery_ratio=args.slo_delivery_ratio,
        min_deliveries=args.slo_min_deliveries,
        generator_cpu_percent=args.max_generator_cpu,
    )
    stats_file = out / "stats_stats.csv"
    delivery_file = out / "delivery.json"
    rows = slo.read_stats(stats_file) if stats_file.exists() else []
    extra = json.loads(delivery_file.read_text(encoding="utf-8")) if delivery_file.exists() else {}
    delivery = extra.get("delivery", {})
    verdict = slo.evaluate(
        rows, delivery, sampler.samples, thresholds, allow_generator_bound=args.allow_generator_saturation
    )
    if getattr(args, "scenario", "fair") == "talk-qa":
        verdict.checks += talk_qa_checks(args, extra.get("talk_qa"))
    exceptions = scenario_exceptions(out)
    verdict.checks.append(
        slo.Check("scenario exceptions", float(exceptions), 0.0, exceptions == 0, f"{exceptions} (see locust.log)")
    )
    broken = locust_code != 0 or not rows or not delivery_file.exists()
    if broken:
        verdict.checks.append(
            slo.Check("locust ran", float(locust_code), 0.0, False, f"locust exited {locust_code} (see locust.log)")
        )
    invalid = deployment.log_count("Invalid session")
    if invalid:
        verdict.flags.append(f"{invalid} 'Invalid session' lines in the server logs (sticky sessions broken?)")
    cpu = cpu_summary(sampler.samples)
    haproxy = deployment.haproxy_servers()
    lines = [
        "",
        f"Salon load test ({args.scenario}): {args.users} users, spawn rate {args.spawn_rate:g}/s, "
        f"{args.duration}s, {'linear' if args.scenario == 'talk-qa' else args.arrival} arrivals, "
        f"transports {args.transports}",
        f"Deployment: {deployment.describe()}" + "".join(f"\n  note: {n}" for n in deployment.notes),
        f"Report: {out / 'report.html'}",
        f"        {out}/stats_stats.csv, delivery.json, summary.json, locust.log, server-*.log",
        "",
        "SLOs:",
        *(f"  [{'PASS' if c.passed else 'FAIL'}] {c.name}: {c.text}" for c in verdict.checks),
        "",
        f"Delivery: chat p50 {_ms(delivery, 'chat', 'p50_ms')}, p95 {_ms(delivery, 'chat', 'p95_ms')}, "
        f"p99 {_ms(delivery, 'chat', 'p99_ms')}; teacher's class copies p99 {_ms(delivery, 'class', 'p99_ms')}; "
        f"{delivery.get('messages', 0)} messages sent, {delivery.get('extra', 0)} extra receipts",
        f"CPU (percent of one core): generator mean {cpu['generator']['mean']}% max {cpu['generator']['max']}%; "
        + "; ".join(f"server {n} mean {v['mean']}% max {v['max']}%" for n, v in cpu["servers"].items())
        + f"; machine (all cores) mean {cpu['system']['mean']}%",
    ]
    if haproxy:
        lines.append(
            "HAProxy: "
            + "; ".join(f"{s['svname']} {s['status']} {s['stot']} sessions, 4xx {s['hrsp_4xx']}" for s in haproxy)
        )
    lines.append("Flags: " + ("none" if not verdict.flags else "\n  - " + "\n  - ".join(verdict.flags)))
    exit_code = slo.EXIT_BROKEN if broken else verdict.exit_code
    label = "NO-GO (the run itself failed)" if broken else verdict.label
    lines += ["", f"VERDICT: {label}", ""]
    summary = {
        "verdict": "GO" if exit_code == 0 else "NO-GO",
        **verdict.as_dict(),
        "label": label,
        "exit_code": exit_code,
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "thresholds": vars(thresholds),
        "deployment": {"description": deployment.describe(), "notes": deployment.notes, "url": deployment.url},
        "cpu": cpu,
        "haproxy": haproxy,
        "server_metrics": deployment.server_metrics(),
        "invalid_session_lines": invalid,
        "locust_exit_code": locust_code,
        "delivery": delivery,
        "received_events": extra.get("received_events", {}),
        "talk_qa": extra.get("talk_qa"),
        "sends_skipped_for_budget": extra.get("sends_skipped_for_budget", {}),
    }
    return "\n".join(lines), exit_code, summary


def talk_qa_checks(args: argparse.Namespace, qa: dict[str, Any] | None) -> list[slo.Check]:
    """The talk-qa targets, from the `talk_qa` summary of loadtests/scenarios/talk_qa.py."""
    if not qa:
        return [slo.Check("talk-qa summary", None, 0.0, False, "missing from delivery.json (see locust.log)")]
    questions, voter = qa["questions"], qa["vote_visible_voter"]
    accounting, rates = qa["accounting"], qa["votes_broadcasts"]
    q99, v99 = questions.get("p99_ms"), voter.get("p99_ms")
    return [
        slo.Check(
            "question broadcast p99",
            q99,
            args.slo_question_p99_ms,
            q99 is not None and q99 <= args.slo_question_p99_ms and questions["missing"] == 0,
            f"{q99} ms over {questions['count']} deliveries, {questions['missing']} missing "
            f"(limit {args.slo_question_p99_ms:g} ms)",
        ),
        slo.Check(
            "vote-to-visible p99",
            v99,
            args.slo_vote_p99_ms,
            v99 is not None and v99 <= args.slo_vote_p99_ms and voter["never_visible"] == 0,
            f"{v99} ms over {voter['count']} votes, {voter['never_visible']} never shown "
            f"(limit {args.slo_vote_p99_ms:g} ms)",
        ),
        slo.Check(
            "question:votes per second",
            float(rates["max_per_s"]),
            args.slo_vote_updates,
            rates["max_per_s"] <= args.slo_vote_updates,
            f"at most {rates['max_per_s']} in one second, mean {rates['mean_per_s']}/s "
            f"(limit {args.slo_vote_updates:g})",
        ),
        slo.Check(
            "votes counted exactly once",
            float(accounting["mismatched_count"]),
            0.0,
            accounting["exact"] and accounting["acked"] > 0 and accounting["last_seen_differs_count"] == 0,
            f"{accounting['acked']} acked, {accounting.get('stored')} stored, {accounting['mismatched_count']} "
            f"questions differ, {accounting['unanswered']} without ack, {accounting['last_seen_differs_count']} "
            "last counts differ",
        ),
    ]


def _ms(delivery: dict[str, Any], channel: str, key: str) -> str:
    value = delivery.get("channels", {}).get(channel, {}).get(key)
    return "n/a" if value is None else f"{value:g} ms"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = report_dir(args.reports_dir)
    deployment = Deployment(
        workers=args.workers,
        log_dir=out,
        log_level=args.server_log_level,
        postgres_admin_url=args.postgres_admin_url,
        redis_url=args.redis_url,
    )
    print(f"Starting a local deployment ({args.workers} worker(s)); report in {out}", flush=True)
    try:
        url = deployment.start()
        print(f"Deployment ready at {url}: {deployment.describe()}", flush=True)
        print(f"Running locust for {args.duration}s with up to {args.users} users...", flush=True)
        qa_room = deployment.add_qa_talk() if args.scenario == "talk-qa" else ""
        locust_code, sampler = run_locust(args, deployment, out, qa_room)
        text, code, summary = summarise(args, deployment, out, locust_code, sampler)
    except DeploymentError as exc:
        print(f"\nThe deployment could not start: {exc}\n\nVERDICT: NO-GO (the run itself failed)", file=sys.stderr)
        return slo.EXIT_BROKEN
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        deployment.stop()
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    (out / "summary.txt").write_text(text, encoding="utf-8")
    print(text, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
