"""Benchmark set-up on a database that `salon migrate` and `salon demo` prepared (run by loadtests/bench.py).

Adds, with the project's own service functions, what the demo fair lacks for a load test:
- enough stand rooms in the demo event for N clients at 40 per room (`stands.service.save_stand`),
- a few adult writer accounts for the talk scenario (`server.accounts.save_adult`): pupils may not write
  in talk rooms, and one adult may store 30 messages per 15 s, so a 5 msg/s stream needs several.

Prints one JSON object: the stand rooms (demo stands first, then the added ones), the talk room,
the writers' logins and a few stand ids for the HTTP scenario. Idempotent.

    DATABASE_URL=... .venv/bin/python loadtests/bench/setup_db.py --rooms 200 --writers 4
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlmodel import col, select  # noqa: E402

from chat.models import Room  # noqa: E402
from server.accounts import save_adult  # noqa: E402
from server.config import load_settings  # noqa: E402
from server.db import create_engine, create_session_factory  # noqa: E402
from stands import service as fair  # noqa: E402
from stands.hall import list_stands  # noqa: E402

EVENT = "des-clics-des-metiers"
WRITER_PASSWORD = "bench-salon-writer"


async def setup(rooms: int, writers: int) -> dict[str, object]:
    settings = load_settings()
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as db:
            event = await fair.event_by_slug(db, EVENT)
            existing = await list_stands(db, event)
            for i in range(len(existing), rooms):
                await fair.save_stand(
                    db,
                    event,
                    name=f"Stand de charge {i + 1:05d}",
                    kind="company",
                    sector="industrie",
                    department="14",
                    city="Caen",
                    description="Stand ajouté par loadtests/bench.py pour les mesures de charge.",
                )
            logins = []
            for i in range(writers):
                email = f"bench-writer-{i + 1}@bench.salon"
                await save_adult(
                    db,
                    email=email,
                    password=WRITER_PASSWORD,
                    name=f"Intervenant·e {i + 1} (charge)",
                    role="professional",
                )
                logins.append({"email": email, "password": WRITER_PASSWORD})
            await db.commit()
            stand_rooms = (
                await db.exec(
                    select(Room.name, Room.stand_id)
                    .where(Room.event_id == event.id, Room.kind == "stand")
                    .order_by(col(Room.id))
                )
            ).all()
            talk_room = (
                await db.exec(
                    select(Room.name).where(Room.event_id == event.id, Room.kind == "talk").order_by(col(Room.id))
                )
            ).first()
    finally:
        await engine.dispose()
    return {
        "event": EVENT,
        "stand_rooms": [name for name, _ in stand_rooms],
        "demo_stand_ids": [stand_id for name, stand_id in stand_rooms][: len(existing)],
        "talk_room": talk_room,
        "writers": logins,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rooms", type=int, default=0, help="stand rooms wanted in the demo event")
    parser.add_argument("--writers", type=int, default=0, help="adult writer accounts for the talk scenario")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(setup(args.rooms, args.writers))))


if __name__ == "__main__":
    main()
