"""Rooms by trade cluster through a real server: organisers create, edit and delete them (others may not), bad
ROME codes are refused with nothing stored, and the API lists them with their CFAs and trades."""

from __future__ import annotations

import re
import uuid

import pytest

from server.demo_data import QA_ROOMS
from sessions.models import QARoom
from tests.sessions.talks import count_rows
from tests.stands.backoffice_helpers import browser, error_summary, field_tag, new_event, new_stand

JSON = {"Accept": "application/json"}


@pytest.fixture(scope="module")
async def event_with_cfas(server) -> tuple[str, list[int]]:
    async with browser(server.url, "orga@demo.salon") as orga:
        slug = await new_event(orga)
        cfas = [
            await new_stand(orga, slug, kind="cfa", sector="btp", name=f"CFA {n} {uuid.uuid4().hex[:6]}")
            for n in (1, 2)
        ]
        await new_stand(orga, slug)  # a company: never offered as a room's CFA
    return slug, cfas


def room_data(cfas: list[int], **fields: object) -> dict[str, object]:
    return {
        "cluster": "batiment",
        "title": "Questions aux CFA du BTP",
        "description": "Chantiers et ateliers.",
        "trades": "F1703 Maçon / Maçonne\nF1612 Tailleur de pierre",
        "cfa_ids": [str(i) for i in cfas],
        **fields,
    }


async def api_rooms(client, slug: str) -> list[dict]:
    answer = await client.get(f"/api/events/{slug}/qa-rooms", headers=JSON)
    assert answer.status_code == 200
    return answer.json()


async def test_the_event_page_links_its_rooms(server):
    async with browser(server.url, "orga@demo.salon") as orga:
        page = (await orga.get("/admin/events/quinzaine-apprentissage")).text
        assert 'href="/admin/events/quinzaine-apprentissage/qa-rooms"' in page
        listing = (await orga.get("/admin/events/quinzaine-apprentissage/qa-rooms")).text
        assert "Questions aux CFA du BTP" in listing


async def test_the_demo_quinzaine_has_rooms_by_cluster_with_their_cfas(server):
    async with browser(server.url) as anonymous:
        rooms = await api_rooms(anonymous, "quinzaine-apprentissage")
    demo_titles = {r["title"] for r in QA_ROOMS["quinzaine-apprentissage"]}
    rooms = [r for r in rooms if r["title"] in demo_titles]  # other tests add rooms of their own
    assert len(rooms) == len(demo_titles) and len({r["cluster"] for r in rooms}) >= 3
    for room in rooms:
        assert {"id", "title", "cluster", "cfas", "room", "trades", "description", "questions_answered"} <= set(room)
        assert room["room"] == f"qa:{room['id']}" and room["cfas"] and room["trades"] and room["description"]
        assert all(re.fullmatch(r"[A-Z]\d{4}", t["rome"]) for t in room["trades"])


async def test_an_organiser_creates_edits_and_deletes_a_room(server, event_with_cfas):
    slug, cfas = event_with_cfas
    async with browser(server.url, "orga@demo.salon") as orga:
        form = (await orga.get(f"/admin/events/{slug}/qa-rooms/new")).text
        assert all(f'value="{i}"' in form for i in cfas)
        created = await orga.post(f"/admin/events/{slug}/qa-rooms/new", data=room_data(cfas))
        assert created.status_code == 303 and created.headers["location"] == f"/admin/events/{slug}/qa-rooms"
        (room,) = await api_rooms(orga, slug)
        assert (room["cluster"], room["title"], room["questions_answered"]) == (
            "batiment",
            "Questions aux CFA du BTP",
            0,
        )
        assert room["trades"] == [
            {"rome": "F1703", "label": "Maçon / Maçonne"},
            {"rome": "F1612", "label": "Tailleur de pierre"},
        ]
        assert sorted(c["id"] for c in room["cfas"]) == sorted(cfas)
        edit = (await orga.get(f"/admin/qa-rooms/{room['id']}")).text
        assert "selected" in re.search(r'<option value="batiment"[^>]*>', edit).group(0)  # type: ignore[union-attr]
        changed = room_data(cfas[:1], cluster="autre", cluster_label="Métiers d'art", title="Questions d'art")
        assert (await orga.post(f"/admin/qa-rooms/{room['id']}", data=changed)).status_code == 303
        (room,) = await api_rooms(orga, slug)
        assert (room["cluster"], room["title"], [c["id"] for c in room["cfas"]]) == (
            "Métiers d'art",
            "Questions d'art",
            cfas[:1],
        )
        edit = (await orga.get(f"/admin/qa-rooms/{room['id']}")).text
        assert 'value="Métiers d&#39;art"' in field_tag(edit, "room-cluster_label")
        assert (await orga.post(f"/admin/qa-rooms/{room['id']}/delete")).status_code == 303
        assert await api_rooms(orga, slug) == []


