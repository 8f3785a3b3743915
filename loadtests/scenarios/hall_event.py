"""A big event for the hall's N+1 guard and benchmark: N stands with job cards, offers, staffed hours and
logos, built with the project's service functions (and the models where no service writes them yet).

    DATABASE_URL=sqlite+aiosqlite:///salon.db .venv/bin/python -m loadtests.scenarios.hall_event --stands 200

The database must be migrated. Prints one JSON object: the event's slug, its stand count and the hall paths
the benchmark requests. Idempotent: stands are matched by name, hours and logos are not added twice.

Stand i (from 0) is of kind i mod 5, sector i mod 10 and department i mod 5 of Normandy; it has two job
cards; stands with an even i have an offer, every third one a staffed slot now, every fourth one a logo.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import load_settings
from server.db import create_engine, create_session_factory
from server.timeutil import utcnow
from stands import service as fair
from stands.models import Event, Media, StandHours
from stands.sectors import KINDS, SECTORS

DEFAULT_SLUG = "salon-des-200-stands"
DEPARTMENTS = ["14", "27", "50", "61", "76"]
CITIES = ["Caen", "Évreux", "Saint-Lô", "Alençon", "Rouen"]
JOBS = [
    ("Chaudronnier / Chaudronnière", "H2902"),
    ("Développeur / Développeuse web", "M1805"),
    ("Aide-soignant / Aide-soignante", "J1501"),
    ("Maçon / Maçonne", "F1703"),
    ("Cuisinier / Cuisinière", "G1602"),
    ("Électricien / Électricienne du bâtiment", "F1602"),
    ("Conducteur / Conductrice de poids lourd", "N4101"),
    ("Vendeur / Vendeuse en magasin", "D1214"),
    ("Agriculteur / Agricultrice", "A1416"),
    ("Technicien / Technicienne de maintenance éolienne", "I1602"),
    ("Matelot / Matelote à la pêche", "A1415"),
]
# The hall pages the benchmark asks for besides the first one: a search, filters, a later page.
FILTERED_QUERIES = ["q=metiers", "q=M1805", "sector=industrie&offers=1", "department=14&open_now=1", "page=5"]


def stand_name(i: int) -> str:
    return f"Stand {i + 1:04d} — Métiers de l'atelier {CITIES[i % len(CITIES)]}"


async def _logo(db: AsyncSession, slug: str, i: int) -> int:
    data = f"logo {slug} {i}".encode()
    sha = hashlib.sha256(data).hexdigest()
    media = (await db.exec(select(Media).where(Media.sha256 == sha))).first()
    if media is None:
        media = Media(sha256=sha, content_type="image/png", size=len(data), data=data)
        db.add(media)
        await db.flush()
    assert media.id is not None
    return media.id


async def seed_hall_event(
    db: AsyncSession, *, stands: int, slug: str = DEFAULT_SLUG, now: datetime | None = None
) -> Event:
    """The event `slug` with `stands` stands (committed)."""
    now = now or utcnow()
    event = await fair.save_event(
        db,
        slug=slug,
        title=f"Salon des {stands} stands",
        description="Un grand salon pour mesurer le hall.",
        region="Normandie",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=2),
    )
    kinds, sectors = list(KINDS), list(SECTORS)
    for i in range(stands):
        fields: dict[str, Any] = {
            "kind": kinds[i % len(kinds)],
            "sector": sectors[i % len(sectors)],
            "department": DEPARTMENTS[i % len(DEPARTMENTS)],
            "city": CITIES[i % len(CITIES)],
            "description": "Stand ajouté pour les mesures du hall.",
        }
        if i % 4 == 0:
            fields["logo_id"] = await _logo(db, slug, i)
        stand = await fair.save_stand(db, event, name=stand_name(i), **fields)
        jobs = [JOBS[i % len(JOBS)], JOBS[(i + 3) % len(JOBS)]]
        offers = [{"kind": "stage-3e", "title": "Stage d'observation de 3e"}] if i % 2 == 0 else []
        await fair.replace_stand_content(
            db, stand, job_cards=[{"title": t, "rome_code": r} for t, r in jobs], offers=offers
        )
        if i % 3 == 0 and (await db.exec(select(StandHours).where(StandHours.stand_id == stand.id))).first() is None:
            db.add(StandHours(stand_id=stand.id, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=8)))
    await db.commit()
    return event


async def main_async(slug: str, stands: int) -> dict[str, Any]:
    engine = create_engine(load_settings().database_url)
    try:
        async with create_session_factory(engine)() as db:
            await seed_hall_event(db, stands=stands, slug=slug)
    finally:
        await engine.dispose()
    hall = f"/events/{slug}"
    return {"event": slug, "stands": stands, "hall": hall, "filtered": [f"{hall}?{q}" for q in FILTERED_QUERIES]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stands", type=int, default=200, help="stands in the event")
    parser.add_argument("--slug", default=DEFAULT_SLUG, help="the event's slug")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args.slug, args.stands))))


if __name__ == "__main__":
    main()
