"""The `salon` command as operators use it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import httpx

from tests.live import ROOT, ServerProcess, base_env, prepare_database, salon


def test_serve_refuses_several_workers_without_redis(tmp_path):
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    done = subprocess.run(
        [sys.executable, "-m", "server", "serve", "--workers", "2"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "REDIS_URL" in done.stderr


def test_production_without_a_secret_key_is_refused(tmp_path):
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", SALON_ENV="production")
    del env["SECRET_KEY"]
    done = subprocess.run(
        [sys.executable, "-m", "server", "migrate"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2 and "SECRET_KEY" in done.stderr


def test_demo_is_idempotent_and_prints_the_logins(tmp_path):
    db = tmp_path / "demo.db"
    env = base_env(f"sqlite+aiosqlite:///{db}")
    salon(env, "migrate")
    first = salon(env, "demo")
    counts = _counts(db)
    second = salon(env, "demo")
    assert _counts(db) == counts
    assert first == second
    assert "DEMO-3E" in first and "pro@demo.salon" in first and "demo-salon" in first
    assert counts["stands"] >= 28 and counts["talks"] >= 6 and counts["qa_rooms"] >= 3 and counts["quizzes"] >= 2
    assert counts["open_days"] >= 8 and counts["qa_room_cfas"] >= counts["qa_rooms"]


def test_demo_in_production_creates_no_demo_account(tmp_path):
    db = tmp_path / "prod.db"
    env = base_env(f"sqlite+aiosqlite:///{db}", SALON_ENV="production")
    salon(env, "migrate")
    assert "no demo accounts" in salon(env, "demo")
    assert _counts(db)["users"] == 0 and _counts(db)["classes"] == 0


def _counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = (
            "stands",
            "job_cards",
            "offers",
            "talks",
            "quizzes",
            "quiz_questions",
            "qa_rooms",
            "qa_room_cfas",
            "open_days",
            "rooms",
            "users",
            "classes",
        )
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_create_organiser_then_log_in(tmp_path):
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'orga.db'}")
    prepare_database(env)
    secret = tmp_path / "password"
    secret.write_text("un mot de passe solide\n")
    salon(env, "create-organiser", "Claire@Region.example", "--name", "Claire", "--password-file", str(secret))
    server = ServerProcess(env).start()
    try:
        response = httpx.post(
            f"{server.url}/api/auth/login",
            json={"email": "claire@region.example", "password": "un mot de passe solide"},
        )
        assert response.status_code == 200 and response.json()["role"] == "organiser"
    finally:
        server.stop()


def test_create_organiser_refuses_a_bad_email(tmp_path):
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'orga.db'}")
    salon(env, "migrate")
    secret = tmp_path / "password"
    secret.write_text("un mot de passe solide")
    done = subprocess.run(
        [sys.executable, "-m", "server", "create-organiser", "pas-un-email", "--password-file", str(secret)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "e-mail" in done.stderr
