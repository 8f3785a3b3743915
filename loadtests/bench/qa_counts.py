"""The stored vote counts of one Q&A room, for `python -m loadtests.bench talk-qa` (run after the load).

Prints one JSON object: question id -> {"votes": the `questions.votes` column, "rows": its `question_votes`
rows}. Every acknowledged vote counted exactly once means: acked == votes == rows, question by question.

    DATABASE_URL=... .venv/bin/python loadtests/bench/qa_counts.py talk:12
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from chat.models import Room  # noqa: E402
from server.config import load_settings  # noqa: E402
from server.db import create_engine, create_session_factory  # noqa: E402
from sessions.models import Question, QuestionVote  # noqa: E402


async def counts(room_name: str) -> dict[str, dict[str, int]]:
    engine = create_engine(load_settings().database_url)
    try:
        async with create_session_factory(engine)() as db:
            rows = (
                await db.exec(
                    select(Question.id, Question.votes, func.count(col(QuestionVote.user_id)))
                    .join(Room, col(Room.id) == Question.room_id)
                    .join(QuestionVote, col(QuestionVote.question_id) == Question.id, isouter=True)
                    .where(Room.name == room_name)
                    .group_by(col(Question.id), col(Question.votes))
                )
            ).all()
    finally:
        await engine.dispose()
    return {str(qid): {"votes": int(votes), "rows": int(n)} for qid, votes, n in rows}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(counts(sys.argv[1]))))
