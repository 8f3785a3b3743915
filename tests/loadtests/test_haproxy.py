"""Several processes behind one address: HAProxy with deploy/haproxy.cfg.template, sticky by cookie.

Two `salon serve` processes share Redis and PostgreSQL; long-polling clients (`transports=["polling"]`,
the transport every browser starts on) connect through HAProxy and must join, send and receive across
both processes without a single "Invalid session". The production example, deploy/haproxy.cfg, is the
same template rendered with production values, and HAProxy must accept it.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import httpx
import pytest

from deploy import haproxy as haproxy_config
from tests.live import ROOT, LiveClient, ServerProcess, base_env, demo_stand, prepare_database, pupil_token, staff_token
from tests.services import free_port, wait_until

COOKIE = "salon_lb"
HEARTBEAT = 25  # Engine.IO ping interval of the server (server/realtime.py)


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else None)
    if found is None:
        pytest.fail("HAProxy is not installed (Debian package `haproxy`; run `make system-deps`).")
    return found


@dataclass
class Balanced:
    url: str
    stats_url: str
    backends: list[ServerProcess]
    log: Path

    def server_stats(self) -> dict[str, dict[str, str]]:
        text = httpx.get(self.stats_url, timeout=5).text.lstrip("# ")
        return {
            row["svname"]: row
            for row in csv.DictReader(io.StringIO(text))
            if row["pxname"] == "salon" and row["svname"] in ("s1", "s2")
        }

    def log_sizes(self) -> list[int]:
        return [backend.log.stat().st_size for backend in self.backends]

    def invalid_sessions_since(self, sizes: list[int]) -> list[str]:
        found = []
        for backend, size in zip(self.backends, sizes, strict=True):
            with backend.log.open("rb") as handle:
                handle.seek(size)
                found += [
                    line for line in handle.read().decode(errors="replace").splitlines() if "Invalid session" in line
                ]
        return found


@pytest.fixture(scope="module")
def balanced(postgres_url: str, redis_url: str, redis_prefix: str, tmp_path_factory) -> Iterator[Balanced]:
    binary = haproxy_binary()
    front_port, stats_port = free_port(), free_port()
    front = f"http://127.0.0.1:{front_port}"
    env = base_env(postgres_url, redis_url, SALON_REDIS_PREFIX=f"{redis_prefix}-haproxy")
    prepare_database(env)
    backends = [ServerProcess(env), ServerProcess(env)]
    for backend in backends:
        # ServerProcess allows its own URL; browsers behind HAProxy send HAProxy's address as Origin.
        backend.env["ALLOWED_ORIGINS"] = front
    workdir = tmp_path_factory.mktemp("haproxy")
    config = workdir / "haproxy.cfg"
    config.write_text(
        haproxy_config.render(
            [f"127.0.0.1:{b.port}" for b in backends],
            profile="local",
            bind=f"127.0.0.1:{front_port}",
            stats_bind=f"127.0.0.1:{stats_port}",
        )
    )
    log = workdir / "haproxy.log"
    proxy: subprocess.Popen[bytes] | None = None
    try:
        for backend in backends:
            backend.start()
        proxy = subprocess.Popen([binary, "-db", "-f", str(config)], stdout=log.open("wb"), stderr=subprocess.STDOUT)
        setup = Balanced(front, f"http://127.0.0.1:{stats_port}/;csv", backends, log)

        def both_up() -> bool:
            assert proxy is not None
            if proxy.poll() is not None:
                pytest.fail(f"haproxy exited:\n{log.read_text()}")
            try:
                return all(row["status"] == "UP" for row in setup.server_stats().values())
            except httpx.HTTPError:
                return False

        wait_until(both_up, 20, "HAProxy with both processes UP")
        yield setup
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(10)
        for backend in backends:
            backend.stop()


class Browser:
    """A LiveClient with a cookie jar that, like a browser's, keeps cookies of a numeric host (aiohttp's
    default jar drops them, and with them HAProxy's stickiness)."""

    def __init__(self) -> None:
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.client = LiveClient(http_session=self.http)

    async def connect(self, url: str, token: str, transports: list[str] | None = None) -> Browser:
        await self.client.connect(url, token, transports=transports or ["polling"], headers={"Origin": url})
        return self

    @property
    def backend(self) -> str:
        return next((cookie.value for cookie in self.http.cookie_jar if cookie.key == COOKIE), "")

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.client.close()
        await self.http.close()


async def spread_clients(url: str, pupils_per_backend: int) -> tuple[Browser, list[Browser]]:
    """A professional and pupils, connected until each process holds at least `pupils_per_backend`."""
    pro = await Browser().connect(url, await staff_token(url))
    pupils: list[Browser] = []
    for _ in range(6 * pupils_per_backend):
        if all(sum(p.backend == name for p in pupils) >= pupils_per_backend for name in ("s1", "s2")):
            break
        pupils.append(await Browser().connect(url, (await pupil_token(url))["token"]))
    return pro, pupils


