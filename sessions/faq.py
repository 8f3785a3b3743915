"""A CFA room's FAQ: its answered, approved questions with their answers (signed with the CFA), searchable.

Search is accent- and case-insensitive. Every question keeps `search_text`: the question and its answers
folded by `fold_for_search` (lower case, accents and ligatures removed). The query is folded the same way, so
neither side carries accents:
- on PostgreSQL, full text with the `french` configuration (stemming, stop words):
  `to_tsvector('french', search_text) @@ plainto_tsquery('french', <folded query>)`. `unaccent` is not needed
  (both sides are already folded) and never required: no superuser step at run time;
- on SQLite, a simpler fallback over the same column: each significant word of the query (French stop words
  left out, a plural's final s or x dropped) must appear in `search_text`.
Both give the same results on the fixtures of tests/sessions/test_faq.py ("metiers", "Métier", "apprentissage").

The answers' service (sessions/answers.py) calls `refresh_search_text(db, question_id)` after each answer or
edit, before its commit; the FAQ also refreshes, before a search, any answered question whose text is empty.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text as sql_text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from chat.models import Room
from server.errors import DomainError
from server.i18n import gettext as _
from server.web import render, services
from sessions.models import QARoom, Question, QuestionAnswer
from sessions.qa_rooms import cluster_label, faq_visible, get_room, room_cards
from sessions.schedule_rules import MAX_ID
from stands.models import Event, Stand

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"})
MAX_QUERY = 200
# Words plainto_tsquery('french', …) leaves out, folded: the SQLite fallback leaves them out too.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "c",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "j",
        "la",
        "le",
        "les",
        "leur",
        "l",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "m",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "t",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "etre",
        "avoir",
        "fait",
        "suis",
        "es",
        "sont",
        "ai",
        "as",
        "avons",
        "avez",
        "ont",
    ]
)


def fold(text: str) -> str:
    """Lower case, no accents nor ligatures, spaces collapsed: "Métiers  de l'Œnologie" → "metiers de l'oenologie"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def fold_for_search(question: str, answers: list[str]) -> str:
    """What `Question.search_text` holds: the question and its answers, folded (pure)."""
    return fold("\n".join([question, *answers]))


def query_words(query: str) -> list[str]:
    """The significant words of a folded query, as the SQLite fallback looks for them."""
    words = []
    for word in "".join(c if c.isalnum() else " " for c in fold(query)).split():
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        words.append(word)
    return words


async def refresh_search_text(db: AsyncSession, question_id: int) -> None:
    """Bring the question's `search_text` up to date with its text and answers (no commit: call it in the
    answer's own transaction, before the commit)."""
    question = await db.get(Question, question_id)
    if question is None:
        return
    answers = (
        await db.exec(
            select(QuestionAnswer.text)
            .where(QuestionAnswer.question_id == question_id)
            .order_by(col(QuestionAnswer.id))
        )
    ).all()
    question.search_text = fold_for_search(question.text, list(answers))
    db.add(question)
    await db.flush()


def _is_postgres(db: AsyncSession) -> bool:
    return db.get_bind().dialect.name == "postgresql"


async def _chat_room_id(db: AsyncSession, room: QARoom) -> int | None:
    return (await db.exec(select(Room.id).where(Room.name == f"qa:{room.id}"))).first()


async def search(db: AsyncSession, room: QARoom, query: str = "") -> list[Question]:
    """The room's FAQ questions matching `query` (all of them when it is empty), most voted first."""
    chat_id = await _chat_room_id(db, room)
    if chat_id is None:
        return []
    base = select(Question).where(Question.room_id == chat_id, faq_visible())
    stale = (await db.exec(base.where(Question.search_text == ""))).all()
    if stale:
        for question in stale:
            await refresh_search_text(db, question.id)  # type: ignore[arg-type]
        await db.commit()
    folded = fold(query)
    if folded:
        if _is_postgres(db):
            base = base.where(
                sql_text("to_tsvector('french', questions.search_text) @@ plainto_tsquery('french', :faq_query)")
            ).params(faq_query=folded)
        else:
            for word in query_words(folded):
                escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                base = base.where(col(Question.search_text).like(f"%{escaped}%", escape="\\"))
    order = (col(Question.pinned).desc(), col(Question.votes).desc(), col(Question.id))
    return list((await db.exec(base.order_by(*order))).all())


@dataclass
class FAQEntry:
    question: Question
    answers: list[dict[str, Any]] = field(default_factory=list)


async def entries(db: AsyncSession, questions: list[Question]) -> list[FAQEntry]:
    ids = [q.id for q in questions]
    answers = (
        (
            await db.exec(
                select(QuestionAnswer)
                .where(col(QuestionAnswer.question_id).in_(ids))
                .order_by(col(QuestionAnswer.created_at), col(QuestionAnswer.id))
            )
        ).all()
        if ids
        else []
    )
    stand_ids = sorted({a.stand_id for a in answers if a.stand_id})
    names = (
        dict((await db.exec(select(Stand.id, Stand.name).where(col(Stand.id).in_(stand_ids)))).all())
        if stand_ids
        else {}
    )
    by_question: dict[int, list[dict[str, Any]]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(
            {
                "id": answer.id,
                "text": answer.text,
                "cfa": names.get(answer.stand_id, "") if answer.stand_id else "",
                "at": answer.updated_at or answer.created_at,
                "edited": answer.updated_at is not None,
            }
        )
    return [FAQEntry(q, by_question.get(q.id, [])) for q in questions]  # type: ignore[arg-type]


# ---------- Pages ----------


async def faq_page(request: Request) -> Response:
    raw = request.query_params.get("q", "")
    if "\x00" in raw:
        raise DomainError("invalid", _("La recherche contient un caractère interdit."))
    query = " ".join(raw.split())[:MAX_QUERY]
    async with services(request).sessions() as db:
        room = await get_room(db, request.path_params["room_id"])
        event = await db.get(Event, room.event_id)
        assert event is not None
        (card,) = await room_cards(db, event.id, room_ids=[room.id])  # type: ignore[arg-type,list-item]
        found = await entries(db, await search(db, room, query))
        total = len(await search(db, room)) if query else len(found)
    return await render(
        request,
        "sessions/faq.html",
        {
            "event": {"slug": event.slug, "title": event.title},
            "room": card,
            "cluster_label": cluster_label(room.cluster),
            "query": query,
            "entries": found,
            "total": total,
        },
    )


async def question_link(request: Request) -> Response:
    """One question's address: its place in its room's FAQ (or its talk's page)."""
    question_id = request.path_params["question_id"]
    unknown = DomainError("not_found", _("Cette question n'existe pas ou n'a pas encore de réponse publique."))
    if not 1 <= question_id <= MAX_ID:
        raise unknown
    async with services(request).sessions() as db:
        row = (
            await db.exec(
                select(Question, Room.name)
                .join(Room, col(Room.id) == col(Question.room_id))
                .where(Question.id == question_id, faq_visible())
            )
        ).first()
    if row is None:
        raise unknown
    _question, name = row
    kind, _sep, number = name.partition(":")
    if kind == "qa":
        return RedirectResponse(f"/qa-rooms/{number}/faq#question-{question_id}", status_code=303)
    if kind == "talk":
        return RedirectResponse(f"/talks/{number}#question-{question_id}", status_code=303)
    raise unknown


routes = [
    Route("/qa-rooms/{room_id:int}/faq", faq_page),
    Route("/questions/{question_id:int}", question_link),
]
