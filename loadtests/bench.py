"""Headless benchmark of Salon: repeatable numbers, one JSON line per run on stdout.

    python -m loadtests.bench stands --clients 500,1000,2000 [--target salon|peer] [--workers 1|2] [--duration 20]
    python -m loadtests.bench talk --listeners 2000 --rate 5 [--target salon|peer]
    python -m loadtests.bench talk-qa --listeners 2000 [--questions 200 --votes-per-pupil 5] [--target salon|peer|both]
    python -m loadtests.bench http --duration 10 [--hall-stands 200]

Run it from the repository root with the project's venv (`.venv/bin/python -m loadtests.bench ...`); it needs
`node` and `npm ci` done (socket.io-client, and socket.io for the Node.js peer).

What a run does:
- prepares a fresh database (SQLite file in a temporary folder, or `--database-url`): `salon migrate`,
  `salon demo`, then `loadtests/bench/setup_db.py` adds stand rooms (40 clients per room) and adult writer
  accounts with the project's own service functions;
- starts the server pinned to one core (`taskset -c 0 salon serve`, or the Node.js yardstick
  `loadtests/peer/server.js`), and with `--workers 2` two `salon serve` processes on two ports sharing a
  private Redis, all three on that core; clients are split between the two;
- gets a pupil token per client (`POST /api/auth/class`, bounded concurrency, before and outside the
  measured window; tokens are reused by the next steps of a ramp);
- runs the Node.js generator (`loadtests/bench/*.js`, websocket transport) pinned to the other core;
- reads CPU time (utime + stime from /proc/<pid>/stat) of the server processes (and Redis) and of the
  generator at the start and end of the measured window, and the servers' peak memory (VmHWM).

Each step of a ramp is a run: a fresh server process (so that peak memory is the step's own), a warm-up that
is not measured, a measured window, then a drain in which the messages sent during the window may still arrive.
Latency is from the timestamp the sender put in the text to the arrival at each receiver. A step passes when
every expected delivery arrived (expected = each message stored x members of its room), no send was refused
or left without an answer, and p99 is within the target (300 ms stands, 100 ms talk). The talk-qa shape adds
a live talk's Q&A to the talk shape (`loadtests/bench/qa.js`): questions asked during the window, every
listener voting, and passes when question broadcast p99 <= 300 ms, vote-to-visible p99 <= 1 s, at most 4
`question:votes` per second, and every acked vote stored exactly once (`loadtests/bench/qa_counts.py` reads
the database after the run; the Node.js peer keeps its counts in memory). A stands ramp stops at
the first failing step (`--keep-going` to go on). `"generator_saturated": true` flags a run where the generator
used more than 90 % of its core: then the generator, not the server, may have been the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `python -m loadtests.bench` from elsewhere: loadtests.scenarios below

from loadtests.scenarios.talk_qa import broadcast_rates, vote_accounting  # noqa: E402

BENCH_DIR = ROOT / "loadtests" / "bench"
PEER = ROOT / "loadtests" / "peer" / "server.js"
EVENT = "des-clics-des-metiers"
CLASS_CODE = "DEMO-3E"
PER_ROOM = 40
CLK_TCK = os.sysconf("SC_CLK_TCK")
SATURATED = 90.0  # % of one core
DISTURBED = 10.0  # % of the server's core used by processes other than the server's


def log(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- /proc


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # fields from 3 (state) on


def descendants(pid: int) -> list[int]:
    """The process and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def cpu_busy_seconds(kind: str = "busy") -> dict[str, float]:
    """Time of each CPU since boot, from /proc/stat: "busy" (not idle, not iowait), "tasks" (user, nice,
    system, irq: what processes are charged with) or "softirq+steal" (network stack, hypervisor)."""
    busy = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu") and line[3:4].isdigit():
            name, *ticks = line.split()
            user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in ticks[:8])
            parts = {"tasks": user + nice + system + irq, "softirq+steal": softirq + steal}
            busy[name] = (parts[kind] if kind in parts else sum(parts.values())) / CLK_TCK
    return busy


def wait_quiet(max_wait: float, busy_limit: float = 15.0, sample: float = 3.0) -> float:
    """Wait (at most max_wait s) until the whole machine uses less than busy_limit % of one core;
    returns the busy % last seen. Other people's test suites on a shared machine skew the numbers."""
    deadline = time.monotonic() + max_wait
    while True:
        before = cpu_busy_seconds()
        time.sleep(sample)
        after = cpu_busy_seconds()
        busy = 100 * sum(after[k] - before[k] for k in after) / sample
        if busy < busy_limit or time.monotonic() >= deadline:
            if busy >= busy_limit:
                log(f"machine still busy ({busy:.0f} % of a core) after {max_wait:.0f} s: going on")
            return round(busy, 1)
        log(f"machine busy ({busy:.0f} % of a core): waiting for quiet")


def status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# ------------------------------------------------------------------------------------------ processes


class Proc:
    """A process this benchmark started (its own session, so it can be stopped with everything below it)."""

    running: list[Proc] = []

    def __init__(self, name: str, argv: list[str], env: dict[str, str], logfile: Path, cpu: int | None) -> None:
        self.name = name
        if cpu is not None and shutil.which("taskset"):
            argv = ["taskset", "-c", str(cpu), *argv]
        self.logfile = logfile
        self._log = open(logfile, "ab")  # noqa: SIM115
        self.popen = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.pid = self.popen.pid  # taskset execs the command: same pid
        Proc.running.append(self)

    def pids(self) -> list[int]:
        return descendants(self.pid)

    def peak_rss_kib(self) -> int:
        return sum(status_kib(p, "VmHWM") for p in self.pids())

    def stop(self) -> None:
        if self.popen.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGTERM)
                self.popen.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with_suppress_kill(self.pid)
                self.popen.wait(timeout=5)
        self._log.close()
        if self in Proc.running:
            Proc.running.remove(self)

    @classmethod
    def stop_all(cls) -> None:
        for proc in list(cls.running):
            proc.stop()


