"""The house of apprenticeship through a real server: the rooms as cards with their CFAs, trades and answered
counts, links to each room, its FAQ and the open days guide; the hall links to it only when the event has rooms."""

from __future__ import annotations

from tests.sessions.house_helpers import make_faq_room
from tests.stands.backoffice_helpers import browser, new_event
from tests.stands.test_breadcrumbs import check

JSON = {"Accept": "application/json"}


async def test_the_house_shows_the_rooms_by_cluster(server, sqlite_url):
    faq_room = await make_faq_room(sqlite_url)  # a room with 3 answered questions
    async with browser(server.url) as anonymous:
        rooms = (await anonymous.get("/api/events/quinzaine-apprentissage/qa-rooms", headers=JSON)).json()
        page = (await anonymous.get("/events/quinzaine-apprentissage/maison")).text
    assert page.count('class="house-room"') == len(rooms) >= 3
    for room in rooms:
        assert f'href="/qa-rooms/{room["id"]}"' in page and f'href="/qa-rooms/{room["id"]}/faq"' in page
        assert room["cluster_label"] in page
        for cfa in room["cfas"]:
            assert f'href="/stands/{cfa["id"]}">{cfa["name"]}</a>'.replace("'", "&#39;") in page
    (tested,) = [r for r in rooms if r["id"] == faq_room.room_id]
    assert tested["questions_answered"] == 3
    (card,) = [c for c in page.split('<li class="house-room"')[1:] if c.startswith(f' id="salle-{faq_room.room_id}"')]
    assert "3 questions répondues" in card and "CFA Pierre et Bois du Cotentin" in card
    assert "Maçon / Maçonne" in page  # a trade of the BTP room
    assert 'href="/events/quinzaine-apprentissage/portes-ouvertes"' in page


async def test_the_hall_links_the_house_only_when_the_event_has_rooms(server):
    async with browser(server.url, "orga@demo.salon") as orga:
        slug = await new_event(orga)
        without = (await orga.get(f"/events/{slug}")).text
        empty_house = await orga.get(f"/events/{slug}/maison")
    async with browser(server.url) as anonymous:
        with_rooms = (await anonymous.get("/events/quinzaine-apprentissage")).text
        unknown = await anonymous.get("/events/nope/maison", headers=JSON)
    assert 'href="/events/quinzaine-apprentissage/maison"' in with_rooms
    assert "/maison" not in without
    assert empty_house.status_code == 200 and "pas encore de salle" in empty_house.text
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


async def test_every_page_of_the_house_has_its_breadcrumb(server):
    async with browser(server.url) as anonymous:
        rooms = (await anonymous.get("/api/events/quinzaine-apprentissage/qa-rooms", headers=JSON)).json()
        cfas = (await anonymous.get("/api/events/quinzaine-apprentissage/stands?kind=cfa", headers=JSON)).json()
    room = rooms[0]["id"]
    own = next(s["id"] for s in cfas if s["name"] == "CFA Pierre et Bois du Cotentin")
    public = [
        "/events/quinzaine-apprentissage/maison",
        f"/qa-rooms/{room}/faq",
        "/events/quinzaine-apprentissage/portes-ouvertes",
    ]
    async with browser(server.url, "orga@demo.salon") as orga:
        for path in [
            *public,
            "/admin/events/quinzaine-apprentissage/qa-rooms",
            "/admin/events/quinzaine-apprentissage/qa-rooms/new",
            f"/admin/qa-rooms/{room}",
            f"/admin/stands/{own}/portes-ouvertes",
        ]:
            answer = await orga.get(path)
            assert answer.status_code == 200, path
            found = check(answer.text, path)
            assert found[-1][0] == path.split("?")[0], (path, found)
            if path.startswith("/admin"):
                assert found[1] == ("/admin", "Organisation", False), (path, found)
    async with browser(server.url, "pro@demo.salon") as pro:
        found = check((await pro.get(f"/admin/stands/{own}/portes-ouvertes")).text, "pro")
        assert found[1] == ("/admin", "Mon stand", False)
