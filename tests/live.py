"""Real servers and real clients for the tests: uvicorn processes, httpx, socketio.AsyncClient."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import socketio

from tests.services import free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
TEST_SECRET = "salon-tests-secret-key"


def base_env(database_url: str, redis_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL"))}
    env.update(SALON_ENV="test", SECRET_KEY=TEST_SECRET, DATABASE_URL=database_url, LOG_LEVEL="warning")
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def salon(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "server", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise RuntimeError(f"salon {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_database(env: dict[str, str]) -> None:
    salon(env, "migrate")
    salon(env, "demo")


class ServerProcess:
    """`salon serve` in a child process on a free port."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "ALLOWED_ORIGINS": self.url}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(f"/tmp/salon-test-server-{self.port}.log")

    def start(self, healthy: bool = True) -> ServerProcess:
        """Start, then wait until /healthz answers (with 200 when `healthy`, with anything otherwise)."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: self._answers(healthy), 30, f"salon serve on port {self.port} (log: {self.log})")
        return self

    def _answers(self, healthy: bool) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{self.log.read_text()}")
        try:
            status = httpx.get(f"{self.url}/healthz", timeout=3).status_code
        except httpx.HTTPError:
            return False
        return status == 200 or not healthy

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def restart(self) -> None:
        self.stop()
        time.sleep(0.2)
        self.start()


@contextlib.contextmanager
def demo_server(database_url: str, redis_url: str | None = None, **extra: str) -> Iterator[ServerProcess]:
    """A migrated demo database served by one `salon serve`, stopped on exit (module and session fixtures)."""
    env = base_env(database_url, redis_url, **extra)
    prepare_database(env)
    process = ServerProcess(env).start()
    try:
        yield process
    finally:
        process.stop()


async def pupil_token(base_url: str, code: str = "DEMO-3E") -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post("/api/auth/class", json={"class_code": code})
        response.raise_for_status()
        return response.json()  # type: ignore[no-any-return]


async def staff_token(base_url: str, email: str = "pro@demo.salon", password: str = "demo-salon") -> str:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": password})
        response.raise_for_status()
        return response.json()["token"]  # type: ignore[no-any-return]


class LiveClient:
    """A real Socket.IO client that keeps every event it receives, by name, for assertions."""

    def __init__(self, **client_options: Any) -> None:
        self.sio = socketio.AsyncClient(reconnection=False, **client_options)
        self.events: dict[str, list[Any]] = defaultdict(list)
        self._arrived = asyncio.Event()

        @self.sio.on("*")
        async def any_event(event: str, data: Any) -> None:
            self.events[event].append(data)
            self._arrived.set()

    async def connect(
        self, url: str, token: str | None, *, transports: list[str] | None = None, headers: dict[str, str] | None = None
    ) -> LiveClient:
        await self.sio.connect(
            url,
            auth={"token": token} if token else None,
            transports=transports or ["websocket"],
            headers=headers or {},
            wait_timeout=10,
        )
        return self

    async def call(self, event: str, data: Any = None, timeout: float = 10) -> Any:
        return await self.sio.call(event, data, timeout=timeout)

    async def join(self, room: str, since: int | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {"room": room}
        if since is not None:
            payload["since"] = since
        ack = await self.call("room:join", payload)
        assert ack["ok"], ack
        return ack  # type: ignore[no-any-return]

    async def send(self, room: str, text: str, client_id: str | None = None) -> dict[str, Any]:
        return await self.call(  # type: ignore[no-any-return]
            "chat:send", {"room": room, "text": text, "client_id": client_id or uuid.uuid4().hex}
        )

    async def wait_for(self, event: str, predicate: Any = lambda _: True, timeout: float = 10) -> Any:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for data in self.events[event]:
                if predicate(data):
                    return data
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"no {event!r} matching within {timeout} s; got {self.events[event]!r}")
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), remaining)

    async def close(self) -> None:
        await self.sio.disconnect()


async def demo_stand(base_url: str, *, staffed: bool, index: int = 0, event: str = "des-clics-des-metiers") -> int:
    """The id of a demo stand staffed (or not) by pro@demo.salon; `index` picks among them."""
    found = []
    async with httpx.AsyncClient(base_url=base_url) as http:
        for stand in (await http.get(f"/api/events/{event}/stands")).json():
            detail = (await http.get(f"/api/stands/{stand['id']}")).json()
            if bool(detail["staff"]) == staffed:
                found.append(int(stand["id"]))
    return found[index]
