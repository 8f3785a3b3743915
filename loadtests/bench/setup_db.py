"""Benchmark set-up on a database that `salon migrate` and `salon demo` prepared (run by loadtests/bench.py).

Adds, with the project's own service functions, what the demo fair lacks for a load test:
- enough stand rooms in the demo event for N clients at 40 per room (`stands.service.save_stand`),
- a few adult writer accounts for the talk scenario (`server.accounts.save_adult`): pupils may not write
  in talk rooms, and one adult may store 30 messages per 15 s, so a 5 msg/s stream needs several;
- with `--qa-talk`, a talk under way for the talk-qa scenario (`sessions.service.save_talk`): started ten
  minutes ago, ending in three hours, **not pre-moderated**, so that a question reaches the room when it is
  stored (the demo's own talks keep their times and settings).

Prints one JSON object: the stand rooms (demo stands first, then the added ones), the talk room,
the writers' logins, a few stand ids for the HTTP scenario and the Q&A talk's room. Idempotent.

    DATABASE_URL=... .venv/bin/python loadtests/bench/setup_db.py --rooms 200 --writers 4 [--qa-talk]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlmodel import col, select  # noqa: E402

from chat.models import Room  # noqa: E402
from server import conduct  # noqa: E402
from server.accounts import save_adult  # noqa: E402
from server.config import load_settings  # noqa: E402
from server.db import create_engine, create_session_factory  # noqa: E402
from server.timeutil import utcnow  # noqa: E402
from sessions.service import save_talk  # noqa: E402
from stands import service as fair  # noqa: E402
from stands.hall import list_stands  # noqa: E402

EVENT = "des-clics-des-metiers"
WRITER_PASSWORD = "bench-salon-writer"
QA_TALK = "Conférence de charge : questions en direct"


async def setup(rooms: int, writers: int, qa_talk: bool = False) -> dict[str, object]:
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
                writer = await save_adult(
                    db,
                    email=email,
                    password=WRITER_PASSWORD,
                    name=f"Intervenant·e {i + 1} (charge)",
                    role="professional",
                )
                # Writers answer at once: they have accepted the code of conduct (server/conduct.py).
                writer.conduct_version, writer.conduct_accepted_at = conduct.VERSION, utcnow()
                db.add(writer)
                logins.append({"email": email, "password": WRITER_PASSWORD})
            qa_room = None
            if qa_talk:
                now = utcnow()
                talk = await save_talk(
                    db,
                    event,
                    title=QA_TALK,
                    starts_at=now - timedelta(minutes=10),
                    ends_at=now + timedelta(hours=3),
                    description="Conférence ajoutée par loadtests/bench.py pour mesurer les questions en direct.",
                    premoderated=False,
                    announced_state="live",
                )
                qa_room = f"talk:{talk.id}"
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
        "qa_room": qa_room,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rooms", type=int, default=0, help="stand rooms wanted in the demo event")
    parser.add_argument("--writers", type=int, default=0, help="adult writer accounts for the talk scenario")
    parser.add_argument("--qa-talk", action="store_true", help="a live, not pre-moderated talk for talk-qa")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(setup(args.rooms, args.writers, args.qa_talk))))


if __name__ == "__main__":
    main()
