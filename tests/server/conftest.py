"""Fixtures of the shell's tests: a server for the adults' accounts, which logs the mails it would send."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live import ServerProcess, demo_server
from tests.server.accounts_helpers import TEACHER_DOMAINS


@pytest.fixture(scope="session")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """Its own database and server: the mails are read from its log (LOG_LEVEL=info), and the sign-up and reset
    budgets its tests spend do not reach the other tests' server."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('accounts') / 'salon.db'}"
    with demo_server(url, LOG_LEVEL="info", TEACHER_DOMAINS=TEACHER_DOMAINS) as process:
        yield process
