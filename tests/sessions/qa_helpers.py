"""CFA Q&A rooms written straight into a test database after `salon demo`: a fresh room per test (its own
CFAs among the demo's stands, possibly in an event that is over), and question rows changed by hand (an old
claim, an old question)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlmodel import select

from server.timeutil import utcnow
from sessions.models import Question
from sessions.service import save_qa_room
from stands import service as fair
from stands.models import Event, Stand
from tests.sessions.talks import database

QUINZAINE = "quinzaine-apprentissage"
# pro@demo.salon and pro2@demo.salon staff the first; pro@demo.salon alone the second (demo_data's demo_staff).
BOTH_STAFF_CFA = "CFA Pierre et Bois du Cotentin"
PRO_ONLY_CFA = "CFA des Métiers de Bouche du Bessin"
OTHER_CFA = "CFA des Chantiers de la Risle"


async def make_qa_room(database_url: str, cfas: list[str], *, closed: bool = False) -> int:
    """A new room of the Quinzaine (or of a finished event) with these CFAs; its `qa_rooms` id."""
    async with database(database_url) as db:
        event = (await db.exec(select(Event).where(Event.slug == QUINZAINE))).one()
        if closed:
            now = utcnow()
            event = await fair.save_event(
                db,
                slug=f"fini-{uuid.uuid4().hex[:8]}",
                title="Une quinzaine terminée",
                description="",
                region="Normandie",
                starts_at=now - timedelta(days=20),
                ends_at=now - timedelta(days=5),
            )
        stands = [(await db.exec(select(Stand).where(Stand.name == name))).one() for name in cfas]
        # A unique cluster and title: save_qa_room finds an existing room by either (the demo's renamed clusters).
        suffix = uuid.uuid4().hex[:8]
        room = await save_qa_room(
            db, event, cluster=f"Pôle de test {suffix}", title=f"Salon de test {suffix}", cfas=stands
        )
        await db.commit()
        assert room.id is not None
        return room.id


async def set_question(database_url: str, question_id: int, **fields: Any) -> None:
    async with database(database_url) as db:
        question = await db.get(Question, question_id)
        assert question is not None
        for key, value in fields.items():
            setattr(question, key, value)
        db.add(question)
        await db.commit()


async def stand_id(database_url: str, name: str) -> int:
    async with database(database_url) as db:
        found = (await db.exec(select(Stand.id).where(Stand.name == name))).one()
        return int(found)
