"""Alembic environment: the database comes from DATABASE_URL, the schema from the SQLModel tables."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import chat.models  # noqa: F401  (register tables)
import server.models  # noqa: F401
import sessions.models  # noqa: F401
import stands.models  # noqa: F401
from server.config import load_settings
from server.db import create_engine

target_metadata = SQLModel.metadata


def url() -> str:
    return context.config.get_main_option("sqlalchemy.url") or load_settings().database_url


def do_run_migrations(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode copies a table and drops the old one, which SQLite refuses while other tables' rows point
        # at it and foreign keys are enforced (server/db.py turns them on). Alembic's documented way: off for the
        # migration (the PRAGMA is a no-op inside a transaction, so it runs first), checked and back on after.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        if broken:
            raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")


async def run_async_migrations() -> None:
    engine = create_engine(url())
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_async_migrations())
