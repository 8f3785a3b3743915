"""Dates on the pages: one French form everywhere (server/formats.py), and an event ending at midnight ends
on the day before."""

from __future__ import annotations

import re

from tests.live import ServerProcess
from tests.stands.backoffice_helpers import browser, new_event, new_stand

ORGA = "orga@demo.salon"
# Friday 6 December 2030, 00:00 to Monday 9 December 2030, 00:00 (Paris): the last day is the Sunday.
FRIDAY, MONDAY_MIDNIGHT = "2030-12-06T00:00", "2030-12-09T00:00"


def card_of(page: str, slug: str) -> str:
    match = re.search(rf'<a href="/events/{slug}">.*?</article>', page, re.S)
    assert match, f"no card for {slug}"
    return match.group(0)


async def test_an_event_ending_at_midnight_ends_on_the_sunday(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga, starts_at=FRIDAY, ends_at=MONDAY_MIDNIGHT)
        stand_id = await new_stand(orga, slug)

        home = card_of((await orga.get("/")).text, slug)
        assert "Du vendredi 6 au dimanche 8 décembre 2030" in home
        assert "lundi" not in home

        admin = await orga.get("/admin")
        line = re.search(rf'href="/admin/events/{slug}">.*?</li>', admin.text, re.S)
        assert line and "du vendredi 6 au dimanche 8 décembre 2030" in line.group(0)
        assert "lundi" not in line.group(0)

        stand = await orga.get(f"/admin/stands/{stand_id}")
        assert "pendant l'événement (du vendredi 6 au dimanche 8 décembre 2030, heure de Paris)" in stand.text.replace(
            "&#39;", "'"
        )

        hall = await orga.get(f"/events/{slug}")
        assert hall.status_code == 200


async def test_staffed_hours_and_refusals_use_the_same_form(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga, starts_at=FRIDAY, ends_at=MONDAY_MIDNIGHT)
        stand_id = await new_stand(orga, slug)
        base = f"/admin/stands/{stand_id}/hours"
        added = await orga.post(base, data={"starts_at": "2030-12-07T09:00", "ends_at": "2030-12-07T12:30"})
        assert added.status_code == 303, added.text
        page = (await orga.get(f"/admin/stands/{stand_id}")).text
        assert "Le samedi 7 décembre 2030 de 9 h 00 à 12 h 30" in page
        assert "Supprimer la permanence du samedi 7 décembre 2030 à 9 h 00" in page

        refused = await orga.post(base, data={"starts_at": "2030-12-09T09:00", "ends_at": "2030-12-09T10:00"})
        assert refused.status_code == 400
        assert "pendant l'événement (du vendredi 6 au dimanche 8 décembre 2030)" in refused.text.replace("&#39;", "'")
