"""Open days through a real server: a CFA's staff publish them from "Mon stand" (organisers may edit any, others
may not), refusals store nothing, and the API, the filtered guide and the iCalendar files show them."""

from __future__ import annotations

import html
import uuid
from datetime import timedelta

import icalendar
import pytest

from server.timeutil import PARIS, utcnow
from sessions.models import OpenDay
from tests.sessions.talks import count_rows
from tests.stands.backoffice_helpers import browser, error_summary

JSON = {"Accept": "application/json"}
SLUG = "quinzaine-apprentissage"
OWN_CFA = "CFA Pierre et Bois du Cotentin"  # staffed by pro@demo.salon, in the Manche (50)
OTHER_CFA = "CFA des Métiers de Bouche du Bessin"  # Calvados (14)
FOREIGN_CFA = "CFA Santé et Accompagnement de Rouen Rive Gauche"  # no demo account on its staff


@pytest.fixture(scope="module")
async def cfas(server) -> dict[str, int]:
    async with browser(server.url) as anonymous:
        stands = (await anonymous.get(f"/api/events/{SLUG}/stands", params={"kind": "cfa"}, headers=JSON)).json()
    return {s["name"]: s["id"] for s in stands}


def day_form(days_ahead: int = 5, **fields: object) -> dict[str, object]:
    day = (utcnow().astimezone(PARIS) + timedelta(days=days_ahead)).date().isoformat()
    return {
        "day": day,
        "starts_time": "09:30",
        "ends_time": "12:00",
        "place": f"Atelier {uuid.uuid4().hex[:6]}, Valognes (50)",
        "address": "12 rue des Tailleurs de pierre, 50700 Valognes",
        "url": "",
        **fields,
    }


async def api_days(client, **params: str) -> list[dict]:
    answer = await client.get(f"/api/events/{SLUG}/open-days", params=params, headers=JSON)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_the_demo_open_days_are_in_the_api(server):
    async with browser(server.url) as anonymous:
        days = await api_days(anonymous)
    assert len(days) >= 8
    for day in days:
        assert {"cfa", "starts_at", "ends_at", "id", "stand_id", "address", "trades", "department", "clusters"} <= set(
            day
        )
        assert day["place"] or day["url"]
        assert day["ends_at"] > day["starts_at"] and day["starts_at"][-6:] in ("+01:00", "+02:00")
    assert any(d["url"].startswith("https://") and not d["place"] for d in days)


async def test_cfa_staff_publish_an_open_day_from_mon_stand(server, cfas):
    stand = cfas[OWN_CFA]
    async with browser(server.url, "pro@demo.salon") as pro:
        admin = (await pro.get(f"/admin/stands/{stand}")).text
        assert f'href="/admin/stands/{stand}/portes-ouvertes"' in admin
        form = (await pro.get(f"/admin/stands/{stand}/portes-ouvertes")).text
        assert 'value="F1703"' in form  # the CFA's job cards' trades
        data = day_form(trades=["F1703", "F1612"])
        posted = await pro.post(f"/admin/stands/{stand}/portes-ouvertes", data=data)
        assert posted.status_code == 303, error_summary(posted.text)
        (day,) = [d for d in await api_days(pro) if d["place"] == data["place"]]
    assert (day["cfa"], day["stand_id"], day["department"]) == (OWN_CFA, stand, "50")
    assert day["starts_at"] == f"{data['day']}T09:30:00{day['starts_at'][-6:]}"
    assert day["trades"] == ["F1612", "F1703"] and day["address"] == data["address"]
    assert day["clusters"][0] == "batiment"  # the list's clusters first (other tests add rooms of their own)


async def test_refused_open_days_store_nothing(server, cfas, sqlite_url):
    stand = cfas[OWN_CFA]
    before = await count_rows(sqlite_url, OpenDay)
    async with browser(server.url, "pro@demo.salon") as pro:
        for fields, message in [
            ({"ends_time": "09:00"}, "après l'heure de début"),
            ({"days_ahead": 800}, "l'année autour de l'événement"),
            ({"place": "", "address": "", "url": ""}, "lieu"),
            ({"url": "http://visio.example.org/x"}, "https://"),
            ({"trades": ["A1101"]}, "fiches métiers"),
        ]:
            days_ahead = fields.pop("days_ahead", 5)
            refused = await pro.post(f"/admin/stands/{stand}/portes-ouvertes", data=day_form(days_ahead, **fields))
            assert refused.status_code == 400, fields
            assert message in html.unescape(error_summary(refused.text)), (fields, error_summary(refused.text))
    assert await count_rows(sqlite_url, OpenDay) == before