async def test_bad_rome_codes_are_refused_and_nothing_is_stored(server, event_with_cfas, sqlite_url):
    slug, cfas = event_with_cfas
    before = await count_rows(sqlite_url, QARoom)
    async with browser(server.url, "orga@demo.salon") as orga:
        refused = await orga.post(
            f"/admin/events/{slug}/qa-rooms/new",
            data=room_data(cfas, cluster="numerique", trades="M1805 Dev\nM18 Réseaux"),
        )
        assert refused.status_code == 400
        assert "Ligne 2" in error_summary(refused.text) and "M18" in error_summary(refused.text)
        assert 'aria-invalid="true"' in field_tag(refused.text, "room-trades")
    assert await count_rows(sqlite_url, QARoom) == before


async def test_a_second_room_for_a_cluster_and_a_foreign_stand_are_refused(server, event_with_cfas, sqlite_url):
    slug, cfas = event_with_cfas
    async with browser(server.url, "orga@demo.salon") as orga:
        assert (
            await orga.post(f"/admin/events/{slug}/qa-rooms/new", data=room_data(cfas, cluster="industrie"))
        ).status_code == 303
        before = await count_rows(sqlite_url, QARoom)
        twice = await orga.post(f"/admin/events/{slug}/qa-rooms/new", data=room_data(cfas, cluster="industrie"))
        assert twice.status_code == 400 and "déjà une salle" in error_summary(twice.text)
        company = await new_stand(orga, slug)
        foreign = await orga.post(
            f"/admin/events/{slug}/qa-rooms/new", data=room_data([company], cluster="agriculture")
        )
        assert foreign.status_code == 400 and "CFA de cet événement" in error_summary(foreign.text)
    assert await count_rows(sqlite_url, QARoom) == before


async def test_only_organisers_edit_rooms(server, event_with_cfas, sqlite_url):
    slug, cfas = event_with_cfas
    before = await count_rows(sqlite_url, QARoom)
    async with browser(server.url, "pro@demo.salon") as pro:
        assert (await pro.get(f"/admin/events/{slug}/qa-rooms")).status_code == 403
        refused = await pro.post(
            f"/admin/events/{slug}/qa-rooms/new", data=room_data(cfas, cluster="numerique"), headers=JSON
        )
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
        (demo_room, *_rest) = await api_rooms(pro, "quinzaine-apprentissage")
        edit = await pro.post(f"/admin/qa-rooms/{demo_room['id']}", data=room_data([], title="Piraté"), headers=JSON)
        assert edit.status_code == 403
        assert (await pro.post(f"/admin/qa-rooms/{demo_room['id']}/delete", headers=JSON)).status_code == 403
    async with browser(server.url) as anonymous:
        posted = await anonymous.post(f"/admin/events/{slug}/qa-rooms/new", data=room_data(cfas), headers=JSON)
        assert posted.status_code == 401
        assert (await api_rooms(anonymous, "quinzaine-apprentissage"))[0]["title"] == demo_room["title"]
    assert await count_rows(sqlite_url, QARoom) == before


@pytest.mark.parametrize("path", ["/api/events/nope/qa-rooms", "/admin/qa-rooms/0", "/admin/qa-rooms/2147483648"])
async def test_unknown_rooms_and_events_are_not_found(server, path):
    async with browser(server.url, "orga@demo.salon") as orga:
        answer = await orga.get(path, headers=JSON)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
