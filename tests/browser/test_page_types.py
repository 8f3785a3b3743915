"""Every page type (tests/page_types.py), as the person who uses it sees it, at 1366 and 375 px in Chromium:
axe-core finds no serious or critical violation, nothing scrolls sideways, and the page logs no error."""

from __future__ import annotations

import pytest

from tests.a11y import axe_violations
from tests.live import demo_stand
from tests.page_types import SHOTS, demo_talk, signed_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 375])
async def test_every_page_type_passes_axe_without_sideways_scroll(server, browser, width):
    stand = await demo_stand(server.url, staffed=True)
    talk = demo_talk(server.url)
    contexts = {}
    problems: list[str] = []
    seen: set[str] = set()
    try:
        for shot in SHOTS:
            path = shot.path.format(staffed_stand=stand, talk=talk)
            if path in seen:
                continue
            seen.add(path)
            if shot.role not in contexts:
                contexts[shot.role] = await signed_in(browser, server.url, shot.role, width)
            page = await contexts[shot.role].new_page()
            page.on("pageerror", lambda exc, p=path: problems.append(f"{p}: {exc}"))
            await page.goto(server.url + path)
            await page.wait_for_load_state("networkidle")
            problems.extend(f"{path}: {v}" for v in await axe_violations(page))
            overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{path}: scrolls {overflow} px sideways at {width} px")
            await page.close()
    finally:
        for context in contexts.values():
            await context.close()
    assert not problems, "\n".join(problems)
