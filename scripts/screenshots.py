"""Every page type in Debian's headless Chromium, at 1366, 768 and 375 px, in French, as PNG files.

    python scripts/screenshots.py                      # a fresh demo server of its own, into docs/screenshots/
    python scripts/screenshots.py --base-url URL       # an already running demo server
    python scripts/screenshots.py --only hall --widths 1366 --out /tmp/shots

Each page is also checked with axe-core (node_modules/axe-core, from npm): the script exits 1 when a page has a
serious or critical violation, and prints them. `make screenshots` runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.async_api import BrowserContext, Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.a11y import axe_violations  # noqa: E402
from tests.browser_args import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.page_types import SHOTS, demo_talk, signed_in  # noqa: E402

WIDTHS = (1366, 768, 375)


def _get_json(url: str):  # type: ignore[no-untyped-def]
    import json

    with urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())


def staffed_stand(base_url: str) -> int:
    for stand in _get_json(f"{base_url}/api/events/des-clics-des-metiers/stands"):
        if _get_json(f"{base_url}/api/stands/{stand['id']}")["staff"]:
            return int(stand["id"])
    raise SystemExit("no staffed stand in the demo")


def start_demo_server(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    from loadtests.scenarios.deployment import free_port

    salon = str(Path(sys.executable).parent / "salon")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'salon.db'}",
        "SALON_ENV": "development",
        "LOG_LEVEL": "warning",
    }
    env.pop("REDIS_URL", None)
    subprocess.run([salon, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([salon, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    proc = subprocess.Popen([salon, "serve", "--port", str(port)], env=env, cwd=ROOT)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urlopen(f"{base_url}/healthz", timeout=1).read()
            return proc, base_url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the demo server did not start")


async def shoot(page: Page, url: str, target: Path, full_page: bool) -> list[str]:
    await page.goto(url)
    await page.wait_for_load_state("networkidle")
    await page.evaluate("document.fonts.ready")
    await page.screenshot(path=str(target), full_page=full_page)
    return await axe_violations(page)


async def run(base_url: str, out: Path, widths: tuple[int, ...], only: set[str]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    stand = staffed_stand(base_url)
    talk = demo_talk(base_url)
    failures = 0
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width in widths:
            contexts: dict[str, BrowserContext] = {}
            for shot in SHOTS:
                if only and shot.name not in only:
                    continue
                if shot.role not in contexts:
                    contexts[shot.role] = await signed_in(browser, base_url, shot.role, width)
                page = await contexts[shot.role].new_page()
                url = base_url + shot.path.format(staffed_stand=stand, talk=talk)
                target = out / f"{shot.name}-{width}.png"
                problems = await shoot(page, url, target, shot.full_page)
                await page.close()
                print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}", flush=True)
                for problem in problems:
                    failures += 1
                    print(f"  axe: {problem}")
            for context in contexts.values():
                await context.close()
        await browser.close()
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="a running demo server (default: start one on a fresh database)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--widths", type=int, nargs="+", default=list(WIDTHS), choices=WIDTHS)
    parser.add_argument("--only", nargs="*", default=[], help="page names (file stems) to take")
    args = parser.parse_args()
    if args.base_url:
        return asyncio.run(run(args.base_url.rstrip("/"), args.out, tuple(args.widths), set(args.only)))
    with tempfile.TemporaryDirectory() as tmp:
        proc, base_url = start_demo_server(Path(tmp))
        try:
            return asyncio.run(run(base_url, args.out, tuple(args.widths), set(args.only)))
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
