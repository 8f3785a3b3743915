"""axe-core (from npm, node_modules/axe-core) run inside a Playwright page: the serious and critical violations."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.async_api import Page

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def _axe_source() -> str:
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `make vendor` (npm ci installs axe-core).")
    return AXE.read_text(encoding="utf-8")


async def axe_violations(page: Page) -> list[str]:
    """One line per serious or critical violation on the page as it stands: rule, impact, the first targets.

    The script is evaluated through the DevTools protocol, so the page's strict CSP stays on."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.evaluate(_axe_source())
    found = await page.evaluate(
        """async (blocking) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter((v) => blocking.includes(v.impact))
                .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3)
                    .map((n) => n.target.join(" ")).join(", ")}`);
        }""",
        list(BLOCKING),
    )
    return [str(line) for line in found]
