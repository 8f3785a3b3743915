"""The agenda without JavaScript (httpx asking for HTML, as a browser without scripts): its sections, its
filters (GET form), and teachers registering their classes with POST forms; a teacher's class agenda."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from markupsafe import escape

from tests.sessions.programme_helpers import Programme, add_talk, at, make_programme, talk_form
from tests.stands.backoffice_helpers import browser


@pytest.fixture(scope="module")
async def programme(server) -> Programme:
    return await make_programme(server)


def talk_block(page: str, talk_id: int) -> str:
    """The first card of a talk on the page."""
    match = re.search(rf'<article class="talk[^"]*" id="talk-{talk_id}".*?</article>', page, re.S)
    assert match, f"no talk {talk_id}"
    return match.group(0)


def section(page: str, heading_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, heading_id
    return match.group(0)


async def test_the_demo_agenda_shows_the_talk_under_way_and_the_next_ones(browser_like):
    response = await browser_like.get("/events/des-clics-des-metiers/programme")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    page = response.text
    now = section(page, "en-ce-moment")
    assert "Rencontre un pro : posez vos questions en direct" in now and "En direct" in now
    assert "Camille Durand (démo)" in now and "Plateau en direct" in now
    assert re.search(r"\d{1,2} h \d\d – \d{1,2} h \d\d", now)
    api = await browser_like.get("/api/events/des-clics-des-metiers/talks", headers={"Accept": "application/json"})
    talks = sorted(api.json(), key=lambda t: datetime.fromisoformat(t["starts_at"]))
    upcoming = [str(escape(t["title"])) for t in talks if t["state"] == "upcoming"]  # as the page writes them
    next_up = section(page, "a-suivre")
    assert upcoming and all(title in next_up for title in upcoming[:3])
    assert len(upcoming) <= 3 or upcoming[3] not in next_up
    assert 'href="/static/css/programme.css"' in page and "<script" not in page.split("</main>")[0].split("<main")[1]
    assert "Inscrire ma classe" not in page  # anonymous visitors see no registration form
    assert 'href="/api/events/des-clics-des-metiers/talks.ics"' in page


async def test_the_agenda_groups_talks_by_day_then_track(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        first = await add_talk(orga, programme.slug, talk_form(at(24), track="Salle B", audience="lycee"))
        second = await add_talk(orga, programme.slug, talk_form(at(24), track="Grand amphi", audience="college"))
        third = await add_talk(orga, programme.slug, talk_form(at(48), track="Grand amphi"))
    async with browser(server.url) as anonymous:
        page = (await anonymous.get(f"/events/{programme.slug}/programme")).text
        lycee = (await anonymous.get(f"/events/{programme.slug}/programme?public=lycee")).text
        by_track = (await anonymous.get(f"/events/{programme.slug}/programme", params={"salle": "Salle B"})).text
        odd = await anonymous.get(f"/events/{programme.slug}/programme?public=%00&salle=<b>")
    days = re.findall(r'<h3 class="programme-day-title"[^>]*>.*?</svg>([^<]+)</h3>', page)
    assert len(days) >= 2 and all(
        re.match(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d", d) for d in days
    )
    everything = page[page.index('id="tout-le-programme"') :]
    # Within a day, tracks in French order: "Grand amphi" before "Salle B".
    assert (
        everything.index(f'id="talk-{second}"')
        < everything.index(f'id="talk-{first}"')
        < everything.index(f'id="talk-{third}"')
    )
    assert "Aucune classe inscrite" in talk_block(page, first)

    assert f'id="talk-{first}"' in lycee and f'id="talk-{third}"' in lycee  # "Tous publics" stays
    assert f'id="talk-{second}"' not in lycee
    assert '<option value="lycee" selected>' in lycee
    assert f'id="talk-{first}"' in by_track and f'id="talk-{second}"' not in by_track
    assert odd.status_code == 200 and f'id="talk-{second}"' in odd.text  # unknown filters are ignored


async def test_unknown_event_agenda_is_not_found(browser_like):
    response = await browser_like.get("/events/nope-nope/programme")
    assert response.status_code == 404


async def test_a_teacher_registers_a_class_until_full_and_cancels(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        talk = await add_talk(orga, programme.slug, talk_form(at(30), track="Salle R", capacity_classes="1"))
    async with browser(server.url, "prof@demo.salon") as prof, browser(server.url, programme.teacher_email) as other:
        page = (await prof.get(f"/events/{programme.slug}/programme")).text
        card = talk_block(page, talk)
        assert f'action="/talks/{talk}/inscription"' in card and "Inscrire ma classe" in card
        assert f'name="class_id" value="{programme.demo_class_id}"' in card
        response = await prof.post(f"/talks/{talk}/inscription", data={"class_id": programme.demo_class_id})
        assert response.status_code == 303
        assert response.headers["location"] == f"/events/{programme.slug}/programme#talk-{talk}"
        page = (await prof.get(f"/events/{programme.slug}/programme")).text
        card = talk_block(page, talk)
        assert "3e B (démo) est inscrite." in card and "Annuler l'inscription" in card
        assert "1 classe inscrite sur 1" in card and "complet" in card
        assert "Votre classe est inscrite" in page  # the flash message
        again = await prof.post(f"/talks/{talk}/inscription", data={"class_id": programme.demo_class_id})
        assert again.status_code == 303  # registering twice is fine

        refused = await other.post(f"/talks/{talk}/inscription", data={"class_id": programme.class_id})
        assert refused.status_code == 409
        assert "est complète : sa 1 place est prise." in refused.text and 'role="alert"' in refused.text
        assert "Inscrire ma classe" not in talk_block(refused.text, talk)

        cancel = await prof.post(f"/talks/{talk}/inscription/annuler", data={"class_id": programme.demo_class_id})
        assert cancel.status_code == 303
        taken = await other.post(f"/talks/{talk}/inscription", data={"class_id": programme.class_id})
        assert taken.status_code == 303
        api = (await other.get(f"/api/events/{programme.slug}/talks")).json()
        assert next(t for t in api if t["id"] == talk)["registered_classes"] == 1


async def test_only_teachers_register_and_only_their_own_classes(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        talk = await add_talk(orga, programme.slug, talk_form(at(32), track="Salle S"))
    async with browser(server.url, programme.teacher_email) as other, browser(server.url, "pro@demo.salon") as pro:
        for who in (other, pro):
            response = await who.post(f"/talks/{talk}/inscription", data={"class_id": programme.demo_class_id})
            assert response.status_code == 403
        for bad in ("", "abc", "0", str(2**31), "١٢"):
            response = await other.post(f"/talks/{talk}/inscription", data={"class_id": bad})
            assert response.status_code == 400 and "Choisissez la classe" in response.text
        assert (
            await other.post("/talks/999999999/inscription", data={"class_id": programme.class_id})
        ).status_code == 404
    async with browser(server.url) as anonymous:
        assert (await anonymous.post(f"/talks/{talk}/inscription", data={"class_id": "1"})).status_code == 401
    async with browser(server.url) as pupil:
        assert (await pupil.post("/join", data={"class_code": "DEMO-3E"})).status_code == 303
        page = (await pupil.get(f"/events/{programme.slug}/programme")).text
        assert "Inscrire ma classe" not in page
        response = await pupil.post(f"/talks/{talk}/inscription", data={"class_id": programme.demo_class_id})
        assert response.status_code == 403
    async with browser(server.url, "orga@demo.salon") as orga:
        api = (await orga.get(f"/api/events/{programme.slug}/talks")).json()
        assert next(t for t in api if t["id"] == talk)["registered_classes"] == 0


async def test_the_class_agenda_lists_the_registered_talks_with_the_calendar_link(server):
    async with browser(server.url, "prof@demo.salon") as prof:
        page = (await prof.get("/classe/programme")).text
        assert "Rencontre un pro : posez vos questions en direct" in page
        assert "Pêche, ports et chantiers navals" in page
        assert re.search(r'href="/api/classes/\d+/talks.ics\?key=[0-9a-f]{32}"', page)
        assert 'href="/classe/programme"' in (await prof.get("/classe")).text
    async with browser(server.url, "pro@demo.salon") as pro:
        assert (await pro.get("/classe/programme")).status_code == 403
    async with browser(server.url) as anonymous:
        response = await anonymous.get("/classe/programme")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


async def test_the_hall_and_the_home_page_link_the_programme(browser_like):
    hall = (await browser_like.get("/events/des-clics-des-metiers")).text
    assert 'href="/events/des-clics-des-metiers/programme"' in hall
    assert 'href="/events/des-clics-des-metiers/programme"' in (await browser_like.get("/")).text
