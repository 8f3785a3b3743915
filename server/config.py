"""Settings, read once from the environment (names fixed by the public contract)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

DEV_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")
INSECURE_DEV_KEY = "salon-development-key-never-use-in-production"
DEFAULT_TEACHER_DOMAINS = ("ac-normandie.fr", "ac-nantes.fr", "ac-lille.fr", "ac-amiens.fr")


class ConfigError(RuntimeError):
    """The environment describes a deployment that cannot start."""


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = "sqlite+aiosqlite:///salon.db"
    redis_url: str | None = None
    secret_key: str = field(default="", repr=False)
    allowed_origins: tuple[str, ...] = DEV_ORIGINS
    log_level: str = "info"
    # Several deployments (or test runs) may share one Redis: channels and keys carry this prefix.
    redis_prefix: str = "salon"
    # Links in e-mails (staff invitations) start with this; defaults to the first allowed origin.
    public_url: str = DEV_ORIGINS[0]
    # smtp://[user:password@]host[:port]; without it e-mails are written to the log (development).
    smtp_url: str | None = None
    mail_from: str = "Salon <no-reply@salon.invalid>"
    # Engine.IO heartbeat: a ping every `ping_interval` s; no answer within `ping_timeout` s closes the socket.
    ping_interval: float = 25.0
    ping_timeout: float = 20.0
    # How often the talks' scheduler looks for state changes and reminders (sessions/scheduler.py).
    scheduler_interval: float = 1.0
    # E-mail domains whose teachers may sign up on their own (/inscription); "ac-*" allows every ac-<name>.fr.
    teacher_domains: tuple[str, ...] = DEFAULT_TEACHER_DOMAINS

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def fanout(self) -> str:
        return "redis" if self.redis_url else "memory"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if environ is None else environ)
    name = env.get("SALON_ENV", "development")
    if name not in ("development", "production", "test"):
        raise ConfigError(f"SALON_ENV must be development, production or test, not {name!r}")
    secret = env.get("SECRET_KEY", "")
    if not secret:
        if name != "development":
            raise ConfigError(f"SECRET_KEY is required when SALON_ENV={name}")
        # In development a fixed key keeps demo logins valid across restarts.
        secret = INSECURE_DEV_KEY
    origins = tuple(o.strip().rstrip("/") for o in env.get("ALLOWED_ORIGINS", "").split(",") if o.strip())
    return Settings(
        env=name,
        database_url=env.get("DATABASE_URL") or "sqlite+aiosqlite:///salon.db",
        redis_url=env.get("REDIS_URL") or None,
        secret_key=secret,
        allowed_origins=origins or DEV_ORIGINS,
        log_level=env.get("LOG_LEVEL", "info").lower(),
        redis_prefix=env.get("SALON_REDIS_PREFIX", "salon"),
        public_url=(env.get("SALON_PUBLIC_URL") or (origins or DEV_ORIGINS)[0]).rstrip("/"),
        smtp_url=env.get("SMTP_URL") or None,
        mail_from=env.get("MAIL_FROM") or "Salon <no-reply@salon.invalid>",
        ping_interval=_seconds(env, "SALON_PING_INTERVAL", 25.0),
        ping_timeout=_seconds(env, "SALON_PING_TIMEOUT", 20.0),
        scheduler_interval=_seconds(env, "SALON_SCHEDULER_INTERVAL", 1.0),
        teacher_domains=_domains(env.get("TEACHER_DOMAINS", "")),
    )


DOMAIN_RE = re.compile(r"^(ac-\*|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$")


def _domains(raw: str) -> tuple[str, ...]:
    """TEACHER_DOMAINS: comma-separated domains (a leading "@" is dropped); empty means the default list."""
    domains = tuple(d.strip().lower().removeprefix("@") for d in raw.split(",") if d.strip())
    for domain in domains:
        if not DOMAIN_RE.match(domain):
            raise ConfigError(f"TEACHER_DOMAINS: {domain!r} is not a domain name (nor ac-*)")
    return domains or DEFAULT_TEACHER_DOMAINS


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0.1 <= value <= 600:
        raise ConfigError(f"{name} must be between 0.1 and 600 seconds, not {raw!r}")
    return value
