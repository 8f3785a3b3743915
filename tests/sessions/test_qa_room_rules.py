"""The CFA rooms' pure rules: claims and their lapse, "Nouvelle réponse", similar questions (accents, stop
words), the digest's selection, waiting labels and the median time to a first answer on known times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chat.permissions import RoomInfo
from server.auth import Principal
from server.errors import DomainError
from sessions import qa_room_rules as qar
from sessions import question_rules as qr
from sessions.answers import signing_stand
from sessions.questions import QARoom

T0 = datetime(2027, 3, 8, 9, 0, tzinfo=UTC)


def test_a_claim_holds_thirty_minutes() -> None:
    assert qar.claim_holder(7, T0, T0 + timedelta(minutes=29, seconds=59)) == 7
    assert qar.claim_holder(7, T0, T0 + timedelta(minutes=30)) is None
    assert qar.claim_holder(None, None, T0) is None
    assert qar.claim_until(T0) == T0 + timedelta(minutes=30)
    assert qar.may_claim(7, T0, 7, T0 + timedelta(minutes=1))  # renewing one's own
    assert not qar.may_claim(7, T0, 8, T0 + timedelta(minutes=1))
    assert qar.may_claim(7, T0, 8, T0 + timedelta(minutes=31))


def test_new_answer_is_after_the_last_visit() -> None:
    assert qar.has_new_answer([T0 + timedelta(minutes=1)], T0)
    assert not qar.has_new_answer([T0 - timedelta(minutes=1)], T0)
    assert not qar.has_new_answer([T0], None)  # a first visit: nothing was seen, nothing is "new"
    assert not qar.has_new_answer([], T0)


def q(i: int, text: str, votes: int = 0) -> dict:
    return {"id": i, "text": text, "votes": votes, "ts": f"2027-03-08T09:0{i}:00+00:00"}


def test_similar_questions_fold_accents_and_skip_small_words() -> None:
    room = [
        q(1, "Quel salaire pour un apprenti pâtissier ?"),
        q(2, "Les horaires en pâtisserie sont-ils durs ?", votes=3),
        q(3, "Faut-il le permis de conduire ?"),
    ]
    # One word each: the most "moi aussi" first; "pâtisserie" shares its first six letters with "patissier".
    assert [x["id"] for x in qar.similar("PATISSIER", room)] == [2, 1]
    assert [x["id"] for x in qar.similar("salaire pâtissier", room)] == [1, 2]
    assert [x["id"] for x in qar.similar("Est-ce qu'il faut le", room)] == []
    assert qar.similar("", room) == []
    assert [x["id"] for x in qar.similar("Permis", room, limit=1)] == [3]


def test_the_digest_lists_questions_waiting_over_a_day_once_a_day() -> None:
    assert qar.waiting_for_digest(T0 - timedelta(hours=25), False, False, T0)
    assert not qar.waiting_for_digest(T0 - timedelta(hours=23), False, False, T0)
    assert not qar.waiting_for_digest(T0 - timedelta(days=3), True, False, T0)
    assert not qar.waiting_for_digest(T0 - timedelta(days=3), False, True, T0)
    assert qar.digest_due(None, T0)
    assert not qar.digest_due(T0 - timedelta(hours=23), T0)
    assert qar.digest_due(T0 - timedelta(hours=24), T0)


def test_waiting_labels() -> None:
    assert qar.waiting_label(T0, T0 + timedelta(minutes=3)) == "3 min"
    assert qar.waiting_label(T0, T0 + timedelta(hours=2, minutes=5)) == "2 h 05"
    assert qar.waiting_label(T0, T0 + timedelta(days=4, hours=1)) == "4 j"


def test_median_time_to_first_answer_on_known_times() -> None:
    pairs = [
        (T0, T0 + timedelta(minutes=10)),
        (T0, T0 + timedelta(minutes=30)),
        (T0, T0 + timedelta(hours=2)),
        (T0, None),  # never answered: not counted
        (T0, T0 + timedelta(minutes=20)),
    ]
    assert qar.median_minutes(pairs) == 25.0  # 10, 20, 30, 120
    assert qar.median_minutes(pairs[:3]) == 30.0
    assert qar.median_minutes([(T0, None)]) is None
    assert qar.median_minutes([]) is None


def test_duration_labels() -> None:
    assert qar.duration_label(None) == "—"
    assert qar.duration_label(25.0) == "25 min"
    assert qar.duration_label(245.4) == "4 h 05"
    assert qar.duration_label(3 * 24 * 60 + 130) == "3 j 2 h"


def test_resolve_needs_a_published_question() -> None:
    assert qr.apply_action("resolve", "approved", True, False) == ("approved", True, False)
    with pytest.raises(DomainError):
        qr.apply_action("resolve", "pending", False, False)


def principal(stands: set[int], moderator: bool = False) -> Principal:
    return Principal(id=5, role="professional", name="Pro", staff_stands=frozenset(stands), is_moderator=moderator)


def room(cfas: set[int], kind: str = "qa") -> QARoom:
    info = RoomInfo(id=1, name=f"{kind}:1", kind=kind, event_id=1, stand_id=None, title="t", opens_at=T0, closes_at=T0)
    return QARoom(info, qr.QARoomInfo(f"{kind}:1", kind, cfa_stand_ids=frozenset(cfas)), None)


def test_an_answer_is_signed_with_a_cfa_of_the_room_the_answerer_staffs() -> None:
    assert signing_stand(principal({3, 9}), room({3, 4}), None) == 3
    assert signing_stand(principal({3, 4}), room({3, 4}), 4) == 4
    assert signing_stand(principal({3, 4}), room({3, 4}), None) == 3
    assert signing_stand(principal(set(), moderator=True), room({3, 4}), None) is None
    assert signing_stand(principal({3}), room({3}, kind="talk"), None) is None
    with pytest.raises(DomainError) as refused:
        signing_stand(principal({3, 9}), room({3, 4}), 9)
    assert refused.value.code == "forbidden"