def with_suppress_kill(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0, proc: Proc | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.popen.poll() is not None:
            tail = proc.logfile.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s")


def raise_fd_limit() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -------------------------------------------------------------------------------------------- set-up


class Bench:
    """What one `python -m loadtests.bench` invocation shares between its runs."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_id = secrets.token_hex(3)
        self.tmp = Path(tempfile.mkdtemp(prefix="salon-bench-"))
        self.secret = secrets.token_urlsafe(32)
        self.database_url = args.database_url or f"sqlite+aiosqlite:///{self.tmp / 'bench.db'}"
        self.salon = str(ROOT / ".venv" / "bin" / "salon")
        if not Path(self.salon).exists():
            self.salon = shutil.which("salon") or ""
        self.python = str(ROOT / ".venv" / "bin" / "python")
        if not Path(self.python).exists():
            self.python = sys.executable
        self.node = shutil.which("node") or "node"
        self.fixture: dict[str, Any] = {}
        self.pupil_tokens: list[str] = []
        self.redis: Proc | None = None
        self.redis_url: str | None = args.redis_url
        log(f"work folder {self.tmp}")

    # --- environment and database

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SALON_", "DATABASE_URL", "REDIS_URL"))}
        env.update(
            SALON_ENV="test",
            SECRET_KEY=self.secret,
            DATABASE_URL=self.database_url,
            LOG_LEVEL=self.args.log_level,
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def prepare_database(self, rooms: int, writers: int, qa_talk: bool = False) -> None:
        steps = [[self.salon, "migrate"], [self.salon, "demo"]] if not self.fixture else []
        steps.append([self.python, str(BENCH_DIR / "setup_db.py"), "--rooms", str(rooms), "--writers", str(writers)])
        if qa_talk:
            steps[-1].append("--qa-talk")
        for argv in steps:
            log("$ " + " ".join(Path(a).name if i == 0 else a for i, a in enumerate(argv)))
            done = subprocess.run(argv, env=self.env(), cwd=ROOT, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"{argv[1]} failed:\n{done.stdout}\n{done.stderr}")
        self.fixture = json.loads(done.stdout.strip().splitlines()[-1])

    # --- servers

    def start_redis(self) -> str:
        if self.redis_url:
            return self.redis_url
        binary = shutil.which("redis-server")
        if binary is None:
            log("no redis-server binary: using redis://127.0.0.1:6379/0 (its CPU is not counted)")
            self.redis_url = "redis://127.0.0.1:6379/0"
            return self.redis_url
        port = free_port()
        self.redis = Proc(
            "redis",
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            os.environ.copy(),
            self.tmp / "redis.log",
            self.args.server_cpu,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        log(f"private Redis on port {port}, pinned to CPU {self.args.server_cpu}")
        return self.redis_url

    def start_servers(self, target: str, workers: int) -> list[tuple[Proc, str]]:
        raise_fd_limit()
        servers = []
        if target == "peer":
            port = free_port()
            proc = Proc(
                "peer",
                [self.node, str(PEER), "--port", str(port)],
                os.environ.copy(),
                self.tmp / f"peer-{port}.log",
                self.args.server_cpu,
            )
            servers.append((proc, f"http://127.0.0.1:{port}"))
        else:
            ports = [free_port() for _ in range(workers)]
            origins = ",".join(f"http://127.0.0.1:{p}" for p in ports)
            extra = {"ALLOWED_ORIGINS": origins}
            if workers > 1:
                extra.update(REDIS_URL=self.start_redis(), SALON_REDIS_PREFIX=f"bench{self.run_id}")
            probe = self.args.gc_probe or bool(self.args.gc_mode)
            for port in ports:
                argv = [self.salon, "serve", "--port", str(port)]
                env = self.env(**extra)
                if probe:
                    argv = [self.python, str(BENCH_DIR / "gcprobe.py"), *argv[1:]]
                    env.update(BENCH_GC_REPORT=str(self.tmp / f"gc-{port}.json"), BENCH_GC_MODE=self.args.gc_mode)
                proc = Proc(
                    f"salon:{port}",
                    argv,
                    env,
                    self.tmp / f"salon-{port}.log",
                    self.args.server_cpu,
                )
                servers.append((proc, f"http://127.0.0.1:{port}"))
        for proc, url in servers:
            wait_http(f"{url}/healthz", proc=proc)
        return servers

    # --- tokens

    def pupil_pool(self, base_url: str, count: int) -> list[str]:
        missing = count - len(self.pupil_tokens)
        if missing > 0:
            started = time.monotonic()
            log(f"creating {missing} pupils with POST /api/auth/class ({self.args.auth_concurrency} at a time)")
            self.pupil_tokens += asyncio.run(
                post_many(
                    f"{base_url}/api/auth/class",
                    [{"class_code": CLASS_CODE}] * missing,
                    self.args.auth_concurrency,
                )
            )
            log(f"{missing} pupils in {time.monotonic() - started:.1f} s")
        return self.pupil_tokens[:count]

    def writer_tokens(self, base_url: str) -> list[str]:
        return asyncio.run(post_many(f"{base_url}/api/auth/login", self.fixture["writers"], 4))

    def close(self) -> None:
        Proc.stop_all()
        if not self.args.keep_files:
            shutil.rmtree(self.tmp, ignore_errors=True)


async def post_many(url: str, bodies: list[dict[str, Any]], concurrency: int) -> list[str]:
    import httpx

    tokens: list[str] = [""] * len(bodies)
    queue = list(enumerate(bodies))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:

        async def worker() -> None:
            while queue:
                i, body = queue.pop()
                for attempt in range(5):
                    answer = await client.post(url, json=body)
                    if answer.status_code == 200:
                        tokens[i] = answer.json()["token"]
                        break
                    await asyncio.sleep(0.5 * (attempt + 1))
                else:
                    raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:200]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return tokens


# --------------------------------------------------------------------------------------- measurement


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "node": node,
        "sources": source_fingerprint(),
    }


def source_fingerprint() -> str:
    """A short hash of Salon's Python sources, to tell which state of the code a figure belongs to."""
    import hashlib

    digest = hashlib.sha256()
    for package in ("server", "chat", "stands", "sessions"):
        for path in sorted((ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def start_profilers(bench: Bench, pids: list[int], label: str) -> list[subprocess.Popen[bytes]]:
    """py-spy on each server process for the measured window (sampling costs the server a little CPU)."""
    pyspy = shutil.which("py-spy") or str(ROOT / ".venv" / "bin" / "py-spy")
    if not Path(pyspy).exists():
        log("--profile: py-spy not found (.venv/bin/pip install py-spy)")
        return []
    out_dir = Path(bench.args.profile)
    out_dir.mkdir(parents=True, exist_ok=True)
    procs = []
    for pid in pids:
        stem = out_dir / f"{label}-{pid}"
        argv = [pyspy, "record", "--pid", str(pid), "--rate", "200", "--nonblocking", "--format", "raw"]
        argv += ["--duration", str(int(bench.args.duration)), "-o", f"{stem}.txt"]
        if shutil.which("taskset"):
            argv = ["taskset", "-c", str(bench.args.generator_cpu), *argv]
        procs.append(subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        log(f"profiling pid {pid} into {stem}.txt")
    return procs


def run_generator(
    bench: Bench,
    script: str,
    config: dict[str, Any],
    watch: dict[str, Any],
    timeout: float,
    profile: tuple[list[int], str] | None = None,
) -> list[dict[str, Any]]:
    """Run a Node generator pinned to the generator core; read CPU counters at each window's edges.

    `watch` names groups of pids (e.g. server, redis); the generator itself is added as "generator".
    Returns the generator's result objects, each with the CPU seconds and wall time of its window."""
    cfg = bench.tmp / f"{script}-{time.monotonic_ns()}.json"
    cfg.write_text(json.dumps(config))
    argv = [bench.node, "--max-old-space-size=6144", str(BENCH_DIR / script), str(cfg)]
    if shutil.which("taskset"):
        argv = ["taskset", "-c", str(bench.args.generator_cpu), *argv]
    gen = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True)
    killer = threading.Timer(timeout, lambda: with_suppress_kill(gen.pid))
    killer.start()
    results = []
    profilers: list[subprocess.Popen[bytes]] = []
    start: dict[str, Any] = {}
    window: dict[str, Any] = {}
    try:
        assert gen.stdout is not None
        for line in gen.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue

            def snapshot() -> dict[str, Any]:
                groups = {name: cpu_seconds(pids() if callable(pids) else pids) for name, pids in watch.items()}
                groups["generator"] = cpu_seconds(descendants(gen.pid))
                groups.update((f"core:{k}", v) for k, v in cpu_busy_seconds("tasks").items())
                groups.update((f"softirq+steal:{k}", v) for k, v in cpu_busy_seconds("softirq+steal").items())
                return {"t": time.monotonic(), "cpu": groups}

            if msg["event"] == "measure_start":
                start = snapshot()
                if profile and bench.args.profile:
                    label = "-".join(filter(None, [profile[1], msg.get("page")]))
                    profilers += start_profilers(bench, profile[0], label)
            elif msg["event"] == "measure_end":
                end = snapshot()
                wall = end["t"] - start["t"]
                window = {
                    "wall_s": wall,
                    "t0": start["t"],
                    "t1": end["t"],
                    "cpu_s": {k: end["cpu"][k] - start["cpu"][k] for k in end["cpu"]},
                }
            elif msg["event"] == "result":
                msg["_window"] = window
                results.append(msg)
            elif msg["event"] == "connected":
                log(f"generator connected {msg['connected']} sockets in {msg['connect_s']} s")
        gen.wait(timeout=30)
        for profiler in profilers:
            profiler.wait(timeout=60)
    finally:
        killer.cancel()
        if gen.poll() is None:
            with_suppress_kill(gen.pid)
            gen.wait()
    if gen.returncode not in (0, None) and not results:
        raise RuntimeError(f"generator {script} failed with exit code {gen.returncode}")
    return results


def cpu_fields(
    window: dict[str, Any], deliveries: int, groups: list[str], bench_args: argparse.Namespace
) -> dict[str, Any]:
    wall = window.get("wall_s") or float("nan")
    cpu = window.get("cpu_s", {})
    server = sum(cpu.get(g, 0.0) for g in groups)
    gen_pct = 100 * cpu.get("generator", 0.0) / wall
    fields: dict[str, Any] = {
        "server_cpu_s": round(server, 3),
        "server_cpu_pct": round(100 * server / wall, 1),
        "server_cpu_us_per_delivery": round(1e6 * server / deliveries, 1) if deliveries else None,
        "generator_cpu_pct": round(gen_pct, 1),
        "generator_saturated": gen_pct > SATURATED,
    }
    if "redis" in cpu:
        fields["redis_cpu_pct"] = round(100 * cpu["redis"] / wall, 1)
    # What else ran on the two cores during the window (other people's tests, the bench's own
    # orchestrator): a run where this is large was disturbed and should be run again.
    server_core = f"core:cpu{bench_args.server_cpu}"
    generator_core = f"core:cpu{bench_args.generator_cpu}"
    if server_core in cpu:
        fields["server_core_other_pct"] = round(100 * max(cpu[server_core] - server, 0.0) / wall, 1)
    if f"softirq+steal:cpu{bench_args.server_cpu}" in cpu:
        # Loopback networking (softirq) and time the hypervisor took (steal) on the server's core.
        fields["server_core_softirq_steal_pct"] = round(
            100 * cpu[f"softirq+steal:cpu{bench_args.server_cpu}"] / wall, 1
        )
    if generator_core in cpu:
        fields["generator_core_other_pct"] = round(
            100 * max(cpu[generator_core] - cpu.get("generator", 0.0), 0.0) / wall, 1
        )
        # The generator's core shared with others: the generator may lag although it used < 90 % itself.
        fields["generator_core_busy_pct"] = round(100 * cpu[generator_core] / wall, 1)
    if "postgres" in cpu:
        # Every postgres process of the machine, on any core, other users' included: not in server_cpu.
        fields["postgres_cpu_pct"] = round(100 * cpu["postgres"] / wall, 1)
    return fields


def pids_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def base_generator_config(bench: Bench) -> dict[str, Any]:
    a = bench.args
    return {
        "run_id": secrets.token_hex(3),
        "warmup_s": a.warmup,
        "duration_s": a.duration,
        "drain_s": a.drain,
        "connect_concurrency": a.connect_concurrency,
        "ack_timeout_ms": 10_000,
        "settle_s": 2,
    }


def gc_summary(bench: Bench, servers: list[tuple[Proc, str]], window: dict[str, Any]) -> dict[str, Any] | None:
    """Collections that started in the measured window, from loadtests/bench/gcprobe.py's reports."""
    if not (bench.args.gc_probe or bench.args.gc_mode):
        return None
    rows = []
    for _, url in servers:
        report = bench.tmp / f"gc-{url.rsplit(':', 1)[1]}.json"
        if report.exists():
            rows += [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
        else:
            log(f"no GC report from {url}")
    t0, t1 = window["t0"], window["t1"]
    rows = [r for r in rows if t0 <= r[0] <= t1]
    summary: dict[str, Any] = {"mode": bench.args.gc_mode or "default"}
    for gen in (0, 1, 2):
        pauses = sorted(r[2] for r in rows if r[1] == gen)
        summary[f"gen{gen}"] = {
            "count": len(pauses),
            "total_ms": round(1000 * sum(pauses), 1),
            "max_ms": round(1000 * pauses[-1], 1) if pauses else None,
        }
    total = sum(r[2] for r in rows)
    summary["pause_pct_of_window"] = round(100 * total / max(window["wall_s"], 1e-9) / max(len(servers), 1), 1)
    return summary


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def common_record(bench: Bench, scenario: str, target: str, workers: int) -> dict[str, Any]:
    quiet = wait_quiet(bench.args.wait_quiet) if bench.args.wait_quiet > 0 else None
    return {
        "machine_busy_pct_before": quiet,
        "bench": scenario,
        "target": target,
        "workers": workers if target == "salon" else 1,
        "database": None
        if target == "peer"
        else ("postgresql" if bench.database_url.startswith("postgresql") else "sqlite"),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
    }


def chat_verdict(result: dict[str, Any], p99_target: float) -> tuple[bool, list[str]]:
    why = []
    p99 = result["latency_ms"]["p99"]
    if result["expected"] == 0:
        why.append("nothing expected")
    if result["missing"]:
        why.append(f"{result['missing']} deliveries missing")
    if result["send_errors"]:
        why.append(f"sends refused {result['send_errors']}")
    if result["ack_timeouts"] or result["unacked_after_drain"]:
        why.append(f"{result['ack_timeouts']} sends without ack")
    if result["connect_failures"]:
        why.append(f"{result['connect_failures']} connections failed")
    if result["disconnects"]:
        why.append(f"{result['disconnects']} disconnects")
    if p99 is None or p99 > p99_target:
        why.append(f"p99 {p99} ms > {p99_target:g} ms")
    return not why, why


def run_chat_step(bench: Bench, scenario: str, size: int, target: str) -> dict[str, Any]:
    a = bench.args
    workers = a.workers if target == "salon" else 1
    record = common_record(bench, scenario, target, workers)
    window: dict[str, Any] = {}
    servers = bench.start_servers(target, workers)
    try:
        urls = [url for _, url in servers]
        config = base_generator_config(bench)
        if scenario == "stands":
            rooms = bench.fixture["stand_rooms"] if target == "salon" else [f"stand:{i + 1}" for i in range(10**5)]
            tokens = bench.pupil_pool(urls[0], size) if target == "salon" else ["peer"] * size
            config["clients"] = [
                {"url": urls[i % len(urls)], "token": tokens[i], "room": rooms[i // PER_ROOM], "write": i % 10 == 0}
                for i in range(size)
            ]
            config["interval_ms"] = int(a.interval * 1000)
            script, p99_target = "stands.js", a.p99_target or 300.0
        else:
            room = bench.fixture["talk_room"] if target == "salon" else "talk:1"
            tokens = bench.pupil_pool(urls[0], size) if target == "salon" else ["peer"] * size
            writers = bench.writer_tokens(urls[0]) if target == "salon" else ["peer"] * talk_writers(a.rate)
            config["clients"] = [{"url": urls[i % len(urls)], "token": tokens[i], "room": room} for i in range(size)]
            config["writers"] = [{"url": urls[i % len(urls)], "token": t, "room": room} for i, t in enumerate(writers)]
            config["rate"] = a.rate
            script, p99_target = "talk.js", a.p99_target or 100.0
        watch: dict[str, Any] = {"server": [p for proc, _ in servers for p in proc.pids()]}
        if bench.redis is not None:
            watch["redis"] = bench.redis.pids()
        if target == "salon" and bench.database_url.startswith("postgresql"):
            watch["postgres"] = lambda: pids_named("postgres")  # backends come and go: look at each edge
        log(f"{scenario}: {size} clients against {target} ({workers} worker(s))")
        timeout = a.warmup + a.duration + a.drain + 900
        label = f"{scenario}-{target}-{workers}w-{size}"
        profile = ([proc.pid for proc, _ in servers], label) if target == "salon" else None
        results = run_generator(bench, script, config, watch, timeout, profile)
        if not results:
            raise RuntimeError("the generator gave no result")
        result = results[0]
        window = result.pop("_window")
        result.pop("event", None)
        record.update(result)
        record.update(cpu_fields(window, result["deliveries_in_window"], ["server", "redis"], a))
        record["disturbed"] = record.get("server_core_other_pct", 0) > DISTURBED
        record["server_peak_rss_mib"] = round(sum(proc.peak_rss_kib() for proc, _ in servers) / 1024, 1)
        if bench.redis is not None:
            record["redis_peak_rss_mib"] = round(bench.redis.peak_rss_kib() / 1024, 1)
        ok, why = chat_verdict(result, p99_target)
        record["p99_target_ms"] = p99_target
        record["pass"] = ok
        record["why"] = why
        if record["generator_saturated"]:
            record["why"].append("generator saturated: the generator, not the server, may be the limit")
        if record["disturbed"]:
            record["why"].append("other processes used the server's core during the window: run it again")
        if not record["generator_saturated"] and record.get("generator_core_busy_pct", 0) > SATURATED:
            record["why"].append("the generator's core was over 90 % busy with other processes: the generator may lag")
    finally:
        for proc, _ in servers:
            proc.stop()
    if target == "salon" and window:
        gc_info = gc_summary(bench, servers, window)
        if gc_info:
            record["gc"] = gc_info
            if bench.args.gc_mode:
                record["experiment"] = f"gc mode {bench.args.gc_mode} (loadtests/bench/gcprobe.py), not the product"
    return record


def talk_writers(rate: float) -> int:
    # An adult may store 30 messages per 15 s; keep each writer at 24 to stay clear of the window's edge.
    return max(1, math.ceil(rate * 15 / 24))


def cmd_chat(bench: Bench, scenario: str, sizes: list[int]) -> int:
    a = bench.args
    targets = ["peer", "salon"] if a.target == "both" else [a.target]
    if "salon" in targets:
        rooms = math.ceil(max(sizes) / PER_ROOM) if scenario == "stands" else 0
        bench.prepare_database(rooms, talk_writers(a.rate) if scenario == "talk" else 0)
    host = machine()
    for size in sizes:
        records = {}
        for target in targets:
            record = run_chat_step(bench, scenario, size, target)
            record["command"] = a.command_line
            record["machine"] = host
            emit(record)
            records[target] = record
            lat = record["latency_ms"]
            log(
                f"{scenario} {size} {target}: {'PASS' if record['pass'] else 'FAIL'} p50/p99/max {lat['p50']}/"
                f"{lat['p99']}/{lat['max']} ms, {record['delivered']}/{record['expected']} delivered, server "
                f"{record['server_cpu_pct']} % CPU, {record['server_cpu_us_per_delivery']} µs/delivery, generator "
                f"{record['generator_cpu_pct']} %{' (SATURATED)' if record['generator_saturated'] else ''}"
                + (f" — {'; '.join(record['why'])}" if record["why"] else "")
            )
        if len(records) == 2:
            salon, peer = records["salon"]["server_cpu_us_per_delivery"], records["peer"]["server_cpu_us_per_delivery"]
            ratio = round(salon / peer, 2) if salon and peer else None
            emit(
                {
                    "bench": "compare",
                    "scenario": scenario,
                    "size": size,
                    "salon_cpu_us_per_delivery": salon,
                    "peer_cpu_us_per_delivery": peer,
                    "ratio": ratio,
                    "target_ratio": 2.0,
                    "pass": ratio is not None and ratio <= 2.0,
                    "command": a.command_line,
                }
            )
            log(f"{scenario} {size}: Salon uses {ratio}x the Node.js peer's CPU per delivery (target <= 2)")
        if not records[targets[-1]]["pass"] and not a.keep_going:
            break
    return 0


# ------------------------------------------------------------------------------------------- talk-qa


def qa_verdict(
    record: dict[str, Any], accounting: dict[str, Any], rates: dict[str, Any], targets: dict[str, float]
) -> tuple[bool, list[str]]:
    why = []
    questions = record.get("question_delivery") or {}
    q99 = (questions.get("latency_ms") or {}).get("p99")
    if not record.get("questions_acked"):
        why.append("no question acknowledged")
    if record.get("question_errors"):
        why.append(f"questions refused {record['question_errors']}")
    if questions.get("missing"):
        why.append(f"{questions['missing']} question deliveries missing")
    if q99 is None or q99 > targets["question_p99_ms"]:
        why.append(f"question broadcast p99 {q99} ms > {targets['question_p99_ms']:g} ms")
    voter = record.get("vote_visible_voter_ms") or {}
    v99 = voter.get("p99")
    if not record.get("votes_acked"):
        why.append("no vote acknowledged")
    if record.get("vote_errors"):
        why.append(f"votes refused {record['vote_errors']}")
    if record.get("votes_dropped"):
        why.append(f"{record['votes_dropped']} votes found no question to vote for")
    if voter.get("never_visible") or (record.get("vote_visible_observers_ms") or {}).get("never_visible"):
        why.append("acked votes never shown in a question:votes")
    if v99 is None or v99 > targets["vote_p99_ms"]:
        why.append(f"vote-to-visible p99 {v99} ms > {targets['vote_p99_ms']:g} ms")
    if rates["max_per_s"] > targets["max_vote_updates_per_s"]:
        why.append(f"{rates['max_per_s']} question:votes in one second > {targets['max_vote_updates_per_s']:g}")
    if not accounting["exact"]:
        why.append(
            f"votes not counted exactly once: {accounting['mismatched_count']} questions differ, "
            f"{accounting['unanswered']} votes without ack"
        )
    if accounting["last_seen_differs_count"]:
        why.append(f"{accounting['last_seen_differs_count']} questions' last broadcast count differs from the store")
    if record.get("missing"):
        why.append(f"{record['missing']} chat deliveries missing")
    if record.get("send_errors"):
        why.append(f"chat sends refused {record['send_errors']}")
    if record.get("ack_timeouts") or record.get("unacked_after_drain"):
        why.append(f"{record['ack_timeouts']} chat sends without ack")
    if record.get("connect_failures"):
        why.append(f"{record['connect_failures']} connections failed")
    if record.get("disconnects"):
        why.append(f"{record['disconnects']} disconnects")
    return not why, why


def stored_votes(bench: Bench, room: str) -> dict[str, dict[str, int]]:
    argv = [bench.python, str(BENCH_DIR / "qa_counts.py"), room]
    done = subprocess.run(argv, env=bench.env(), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"qa_counts failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_qa_step(bench: Bench, size: int, target: str) -> dict[str, Any]:
    a = bench.args
    workers = a.workers if target == "salon" else 1
    record = common_record(bench, "talk-qa", target, workers)
    servers = bench.start_servers(target, workers)
    try:
        urls = [url for _, url in servers]
        room = bench.fixture["qa_room"] if target == "salon" else "talk:1"
        tokens = bench.pupil_pool(urls[0], size) if target == "salon" else ["peer"] * size
        writers = bench.writer_tokens(urls[0]) if target == "salon" else ["peer"] * talk_writers(a.rate)
        config = base_generator_config(bench)
        config["clients"] = [{"url": urls[i % len(urls)], "token": tokens[i], "room": room} for i in range(size)]
        config["writers"] = [{"url": urls[i % len(urls)], "token": t, "room": room} for i, t in enumerate(writers)]
        config.update(
            rate=a.rate,
            questions=a.questions,
            votes_per_pupil=a.votes_per_pupil,
            qa_window_s=a.qa_window,
            observers=a.observers,
            seed=a.seed,
        )
        watch: dict[str, Any] = {"server": [p for proc, _ in servers for p in proc.pids()]}
        if bench.redis is not None:
            watch["redis"] = bench.redis.pids()
        if target == "salon" and bench.database_url.startswith("postgresql"):
            watch["postgres"] = lambda: pids_named("postgres")
        log(f"talk-qa: {size} listeners against {target} ({workers} worker(s)), room {room}")
        timeout = a.warmup + max(a.duration, a.qa_window) + a.drain + 900
        profile = ([proc.pid for proc, _ in servers], f"talk-qa-{target}-{size}") if target == "salon" else None
        results = run_generator(bench, "qa.js", config, watch, timeout, profile)
        if not results:
            raise RuntimeError("the generator gave no result")
        result = results[0]
        window = result.pop("_window")
        result.pop("event", None)
        acked = result.pop("acked_by_question")
        unanswered_by = result.pop("unanswered_by_question", {})
        last_seen = result.pop("last_seen_by_question")
        times = result["votes_broadcasts"].pop("times_s")
        record.update(result)
        stored = stored_votes(bench, room) if target == "salon" else None
        accounting = vote_accounting(acked, stored, last_seen, result["votes_unanswered"], unanswered_by)
        rates = broadcast_rates(times, result["window_s"])
        record["votes_accounting"] = accounting
        record["votes_broadcasts"].update(rates)
        deliveries = result["deliveries_in_window"] + result["question_delivery"]["delivered"]
        record.update(cpu_fields(window, deliveries, ["server", "redis"], a))
        record["disturbed"] = record.get("server_core_other_pct", 0) > DISTURBED
        record["server_peak_rss_mib"] = round(sum(proc.peak_rss_kib() for proc, _ in servers) / 1024, 1)
        targets = {
            "question_p99_ms": a.question_p99_target,
            "vote_p99_ms": a.vote_p99_target,
            "max_vote_updates_per_s": a.max_vote_updates,
        }
        ok, why = qa_verdict(record, accounting, rates, targets)
        record["targets"] = targets
        record["pass"] = ok
        record["why"] = why
        if record["generator_saturated"]:
            record["why"].append("generator saturated: the generator, not the server, may be the limit")
        if record["disturbed"]:
            record["why"].append("other processes used the server's core during the window: run it again")
    finally:
        for proc, _ in servers:
            proc.stop()
    return record


def cmd_talk_qa(bench: Bench) -> int:
    a = bench.args
    targets = ["peer", "salon"] if a.target == "both" else [a.target]
    if "salon" in targets:
        bench.prepare_database(0, talk_writers(a.rate), qa_talk=True)
    host = machine()
    for size in a.listeners:
        records = {}
        for target in targets:
            record = run_qa_step(bench, size, target)
            record["command"] = a.command_line
            record["machine"] = host
            emit(record)
            records[target] = record
            q, v = record["question_delivery"], record["vote_visible_voter_ms"]
            acc, b = record["votes_accounting"], record["votes_broadcasts"]
            log(
                f"talk-qa {size} {target}: {'PASS' if record['pass'] else 'FAIL'} question p99 "
                f"{q['latency_ms']['p99']} ms ({q['delivered']}/{q['expected']}), vote-to-visible p99 {v['p99']} ms "
                f"({record['votes_acked']} votes), question:votes max {b['max_per_s']}/s, exactly once "
                f"{acc['exact']}, chat p99 {record['latency_ms']['p99']} ms, server {record['server_cpu_pct']} % "
                f"CPU, generator {record['generator_cpu_pct']} %"
                + (" (SATURATED)" if record["generator_saturated"] else "")
                + (f" — {'; '.join(record['why'])}" if record["why"] else "")
            )
        if len(records) == 2:
            salon, peer = records["salon"]["server_cpu_s"], records["peer"]["server_cpu_s"]
            ratio = round(salon / peer, 2) if salon and peer else None
            emit(
                {
                    "bench": "compare",
                    "scenario": "talk-qa",
                    "size": size,
                    "salon_cpu_s": salon,
                    "peer_cpu_s": peer,
                    "ratio": ratio,
                    "command": a.command_line,
                }
            )
            log(f"talk-qa {size}: Salon used {ratio}x the Node.js peer's CPU for the same load")
    return 0


def seed_big_hall(bench: Bench, stands: int) -> list[dict[str, Any]]:
    """An event of `stands` stands (loadtests/scenarios/hall_event.py) and its hall's page groups: the first
    page, then a mix of a search, filters and a later page."""
    if stands <= 0:
        return []
    argv = [bench.python, "-m", "loadtests.scenarios.hall_event", "--stands", str(stands)]
    log("$ " + " ".join(argv[1:]))
    done = subprocess.run(argv, env=bench.env(), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"hall_event failed:\n{done.stdout}\n{done.stderr}")
    hall = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        {"name": f"hall_{stands}", "paths": [hall["hall"]]},
        {"name": f"hall_{stands}_filtered", "paths": hall["filtered"]},
    ]


def cmd_http(bench: Bench) -> int:
    a = bench.args
    bench.prepare_database(0, 0)
    big_hall = seed_big_hall(bench, a.hall_stands)
    record_base = common_record(bench, "http", "salon", a.workers)
    servers = bench.start_servers("salon", a.workers)
    try:
        urls = [url for _, url in servers]
        stand_ids = bench.fixture["demo_stand_ids"]
        config = {
            "base": urls[0],
            "concurrency": a.concurrency,
            "warmup_s": a.warmup,
            "duration_s": a.duration,
            "pages": [
                {"name": "hall", "paths": [f"/events/{EVENT}"]},
                {"name": "stand", "paths": [f"/stands/{i}" for i in stand_ids]},
                *big_hall,
            ],
        }
        watch: dict[str, Any] = {"server": [p for proc, _ in servers for p in proc.pids()]}
        if bench.redis is not None:
            watch["redis"] = bench.redis.pids()
        timeout = a.warmup * 2 + a.duration * 2 + 120
        profile = ([proc.pid for proc, _ in servers], "http")
        results = run_generator(bench, "http.js", config, watch, timeout, profile)
        host = machine()
        peak = round(sum(proc.peak_rss_kib() for proc, _ in servers) / 1024, 1)
        for result in results:
            window = result.pop("_window")
            result.pop("event", None)
            record = dict(record_base, **result)
            record.update(cpu_fields(window, result["ok"], ["server", "redis"], a))
            record["disturbed"] = record.get("server_core_other_pct", 0) > DISTURBED
            record["server_cpu_ms_per_request"] = (
                round(record.pop("server_cpu_us_per_delivery") / 1000, 2) if result["ok"] else None
            )
            record["server_peak_rss_mib"] = peak
            record["command"] = a.command_line
            record["machine"] = host
            emit(record)
            log(
                f"http {result['page']}: {result['requests_per_s']} req/s, p50/p99 {result['latency_ms']['p50']}/"
                f"{result['latency_ms']['p99']} ms, statuses {result['statuses']}, server {record['server_cpu_pct']} %"
                f" CPU, generator {record['generator_cpu_pct']} %"
                + (" (SATURATED)" if record["generator_saturated"] else "")
            )
    finally:
        for proc, _ in servers:
            proc.stop()
    return 0


# ---------------------------------------------------------------------------------------------- CLI


def sizes(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loadtests.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    scenarios = parser.add_subparsers(dest="scenario", required=True)

    def common(p: argparse.ArgumentParser, duration: float) -> None:
        p.add_argument(
            "--target",
            choices=["salon", "peer", "both"],
            default="salon",
            help="Salon, the Node.js yardstick, or both in turn at each step (with their CPU ratio)",
        )
        p.add_argument("--workers", type=int, choices=[1, 2], default=1, help="salon serve processes (2: with Redis)")
        p.add_argument("--duration", type=float, default=duration, help="measured window, seconds")
        p.add_argument("--warmup", type=float, default=5.0, help="unmeasured warm-up, seconds")
        p.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
        p.add_argument("--redis-url", help="with --workers 2; default: a private redis-server on the server core")
        p.add_argument("--server-cpu", type=int, default=0, help="core for the server (and Redis)")
        p.add_argument("--generator-cpu", type=int, default=1, help="core for the load generator")
        p.add_argument("--log-level", default="info", help="the server's LOG_LEVEL (default info, as deployed)")
        p.add_argument("--keep-files", action="store_true", help="keep the work folder (logs, database)")
        p.add_argument(
            "--wait-quiet",
            type=float,
            default=120.0,
            metavar="S",
            help="before each run, wait up to S s for the machine to be idle (0: do not wait)",
        )
        p.add_argument("--profile", metavar="DIR", help="record the Salon server(s) with py-spy during the window")
        p.add_argument("--gc-probe", action="store_true", help="time the server's garbage collections (gcprobe.py)")
        p.add_argument(
            "--gc-mode",
            default="",
            help="what-if experiment through gcprobe.py: off | freeze | thresholds:A,B,C (not the product's setting)",
        )

    def chat(p: argparse.ArgumentParser) -> None:
        p.add_argument("--drain", type=float, default=10.0, help="seconds allowed for late deliveries after the window")
        p.add_argument("--connect-concurrency", type=int, default=64, help="connections opened at a time")
        p.add_argument("--auth-concurrency", type=int, default=16, help="POST /api/auth/class at a time")
        p.add_argument("--p99-target", type=float, help="ms; default 300 (stands), 100 (talk)")
        p.add_argument("--keep-going", action="store_true", help="do not stop a ramp at the first failing step")

    stands = scenarios.add_parser("stands", help="40 clients per stand room, 1 in 10 writing every 2 s")
    stands.add_argument("--clients", type=sizes, default=[500, 1000, 2000, 4000, 8000], help="e.g. 500,1000,2000")
    stands.add_argument("--interval", type=float, default=2.0, help="seconds between two messages of a writer")
    stands.add_argument("--rate", type=float, default=5.0, help=argparse.SUPPRESS)
    common(stands, 20.0)
    chat(stands)

    talk = scenarios.add_parser("talk", help="N listeners in one talk room, one writer stream")
    talk.add_argument("--listeners", type=sizes, default=[2000], help="e.g. 2000 or 1000,2000,4000")
    talk.add_argument("--rate", type=float, default=5.0, help="messages per second of the writer stream")
    common(talk, 20.0)
    chat(talk)

    qa = scenarios.add_parser("talk-qa", help="a live talk's Q&A: questions, votes and chat in one room")
    qa.add_argument("--listeners", type=sizes, default=[2000], help="pupils in the talk room, e.g. 2000")
    qa.add_argument("--questions", type=int, default=200, help="questions asked during the Q&A window (200)")
    qa.add_argument("--votes-per-pupil", type=int, default=5, help="votes of each listener (5)")
    qa.add_argument("--qa-window", type=float, default=60.0, help="seconds over which questions and votes go (60)")
    qa.add_argument("--observers", type=int, default=20, help="listeners that time every vote's visibility (20)")
    qa.add_argument("--seed", type=int, default=1, help="seed of the vote times and choices")
    qa.add_argument("--rate", type=float, default=5.0, help="chat messages per second in the room (5)")
    qa.add_argument("--question-p99-target", type=float, default=300.0, help="ms (300)")
    qa.add_argument("--vote-p99-target", type=float, default=1000.0, help="ms (1000)")
    qa.add_argument("--max-vote-updates", type=float, default=4.0, help="question:votes per second at most (4)")
    common(qa, 60.0)
    chat(qa)

    http = scenarios.add_parser("http", help="hall and stand pages per second")
    http.add_argument("--concurrency", type=int, default=64, help="keep-alive connections")
    http.add_argument(
        "--hall-stands",
        type=int,
        default=200,
        help="also measure the hall of an event with this many stands (0: skip)",
    )
    common(http, 10.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    args.command_line = "python -m loadtests.bench " + " ".join(shlex.quote(a) for a in argv)
    if args.target != "salon" and args.workers != 1:
        print("the Node.js peer runs as one process: --workers 2 is for Salon", file=sys.stderr)
        return 2
    if args.scenario == "http" and args.target != "salon":
        print("the http scenario measures Salon's pages; the peer has none", file=sys.stderr)
        return 2
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {args.generator_cpu})  # this orchestrator stays off the server's core
    bench = Bench(args)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.scenario == "http":
            return cmd_http(bench)
        if args.scenario == "talk-qa":
            return cmd_talk_qa(bench)
        return cmd_chat(bench, args.scenario, args.clients if args.scenario == "stands" else args.listeners)
    except KeyboardInterrupt:
        return 130
    finally:
        bench.close()
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
