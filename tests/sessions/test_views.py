"""The programme's API and iCalendar files through a real server: the talks with their new fields, and .ics
files parsed back with `icalendar` (one VEVENT per talk, zoned times with their VTIMEZONE, stable UIDs, the
talk page's URL), per event, talk and class."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
import pytest
from icalendar import Calendar

from sessions.calendar import class_calendar_key
from tests.live import TEST_SECRET
from tests.stands.backoffice_helpers import browser

SLUG = "des-clics-des-metiers"
LIVE_TITLE = "Rencontre un pro : posez vos questions en direct"


@pytest.fixture
async def http(server):
    async with httpx.AsyncClient(base_url=server.url) as client:
        yield client


async def test_the_talks_api_keeps_its_keys_and_adds_the_programme(http):
    talks = (await http.get(f"/api/events/{SLUG}/talks")).json()
    assert len(talks) >= 6
    for talk in talks:
        assert {"id", "title", "starts_at", "ends_at", "stand_id", "speakers", "description", "room"} <= set(talk)
        assert {"track", "audience", "capacity_classes", "registered_classes", "stream_provider", "state"} <= set(talk)
        assert talk["state"] in ("upcoming", "live", "ended") and isinstance(talk["speaker_accounts"], list)
        assert datetime.fromisoformat(talk["starts_at"]).utcoffset() is not None
    live = next(t for t in talks if t["title"] == LIVE_TITLE)
    assert live["state"] == "live" and live["track"] == "Plateau en direct"
    assert live["speakers"][0] == "Camille Durand (démo)"
    (account,) = live["speaker_accounts"]
    assert account["name"] == "Camille Durand (démo)" and account["stand_name"] == "Chaudronnerie Varin-Lecoq"
    assert isinstance(account["stand_id"], int) and live["registered_classes"] >= 1
    guests = next(t for t in talks if t["title"].startswith("Souder, plier"))
    assert guests["speakers"][0].startswith("Léa Vautier") and guests["speaker_accounts"] == []
    assert {t["stream_provider"] for t in talks} >= {"youtube", "dailymotion", "peertube", "bbb", "jitsi"}


def parse(response: httpx.Response) -> Calendar:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


async def test_the_event_calendar_has_one_zoned_event_per_talk_with_stable_uids(server, http):
    talks = (await http.get(f"/api/events/{SLUG}/talks")).json()
    first = parse(await http.get(f"/api/events/{SLUG}/talks.ics"))
    second = parse(await http.get(f"/api/events/{SLUG}/talks.ics"))
    assert str(first["VERSION"]) == "2.0" and "Salon" in str(first["PRODID"])
    assert [str(tz["TZID"]) for tz in first.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = first.walk("VEVENT")
    assert len(events) == len(talks)
    host = re.sub(r"^https?://|:\d+$", "", server.url)
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {f"talk-{t['id']}@{host}" for t in talks}
    assert {str(e["UID"]) for e in second.walk("VEVENT")} == set(by_uid)
    for talk in talks:
        event = by_uid[f"talk-{talk['id']}@{host}"]
        assert event["DTSTART"].params["TZID"] == "Europe/Paris" and event["DTEND"].params["TZID"] == "Europe/Paris"
        # iCalendar times have whole seconds; talks made by other tests through the service may carry microseconds.
        assert event.decoded("DTSTART") == datetime.fromisoformat(talk["starts_at"]).replace(microsecond=0)
        assert event.decoded("DTEND") == datetime.fromisoformat(talk["ends_at"]).replace(microsecond=0)
        assert str(event["SUMMARY"]) == talk["title"] and "DTSTAMP" in event
        assert str(event["URL"]) == f"{server.url}/talks/{talk['id']}"
        assert str(event.get("LOCATION", "")) == talk["track"]
        assert talk["description"] in str(event["DESCRIPTION"])


async def test_one_talk_as_a_calendar(server, http):
    talk = (await http.get(f"/api/events/{SLUG}/talks")).json()[0]
    calendar = parse(await http.get(f"/talks/{talk['id']}.ics"))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == talk["title"] and calendar.walk("VTIMEZONE")
    assert (await http.get("/talks/99999999.ics")).status_code == 404


async def test_a_class_calendar_needs_its_key(server, http):
    async with browser(server.url, "prof@demo.salon") as prof:
        page = (await prof.get("/classe/programme")).text
    path = re.search(r'href="(/api/classes/(\d+)/talks.ics\?key=([0-9a-f]{32}))"', page)
    assert path
    calendar = parse(await http.get(path.group(1)))
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert LIVE_TITLE in titles and any(t.startswith("Pêche, ports") for t in titles)
    class_id, key = path.group(2), path.group(3)
    for bad in (
        f"/api/classes/{class_id}/talks.ics",
        f"/api/classes/{class_id}/talks.ics?key={'0' * 32}",
        f"/api/classes/{int(class_id) + 1000}/talks.ics?key={key}",
        f"/api/classes/{2**40}/talks.ics?key={key}",
        f"/api/classes/{class_id}/talks.ics?key=%C3%A9%00",
    ):
        response = await http.get(bad)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert key == class_calendar_key(TEST_SECRET, int(class_id))  # an HMAC with the server's SECRET_KEY


async def test_unknown_events_are_not_found_in_the_contract_shape(http):
    for path in ("/api/events/nope/talks", "/api/events/nope/talks.ics"):
        response = await http.get(path)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
