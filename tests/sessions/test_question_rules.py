"""The live Q&A's pure rules: who asks and moderates, moderation moves, ordering, what each viewer sees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.auth import Principal
from server.errors import DomainError
from sessions import question_rules as qr

PUPIL = Principal(id=1, name="Loutre curieuse 42", role="pupil", class_id=3)
TEACHER = Principal(id=2, name="Mme Prof", role="teacher", class_ids=frozenset({3}))
SPEAKER = Principal(id=3, name="Camille", role="professional", staff_stands=frozenset({10}))
OTHER_SPEAKER = Principal(id=4, name="Lou", role="professional", staff_stands=frozenset({11}))
CFA_STAFF = Principal(id=5, name="Nour", role="cfa", staff_stands=frozenset({20}))
ORGANISER = Principal(id=6, name="Orga", role="organiser", is_moderator=True)
MODERATOR = Principal(id=7, name="Modo", role="teacher", is_moderator=True)

TALK = qr.QARoomInfo("talk:1", "talk", speaker_ids=frozenset({3}))
QA = qr.QARoomInfo("qa:1", "qa", cfa_stand_ids=frozenset({20, 21}))


@pytest.mark.parametrize(
    ("who", "room", "allowed"),
    [
        (PUPIL, TALK, False),
        (TEACHER, TALK, False),
        (SPEAKER, TALK, True),
        (OTHER_SPEAKER, TALK, False),
        (CFA_STAFF, TALK, False),
        (ORGANISER, TALK, True),
        (MODERATOR, TALK, True),
        (PUPIL, QA, False),
        (SPEAKER, QA, False),  # staff of a stand outside the room
        (CFA_STAFF, QA, True),
        (ORGANISER, QA, True),
    ],
)
def test_who_moderates_questions(who, room, allowed):
    assert qr.can_moderate_questions(who, room) is allowed


def test_a_pupil_who_is_flagged_moderator_still_does_not_moderate():
    flagged = Principal(id=9, name="X", role="pupil", is_moderator=True)
    assert not qr.can_moderate_questions(flagged, TALK)


def test_pupils_and_adults_ask_in_talk_and_qa_rooms():
    for who in (PUPIL, TEACHER, SPEAKER, ORGANISER):
        assert qr.can_ask(who, TALK) and qr.can_ask(who, QA)
    assert not qr.can_ask(PUPIL, qr.QARoomInfo("stand:1", "stand"))


@pytest.mark.parametrize("name", ["stand:1", "thread:4", "talk:", "talk:x", "quiz:2", ""])
def test_only_talk_and_qa_rooms_hold_questions(name):
    with pytest.raises(DomainError) as caught:
        qr.room_kind(name)
    assert caught.value.code == "invalid"


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", ("pending", False, False), ("approved", False, False)),
        ("approve", ("rejected", False, False), ("approved", False, False)),
        ("reject", ("pending", False, False), ("rejected", False, False)),
        ("reject", ("approved", True, False), ("rejected", False, False)),
        ("pin", ("approved", False, False), ("approved", True, False)),
        ("unpin", ("approved", True, False), ("approved", False, False)),
        ("answered", ("approved", True, False), ("approved", True, True)),
    ],
)
def test_moderation_moves(action, before, after):
    assert qr.apply_action(action, *before) == after


@pytest.mark.parametrize("action", ["pin", "unpin", "answered"])
@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_pin_and_answered_need_a_published_question(action, status):
    with pytest.raises(DomainError) as caught:
        qr.apply_action(action, status, False, False)
    assert caught.value.code == "invalid"


def test_unknown_action_is_invalid():
    with pytest.raises(DomainError) as caught:
        qr.apply_action("delete", "approved", False, False)
    assert caught.value.code == "invalid"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_votes_only_on_published_questions(status):
    with pytest.raises(DomainError) as caught:
        qr.check_votable(status)
    assert caught.value.code == "invalid"
    qr.check_votable("approved")


def _q(id, votes=0, pinned=False, ts="2026-12-06T10:00:00+00:00", status="approved", author=1):
    return {"id": id, "votes": votes, "pinned": pinned, "ts": ts, "status": status, "author": {"id": author}}


def test_order_pinned_then_votes_then_time():
    questions = [
        _q(1, votes=1, ts="2026-12-06T10:00:00+00:00"),
        _q(2, votes=5, ts="2026-12-06T10:05:00+00:00"),
        _q(3, votes=0, pinned=True, ts="2026-12-06T10:09:00+00:00"),
        _q(4, votes=1, ts="2026-12-06T09:59:00+00:00"),
        _q(5, votes=5, ts="2026-12-06T10:06:00+00:00"),
    ]
    assert [q["id"] for q in qr.ordered(questions)] == [3, 2, 5, 4, 1]


def test_speaker_order_pending_first_oldest_first_then_published_then_rejected():
    questions = [
        _q(1, votes=9),
        _q(2, status="pending", ts="2026-12-06T10:05:00+00:00"),
        _q(3, status="rejected"),
        _q(4, status="pending", ts="2026-12-06T10:01:00+00:00"),
        _q(5, votes=2, pinned=True),
    ]
    assert [q["id"] for q in sorted(questions, key=qr.speaker_order_key)] == [4, 2, 5, 1, 3]


def test_what_each_viewer_sees():
    approved, pending, rejected = _q(1), _q(2, status="pending", author=7), _q(3, status="rejected", author=7)
    assert qr.visible_to(approved, None, False)
    assert not qr.visible_to(pending, None, False)
    assert not qr.visible_to(pending, 8, False)
    assert qr.visible_to(pending, 7, False)  # the asker, marked "en attente" by the pages
    assert not qr.visible_to(rejected, 7, False)
    assert qr.visible_to(pending, 8, True) and qr.visible_to(rejected, 8, True)


def test_the_talk_window_opens_a_quarter_before_and_closes_at_the_end():
    starts = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)
    ends = starts + timedelta(minutes=30)
    times = (starts, ends)
    assert not qr.qa_window_open("talk", starts - timedelta(minutes=16), talk_times=times, event_open=True)
    assert qr.qa_window_open("talk", starts - timedelta(minutes=15), talk_times=times, event_open=True)
    assert qr.qa_window_open("talk", ends - timedelta(seconds=1), talk_times=times, event_open=True)
    assert not qr.qa_window_open("talk", ends, talk_times=times, event_open=True)
    assert qr.qa_window_open("qa", ends, talk_times=None, event_open=True)
    assert not qr.qa_window_open("qa", starts, talk_times=None, event_open=False)
