"""The hot path of `chat:send`: a public room's message stored in one trip to the database.

Most messages go to stand, talk and Q&A rooms and need exactly two statements: take the room's next
`seq`, insert the message. Through the ORM, an async session and the aiosqlite adapter these cost
about 1.5 ms of the event loop's CPU per message (SQLAlchemy spends ~300 µs per statement on top of the
driver's ~40 µs, plus the session's connection checkout and reset; docs/performance.md). Here:

- SQLite: one thread owns one `sqlite3` connection; a message is one hop to that thread, which runs
  `BEGIN IMMEDIATE`, `UPDATE … RETURNING`, `INSERT … RETURNING`, `COMMIT`. `BEGIN IMMEDIATE` takes the
  write lock first, so the seq is serialised with every other writer (the ORM's sessions wait on the
  same lock through `busy_timeout`).
- PostgreSQL: one statement (`WITH r AS (UPDATE … RETURNING) INSERT … SELECT … FROM r`) on an asyncpg
  pool; a single statement is its own transaction, and the row lock of the UPDATE serialises senders.

Either way a duplicate `(author_id, client_id)` rolls the whole message back (the seq too) and raises
`DuplicateMessage`; the caller answers with the stored one. Messages that need more in the same
transaction (private threads, held messages with their audit entry) keep the ORM path in
`chat.service`. Both write the same columns in the same formats as the models.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Protocol

import asyncpg
from sqlalchemy.engine import make_url


class DuplicateMessage(Exception):
    """This author already sent a message with this client id."""


class MessageStore(Protocol):
    async def insert(
        self, *, room_id: int, author_id: int, client_id: str, text: str, redacted: bool, created_at: datetime
    ) -> tuple[int, int]:
        """Store a visible message; returns its (id, seq)."""
        ...

    async def close(self) -> None: ...


SQLITE_STEPS = (
    "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
    "INSERT INTO messages (room_id, seq, author_id, client_id, text, redacted, hidden, hidden_reason, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, 0, '', ?) RETURNING id",
)
# SQLAlchemy's SQLite DATETIME text format (server.models.UTCDateTime hands it UTC).
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"

POSTGRES_INSERT = """
WITH r AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
INSERT INTO messages (room_id, seq, author_id, client_id, text, redacted, hidden, hidden_reason, created_at)
SELECT $1, r.last_seq, $2, $3, $4, $5, false, '', $6 FROM r
RETURNING id, seq
"""


class SQLiteMessageStore:
    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        # One thread, one connection: sqlite3 objects stay on the thread that made them.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="salon-message-store")

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            connection = sqlite3.connect(self._path, isolation_level=None, timeout=30, check_same_thread=False)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
                connection.execute(f"PRAGMA {pragma}")
            self._connection = connection
        return self._connection

    def _insert(self, room_id: int, author_id: int, client_id: str, text: str, redacted: bool, at: str) -> tuple:
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            row = connection.execute(SQLITE_STEPS[0], (room_id,)).fetchone()
            if row is None:
                raise LookupError(f"room {room_id} does not exist")
            seq = row[0]
            (message_id,) = connection.execute(
                SQLITE_STEPS[1], (room_id, seq, author_id, client_id, text, int(redacted), at)
            ).fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return message_id, seq

    async def insert(
        self, *, room_id: int, author_id: int, client_id: str, text: str, redacted: bool, created_at: datetime
    ) -> tuple[int, int]:
        at = created_at.astimezone(UTC).strftime(SQLITE_DATETIME)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._thread, self._insert, room_id, author_id, client_id, text, redacted, at
            )
        except sqlite3.IntegrityError as exc:
            if "client_id" in str(exc):
                raise DuplicateMessage from exc
            raise

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._thread, self._close)
        self._thread.shutdown(wait=True)


class PostgresMessageStore:
    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def _get_pool(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=5)
        return self._pool

    async def insert(
        self, *, room_id: int, author_id: int, client_id: str, text: str, redacted: bool, created_at: datetime
    ) -> tuple[int, int]:
        pool = await self._get_pool()
        try:
            row = await pool.fetchrow(POSTGRES_INSERT, room_id, author_id, client_id, text, redacted, created_at)
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name == "uq_messages_author_client":
                raise DuplicateMessage from exc
            raise
        if row is None:
            raise LookupError(f"room {room_id} does not exist")
        return row["id"], row["seq"]

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


def open_store(database_url: str) -> MessageStore:
    """The store for this database URL (the same URL the engine uses)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("the message store needs an SQLite file, not an in-memory database")
        return SQLiteMessageStore(url.database)
    if url.get_backend_name() == "postgresql":
        return PostgresMessageStore(url.set(drivername="postgresql").render_as_string(hide_password=False))
    raise ValueError(f"no message store for {url.get_backend_name()}")
