"""Presence counts people, not sockets: a pupil with two tabs (two sockets, one token) is one visitor."""

from __future__ import annotations

import httpx

from tests.live import LiveClient, ServerProcess, pupil_token, staff_token

PRO, PRO2 = "pro@demo.salon", "pro2@demo.salon"


async def shared_stand_room(base_url: str) -> str:
    """The demo stand pro@demo.salon and pro2@demo.salon staff together."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            detail = (await http.get(f"/api/stands/{stand['id']}")).json()
            if len(detail["staff"]) >= 2:
                return f"stand:{stand['id']}"
    raise AssertionError("the demo has no stand with two staff")


def staff_names(update: dict) -> set[str]:
    return {member["name"] for member in update["staff_online"]}


async def check_two_tabs_count_once(first_url: str, second_url: str) -> None:
    """Pupil A opens the stand in two tabs (one on each server when they differ), pupil B in one.

    Each count is read from the first presence update that shows a change of staff made after the pupils'
    joins were acknowledged (staff only ever go from none to Camille, to Camille and a colleague, to the
    colleague alone), so no update from before can be mistaken for it."""
    room = await shared_stand_room(first_url)
    pupil_a = (await pupil_token(first_url))["token"]
    pupil_b = (await pupil_token(first_url))["token"]
    camille = await LiveClient().connect(first_url, await staff_token(first_url, PRO))
    colleague = await LiveClient().connect(second_url, await staff_token(second_url, PRO2))
    tabs = [await LiveClient().connect(first_url, pupil_a), await LiveClient().connect(second_url, pupil_a)]
    other = await LiveClient().connect(first_url, pupil_b)
    try:
        await camille.join(room)
        alone = await camille.wait_for("presence", lambda p: p["room"] == room and len(p["staff_online"]) == 1)
        before = alone["visitors"]  # whoever else is on this stand (nobody, unless a test left someone)

        for tab in tabs:
            await tab.join(room)
        await colleague.join(room)
        both = await camille.wait_for("presence", lambda p: p["room"] == room and len(p["staff_online"]) == 2)
        assert both["visitors"] == before + 1, "two tabs of one pupil must count as one visitor"

        await other.join(room)
        await camille.close()
        names = staff_names(both) - staff_names(alone)
        later = await tabs[0].wait_for("presence", lambda p: p["room"] == room and staff_names(p) == names)
        assert later["visitors"] == before + 2  # a second pupil does count

        await tabs[0].close()  # one tab closed: the pupil is still there in the other
        await colleague.call("room:leave", {"room": room})
        last = await tabs[1].wait_for("presence", lambda p: p["room"] == room and not p["staff_online"])
        assert last["visitors"] == before + 2
    finally:
        for client in (camille, colleague, *tabs, other):
            if client.sio.connected:
                await client.close()


async def test_a_pupil_with_two_tabs_counts_once(server: ServerProcess):
    await check_two_tabs_count_once(server.url, server.url)
