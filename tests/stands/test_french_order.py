"""One order for stand names everywhere (server.formats.french_sort_key): accents and case ignored, so
"Bâtir" comes before "Boulangerie" in the hall, the API, the back office, the export and the visits."""

from __future__ import annotations

import csv
import io
import re
import uuid

from tests.live import ServerProcess
from tests.stands.backoffice_helpers import browser, new_event, new_stand

ORGA = "orga@demo.salon"


def in_page_order(page: str, names: list[str]) -> list[str]:
    positions = {name: page.index(f">{name}<") for name in names}
    return sorted(names, key=positions.__getitem__)


async def test_stands_sort_the_french_way_everywhere(server: ServerProcess):
    tag = uuid.uuid4().hex[:6]
    # Code-point order (SQL's ORDER BY name) would give: Boulangerie, Zèbre, bâtir, Écluse.
    expected = [f"Bâtir {tag}", f"Boulangerie {tag}", f"Écluse {tag}", f"Zèbre {tag}"]
    created = [expected[1], expected[3], expected[0], expected[2]]
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        ids = {name: await new_stand(orga, slug, name=name) for name in created}

        hall = await orga.get(f"/events/{slug}")
        assert in_page_order(hall.text, expected) == expected

        api = (await orga.get(f"/api/events/{slug}/stands", headers={"Accept": "application/json"})).json()
        assert [s["name"] for s in api] == expected

        admin = await orga.get(f"/admin/events/{slug}")
        assert in_page_order(admin.text, expected) == expected

        export = await orga.get(f"/admin/events/{slug}/export.csv")
        rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
        assert [r["name"] for r in rows] == expected

        for name in expected:  # one visit each: equal totals, so the names decide
            await orga.get(f"/stands/{ids[name]}")
        visits = await orga.get(f"/admin/events/{slug}/visits")
        table = re.search(r"<table.*?</table>", visits.text, re.S)
        assert table and in_page_order(table.group(0), expected) == expected
