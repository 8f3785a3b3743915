"""`pip install .` without extras gives a `salon` command that can migrate a database (its runtime
dependencies are all declared: greenlet, which SQLAlchemy's asyncio needs, once was not), and the build
raises no setuptools deprecation warning (the licence is an SPDX string).

It builds a fresh virtual environment from a copy of the sources, with the package index pip is configured
with (about 20 s with a local mirror)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "server", "stands", "chat", "sessions")


def test_an_install_without_extras_migrates_a_database(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-v", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    assert "SetuptoolsDeprecationWarning" not in install.stdout + install.stderr
    listed = subprocess.run([str(python), "-m", "pip", "list"], capture_output=True, text=True, check=True).stdout
    assert "pytest" not in listed and "locust" not in listed  # no extras

    database = tmp_path / "salon.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{database}", "SALON_ENV": "development"}
    env.pop("VIRTUAL_ENV", None)
    migrate = subprocess.run(
        [str(env_dir / "bin" / "salon"), "migrate"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    with sqlite3.connect(database) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"alembic_version", "events", "stands", "users", "messages"} <= tables
