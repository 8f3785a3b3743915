"""server/formats.py: the one French form of times, dates, spans, numbers and name order."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from server.formats import (
    fr_dates,
    fr_day,
    fr_hours,
    fr_moment,
    fr_number,
    fr_period,
    fr_time,
    french_sort_key,
    jinja_helpers,
)
from server.timeutil import PARIS
from server.web import build_templates


def at(*args: int) -> datetime:
    """A Europe/Paris wall-clock moment."""
    return datetime(*args, tzinfo=PARIS)


def test_times_are_written_the_french_typographic_way():
    assert fr_time(at(2026, 12, 5, 9, 4)) == "9 h 04"
    assert fr_time(at(2026, 12, 5, 14, 0)) == "14 h 00"
    assert fr_time(time(0, 30)) == "0 h 30"


def test_stored_utc_moments_are_shown_in_paris_time():
    assert fr_time(datetime(2026, 12, 5, 8, 4, tzinfo=UTC)) == "9 h 04"  # winter: UTC+1
    assert fr_time(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == "14 h 00"  # summer: UTC+2
    assert fr_time(datetime(2026, 12, 5, 8, 4)) == "9 h 04"  # SQLite hands back naive UTC
    assert fr_day(datetime(2026, 12, 5, 23, 30, tzinfo=UTC)) == "dimanche 6 décembre"


def test_days():
    assert fr_day(date(2026, 12, 5)) == "samedi 5 décembre"
    assert fr_day(date(2026, 12, 5), year=True) == "samedi 5 décembre 2026"
    assert fr_day(date(2027, 3, 1)) == "lundi 1er mars"
    assert fr_day(date(2026, 8, 15), weekday=False) == "15 août"
    assert fr_moment(at(2026, 12, 5, 9, 4)) == "samedi 5 décembre 2026 à 9 h 04"


@pytest.mark.parametrize(
    ("starts", "ends", "text"),
    [
        pytest.param(date(2026, 12, 4), date(2026, 12, 6), "du vendredi 4 au dimanche 6 décembre 2026", id="month"),
        pytest.param(date(2026, 11, 30), date(2026, 12, 2), "du lundi 30 novembre au mercredi 2 décembre 2026"),
        pytest.param(
            date(2026, 12, 31), date(2027, 1, 1), "du jeudi 31 décembre 2026 au vendredi 1er janvier 2027", id="year"
        ),
        pytest.param(date(2026, 12, 5), date(2026, 12, 5), "le samedi 5 décembre 2026", id="one-day"),
        pytest.param(at(2026, 12, 4, 9, 0), at(2026, 12, 6, 18, 0), "du vendredi 4 au dimanche 6 décembre 2026"),
    ],
)
def test_spans_of_days_say_the_year_once(starts, ends, text):
    assert fr_dates(starts, ends) == text


def test_an_event_ending_at_midnight_ends_on_the_day_before():
    # Friday 00:00 to Monday 00:00, Paris: the last day is Sunday, never "au lundi 7 décembre".
    starts, ends = at(2026, 12, 4, 0, 0), at(2026, 12, 7, 0, 0)
    assert fr_dates(starts, ends) == "du vendredi 4 au dimanche 6 décembre 2026"
    assert fr_dates(starts, ends.astimezone(UTC)) == "du vendredi 4 au dimanche 6 décembre 2026"
    assert fr_period(starts, ends, capital=True) == "Du vendredi 4 au dimanche 6 décembre 2026"
    # One whole day, midnight to midnight, is that day.
    assert fr_dates(at(2026, 12, 5, 0, 0), at(2026, 12, 6, 0, 0)) == "le samedi 5 décembre 2026"
    # A minute past midnight is the next day.
    assert fr_dates(starts, at(2026, 12, 7, 0, 1)).endswith("au lundi 7 décembre 2026")


def test_periods_between_moments():
    assert fr_period(at(2026, 12, 5, 9, 0), at(2026, 12, 5, 12, 30)) == "le samedi 5 décembre 2026 de 9 h 00 à 12 h 30"
    assert fr_period(at(2026, 12, 5, 20, 0), at(2026, 12, 6, 0, 0)) == "le samedi 5 décembre 2026 de 20 h 00 à 24 h 00"
    assert (
        fr_period(at(2026, 12, 4, 9, 0), at(2026, 12, 6, 18, 0), capital=True)
        == "Du vendredi 4 décembre 2026 à 9 h 00 au dimanche 6 décembre 2026 à 18 h 00"
    )
    assert fr_hours(time(9, 0), time(12, 30)) == "de 9 h 00 à 12 h 30"


def test_numbers_group_thousands_with_a_narrow_no_break_space():
    assert fr_number(1234567) == "1\u202f234\u202f567"
    assert fr_number(42) == "42"


def test_names_sort_the_french_way():
    names = ["Boulangerie Hébert", "bâtir ensemble", "Zoo", "Écoles de la Manche", "Café", "cafe", "Bâtir"]
    assert sorted(names, key=french_sort_key) == [
        "Bâtir",
        "bâtir ensemble",
        "Boulangerie Hébert",
        "Café",
        "cafe",
        "Écoles de la Manche",
        "Zoo",
    ]
    # Plain code-point order, what SQL's ORDER BY gives, puts "Bâtir" after "Boulangerie".
    assert sorted(["Boulangerie", "Bâtir"]) == ["Boulangerie", "Bâtir"]
    assert sorted(["Boulangerie", "Bâtir"], key=french_sort_key) == ["Bâtir", "Boulangerie"]


def test_templates_get_the_helpers_as_filters_and_globals():
    env = build_templates().env
    for name in jinja_helpers():
        assert name in env.filters and name in env.globals
    page = env.from_string("{{ t|fr_time }} / {{ fr_dates(a, b, capital=true) }} / {{ d|fr_day }}")
    text = page.render(t=at(2026, 12, 5, 9, 4), a=at(2026, 12, 4, 0, 0), b=at(2026, 12, 7, 0, 0), d=date(2026, 12, 5))
    assert text == "9 h 04 / Du vendredi 4 au dimanche 6 décembre 2026 / samedi 5 décembre"


# ---------- Role labels (the one mapping; static/js/salon-dom.js repeats it) ----------


@pytest.mark.parametrize(
    ("author", "label"),
    [
        ({"role": "pupil"}, "Élève"),
        ({"role": "teacher"}, "Enseignant·e"),
        ({"role": "professional"}, "Professionnel·le"),
        ({"role": "cfa"}, "CFA"),
        ({"role": "counsellor"}, "Conseil en orientation"),
        ({"role": "ambassador"}, "Ambassadeur·rice"),
        ({"role": "ambassador", "is_minor": True}, "Ambassadeur·rice, moins de 18 ans"),
        ({"role": "professional", "is_minor": True}, "Professionnel·le"),
        ({"role": "organiser"}, "Organisation"),
        ({"role": "ambassador_minor"}, "Participant·e"),
        ({"role": "robot"}, "Participant·e"),
        ({}, "Participant·e"),
    ],
)
def test_role_labels(author, label):
    from server.formats import role_label

    assert role_label(author) == label
    assert jinja_helpers()["role_label"](author) == label


def test_the_scripts_mapping_is_the_same_as_the_pages():
    import re
    from pathlib import Path

    from server.formats import ROLE_LABELS, role_strings

    source = (Path(__file__).resolve().parents[2] / "static/js/salon-dom.js").read_text(encoding="utf-8")
    block = source.split("var ROLE_LABELS = {", 1)[1].split("};", 1)[0]
    assert dict(re.findall(r'(\w+): "([^"]+)"', block)) == ROLE_LABELS
    assert role_strings() == {f"role_{k}": v for k, v in ROLE_LABELS.items()}
