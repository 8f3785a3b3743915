"""In Debian's headless Chromium: a stand's video loads only when the visitor clicks, inside the CSP."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page, Request, Route, expect

from tests.live import ServerProcess

pytestmark = pytest.mark.browser

PLAYER = "https://www.youtube-nocookie.com/"


async def youtube_stand(server: ServerProcess) -> tuple[int, dict[str, str]]:
    """A demo stand with a YouTube video, and that video as the API gives it."""
    async with httpx.AsyncClient(base_url=server.url) as http:
        for stand in (await http.get("/api/events/des-clics-des-metiers/stands")).json():
            for video in (await http.get(f"/api/stands/{stand['id']}")).json()["videos"]:
                if video["provider"] == "youtube":
                    return int(stand["id"]), video
    raise AssertionError("no demo stand with a YouTube video")


async def watched_page(browser: Browser, problems: list[str], player_requests: list[str], **options) -> Page:
    page = await (await browser.new_context(locale="fr-FR", **options)).new_page()
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    def note(request: Request) -> None:
        if request.url.startswith(PLAYER):
            player_requests.append(request.url)

    page.on("request", note)

    async def offline_player(route: Route) -> None:  # the network is offline here: answer for YouTube
        await route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>lecteur</title>")

    await page.route(f"{PLAYER}**", offline_player)
    return page


async def test_stand_video_iframe_appears_only_after_the_click(server, browser):
    stand_id, video = await youtube_stand(server)
    problems: list[str] = []
    player_requests: list[str] = []
    page = await watched_page(browser, problems, player_requests)
    await page.goto(f"{server.url}/stands/{stand_id}")

    card = page.locator("article.video-card", has_text=video["title"])
    button = card.get_by_role("button", name="Lire la vidéo (YouTube)")
    await expect(button).to_be_visible()
    assert await page.locator("iframe").count() == 0
    assert player_requests == []

    async with page.expect_request(lambda request: request.url.startswith(PLAYER)) as loading:
        await button.click()  # the CSP lets the player load: its request leaves the page
    assert (await loading.value).url.startswith(video["embed_url"])
    frame = card.locator("iframe")
    await expect(frame).to_have_count(1)
    assert (await frame.get_attribute("src")).startswith(video["embed_url"])
    assert video["embed_url"].startswith("https://www.youtube-nocookie.com/embed/")
    assert await frame.get_attribute("title") == f"Vidéo : {video['title']}"
    assert "fullscreen" in (await frame.get_attribute("allow") or "")
    assert await frame.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert await page.evaluate("document.activeElement && document.activeElement.tagName") == "IFRAME"
    await expect(button).to_have_count(0)

    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not problems, problems


async def test_stand_video_without_javascript_is_a_plain_link(server, browser):
    stand_id, video = await youtube_stand(server)
    problems: list[str] = []
    player_requests: list[str] = []
    page = await watched_page(browser, problems, player_requests, java_script_enabled=False)
    await page.goto(f"{server.url}/stands/{stand_id}")
    card = page.locator("article.video-card", has_text=video["title"])
    await expect(card.get_by_role("button", name="Lire la vidéo (YouTube)")).to_be_hidden()
    link = card.get_by_role("link", name="Voir la vidéo sur YouTube")
    await expect(link).to_have_attribute("href", video["watch_url"])
    await expect(card.get_by_role("link", name="Transcription et sous-titres")).to_have_attribute(
        "href", video["transcript_url"]
    )
    assert await page.locator("iframe").count() == 0 and player_requests == []
