"""The programme's rules: every clash refused with a message that names it, streams and replays by host,
audience and capacity; and the demo's talks pass them all."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from server import demo_data
from server.errors import DomainError
from server.timeutil import PARIS
from sessions.schedule_rules import (
    EventHours,
    Slot,
    audience_problem,
    capacity_problem,
    parse_replay,
    parse_stream,
    schedule_problems,
)


def paris(day: int, hhmm: str) -> datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime(2026, 12, day, hours, minutes, tzinfo=PARIS).astimezone(UTC)


EVENT = EventHours(paris(7, "00:00"), paris(10, "00:00"), time(9, 0), time(17, 0))
CAMILLE, KARIM = 11, 12
NAMES = {CAMILLE: "Camille Durand", KARIM: "Karim Benali"}
OTHER = Slot(paris(8, "10:00"), paris(8, "10:45"), "Grand amphi", frozenset({CAMILLE}), 5, "Les métiers de la mer")


def slot(start: str, end: str, track: str = "", speakers: frozenset[int] = frozenset(), day: int = 8) -> Slot:
    return Slot(paris(day, start), paris(day, end), track, speakers, None, "Nouvelle conférence")


def test_a_talk_that_fits_has_no_problem():
    assert schedule_problems(slot("11:00", "11:30", "Grand amphi", frozenset({CAMILLE})), EVENT, [OTHER], NAMES) == {}


def test_back_to_back_talks_in_one_track_with_one_speaker_are_fine():
    fits = slot("10:45", "11:15", "Grand amphi", frozenset({CAMILLE}))
    assert schedule_problems(fits, EVENT, [OTHER], NAMES) == {}


@pytest.mark.parametrize(("start", "end"), [("11:00", "10:30"), ("11:00", "11:00")])
def test_an_end_before_or_at_the_start_is_refused(start, end):
    problems = schedule_problems(slot(start, end), EVENT, [], NAMES)
    assert list(problems) == ["ends_at"]
    assert f"La fin ({end.lstrip('0').replace(':', ' h ')})" in problems["ends_at"]


def test_a_talk_outside_the_event_dates_names_the_period():
    problems = schedule_problems(slot("10:00", "11:00", day=12), EVENT, [], NAMES)
    assert problems["starts_at"].startswith("La conférence doit avoir lieu pendant l'événement")
    assert "lundi 7" in problems["starts_at"] and "mercredi 9 décembre 2026" in problems["starts_at"]


@pytest.mark.parametrize(("start", "end"), [("08:30", "09:30"), ("16:30", "17:30")])
def test_a_talk_outside_the_daily_hours_names_them(start, end):
    problems = schedule_problems(slot(start, end), EVENT, [], NAMES)
    assert problems == {
        "starts_at": "La conférence doit avoir lieu pendant les horaires d'ouverture de l'événement, "
        "de 9 h 00 à 17 h 00."
    }


def test_a_talk_across_two_days_is_refused_when_the_event_has_daily_hours():
    overnight = Slot(paris(8, "16:00"), paris(9, "10:00"), title="Nuit")
    assert "horaires d'ouverture" in schedule_problems(overnight, EVENT, [], NAMES)["starts_at"]
    all_day = EventHours(EVENT.starts_at, EVENT.ends_at)
    assert schedule_problems(overnight, all_day, [], NAMES) == {}


def test_a_speaker_in_two_talks_at_once_names_the_speaker_and_the_other_talk():
    problems = schedule_problems(
        slot("10:30", "11:00", "Salle atelier", frozenset({CAMILLE, KARIM})), EVENT, [OTHER], NAMES
    )
    assert problems == {
        "speaker_ids": "Camille Durand intervient déjà dans « Les métiers de la mer » à ce moment-là "
        "(le mardi 8 décembre 2026 de 10 h 00 à 10 h 45)."
    }


def test_two_talks_in_one_track_at_once_name_the_track_and_the_other_talk():
    problems = schedule_problems(slot("09:30", "10:15", " grand  AMPHI "), EVENT, [OTHER], NAMES)
    assert problems == {
        "track": "La salle « Grand amphi » accueille déjà « Les métiers de la mer » à ce moment-là "
        "(le mardi 8 décembre 2026 de 10 h 00 à 10 h 45)."
    }


def test_talks_without_a_track_never_clash_by_track():
    untracked = Slot(OTHER.starts_at, OTHER.ends_at, "", frozenset(), 6, "Sans salle")
    assert schedule_problems(slot("10:00", "10:30"), EVENT, [untracked], NAMES) == {}


def test_a_talk_does_not_clash_with_itself_when_edited():
    edited = Slot(OTHER.starts_at, OTHER.ends_at + timedelta(minutes=5), OTHER.track, OTHER.speaker_ids, 5, "x")
    assert schedule_problems(edited, EVENT, [OTHER], NAMES) == {}


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://www.youtube-nocookie.com/embed/aZ3kPq9LmN2", "youtube"),
        ("https://www.youtube.com/watch?v=aZ3kPq9LmN2", "youtube"),
        ("https://www.dailymotion.com/video/x8q4r2m", "dailymotion"),
        ("https://tube-sciences.apps.education.fr/w/9fJk2LmPq8RsT4uVw6XyZa", "peertube"),
        ("https://meet.jit.si/SalonDemo", "jitsi"),
        ("https://visio-jitsi.ac-normandie.fr/ClasseDe3eB", "jitsi"),
        ("https://bbb.example.org/b/sal-42", "bbb"),
        ("https://bigbluebutton.example.org/room42", "bbb"),
        ("https://visio.example.org/rooms/eolien/join", "bbb"),
        ("https://classes.example.org/b/abc-def", "bbb"),
    ],
)
def test_streams_of_every_accepted_kind(url, provider):
    stream = parse_stream(url)
    assert (stream.url, stream.provider) == (url, provider)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://vimeo.com/12345", "Les diffusions de vimeo.com ne sont pas acceptées"),
        ("https://zoom.us/j/123", "Les diffusions de zoom.us ne sont pas acceptées"),
        ("http://meet.jit.si/SalonDemo", "Le lien du salon Jitsi doit commencer par https://"),
        ("https://meet.jit.si/", "Ce lien Jitsi ne désigne pas un salon"),
        ("javascript:alert(1)", "doit commencer par https://"),
        ("https://www.youtube.com/watch?v=court", "Cette adresse YouTube ne désigne pas une vidéo"),
        ("https://bbb.example.org/b/a b", "ne doit pas contenir d'espace"),
        ("https://bbb.example.org/b/a\x00", "ne doit pas contenir d'espace"),
    ],
)
def test_unknown_or_malformed_streams_are_refused_with_a_reason(url, message):
    with pytest.raises(DomainError) as refused:
        parse_stream(url)
    assert refused.value.code == "invalid" and message in refused.value.message


def test_an_empty_stream_is_no_stream_and_a_long_one_is_too_long():
    assert parse_stream("  ").provider == ""
    with pytest.raises(DomainError) as refused:
        parse_stream("https://meet.jit.si/" + "a" * 300)
    assert refused.value.code == "too_long"


def test_replays_are_videos_only():
    assert parse_replay("https://www.dailymotion.com/video/x8q4r2m") == "https://www.dailymotion.com/video/x8q4r2m"
    assert parse_replay("") == ""
    with pytest.raises(DomainError) as refused:
        parse_replay("https://meet.jit.si/SalonDemo")
    assert refused.value.message.startswith("Rediffusion : Les vidéos de meet.jit.si ne sont pas acceptées")


def test_audience_and_capacity():
    assert audience_problem("lycee") is None and audience_problem("all") is None
    assert "Collège" in (audience_problem("primaire") or "")
    assert capacity_problem(None) is None and capacity_problem(1) is None and capacity_problem(10_000) is None
    assert capacity_problem(0) and capacity_problem(10_001)


def test_every_demo_talk_passes_the_rules():
    for slug, talks in demo_data.TALKS.items():
        slots = []
        for n, talk in enumerate(talks):
            hours, minutes = (int(x) for x in talk["start"].split(":"))
            start = datetime(2026, 12, 7 + talk["day"], hours, minutes, tzinfo=PARIS)
            slots.append(
                Slot(start, start + timedelta(minutes=talk["minutes"]), talk["track"], frozenset(), n, talk["title"])
            )
            assert talk["audience"] in ("all", "college", "lycee", "postbac")
            assert capacity_problem(talk["capacity_classes"]) is None
            parse_stream(talk["stream_url"])
            parse_replay(talk.get("replay_url", ""))
        event = EventHours(paris(7, "00:00"), paris(7, "00:00") + timedelta(days=15))
        for one in slots:
            assert schedule_problems(one, event, slots, {}) == {}, (slug, one.title)
    providers = {parse_stream(t["stream_url"]).provider for talks in demo_data.TALKS.values() for t in talks}
    assert {"youtube", "dailymotion", "peertube", "bbb", "jitsi"} <= providers
