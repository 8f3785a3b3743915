"""The store benchmark runs from the repository and really stores what it counts."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

from sqlmodel import func, select

from chat.models import Message
from server.db import create_engine, create_session_factory
from tests.live import ROOT


async def test_store_bench_prints_one_json_line_and_stores_every_message(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bench.db'}"
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "loadtests.store_bench", "--messages", "30", "--database-url", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["bench"] == "store" and result["messages"] == 30
    assert 0 < result["loop_cpu_us_per_message"] <= result["process_cpu_us_per_message"]
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            stored = (await db.exec(select(func.count()).select_from(Message))).one()
    finally:
        await engine.dispose()
    assert stored == 30 + 20  # the measured messages and the warm-up
