"""Written answers to questions: giving one (talks and CFA rooms) and editing one with its history kept. Each
action checks, stores, commits, then publishes the question as `question:update` (docs/protocol.md, "Live Q&A
(talks)" and "CFA Q&A rooms (live)").

In a CFA room an answer is signed with a CFA (`question_answers.stand_id`): the room's CFA stand that the
answerer staffs, or the one they pick when they staff several; moderators and organisers who staff none of
them answer unsigned. An answer by the question's claimer clears the claim."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat import rules
from server import conduct
from server.auth import Principal
from server.errors import DomainError
from server.timeutil import utcnow
from sessions import question_rules as qr
from sessions.models import Question, QuestionAnswer, QuestionAnswerRevision
from sessions.questions import QADeps, QARoom, event_of, publish_change, question_and_room
from stands.search import fold


def signing_stand(principal: Principal, room: QARoom, wanted: int | None) -> int | None:
    """The CFA an answer is signed with (pure): in a CFA room, `wanted` when given (it must be one of the
    room's CFAs that the answerer staffs, else `forbidden`), else the only one they staff, else the lowest id
    (their first); None in talks and for moderators who staff none of the room's CFAs."""
    if room.rules.kind != "qa":
        return None
    theirs = sorted(principal.staff_stands & room.rules.cfa_stand_ids)
    if wanted is not None:
        if wanted not in theirs:
            raise DomainError("forbidden", "Vous ne pouvez signer qu'au nom d'un CFA du salon dont vous faites partie.")
        return wanted
    return theirs[0] if theirs else None


async def _search_text(db: AsyncSession, question: Question, extra: str = "") -> str:
    """The question and its answers folded (`questions.search_text`, the FAQ's search fallback), read before
    the commit: the answers stored so far and `extra`, the one being added."""
    texts = (
        await db.exec(
            select(QuestionAnswer.text)
            .where(QuestionAnswer.question_id == question.id)
            .order_by(col(QuestionAnswer.id))
        )
    ).all()
    return fold(" ".join([question.text, *texts, extra]))


def _clean(text: str) -> tuple[str, bool]:
    cleaned = rules.clean_text(text)
    if not cleaned:
        raise DomainError("invalid", "La réponse est vide.")
    if len(cleaned) > rules.MAX_TEXT:
        raise DomainError("too_long", f"La réponse dépasse {rules.MAX_TEXT} caractères.")
    final, redacted = rules.redact(cleaned)
    words = rules.check_words(final)
    if words.held:
        raise DomainError("invalid", "Cette réponse contient des mots que le salon n'accepte pas.")
    return words.text, redacted or words.masked


def _check_open(room: QARoom) -> None:
    # A CFA room of a closed event takes no more answers (talks keep answering after their end).
    if room.rules.kind == "qa" and not room.window_open(utcnow()):
        raise DomainError("closed", "Le salon de questions est fermé.")


async def answer(
    db: AsyncSession,
    deps: QADeps,
    principal: Principal,
    *,
    question_id: int,
    text: str,
    client_id: str,
    stand_id: int | None = None,
) -> dict[str, Any]:
    """A written answer by the room's moderators, cleaned and redacted like chat; it marks the question
    answered (several answers per question are allowed). The word filter's held words refuse the answer
    (`invalid`, nothing stored). The same `client_id` from the same author returns the question as it is and
    publishes nothing."""
    question, room = await question_and_room(db, deps, question_id)
    if not qr.can_moderate_questions(principal, room.rules):
        raise DomainError("forbidden", "Seuls les intervenants et la modération répondent à ces questions.")
    previous = (
        await db.exec(
            select(QuestionAnswer).where(
                QuestionAnswer.author_id == principal.id, QuestionAnswer.client_id == client_id
            )
        )
    ).first()
    if previous is not None:
        return await event_of(db, await db.get(Question, previous.question_id) or question, room.name)
    await conduct.ensure_accepted(db, principal)  # staff answer pupils once they accepted the charte
    if question.status != qr.APPROVED:
        raise DomainError("invalid", "Validez d'abord la question pour y répondre.")
    _check_open(room)
    signed = signing_stand(principal, room, stand_id)
    final, redacted = _clean(text)
    now = utcnow()
    values: dict[str, Any] = {
        "answered": True,
        "answered_at": question.answered_at or now,
        "search_text": await _search_text(db, question, final),
    }
    if question.claimed_by == principal.id:
        values |= {"claimed_by": None, "claimed_at": None}
    try:
        db.add(
            QuestionAnswer(
                question_id=question_id,
                author_id=principal.id,
                client_id=client_id,
                text=final,
                redacted=redacted,
                created_at=now,
                stand_id=signed,
            )
        )
        await db.exec(update(Question).where(col(Question.id) == question_id).values(**values))
        await db.commit()
    except IntegrityError:
        await db.rollback()
        return await event_of(db, question, room.name)
    await db.refresh(question)
    payload = await event_of(db, question, room.name)
    await publish_change(db, deps, room, question, payload, was_public=True)
    return payload


async def edit(db: AsyncSession, deps: QADeps, principal: Principal, *, answer_id: int, text: str) -> dict[str, Any]:
    """Change an answer's text: its author, or a moderator or organiser (staff of the room's other CFAs may
    not rewrite a colleague's answer: `forbidden`). The text before is kept as a `question_answer_revisions`
    row; the answer shows "modifiée" (`edited`). The same text again changes nothing and publishes nothing."""
    found = await db.get(QuestionAnswer, answer_id)
    if found is None:
        raise DomainError("not_found", "Cette réponse n'existe pas.")
    question, room = await question_and_room(db, deps, found.question_id)
    if not qr.can_moderate_questions(principal, room.rules):
        raise DomainError("forbidden", "Seuls les intervenants et la modération répondent à ces questions.")
    if found.author_id != principal.id and not (principal.is_moderator or principal.is_organiser):
        raise DomainError("forbidden", "Seule la personne qui a répondu modifie cette réponse.")
    _check_open(room)
    final, redacted = _clean(text)
    if final == found.text:
        return await event_of(db, question, room.name)
    now = utcnow()
    db.add(QuestionAnswerRevision(answer_id=answer_id, text=found.text, edited_by=principal.id, created_at=now))
    found.text, found.redacted, found.updated_at = final, redacted, now
    db.add(found)
    await db.flush()
    question.search_text = await _search_text(db, question)
    db.add(question)
    await db.commit()
    await db.refresh(question)
    payload = await event_of(db, question, room.name)
    await publish_change(db, deps, room, question, payload, was_public=question.status == qr.APPROVED)
    return payload


async def revisions(db: AsyncSession, answer_id: int) -> list[QuestionAnswerRevision]:
    """An answer's earlier texts, oldest first."""
    return list(
        (
            await db.exec(
                select(QuestionAnswerRevision)
                .where(QuestionAnswerRevision.answer_id == answer_id)
                .order_by(col(QuestionAnswerRevision.id))
            )
        ).all()
    )
