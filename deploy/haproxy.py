"""Render deploy/haproxy.cfg.template for a set of `salon serve` processes.

    python3 deploy/haproxy.py --server 10.0.0.11:8001 --server 10.0.0.11:8002 \\
        --tls-cert /etc/haproxy/certs/salon.pem > /etc/haproxy/haproxy.cfg
    python3 deploy/haproxy.py --example > deploy/haproxy.cfg      # the example in the repository

Two profiles share the template: `production` (TLS on :443, redirect from :80, Secure cookie, logs to
syslog, chroot and unprivileged user) and `local` (plain HTTP on one local port, logs on stdout), used by
`make loadtest` and the tests. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg.template"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

PRODUCTION_GLOBAL = """
    chroot /var/lib/haproxy
    user haproxy
    group haproxy
    daemon
    stats socket /run/haproxy/admin.sock mode 660 level admin
    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets"""
PRODUCTION_FRONTEND = (
    "\n    http-request redirect scheme https code 301 unless { ssl_fc }"
    '\n    http-response set-header Strict-Transport-Security "max-age=31536000"'
)
# What deploy/haproxy.cfg shows: two hosts with two processes each.
EXAMPLE_SERVERS = ("10.0.0.11:8001", "10.0.0.11:8002", "10.0.0.12:8001", "10.0.0.12:8002")
EXAMPLE_CERT = "/etc/haproxy/certs/salon.pem"


def server_lines(servers: list[str] | tuple[str, ...]) -> str:
    """One `server` line per process; its name is also its cookie value (s1, s2, ...)."""
    if not servers:
        raise ValueError("at least one server (HOST:PORT) is needed")
    lines = []
    for number, address in enumerate(servers, start=1):
        if not re.fullmatch(r"[\w.\-\[\]:]+:\d{1,5}", address):
            raise ValueError(f"not a HOST:PORT address: {address!r}")
        lines.append(f"    server s{number} {address} cookie s{number}")
    return "\n".join(lines)


def stats_block(stats_bind: str | None) -> str:
    if not stats_bind:
        return ""
    return f"\n\nfrontend stats\n    bind {stats_bind}\n    stats enable\n    stats uri /\n    stats refresh 10s"


def render(
    servers: list[str] | tuple[str, ...],
    *,
    profile: str = "production",
    bind: str | None = None,
    tls_cert: str = EXAMPLE_CERT,
    stats_bind: str | None = "127.0.0.1:8404",
    maxconn: int | None = None,
) -> str:
    """The configuration text. `bind` is the listening address (`:443` in production, where `:80`
    also listens to redirect; `127.0.0.1:PORT` locally)."""
    if profile == "production":
        values = {
            "log": "/dev/log local0",
            "maxconn": str(maxconn or 20000),
            "global_extra": PRODUCTION_GLOBAL,
            "binds": f"    bind :80\n    bind {bind or ':443'} ssl crt {tls_cert} alpn h2,http/1.1",
            "frontend_extra": PRODUCTION_FRONTEND,
            "cookie_secure": " secure",
        }
    elif profile == "local":
        if not bind:
            raise ValueError("the local profile needs bind=HOST:PORT")
        values = {
            # httplog lines are at "info": notice keeps server state changes and drops the request log.
            "log": "stdout format raw local0 notice",
            "maxconn": str(maxconn or 4096),
            "global_extra": "",
            "binds": f"    bind {bind}",
            "frontend_extra": "",
            "cookie_secure": "",
        }
    else:
        raise ValueError(f"unknown profile {profile!r} (production or local)")
    values["servers"] = server_lines(servers)
    values["stats"] = stats_block(stats_bind)
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def example() -> str:
    """deploy/haproxy.cfg, exactly."""
    return render(EXAMPLE_SERVERS, profile="production")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render Salon's HAProxy configuration.")
    parser.add_argument("--server", action="append", default=[], help="HOST:PORT of a salon serve process")
    parser.add_argument("--profile", choices=("production", "local"), default="production")
    parser.add_argument("--bind", help="listening address (production default :443)")
    parser.add_argument("--tls-cert", default=EXAMPLE_CERT, help="PEM with certificate and key (production)")
    parser.add_argument("--stats-bind", default="127.0.0.1:8404", help="HAProxy's stats page ('' for none)")
    parser.add_argument("--example", action="store_true", help="print deploy/haproxy.cfg")
    args = parser.parse_args(argv)
    try:
        if args.example:
            sys.stdout.write(example())
        else:
            sys.stdout.write(
                render(
                    args.server,
                    profile=args.profile,
                    bind=args.bind,
                    tls_cert=args.tls_cert,
                    stats_bind=args.stats_bind or None,
                )
            )
    except ValueError as exc:
        print(f"haproxy.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
