"""Real Redis, PostgreSQL and Chromium for the suite: used when running, started when absent.

Nothing here skips: when a part cannot be had, the tests that need it fail with the reason.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import time
from urllib.parse import urlparse

import pytest

from loadtests.scenarios.deployment import free_port, reachable
from tests.browser_args import CHROMIUM


def wait_until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} did not come up within {timeout:.0f} s")


def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    parsed = urlparse(url)
    if reachable(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        return url
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(f"No Redis at {url} and no redis-server to start (run `make system-deps`).")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(proc.terminate)
    wait_until(lambda: reachable("127.0.0.1", port), 10, "redis-server")
    return f"redis://127.0.0.1:{port}/0"


def postgres_url() -> str:
    """An admin URL (asyncpg) to a PostgreSQL server where the suite may create databases."""
    url = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 5432
    if reachable(host, port):
        return url
    # A Debian cluster that is installed but stopped: start it the way the machine does.
    for version in sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    if reachable(host, port):
        return url
    return _private_postgres()


def _private_postgres() -> str:
    """initdb a throw-away cluster on a free port (as the postgres user when we are root)."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        pytest.fail("No PostgreSQL reachable and no server binaries to start one (run `make system-deps`).")
    bindir = bins[-1]
    datadir = tempfile.mkdtemp(prefix="salon-pg-")
    port = free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*prefix, f"{bindir}/initdb", "-D", datadir, "-A", "trust", "-U", "postgres"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    proc = subprocess.Popen(
        [*prefix, f"{bindir}/postgres", "-D", datadir, "-p", str(port), "-k", datadir, "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(proc.terminate)
    wait_until(lambda: reachable("127.0.0.1", port), 20, "PostgreSQL")
    time.sleep(0.5)
    return f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"


def chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM} (Debian package `chromium`; run `make system-deps`).")
    return CHROMIUM


class PrivateRedis:
    """A redis-server of our own on a free port, for tests that stop and restart it."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (run `make system-deps`).")
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> PrivateRedis:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: reachable("127.0.0.1", self.port), 10, "private redis-server")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
