"""The on-demand session of the hot socket events, on a real SQLite database."""

from __future__ import annotations

from sqlalchemy import text

from server.db import create_engine, create_session_factory, on_demand_session


async def test_a_session_is_built_only_when_used_and_closed_after(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'lazy.db'}")
    built = []
    factory = create_session_factory(engine)

    def counting():
        built.append(factory())
        return built[-1]

    try:
        async with on_demand_session(counting) as db:
            pass
        assert built == [] and not db.opened
        async with on_demand_session(counting) as db:
            assert (await db.exec(text("SELECT 40 + 2"))).scalar_one() == 42
            assert db.opened
        assert len(built) == 1 and not db.opened
        assert engine.pool.checkedout() == 0  # the connection went back to the pool
    finally:
        await engine.dispose()
