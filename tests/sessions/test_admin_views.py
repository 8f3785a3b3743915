"""The back office's programme through a real server: organisers create and edit talks with every field, a
clash is refused next to its field with nothing stored, and a speaker edits the description only."""

from __future__ import annotations

import re

import pytest

from tests.live import LiveClient, pupil_token
from tests.sessions.programme_helpers import Programme, add_talk, at, make_programme, talk_form
from tests.stands.backoffice_helpers import browser, error_summary, field_tag
from tests.stands.test_breadcrumbs import check


@pytest.fixture(scope="module")
async def programme(server) -> Programme:
    return await make_programme(server)


async def api_talks(client, slug: str) -> list[dict]:
    return (await client.get(f"/api/events/{slug}/talks", headers={"Accept": "application/json"})).json()


async def test_the_event_page_links_its_programme(server):
    async with browser(server.url, "orga@demo.salon") as orga:
        page = (await orga.get("/admin/events/des-clics-des-metiers")).text
        assert 'href="/admin/events/des-clics-des-metiers/talks"' in page
        listing = (await orga.get("/admin/events/des-clics-des-metiers/talks")).text
        assert "Rencontre un pro : posez vos questions en direct" in listing


async def test_an_organiser_creates_a_talk_with_every_field(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        form = (await orga.get(f"/admin/events/{programme.slug}/talks/new")).text
        assert f'value="{programme.staff_id}"' in form  # the event's staff, to pick speakers from
        data = talk_form(
            at(3),
            45,
            description="Une présentation\nsur deux lignes",
            stand_id=str(programme.stand_id),
            track="Grand amphi",
            audience="lycee",
            capacity_classes="12",
            stream_url="https://bbb.example.org/b/essai-42",
            replay_url="https://www.youtube.com/watch?v=aZ3kPq9LmN2",
            guest_speakers="Léa Vautier, soudeuse\n\n  Karim, chef d'atelier ",
        )
        talk_id = await add_talk(orga, programme.slug, {**data, "speaker_ids": [str(programme.staff_id)]})
        (talk,) = [t for t in await api_talks(orga, programme.slug) if t["id"] == talk_id]
        assert (talk["track"], talk["audience"], talk["capacity_classes"]) == ("Grand amphi", "lycee", 12)
        assert talk["stream_provider"] == "bbb" and talk["stand_id"] == programme.stand_id
        assert talk["speakers"][1:] == ["Léa Vautier, soudeuse", "Karim, chef d'atelier"]
        assert talk["speaker_accounts"][0]["id"] == programme.staff_id
        assert talk["starts_at"].startswith(data["starts_on"]) and data["starts_time"] in talk["starts_at"]
        edit = (await orga.get(f"/admin/talks/{talk_id}")).text
        assert 'value="Grand amphi"' in field_tag(edit, "talk-track")
        assert "checked" in field_tag(edit, f"talk-speaker-{programme.staff_id}")
        assert "checked" in field_tag(edit, "talk-premoderated")

        # Edit: a new time and no pre-moderation (an unchecked box posts nothing).
        changed = {**data, "starts_time": at(5).strftime("%H:%M"), "ends_time": at(6).strftime("%H:%M")}
        changed.update(starts_on=at(5).date().isoformat(), ends_on=at(6).date().isoformat(), premoderated="")
        response = await orga.post(f"/admin/talks/{talk_id}", data=changed)
        assert response.status_code == 303
        (talk,) = [t for t in await api_talks(orga, programme.slug) if t["id"] == talk_id]
        assert changed["starts_time"] in talk["starts_at"] and talk["speaker_accounts"] == []
        assert "checked" not in field_tag((await orga.get(f"/admin/talks/{talk_id}")).text, "talk-premoderated")


async def test_a_clash_is_shown_next_to_its_field_and_nothing_is_stored(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        first = talk_form(at(8), 60, track="Salle atelier")
        await add_talk(orga, programme.slug, {**first, "speaker_ids": [str(programme.staff_id)]})
        before = len(await api_talks(orga, programme.slug))
        clash = talk_form(at(8.5), 30, track="salle  atelier")
        response = await orga.post(
            f"/admin/events/{programme.slug}/talks/new", data={**clash, "speaker_ids": [str(programme.staff_id)]}
        )
        assert response.status_code == 400
        summary = error_summary(response.text)
        assert f"La salle « Salle atelier » accueille déjà « {first['title']} »" in summary
        assert f"intervient déjà dans « {first['title']} »" in summary
        assert 'href="#talk-track"' in summary and 'href="#talk-speaker_ids"' in summary
        assert 'aria-invalid="true"' in field_tag(response.text, "talk-track")
        assert clash["title"] in field_tag(response.text, "talk-title")  # what was typed stays

        for fields, field, message in (
            ({"stream_url": "https://vimeo.com/42"}, "stream_url", "Les diffusions de vimeo.com ne sont pas acceptées"),
            (
                {"starts_on": at(48).date().isoformat(), "starts_time": "10:00", "ends_time": "09:30", "ends_on": ""},
                "ends_time",
                "doit être après le début",
            ),
            ({"starts_on": "2001-01-01"}, "starts_on", "doit avoir lieu pendant"),
            ({"capacity_classes": "0"}, "capacity_classes", "entre 1 et 10 000"),
            ({"audience": "maternelle"}, "audience", "Choisissez un public"),
            ({"title": ""}, "title", "obligatoire"),
        ):
            data = {**talk_form(at(10), 30, track="Salle X"), **fields}
            response = await orga.post(f"/admin/events/{programme.slug}/talks/new", data=data)
            assert response.status_code == 400, field
            assert f'href="#talk-{field}"' in error_summary(response.text) and message in response.text, field
        assert len(await api_talks(orga, programme.slug)) == before


async def test_a_speaker_edits_only_the_description(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        data = talk_form(at(12), 30, track="Salle S")
        talk_id = await add_talk(orga, programme.slug, {**data, "speaker_ids": [str(programme.staff_id)]})
    async with browser(server.url, programme.staff_email) as speaker:
        mine = (await speaker.get("/admin/talks")).text
        assert f'href="/admin/talks/{talk_id}"' in mine and f'href="/talks/{talk_id}/animer"' in mine
        assert 'href="/admin/talks"' in (await speaker.get("/admin")).text
        form = (await speaker.get(f"/admin/talks/{talk_id}")).text
        assert 'id="talk-description"' in form and 'id="talk-title"' not in form
        response = await speaker.post(f"/admin/talks/{talk_id}", data={"description": "<b>Venez</b> nombreux"})
        assert response.status_code == 303 and response.headers["location"] == "/admin/talks"
        for refused in ({"title": "Pris"}, {"description": "x", "track": "Ailleurs"}, {"starts_time": "08:00"}):
            assert (await speaker.post(f"/admin/talks/{talk_id}", data=refused)).status_code == 403
        assert (await speaker.post(f"/admin/talks/{talk_id}/delete")).status_code == 403
        assert (await speaker.get(f"/admin/events/{programme.slug}/talks")).status_code == 403
    async with browser(server.url, "pro@demo.salon") as other_pro:
        assert (await other_pro.get(f"/admin/talks/{talk_id}")).status_code == 403
        assert (await other_pro.post(f"/admin/talks/{talk_id}", data={"description": "non"})).status_code == 403
    async with browser(server.url, "orga@demo.salon") as orga:
        (talk,) = [t for t in await api_talks(orga, programme.slug) if t["id"] == talk_id]
        assert talk["description"] == "<b>Venez</b> nombreux" and talk["title"] == data["title"]
        assert talk["track"] == "Salle S"
        page = (await orga.get(f"/events/{programme.slug}/programme")).text
        assert "<b>Venez</b>" not in page


async def test_deleting_a_talk(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        data = talk_form(at(14), 30, track="Salle D")
        talk_id = await add_talk(orga, programme.slug, data)
        response = await orga.post(f"/admin/talks/{talk_id}/delete")
        assert response.status_code == 303
        assert all(t["id"] != talk_id for t in await api_talks(orga, programme.slug))
        assert (await orga.get(f"/admin/talks/{talk_id}")).status_code == 404


async def test_teachers_and_pupils_stay_out_of_the_programme_back_office(server, programme):
    async with browser(server.url, "prof@demo.salon") as prof:
        assert (await prof.get(f"/admin/events/{programme.slug}/talks")).status_code == 403
        response = await prof.post(f"/admin/events/{programme.slug}/talks/new", data=talk_form(at(16)))
        assert response.status_code == 403
    async with browser(server.url) as anonymous:
        response = await anonymous.get(f"/admin/events/{programme.slug}/talks")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
        assert re.search("Connectez-vous", (await anonymous.post("/admin/talks/1", data={"title": "x"})).text)


async def test_the_programme_pages_start_their_breadcrumb_at_home(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        talk_id = await add_talk(orga, programme.slug, talk_form(at(18), 30, track="Salle T"))
        for path in (
            f"/admin/events/{programme.slug}/talks",
            f"/admin/events/{programme.slug}/talks/new",
            f"/admin/talks/{talk_id}",
            "/admin/talks",
            f"/events/{programme.slug}/programme",
        ):
            trail = check((await orga.get(path)).text, path)
            assert trail[-1][0] == path.split("?")[0] or path == f"/admin/talks/{talk_id}", trail
    async with browser(server.url, "prof@demo.salon") as prof:
        assert check((await prof.get("/classe/programme")).text, "/classe/programme")[-1][0] == "/classe/programme"


async def test_an_edit_reaches_the_talk_room_as_talk_updated(server, programme):
    async with browser(server.url, "orga@demo.salon") as orga:
        talk_id = await add_talk(orga, programme.slug, talk_form(at(20), 30, track="Salle U"))
        other_id = await add_talk(orga, programme.slug, talk_form(at(20), 30, track="Salle V"))
        pupil = await LiveClient().connect(server.url, (await pupil_token(server.url))["token"])
        try:
            await pupil.join(f"talk:{talk_id}")
            await pupil.join(f"talk:{other_id}")
            refused = await orga.post(f"/admin/talks/{talk_id}", data=talk_form(at(20), 30, track="Salle V"))
            assert refused.status_code == 400  # a refused edit publishes nothing
            saved = await orga.post(f"/admin/talks/{talk_id}", data=talk_form(at(21), 30, track="Salle U"))
            assert saved.status_code == 303
            update = await pupil.wait_for("talk:updated")
            assert update == {"room": f"talk:{talk_id}", "talk_id": talk_id}
            assert pupil.events["talk:updated"] == [update]
        finally:
            await pupil.close()
