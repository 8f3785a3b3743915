"""CPU per stored chat message, in process: `chat.service.send_message` called N times, nothing else.

    .venv/bin/python -m loadtests.store_bench [--messages 1400] [--database-url URL] [--source DIR]

What it measures: the work of storing a message in a public stand room (checks, redaction, the database
statements, building the event) without sockets or HTTP, as CPU time per message of the event loop's
thread and of the whole process (the database driver's threads included). Fans-out go to a Socket.IO
server with no client, so their cost is not in the figure. One JSON line on stdout.

- It prepares a fresh SQLite database in a temporary folder (`salon migrate`, `salon demo`), or uses
  `--database-url` (PostgreSQL: a database that `salon migrate` and `salon demo` may fill).
- Pupils of the demo class write in turn in the demo stand rooms, so no send budget is ever spent.
- `--source DIR` imports Salon from another checkout (e.g. `git worktree add /tmp/old <commit>`), to
  compare two states of the code with the same command.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def prepare(database_url: str, source: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "SALON_ENV": "development", "PYTHONPATH": str(source)}
    for command in ("migrate", "demo"):
        subprocess.run([sys.executable, "-m", "server", command], env=env, cwd=source, check=True, capture_output=True)


async def measure(database_url: str, messages: int) -> dict[str, Any]:
    from sqlmodel import select

    from chat import service
    from chat.models import Room
    from chat.moderation import MuteBook
    from chat.rooms import ChatDeps, RoomDirectory
    from server.auth import TokenSigner, join_class
    from server.config import load_settings
    from server.db import create_engine, create_session_factory
    from server.presence import MemoryPresence
    from server.ratelimit import MemoryLimiter
    from server.realtime import Hub, create_sio

    settings = load_settings({"DATABASE_URL": database_url, "SALON_ENV": "development"})
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)
    extra: dict[str, Any] = {}
    if any(f.name == "store" for f in dataclasses.fields(ChatDeps)):  # older checkouts have no store
        from chat.store import open_store

        extra["store"] = open_store(database_url)
    deps = ChatDeps(
        hub=Hub(create_sio(settings)),
        rooms=RoomDirectory(),
        limiter=MemoryLimiter(),
        presence=MemoryPresence(),
        mutes=MuteBook(),
        **extra,
    )
    writers = max(20, messages // 5)  # each pupil writes at most 5 times: well within the send budget
    async with sessions() as db:
        rooms = list((await db.exec(select(Room.name).where(Room.kind == "stand").limit(20))).all())
        pupils = [(await join_class(db, TokenSigner(settings.secret_key), "DEMO-3E"))[0] for _ in range(writers)]

    async def send(i: int) -> None:
        async with sessions() as db:
            await service.send_message(
                db,
                deps,
                pupils[i % writers],
                room_name=rooms[i % len(rooms)],
                text=f"Bonjour, est-ce qu'il faut le bac pour ce métier ? ({i})",
                client_id=uuid.uuid4().hex,
            )

    for i in range(20):  # warm-up: caches, statement compilation, connections
        await send(i)
    wall, cpu, loop_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    for i in range(20, 20 + messages):
        await send(i)
    wall, cpu, loop_cpu = time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - loop_cpu
    if "store" in extra:
        await extra["store"].close()
    await engine.dispose()
    return {
        "messages": messages,
        "loop_cpu_us_per_message": round(loop_cpu / messages * 1e6, 1),
        "process_cpu_us_per_message": round(cpu / messages * 1e6, 1),
        "wall_us_per_message": round(wall / messages * 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1400)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--source", type=Path, default=ROOT, help="the Salon checkout to measure")
    args = parser.parse_args(argv)
    source = args.source.resolve()
    sys.path.insert(0, str(source))
    with tempfile.TemporaryDirectory(prefix="salon-store-bench-") as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'salon.db'}"
        prepare(url, source)
        result = asyncio.run(measure(url, args.messages))
    result.update(
        bench="store",
        database=url.split(":", 1)[0].split("+", 1)[0],
        source=str(source),
        command="python -m loadtests.store_bench " + " ".join(argv if argv is not None else sys.argv[1:]),
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
