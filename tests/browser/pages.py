"""Pages for the browser tests: a French page in its own context whose errors are collected, and a login."""

from __future__ import annotations

from playwright.async_api import Browser, ConsoleMessage, Page


async def watched_page(browser: Browser, problems: list[str], width: int = 1366, height: int = 900) -> Page:
    """A new page in a new French context; console errors and uncaught exceptions go into `problems`."""
    page = await (await browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})).new_page()

    def watch(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", watch)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return page


async def log_in(page: Page, base_url: str, email: str, lands_on: str, password: str = "demo-salon") -> None:
    """Log in through the form and wait for the page the account lands on."""
    await page.goto(f"{base_url}/login")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", password)
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base_url}{lands_on}")


async def continue_after_return_code(page: Page, base_url: str) -> None:
    """After the join form: the return code's page (/mon-code), shown once, then "Continuer" to `next`."""
    await page.wait_for_url(f"{base_url}/mon-code?**")
    await page.get_by_role("link", name="Continuer").click()
