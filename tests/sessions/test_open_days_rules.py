"""The open day form's rules (pure): a day within the year around the event, an end after the start, a place or
an https link, trades among the CFA's job cards."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sessions.open_days import parse_open_day, plausible_window
from stands.form_rules import FormInvalid

EVENT = (datetime(2027, 3, 1, 8, tzinfo=UTC), datetime(2027, 3, 14, 18, tzinfo=UTC))
WINDOW = plausible_window(*EVENT)


def form(**fields: str) -> dict[str, str]:
    return {"day": "2027-03-20", "starts_time": "09:00", "ends_time": "12:30", "place": "CFA, Valognes (50)", **fields}


def parse(data: dict[str, str], trades: list[str] | None = None):  # type: ignore[no-untyped-def]
    return parse_open_day(data, trades or [], allowed_trades={"F1703", "F1612"}, window=WINDOW)


def test_the_window_is_a_year_around_the_event():
    assert (date(2026, 3, 1), date(2028, 3, 13)) == WINDOW


def test_an_open_day_in_paris_time():
    values = parse(form(address="12 rue des Tailleurs, 50700 Valognes"), ["f1703", "F1612"])
    assert values["starts_at"] == datetime(2027, 3, 20, 8, 0, tzinfo=UTC)  # 09:00 in Paris (winter time)
    assert values["ends_at"] == datetime(2027, 3, 20, 11, 30, tzinfo=UTC)
    assert values["trades"] == ["F1612", "F1703"] and values["url"] == ""
    online = parse(form(place="", url="https://visio.example.org/po"))
    assert online["url"] == "https://visio.example.org/po" and online["place"] == ""


@pytest.mark.parametrize(
    ("fields", "trades", "field"),
    [
        ({"ends_time": "09:00"}, [], "ends_time"),  # end at the start
        ({"ends_time": "08:00"}, [], "ends_time"),  # end before the start
        ({"day": "2062-03-20"}, [], "day"),  # implausible
        ({"day": "2026-02-27"}, [], "day"),  # more than a year before
        ({"day": "20/03/2027"}, [], "day"),
        ({"day": ""}, [], "day"),
        ({"starts_time": "25:00"}, [], "starts_time"),
        ({"place": "", "url": ""}, [], "place"),  # neither place nor url
        ({"place": "", "address": "1 rue X"}, [], "place"),
        ({"url": "http://visio.example.org/po"}, [], "url"),
        ({"url": "javascript:alert(1)"}, [], "url"),
        ({"place": "Lieu\x00"}, [], "place"),
        ({}, ["A1101"], "trades"),  # not one of the CFA's job cards
        ({"day": "2027-03-28", "starts_time": "02:30", "ends_time": "04:00"}, [], "starts_time"),  # DST gap
    ],
)
def test_a_bad_open_day_is_refused_on_its_field(fields, trades, field):
    with pytest.raises(FormInvalid) as refused:
        parse(form(**fields), trades)
    assert field in refused.value.fields, refused.value.fields
