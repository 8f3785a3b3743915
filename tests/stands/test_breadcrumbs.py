"""One breadcrumb everywhere (server/templates/server/_breadcrumb.html): "Accueil" (/) first, the page itself
last with aria-current="page"."""

from __future__ import annotations

import re

from tests.live import ServerProcess, demo_stand
from tests.stands.backoffice_helpers import browser, new_event, new_stand

ORGA, PRO = "orga@demo.salon", "pro@demo.salon"


def crumbs(page: str) -> list[tuple[str, str, bool]]:
    """(href, text, is current) of each item of the page's one breadcrumb."""
    navs = re.findall(r'<nav class="breadcrumb" aria-label="Fil d(?:&#39;|\')Ariane">(.*?)</nav>', page, re.S)
    assert len(navs) == 1, navs
    items = re.findall(r'<li><a href="([^"]*)"( aria-current="page")?>(.*?)</a></li>', navs[0], re.S)
    assert len(items) == navs[0].count("<li"), navs[0]  # every item is a link
    return [(href, text.strip(), bool(current)) for href, current, text in items]


def check(page: str, path: str) -> list[tuple[str, str, bool]]:
    found = crumbs(page)
    assert found[0] == ("/", "Accueil", False), (path, found)
    assert [current for *_, current in found] == [False] * (len(found) - 1) + [True], (path, found)
    return found


async def test_every_page_starts_its_breadcrumb_at_home(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        stand_id = await new_stand(orga, slug)
        pages = [
            "/admin",
            f"/admin/events/{slug}",
            "/admin/events/new",
            f"/admin/events/{slug}/stands/new",
            f"/admin/events/{slug}/import",
            f"/admin/events/{slug}/visits",
            f"/admin/stands/{stand_id}",
            f"/events/{slug}",
            f"/stands/{stand_id}",
        ]
        for path in pages:
            response = await orga.get(path)
            assert response.status_code == 200, path
            found = check(response.text, path)
            if path.startswith("/admin"):
                assert found[1] == ("/admin", "Organisation", path == "/admin"), (path, found)
        upload = await orga.post(
            f"/admin/events/{slug}/import",
            files={"file": ("stands.csv", b"name;kind;sector\nFil;company;btp\n", "text/csv")},
            data={"dry_run": "1"},
        )
        job = await orga.get(upload.headers["location"])
        assert check(job.text, "import job")[-1][0] == upload.headers["location"]

    own = await demo_stand(server.url, staffed=True)
    async with browser(server.url, PRO) as pro:
        for path in ("/admin", f"/admin/stands/{own}"):
            found = check((await pro.get(path)).text, path)
            assert found[1][:2] == ("/admin", "Mon stand"), (path, found)
