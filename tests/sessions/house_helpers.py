"""Rooms and FAQ questions written straight into a test database after `salon demo` (as the rooms editor and the
answers' service would): a room of its own per test module, answered questions signed with one of its CFAs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import select

from chat.models import Room
from server.models import User
from sessions.faq import refresh_search_text
from sessions.models import Question, QuestionAnswer
from sessions.service import save_qa_room
from stands.models import Event, Stand
from tests.sessions.talks import database

QUINZAINE = "quinzaine-apprentissage"
CFA = "CFA Pierre et Bois du Cotentin"  # staffed by pro@demo.salon

# (question, answers, status): the FAQ's fixture, with accents, a plural and an unanswered question.
FIXTURE = [
    (
        "Quels métiers peut-on apprendre en apprentissage au CFA ?",
        ["Maçon, tailleur de pierre et menuisier."],
        "approved",
    ),
    (
        "Combien gagne un apprenti maçon ?",
        ["Entre 27 % et 100 % du Smic selon l'âge et l'année. Le métier s'apprend en deux ans."],
        "approved",
    ),
    ("Faut-il faire un stage avant ?", ["Oui : un stage de découverte aide beaucoup."], "approved"),
    ("Quels métiers recrutent le plus ? (en attente)", [], "pending"),
    ("Les métiers du bois, c'est dur ? (refusée)", ["Pas plus qu'ailleurs."], "rejected"),
]


@dataclass
class FAQRoom:
    room_id: int  # QARoom.id
    questions: dict[str, int]  # question text → id
    cfa_id: int


async def make_faq_room(url: str) -> FAQRoom:
    async with database(url) as db:
        event = (await db.exec(select(Event).where(Event.slug == QUINZAINE))).one()
        cfa = (await db.exec(select(Stand).where(Stand.event_id == event.id, Stand.name == CFA))).one()
        author = (await db.exec(select(User).where(User.email == "prof@demo.salon"))).one()
        staff = (await db.exec(select(User).where(User.email == "pro@demo.salon"))).one()
        label = f"Tests {uuid.uuid4().hex[:8]}"
        room = await save_qa_room(db, event, cluster=label, title=f"Salle {label}", cfas=[cfa])
        chat_room = (await db.exec(select(Room).where(Room.name == f"qa:{room.id}"))).one()
        ids = {}
        for text, answers, status in FIXTURE:
            question = Question(
                room_id=chat_room.id,  # type: ignore[arg-type]
                author_id=author.id,  # type: ignore[arg-type]
                client_id=uuid.uuid4().hex,
                text=text,
                status=status,
                answered=bool(answers),
            )
            db.add(question)
            await db.flush()
            for answer in answers:
                db.add(
                    QuestionAnswer(
                        question_id=question.id,  # type: ignore[arg-type]
                        author_id=staff.id,  # type: ignore[arg-type]
                        client_id=uuid.uuid4().hex,
                        text=answer,
                        stand_id=cfa.id,
                    )
                )
            await db.flush()
            await refresh_search_text(db, question.id)  # type: ignore[arg-type]
            ids[text] = question.id
        await db.commit()
        return FAQRoom(room.id, ids, cfa.id)  # type: ignore[arg-type]
