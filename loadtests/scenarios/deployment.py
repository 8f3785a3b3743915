"""A throw-away local deployment for `make loadtest`: database, Redis, N `salon serve`, HAProxy.

- 1 worker: a SQLite file in a temporary folder, in-process fan-out, the clients talk to the server.
- N > 1 workers: PostgreSQL when one answers on 127.0.0.1:5432 with trust authentication (a new
  database, dropped afterwards), else SQLite; Redis on 127.0.0.1:6379 when it answers, else a
  `redis-server` of our own on a free port, with a prefix of its own (its keys are deleted afterwards);
  N single-worker processes on their own ports behind HAProxy with sticky sessions, configured from
  deploy/haproxy.cfg.template.

Everything started here is stopped by `stop()`, also after a failure half-way.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy import haproxy as haproxy_config  # noqa: E402

DEFAULT_POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


class DeploymentError(RuntimeError):
    """The deployment could not be started; the message says what is missing."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def http_status(url: str, timeout: float = 3) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (OSError, ValueError):
        return None


def http_text(url: str, timeout: float = 5) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (OSError, ValueError):
        return ""


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if os.access(p, os.X_OK)), None)


@dataclass
class Process:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path | None = None


@dataclass
class Deployment:
    workers: int
    log_dir: Path
    python: str = sys.executable
    log_level: str = "warning"
    postgres_admin_url: str = DEFAULT_POSTGRES_ADMIN
    redis_url: str = DEFAULT_REDIS
    url: str = ""
    database: str = ""  # "sqlite" or "postgresql"
    fanout: str = "memory"
    notes: list[str] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)
    servers: list[Process] = field(default_factory=list)
    server_urls: list[str] = field(default_factory=list)
    stats_url: str = ""
    _tmp: Path | None = None
    _pg_database: str = ""
    _redis_prefix: str = ""
    _redis_in_use: str = ""
    _env: dict[str, str] = field(default_factory=dict)

    # Start ------------------------------------------------------------------------------------------

    def start(self) -> str:
        """Start everything; returns the URL the load generator talks to."""
        if self.workers < 1:
            raise DeploymentError("WORKERS must be 1 or more")
        self._tmp = Path(tempfile.mkdtemp(prefix="salon-loadtest-"))
        self.log_dir.mkdir(parents=True, exist_ok=True)
        front_port = free_port()
        ports = [front_port] if self.workers == 1 else [free_port() for _ in range(self.workers)]
        self.url = f"http://127.0.0.1:{front_port}"
        env = self._env = self._environment(self._database_url(), self._redis())
        self._salon(env, "migrate")
        self._salon(env, "demo")
        for number, port in enumerate(ports, start=1):
            log = self.log_dir / f"server-{number}.log"
            process = Process(
                f"s{number}",
                subprocess.Popen(
                    [self.python, "-m", "server", "serve", "--port", str(port)],
                    env=env,
                    cwd=ROOT,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                ),
                log,
            )
            self.processes.append(process)
            self.servers.append(process)
            self.server_urls.append(f"http://127.0.0.1:{port}")
        for process, url in zip(self.servers, self.server_urls, strict=True):
            self._wait_healthy(process, f"{url}/healthz")
        if self.workers > 1:
            self._start_haproxy(front_port, ports)
        return self.url

    def add_qa_talk(self) -> str:
        """A live talk that is not pre-moderated, for the talk-qa scenario (loadtests/bench/setup_db.py);
        returns its room, `talk:<id>`."""
        done = subprocess.run(
            [self.python, str(ROOT / "loadtests" / "bench" / "setup_db.py"), "--qa-talk"],
            env=self._env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise DeploymentError(f"setup_db.py --qa-talk failed:\n{done.stdout}\n{done.stderr}")
        return str(json.loads(done.stdout.strip().splitlines()[-1])["qa_room"])

    def _environment(self, database_url: str, redis_url: str | None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "ALLOWED_ORIGINS")}
        env.update(
            SALON_ENV="test",
            SECRET_KEY=secrets.token_urlsafe(32),
            DATABASE_URL=database_url,
            LOG_LEVEL=self.log_level,
            # Browsers (and websocket-client) send the address they talk to, i.e. HAProxy's.
            ALLOWED_ORIGINS=self.url,
        )
        if redis_url:
            env.update(REDIS_URL=redis_url, SALON_REDIS_PREFIX=self._redis_prefix)
        return env

    def _database_url(self) -> str:
        if self.workers > 1 and reachable("127.0.0.1", 5432):
            try:
                url = asyncio.run(_create_database(self.postgres_admin_url))
            except Exception as exc:  # wrong credentials, no trust authentication...
                self.notes.append(f"PostgreSQL at 127.0.0.1:5432 refused us ({exc}); SQLite instead")
            else:
                self._pg_database = url
                self.database = "postgresql"
                return url
        elif self.workers > 1:
            self.notes.append("no PostgreSQL on 127.0.0.1:5432: the processes share one SQLite file")
        assert self._tmp is not None
        self.database = "sqlite"
        return f"sqlite+aiosqlite:///{self._tmp / 'salon.db'}"

    def _redis(self) -> str | None:
        if self.workers == 1:
            return None
        self.fanout = "redis"
        self._redis_prefix = f"salon-load-{secrets.token_hex(4)}"
        host, port = _host_port(self.redis_url, 6379)
        if reachable(host, port):
            self._redis_in_use = self.redis_url
            return self.redis_url
        binary = shutil.which("redis-server")
        if binary is None:
            raise DeploymentError(f"WORKERS>1 needs Redis: none at {self.redis_url} and no redis-server to start")
        port = free_port()
        self.processes.append(
            Process(
                "redis",
                subprocess.Popen(
                    [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    stdin=subprocess.DEVNULL,
                ),
            )
        )
        _wait(lambda: reachable("127.0.0.1", port), 10, "redis-server")
        self.notes.append(f"started redis-server on port {port}")
        return f"redis://127.0.0.1:{port}/0"

    def _salon(self, env: dict[str, str], command: str) -> None:
        done = subprocess.run(
            [self.python, "-m", "server", command],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise DeploymentError(f"salon {command} failed:\n{done.stdout}\n{done.stderr}")

    def _wait_healthy(self, process: Process, url: str) -> None:
        def answers() -> bool:
            if process.proc.poll() is not None:
                log = process.log.read_text(errors="replace") if process.log else ""
                raise DeploymentError(f"{process.name} exited early (exit {process.proc.returncode}):\n{log[-3000:]}")
            return http_status(url) == 200

        _wait(answers, 60, f"{process.name} ({url})")

    def _start_haproxy(self, front_port: int, ports: list[int]) -> None:
        binary = haproxy_binary()
        if binary is None:
            raise DeploymentError(
                "WORKERS>1 needs HAProxy (Debian package `haproxy`): run `make system-deps` or "
                "`apt-get install -y haproxy`"
            )
        stats_port = free_port()
        config = self.log_dir / "haproxy.cfg"
        config.write_text(
            haproxy_config.render(
                [f"127.0.0.1:{port}" for port in ports],
                profile="local",
                bind=f"127.0.0.1:{front_port}",
                stats_bind=f"127.0.0.1:{stats_port}",
            ),
            encoding="utf-8",
        )
        check = subprocess.run([binary, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise DeploymentError(f"HAProxy refused {config}:\n{check.stdout}{check.stderr}")
        log = self.log_dir / "haproxy.log"
        process = Process(
            "haproxy",
            subprocess.Popen(
                [binary, "-db", "-f", str(config)],
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            ),
            log,
        )
        self.processes.append(process)
        self.stats_url = f"http://127.0.0.1:{stats_port}/;csv"
        self._wait_healthy(process, f"{self.url}/healthz")

    # While running and after ------------------------------------------------------------------------

    def haproxy_servers(self) -> list[dict[str, str]]:
        """HAProxy's view of each process: state, sessions, 4xx and 5xx answers."""
        if not self.stats_url:
            return []
        text = http_text(self.stats_url).lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        keys = ("svname", "status", "stot", "smax", "hrsp_4xx", "hrsp_5xx", "chkfail")
        return [
            {k: row.get(k, "") for k in keys}
            for row in rows
            if row.get("pxname") == "salon" and row.get("svname", "").startswith("s")
        ]

    def server_metrics(self) -> dict[str, dict[str, float]]:
        """Each process's own counters (GET /metrics), e.g. messages stored and sockets accepted."""
        result = {}
        for process, url in zip(self.servers, self.server_urls, strict=True):
            values = {}
            for line in http_text(f"{url}/metrics").splitlines():
                name, _, value = line.partition(" ")
                if name.startswith("salon_") and value:
                    try:
                        values[name] = float(value)
                    except ValueError:
                        continue
            result[process.name] = values
        return result

    def log_count(self, needle: str) -> int:
        return sum(p.log.read_text(errors="replace").count(needle) for p in self.servers if p.log and p.log.exists())

    def describe(self) -> str:
        servers = f"{self.workers} salon serve process{'es' if self.workers > 1 else ''}"
        front = " behind HAProxy (sticky cookie)" if self.workers > 1 else ""
        fanout = "Redis fan-out" if self.fanout == "redis" else "in-process fan-out"
        return f"{servers}{front}, {self.database}, {fanout}"

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.proc.poll() is None:
                process.proc.send_signal(signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.proc.wait(15)
            except subprocess.TimeoutExpired:
                process.proc.kill()
                process.proc.wait()
        self.processes.clear()
        if self._pg_database:
            try:
                asyncio.run(_drop_database(self.postgres_admin_url, self._pg_database))
            except Exception as exc:
                self.notes.append(f"could not drop {self._pg_database}: {exc}")
            self._pg_database = ""
        if self._redis_in_use:
            _delete_keys(self._redis_in_use, self._redis_prefix)
            self._redis_in_use = ""
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


def _wait(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise DeploymentError(f"{what} did not come up within {timeout:.0f} s")


def _host_port(url: str, default_port: int) -> tuple[str, int]:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    return parsed.hostname or "127.0.0.1", parsed.port or default_port


async def _create_database(admin_url: str) -> str:
    import asyncpg

    name = f"salon_load_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(admin_url, timeout=5)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return admin_url.replace("postgresql://", "postgresql+asyncpg://", 1).rsplit("/", 1)[0] + f"/{name}"


async def _drop_database(admin_url: str, url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url, timeout=5)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await conn.close()


def _delete_keys(url: str, prefix: str) -> None:
    """Presence hashes and rate-limit counters of this run (the servers are stopped by now)."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=5)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        client.close()
    except redis.RedisError:
        pass