async def test_only_the_cfa_staff_and_organisers_publish(server, cfas, sqlite_url):
    async with browser(server.url, "pro@demo.salon") as pro:
        before = await count_rows(sqlite_url, OpenDay)
        other = await pro.post(f"/admin/stands/{cfas[FOREIGN_CFA]}/portes-ouvertes", data=day_form(), headers=JSON)
        assert other.status_code == 403 and other.json()["error"]["code"] == "forbidden"
        (demo_day, *_rest) = [d for d in await api_days(pro) if d["stand_id"] == cfas[FOREIGN_CFA]]
        assert (await pro.post(f"/admin/open-days/{demo_day['id']}", data=day_form(), headers=JSON)).status_code == 403
        assert (await pro.post(f"/admin/open-days/{demo_day['id']}/delete", headers=JSON)).status_code == 403
    async with browser(server.url, "prof@demo.salon") as teacher:
        assert (
            await teacher.post(f"/admin/stands/{cfas[OWN_CFA]}/portes-ouvertes", data=day_form(), headers=JSON)
        ).status_code == 403
    assert await count_rows(sqlite_url, OpenDay) == before
    async with browser(server.url, "orga@demo.salon") as orga:
        data = day_form(7, place="Rouen (76)", trades=[])
        edited = await orga.post(f"/admin/open-days/{demo_day['id']}", data=data)
        assert edited.status_code == 303, error_summary(edited.text)
        (day,) = [d for d in await api_days(orga) if d["id"] == demo_day["id"]]
        assert day["place"] == "Rouen (76)" and day["starts_at"].startswith(f"{data['day']}T09:30")


async def test_the_guide_is_filtered_by_department_and_trade(server, cfas):
    async with browser(server.url, "orga@demo.salon") as orga:
        place = f"Fournil {uuid.uuid4().hex[:6]}, Bayeux (14)"
        data = day_form(9, place=place, address="", trades=["D1102"])
        assert (await orga.post(f"/admin/stands/{cfas[OTHER_CFA]}/portes-ouvertes", data=data)).status_code == 303
    async with browser(server.url) as anonymous:
        everything = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes")).text
        calvados = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes", params={"departement": "14"})).text
        manche = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes", params={"departement": "50"})).text
        bread = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes", params={"metier": "D1102"})).text
        masonry = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes", params={"metier": "F1703"})).text
        ignored = await anonymous.get(f"/events/{SLUG}/portes-ouvertes", params={"departement": "<b>", "metier": "x"})
        assert [d["place"] for d in await api_days(anonymous, department="14", trade="D1102")].count(place) == 1
        assert place not in [d["place"] for d in await api_days(anonymous, department="50")]
    assert place in everything and place in calvados and place in bread
    assert place not in manche and place not in masonry
    assert '<option value="14" selected>' in calvados and "Boulanger / Boulangère" in bread
    assert 'href="/events/quinzaine-apprentissage/portes-ouvertes.ics?departement=14"' in calvados
    assert ignored.status_code == 200 and "&lt;b&gt;" not in ignored.text


@pytest.mark.parametrize("params", [{"department": "<b>"}, {"trade": "D11"}, {"departement": "1234"}])
async def test_bad_api_filters_are_refused(server, params):
    async with browser(server.url) as anonymous:
        answer = await anonymous.get(f"/api/events/{SLUG}/open-days", params=params, headers=JSON)
        ics = await anonymous.get(f"/events/{SLUG}/portes-ouvertes.ics", params=params, headers=JSON)
    assert answer.status_code == ics.status_code == 400 and answer.json()["error"]["code"] == "invalid"


async def test_unknown_events_and_stands_are_not_found(server):
    async with browser(server.url) as anonymous:
        for path in ("/api/events/nope/open-days", "/events/nope/portes-ouvertes", "/stands/0/portes-ouvertes.ics"):
            answer = await anonymous.get(path, headers=JSON)
            assert answer.status_code == 404, path


def events_of(body: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar["PRODID"] and calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    return calendar.walk("VEVENT")


async def test_ics_per_cfa_and_for_a_filtered_list(server, cfas):
    async with browser(server.url) as anonymous:
        own = await anonymous.get(f"/stands/{cfas[OWN_CFA]}/portes-ouvertes.ics")
        assert own.status_code == 200 and own.headers["content-type"].startswith("text/calendar")
        days = {d["id"]: d for d in await api_days(anonymous)}
        calvados = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes.ics", params={"departement": "14"})).content
        again = (await anonymous.get(f"/events/{SLUG}/portes-ouvertes.ics", params={"departement": "14"})).content
    for event in events_of(own.content):
        number = int(str(event["UID"]).split("@")[0].removeprefix("open-day-"))
        assert days[number]["stand_id"] == cfas[OWN_CFA]
        assert str(event["SUMMARY"]) == f"Portes ouvertes — {OWN_CFA}"
        assert event["DTSTART"].dt.tzinfo is not None and str(event["DTSTART"].params["TZID"]) == "Europe/Paris"
        assert event["DTSTART"].dt.isoformat() == days[number]["starts_at"]
    uids = [str(e["UID"]) for e in events_of(calvados)]
    assert uids and uids == [str(e["UID"]) for e in events_of(again)]  # stable UIDs
    assert all(days[int(u.split("@")[0].removeprefix("open-day-"))]["department"] == "14" for u in uids)
