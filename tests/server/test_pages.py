"""Server-rendered pages: they answer, escape, and work without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx


async def first_stand_id(client: httpx.AsyncClient) -> int:
    return int((await client.get("/api/events/des-clics-des-metiers/stands")).json()[0]["id"])


async def test_home_lists_the_events(browser_like):
    page = await browser_like.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Des clics, des métiers" in page.text and 'href="/events/des-clics-des-metiers"' in page.text
    assert '<html lang="fr"' in page.text


async def test_hall_filters_without_javascript(browser_like):
    page = await browser_like.get("/events/des-clics-des-metiers", params={"kind": "cfa"})
    assert page.status_code == 200
    links = re.findall(r'href="/stands/(\d+)"', page.text)
    api = (await browser_like.get("/api/events/des-clics-des-metiers/stands", params={"kind": "cfa"})).json()
    assert sorted(set(map(int, links))) == sorted(s["id"] for s in api)


async def test_hall_search_is_escaped(browser_like):
    page = await browser_like.get("/events/des-clics-des-metiers", params={"q": '"><script>alert(1)</script>'})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text or "&#34;&gt;&lt;script" in page.text


async def test_stand_page_invites_anonymous_visitors_to_join(browser_like):
    stand_id = await first_stand_id(browser_like)
    page = await browser_like.get(f"/stands/{stand_id}")
    assert page.status_code == 200
    assert f"/join?next=/stands/{stand_id}" in page.text
    assert "data-form" not in page.text


async def test_join_form_sets_the_session_and_opens_the_chat(server):
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        stand_id = await first_stand_id(client)
        response = await client.post("/join", data={"class_code": "DEMO-3E", "next": f"/stands/{stand_id}"})
        # First the return code, once, with "Continuer" to where the pupil was going.
        assert response.status_code == 303
        assert response.headers["location"] == f"/mon-code?bienvenue=1&suite=%2Fstands%2F{stand_id}"
        code_page = await client.get(response.headers["location"])
        assert f'class="button" href="/stands/{stand_id}"' in code_page.text
        page = await client.get(f"/stands/{stand_id}")
        assert f'data-room="stand:{stand_id}"' in page.text and "data-form" in page.text


async def test_join_form_with_a_wrong_code_shows_the_error(browser_like):
    page = await browser_like.post("/join", data={"class_code": "FAUX-00"})
    assert page.status_code == 404
    assert "Ce code de classe n&#39;existe pas" in page.text or "Ce code de classe n'existe pas" in page.text


async def test_join_form_never_redirects_off_site(server):
    async with httpx.AsyncClient(base_url=server.url) as client:
        response = await client.post("/join", data={"class_code": "DEMO-3E", "next": "//evil.example/"})
        # The bad `next` is dropped: the pupil lands as without one (tests/server/test_landing.py), after
        # the return code's page, which only follows same-site paths too.
        suite = parse_qs(urlsplit(response.headers["location"]).query)["suite"][0]
        assert re.fullmatch(r"/(\?bienvenue=1)?|/events/[a-z0-9-]+\?bienvenue=1", suite)
        evil = await client.get("/mon-code?suite=//evil.example/", headers={"Accept": "text/html"})
        assert 'class="button" href="/"' in evil.text


async def test_login_form_leads_staff_to_the_console_with_their_rooms(server):
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        response = await client.post("/login", data={"email": "pro@demo.salon", "password": "demo-salon"})
        assert response.status_code == 303 and response.headers["location"] == "/console"
        console = await client.get("/console")
        assert console.status_code == 200
        assert len(re.findall(r'data-room="stand:\d+"', console.text)) == 6  # the demo pro staffs six stands


async def test_login_form_with_a_wrong_password_is_401(browser_like):
    page = await browser_like.post("/login", data={"email": "pro@demo.salon", "password": "non"})
    assert page.status_code == 401 and "incorrect" in page.text


async def test_console_is_for_staff_only(server):
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        assert (await client.get("/console")).headers["location"] == "/login?next=/console"
        await client.post("/join", data={"class_code": "DEMO-3E"})
        assert (await client.get("/console")).status_code == 403


async def test_logout_ends_the_session(server):
    async with httpx.AsyncClient(base_url=server.url, headers={"Accept": "text/html"}) as client:
        await client.post("/login", data={"email": "pro@demo.salon", "password": "demo-salon"})
        assert (await client.post("/logout")).status_code == 303
        assert (await client.get("/console")).status_code == 303


async def test_unknown_pages_render_the_error_page(browser_like):
    page = await browser_like.get("/stands/999999")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Ce stand n&#39;existe pas." in page.text or "Ce stand n'existe pas." in page.text
