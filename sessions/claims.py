"""Claims on CFA room questions: a staff member takes a question so that colleagues of the room's other CFAs
do not answer it twice. The claim is a compare-and-set in the database, so two workers racing for one
question leave exactly one winner:

    UPDATE questions SET claimed_by = :me, claimed_at = :now
     WHERE id = :id AND (claimed_by IS NULL OR claimed_by = :me OR claimed_at < :now - 30 min)

A claim lapses 30 minutes after `claimed_at` without an answer (nothing sweeps it: the condition above and
the payloads' `claimed_until` read the time); an answer by the claimer clears it (sessions/answers.py).
Claiming again renews one's own claim. Each change is committed, then published as `question:update`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from server.auth import Principal
from server.errors import DomainError
from server.models import User
from server.timeutil import aware, utcnow
from sessions import qa_room_rules as qar
from sessions import question_rules as qr
from sessions.models import Question
from sessions.questions import QADeps, QARoom, event_of, publish_change, question_and_room


async def _check(db: AsyncSession, deps: QADeps, principal: Principal, question_id: int) -> tuple[Question, QARoom]:
    question, room = await question_and_room(db, deps, question_id)
    if room.rules.kind != "qa":
        raise DomainError("invalid", "Seules les questions des salons CFA se réservent.")
    if not qr.can_moderate_questions(principal, room.rules):
        raise DomainError("forbidden", "Seule l'équipe des CFA du salon réserve ses questions.")
    if not room.window_open(utcnow()):
        raise DomainError("closed", "Le salon de questions est fermé.")
    if question.status != qr.APPROVED:
        raise DomainError("invalid", "Validez d'abord la question pour la réserver.")
    return question, room


async def claim(db: AsyncSession, deps: QADeps, principal: Principal, *, question_id: int) -> dict[str, Any]:
    """Take (or renew) the claim; `conflict` naming who holds it otherwise."""
    question, room = await _check(db, deps, principal, question_id)
    now = utcnow()
    won = (
        await db.exec(
            update(Question)
            .where(
                col(Question.id) == question_id,
                or_(
                    col(Question.claimed_by).is_(None),
                    col(Question.claimed_by) == principal.id,
                    col(Question.claimed_at) < now - qar.CLAIM_LAPSE,
                ),
            )
            .values(claimed_by=principal.id, claimed_at=now)
            .returning(col(Question.id))
        )
    ).first()
    await db.commit()
    await db.refresh(question)
    if won is None:
        holder = await db.get(User, question.claimed_by) if question.claimed_by is not None else None
        name = holder.name if holder is not None else "une autre personne"
        raise DomainError("conflict", f"{name} a déjà réservé cette question.")
    payload = await event_of(db, question, room.name)
    await publish_change(db, deps, room, question, payload, was_public=True)
    return payload


async def release(db: AsyncSession, deps: QADeps, principal: Principal, *, question_id: int) -> dict[str, Any]:
    """Give one's claim back (a claim held by someone else: `conflict`; none: nothing changes)."""
    question, room = await _check(db, deps, principal, question_id)
    now = utcnow()
    holder = qar.claim_holder(question.claimed_by, _aware(question.claimed_at), now)
    if holder is None:
        return await event_of(db, question, room.name)
    if holder != principal.id and not (principal.is_moderator or principal.is_organiser):
        other = await db.get(User, holder)
        raise DomainError("conflict", f"{other.name if other else 'Une autre personne'} a réservé cette question.")
    await db.exec(
        update(Question)
        .where(col(Question.id) == question_id, col(Question.claimed_by) == holder)
        .values(claimed_by=None, claimed_at=None)
    )
    await db.commit()
    await db.refresh(question)
    payload = await event_of(db, question, room.name)
    await publish_change(db, deps, room, question, payload, was_public=True)
    return payload


def _aware(value: datetime | None) -> datetime | None:
    return aware(value) if value is not None else None
