"""The back office's talk form (pure): Paris times, end day, speakers, guests, capacity, one message per field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sessions.talk_forms import form_errors, parse_talk
from stands.form_rules import FormInvalid

BASE = {"title": "Métiers du bois", "starts_on": "2026-12-07", "starts_time": "10:00", "ends_time": "10:45"}


def test_a_complete_form_becomes_the_service_values():
    values = parse_talk(
        {
            **BASE,
            "description": " Deux\r\nlignes ",
            "track": "  Grand   amphi ",
            "audience": "college",
            "capacity_classes": "1 200",
            "stand_id": "7",
            "premoderated": "1",
            "guest_speakers": "Léa Vautier, soudeuse\n\n   Karim  Benhamou \n",
            "stream_url": " https://meet.jit.si/Essai ",
        },
        ["4", "3", "4"],
    )
    assert values["starts_at"] == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # Paris is UTC+1 in December
    assert values["ends_at"] == datetime(2026, 12, 7, 9, 45, tzinfo=UTC)
    assert (values["track"], values["description"], values["audience"]) == ("Grand amphi", "Deux\nlignes", "college")
    assert (values["capacity_classes"], values["stand_id"], values["premoderated"]) == (1200, 7, True)
    assert values["speaker_ids"] == [3, 4] and values["guest_speakers"] == ["Léa Vautier, soudeuse", "Karim Benhamou"]
    assert values["stream_url"] == "https://meet.jit.si/Essai"


def test_an_end_on_another_day_and_the_defaults():
    values = parse_talk({**BASE, "starts_time": "22:00", "ends_on": "2026-12-08", "ends_time": "01:00"}, [])
    assert values["ends_at"] == datetime(2026, 12, 8, 0, 0, tzinfo=UTC)
    assert (values["audience"], values["capacity_classes"], values["premoderated"]) == ("all", None, False)
    assert values["stand_id"] is None and values["speaker_ids"] == []


@pytest.mark.parametrize(
    ("changes", "speakers", "field", "message"),
    [
        ({"title": ""}, [], "title", "obligatoire"),
        ({"starts_on": ""}, [], "starts_on", "Indiquez le jour"),
        ({"starts_time": "25:00"}, [], "starts_on", "Indiquez le jour"),
        ({"ends_time": ""}, [], "ends_time", "Indiquez l'heure de fin"),
        ({"starts_on": "2027-03-28", "starts_time": "02:30"}, [], "starts_on", "n'existe pas à Paris"),
        ({"capacity_classes": "0"}, [], "capacity_classes", "entre 1 et 10 000"),
        ({"capacity_classes": "douze"}, [], "capacity_classes", "entre 1 et 10 000"),
        ({"audience": "primaire"}, [], "audience", "Choisissez un public"),
        ({"stand_id": "-1"}, [], "stand_id", "Choisissez un stand"),
        ({}, ["1", "x"], "speaker_ids", "Choisissez qui intervient"),
        ({}, [str(2**31)], "speaker_ids", "Choisissez qui intervient"),
        ({"guest_speakers": "\n".join(f"Invité {n}" for n in range(13))}, [], "guest_speakers", "au plus 12"),
        ({"stream_url": "https://meet.jit.si/a\x00"}, [], "stream_url", "caractère interdit"),
    ],
)
def test_each_faulty_field_has_its_message(changes, speakers, field, message):
    with pytest.raises(FormInvalid) as refused:
        parse_talk({**BASE, **changes}, speakers)
    assert field in refused.value.fields and message in refused.value.fields[field]


def test_the_service_fields_are_shown_on_the_form_fields():
    assert form_errors({"starts_at": "a", "ends_at": "b", "track": "c"}) == {
        "starts_on": "a",
        "ends_time": "b",
        "track": "c",
    }