async def test_long_polling_clients_talk_across_both_processes_without_invalid_sessions(balanced):
    sizes = balanced.log_sizes()
    refused_before = {name: int(row["hrsp_4xx"]) for name, row in balanced.server_stats().items()}
    room = f"stand:{await demo_stand(balanced.url, staffed=True)}"
    pro, pupils = await spread_clients(balanced.url, pupils_per_backend=2)
    everyone = [pro, *pupils]
    try:
        backends = [b.backend for b in everyone]
        assert set(backends) == {"s1", "s2"}, f"HAProxy gave every client the same process: {backends}"
        for browser in everyone:
            await browser.client.join(room)
        sent = [await pupil.client.send(room, f"Question {n} depuis {pupil.backend}") for n, pupil in enumerate(pupils)]
        sent.append(await pro.client.send(room, "Réponse de la professionnelle à tout le monde"))
        assert all(ack["ok"] for ack in sent), sent
        for browser in everyone:
            for ack in sent:
                await browser.client.wait_for("chat:message", lambda m, i=ack["message"]["id"]: m["id"] == i)
        assert {b.client.sio.transport() for b in everyone} == {"polling"}
        assert [b.backend for b in everyone] == backends  # nobody moved
    finally:
        await asyncio.gather(*(b.close() for b in everyone))
    assert balanced.invalid_sessions_since(sizes) == []
    # HAProxy saw no refusal either. (A polling session closed by its client leaves its pending GET to
    # end 45 s later with a 400: hence a difference, not an absolute count.)
    refused = {name: int(row["hrsp_4xx"]) - refused_before[name] for name, row in balanced.server_stats().items()}
    assert refused == {"s1": 0, "s2": 0}


async def test_long_polling_survives_a_heartbeat_through_haproxy(balanced):
    """A long-poll GET waits for the ping (25 s): HAProxy's timeouts must let it, on both processes."""
    sizes = balanced.log_sizes()
    room = f"stand:{await demo_stand(balanced.url, staffed=True)}"
    pro, pupils = await spread_clients(balanced.url, pupils_per_backend=1)
    # One of them upgrades to WebSocket, as browsers do: the upgrade request must be sticky too.
    upgrader = await Browser().connect(
        balanced.url, (await pupil_token(balanced.url))["token"], ["polling", "websocket"]
    )
    everyone = [pro, *pupils, upgrader]
    try:
        for browser in everyone:
            await browser.client.join(room)
        await asyncio.sleep(HEARTBEAT + 5)
        assert all(b.client.sio.connected for b in everyone)
        ack = await pupils[0].client.send(room, "Toujours là après le ping ?")
        for browser in everyone:
            await browser.client.wait_for("chat:message", lambda m: m["id"] == ack["message"]["id"])
        assert upgrader.client.sio.transport() == "websocket"
    finally:
        await asyncio.gather(*(b.close() for b in everyone))
    assert balanced.invalid_sessions_since(sizes) == []


def test_a_poll_that_reaches_the_other_process_is_refused(balanced):
    """What the stickiness prevents, shown directly: an Engine.IO session lives in one process only."""
    with httpx.Client(base_url=balanced.url, timeout=10) as http:
        handshake = http.get("/socket.io/", params={"EIO": "4", "transport": "polling"})
        assert handshake.status_code == 200
        sid = json.loads(handshake.text[1:])["sid"]
        home = handshake.cookies[COOKIE]
        assert "HttpOnly" in handshake.headers["set-cookie"] and "SameSite=Lax" in handshake.headers["set-cookie"]
        other = "s2" if home == "s1" else "s1"
        params = {"EIO": "4", "transport": "polling", "sid": sid}
        http.cookies.clear()  # from here on, the Cookie header says which process to reach

        def close_packet(backend: str) -> int:
            return http.post(
                "/socket.io/", params=params, content="1", headers={"Cookie": f"{COOKIE}={backend}"}
            ).status_code

        assert close_packet(other) == 400  # "Invalid session": that process never heard of it
        assert close_packet(home) == 200  # its own process knows it (the "1" packet closes it)


def test_metrics_are_not_served_through_the_load_balancer(balanced):
    assert httpx.get(f"{balanced.url}/metrics").status_code == 404
    assert httpx.get(f"{balanced.backends[0].url}/metrics").status_code == 200


def test_the_production_example_is_the_template_and_haproxy_accepts_it(tmp_path: Path):
    example = ROOT / "deploy" / "haproxy.cfg"
    assert example.read_text() == haproxy_config.example(), "regenerate: python3 deploy/haproxy.py --example"
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is needed to make a throw-away certificate for the TLS example")
    cert = tmp_path / "salon.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=salon.test"]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    cert.write_text((tmp_path / "cert.pem").read_text() + (tmp_path / "key.pem").read_text())
    config = tmp_path / "haproxy.cfg"
    config.write_text(example.read_text().replace(haproxy_config.EXAMPLE_CERT, str(cert)))
    check = subprocess.run([haproxy_binary(), "-c", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("servers", [[], ["no-port"], ["127.0.0.1:80; evil"]])
def test_the_renderer_refuses_bad_server_lists(servers):
    with pytest.raises(ValueError):
        haproxy_config.render(servers, profile="local", bind="127.0.0.1:1")
