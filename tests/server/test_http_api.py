"""The contract's HTTP surface against a real server."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from tests.live import ServerProcess


@pytest.fixture
async def http(server: ServerProcess):
    async with httpx.AsyncClient(base_url=server.url) as client:
        yield client


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


async def test_healthz_names_the_parts(http):
    response = await http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "fanout": "memory"}


async def test_class_code_gives_a_pupil_token_a_pseudonym_and_a_cookie(http):
    response = await http.post("/api/auth/class", json={"class_code": "demo-3e "})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "pseudonym", "role", "return_code"} and body["role"] == "pupil"
    assert len(body["pseudonym"].split()) == 3
    assert "salon_session" in response.cookies


async def test_unknown_class_code_is_not_found(http):
    assert_error(await http.post("/api/auth/class", json={"class_code": "NOPE-42"}), 404, "not_found")


@pytest.mark.parametrize("body", [b"", b"[]", b"{not json", b'{"class_code": 3}', b'{"class_code": ""}'])
async def test_malformed_class_requests_are_invalid(http, body):
    response = await http.post("/api/auth/class", content=body, headers={"content-type": "application/json"})
    assert_error(response, 400, "invalid")


async def test_oversized_bodies_are_refused(http):
    response = await http.post("/api/auth/class", content=b'{"class_code": "' + b"A" * 70_000 + b'"}')
    assert_error(response, 413, "too_long")


async def test_repeated_class_code_failures_are_rate_limited(server):
    # A distinct client address would be needed to keep other tests apart: use X-Forwarded-For,
    # which the server trusts from 127.0.0.1 only.
    async with httpx.AsyncClient(base_url=server.url, headers={"X-Forwarded-For": "203.0.113.7"}) as http:
        statuses = [
            (await http.post("/api/auth/class", json={"class_code": f"BAD-{i}"})).status_code for i in range(31)
        ]
        assert statuses[:30] == [404] * 30
        assert_error(await http.post("/api/auth/class", json={"class_code": "DEMO-3E"}), 429, "rate_limited")


async def test_staff_login_gives_a_token(http):
    response = await http.post("/api/auth/login", json={"email": "PRO@demo.salon", "password": "demo-salon"})
    assert response.status_code == 200
    assert response.json()["role"] == "professional"
    assert set(response.json()) == {"token", "role", "name"}


@pytest.mark.parametrize(
    ("email", "password"), [("pro@demo.salon", "wrong-password"), ("nobody@demo.salon", "demo-salon")]
)
async def test_wrong_credentials_are_unauthorized(http, email, password):
    assert_error(await http.post("/api/auth/login", json={"email": email, "password": password}), 401, "unauthorized")


async def test_events_list_the_two_open_demo_events(http):
    events = (await http.get("/api/events")).json()
    slugs = {e["slug"]: e for e in events}
    assert {"des-clics-des-metiers", "quinzaine-apprentissage"} <= set(slugs)
    for event in events:
        assert {"slug", "title", "starts_at", "ends_at", "is_open"} <= set(event)
        assert datetime.fromisoformat(event["starts_at"]).utcoffset() is not None
    assert slugs["des-clics-des-metiers"]["is_open"] is True


async def test_stands_filter_by_sector_kind_and_search(http):
    stands = (await http.get("/api/events/des-clics-des-metiers/stands")).json()
    assert len(stands) >= 24
    assert len({s["sector"] for s in stands}) >= 6
    assert sum(s["kind"] == "cfa" for s in stands) >= 4
    for stand in stands:
        assert {"id", "name", "kind", "sector", "staff_online"} <= set(stand)
    sector = stands[0]["sector"]
    by_sector = (await http.get("/api/events/des-clics-des-metiers/stands", params={"sector": sector})).json()
    assert by_sector and all(s["sector"] == sector for s in by_sector)
    cfas = (await http.get("/api/events/des-clics-des-metiers/stands", params={"kind": "cfa"})).json()
    assert cfas and all(s["kind"] == "cfa" for s in cfas)
    assert (await http.get("/api/events/des-clics-des-metiers/stands", params={"sector": "nope"})).json() == []


async def test_stand_search_ignores_accents_and_finds_rome_codes(http):
    stands = (await http.get("/api/events/des-clics-des-metiers/stands")).json()
    detail = (await http.get(f"/api/stands/{stands[0]['id']}")).json()
    card = detail["job_cards"][0]
    by_code = (await http.get("/api/events/des-clics-des-metiers/stands", params={"q": card["rome_code"]})).json()
    assert stands[0]["id"] in {s["id"] for s in by_code}
    folded = card["title"].upper().replace("É", "E").replace("È", "E")
    by_title = (await http.get("/api/events/des-clics-des-metiers/stands", params={"q": folded})).json()
    assert stands[0]["id"] in {s["id"] for s in by_title}


async def test_one_stand_has_its_content(http):
    stand_id = (await http.get("/api/events/des-clics-des-metiers/stands")).json()[0]["id"]
    stand = (await http.get(f"/api/stands/{stand_id}")).json()
    assert {"job_cards", "videos", "documents", "offers", "staff"} <= set(stand)
    assert stand["job_cards"] and {"title", "rome_code"} <= set(stand["job_cards"][0])


async def test_talks_are_listed_with_their_times_and_speakers(http):
    talks = (await http.get("/api/events/des-clics-des-metiers/talks")).json()
    assert len(talks) >= 6
    for talk in talks:
        assert {"id", "title", "starts_at", "ends_at", "stand_id", "speakers"} <= set(talk)
        assert datetime.fromisoformat(talk["starts_at"]) < datetime.fromisoformat(talk["ends_at"])


@pytest.mark.parametrize(
    "path", ["/api/events/nope/stands", "/api/stands/999999", "/api/events/nope/talks", "/api/nothing-here"]
)
async def test_unknown_things_are_not_found(http, path):
    assert_error(await http.get(path), 404, "not_found")


async def test_writes_from_a_foreign_origin_are_forbidden(http):
    response = await http.post(
        "/api/auth/class", json={"class_code": "DEMO-3E"}, headers={"Origin": "https://evil.example"}
    )
    assert_error(response, 403, "forbidden")


async def test_pages_carry_a_strict_content_security_policy(http):
    response = await http.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_metrics_are_in_prometheus_format(http):
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert "# TYPE salon_messages_stored_total counter" in response.text
