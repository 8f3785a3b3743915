"""What the private-question queue tells a pupil when nobody is online is true: the return code brings the same
pupil back (server/return_codes.py); coming back with the class code makes a new pupil (a new pseudonym, without
the question)."""

from __future__ import annotations

import json
import re

import httpx

from tests.live import ServerProcess, demo_stand


async def test_the_queue_promises_the_return_code_never_the_class_code(server: ServerProcess):
    stand_id = await demo_stand(server.url, staffed=True)
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as pupil:
        joined = await pupil.post("/join", data={"class_code": "DEMO-3E", "next": f"/stands/{stand_id}"})
        assert joined.status_code == 303
        page = (await pupil.get(f"/stands/{stand_id}")).text
    found = re.search(r'<script type="application/json" id="salon-i18n">(.*?)</script>', page, re.S)
    assert found
    text = json.loads(found.group(1))["queue_no_staff"]
    assert "même code" not in text  # the class code never brings the question back
    assert "code de retour" in text and "nouveau pseudonyme" in text
