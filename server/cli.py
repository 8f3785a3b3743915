"""The `salon` command: serve, migrate, demo, create-organiser, import, export, digest."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from pathlib import Path

from server.config import ConfigError, load_settings


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if not os.environ.get("ALLOWED_ORIGINS"):
        # The default origins follow the address actually served (make run PORT=9000 keeps working).
        hosts = {"127.0.0.1", "localhost"} | ({args.host} if args.host not in ("0.0.0.0", "::") else set())
        os.environ["ALLOWED_ORIGINS"] = ",".join(f"http://{h}:{args.port}" for h in sorted(hosts))
    settings = load_settings()
    if args.workers > 1 and not settings.redis_url:
        print(
            "salon serve: --workers above 1 needs REDIS_URL, so that the workers share rooms and presence.",
            file=sys.stderr,
        )
        return 2
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # permessage-deflate costs ~300 KiB and real CPU per connection; chat frames are small.
        ws_per_message_deflate=False,
        # Engine.IO pings every socket itself (every 25 s, server/realtime.py); uvicorn's own websocket pings
        # would double that traffic and its timers for nothing.
        ws_ping_interval=None,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_config=None,
        log_level=settings.log_level,
        timeout_graceful_shutdown=5,
    )
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    from server.migrate import upgrade

    upgrade(load_settings().database_url)
    print("Database schema is up to date.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from server.demo import load_demo

    summary = asyncio.run(load_demo(load_settings(), reset=args.reset))
    print(summary)
    return 0


def cmd_create_organiser(args: argparse.Namespace) -> int:
    from server.accounts import create_adult

    if args.password_file:
        password = Path(args.password_file).read_text(encoding="utf-8").strip()
    else:
        password = getpass.getpass("Mot de passe : ")
        if password != getpass.getpass("Encore une fois : "):
            print("Les deux mots de passe diffèrent.", file=sys.stderr)
            return 1
    name = args.name or args.email.split("@")[0]
    try:
        asyncio.run(create_adult(load_settings(), email=args.email, password=password, name=name, role="organiser"))
    except ValueError as exc:
        print(f"salon create-organiser: {exc}", file=sys.stderr)
        return 1
    print(f"Organiser {args.email} is ready.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from stands.import_cli import run_import

    return asyncio.run(
        run_import(load_settings(), args.event, args.file, dry_run=args.dry_run, out=sys.stdout, err=sys.stderr)
    )


def cmd_export(args: argparse.Namespace) -> int:
    from stands.import_cli import run_export

    return asyncio.run(run_export(load_settings(), args.event, args.file, out=sys.stdout, err=sys.stderr))


def cmd_digest(args: argparse.Namespace) -> int:
    from server.db import create_engine, create_session_factory
    from sessions.qa_live import digest_body, send_digests

    settings = load_settings()

    async def run() -> list:
        engine = create_engine(settings.database_url)
        try:
            async with create_session_factory(engine)() as db:
                return await send_digests(db, settings, dry_run=args.dry_run)
        finally:
            await engine.dispose()

    mails = asyncio.run(run())
    for mail in mails:
        print(f"== {mail.stand_name}: {len(mail.questions)} question(s) to {', '.join(mail.to)}")
        if args.dry_run:
            print(digest_body(mail, settings.public_url))
    verb = "would be sent" if args.dry_run else "sent"
    print(f"{len(mails)} digest(s) {verb}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="salon", description="Salon: live virtual career fairs.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1", help="proxies trusted for X-Forwarded-For")
    serve.set_defaults(func=cmd_serve)

    commands.add_parser("migrate", help="bring the database schema up to date").set_defaults(func=cmd_migrate)

    demo = commands.add_parser("demo", help="load the demo fair (idempotent)")
    demo.add_argument("--reset", action="store_true", help="first delete every chat message and every pupil account")
    demo.set_defaults(func=cmd_demo)

    organiser = commands.add_parser("create-organiser", help="create an organiser account")
    organiser.add_argument("email")
    organiser.add_argument("--name", default="")
    organiser.add_argument("--password-file")
    organiser.set_defaults(func=cmd_create_organiser)

    imports = commands.add_parser("import", help="import stands, staff and job cards from a CSV file")
    imports.add_argument("event", help="the event's slug")
    imports.add_argument("file", help="the CSV file (see docs/operations.md)")
    imports.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imports.set_defaults(func=cmd_import)

    export = commands.add_parser("export", help="write the event's stands as a CSV file the import reads back")
    export.add_argument("event", help="the event's slug")
    export.add_argument("file", nargs="?", help="where to write (default: standard output)")
    export.set_defaults(func=cmd_export)

    digest = commands.add_parser("digest", help="e-mail each CFA the questions waiting more than a day (once a day)")
    digest.add_argument("--dry-run", action="store_true", help="print the digests, send and record nothing")
    digest.set_defaults(func=cmd_digest)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"salon: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
