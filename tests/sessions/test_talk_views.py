"""The talk's page, its speaker view and its questions' API, as a browser without JavaScript and a client of the
API see them: server-rendered questions (escaped), who gets the speaker view, unknown talks; and the pure
choice of how a stream is offered."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from sessions.talk_views import stream_of
from tests.live import LiveClient, ServerProcess, demo_server, pupil_token, staff_token
from tests.sessions.talks import make_talk


@pytest.mark.parametrize(
    ("url", "provider", "kind", "label"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "", "video", "YouTube"),
        ("https://www.dailymotion.com/video/x8abcde", "", "video", "Dailymotion"),
        ("https://tube-numerique.apps.education.fr/w/abcdefgh1234", "", "video", "PeerTube"),
        ("https://meet.jit.si/salon-soudure", "", "room", "Jitsi"),
        ("https://visio.example.fr/b/abc-123", "bbb", "room", "BigBlueButton"),
        ("https://bbb.example.fr/rooms/xyz/join", "", "room", "BigBlueButton"),
        ("https://example.fr/direct", "", "link", ""),
    ],
)
def test_how_a_stream_is_offered(url, provider, kind, label):
    stream = stream_of(url, provider)
    assert stream is not None and stream["kind"] == kind and stream["provider_label"] == label
    if kind == "video":
        assert stream["embed_url"].startswith("https://")


@pytest.mark.parametrize("url", ["", "   ", "javascript:alert(1)", "ftp://example.fr/x", "https://user:pw@example.fr/"])
def test_no_stream_for_nothing_or_unsafe_addresses(url):
    assert stream_of(url) is None


@pytest.fixture(scope="module")
def views_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('talk-views') / 'salon.db'}"


@pytest.fixture(scope="module")
def views_server(views_db: str) -> Iterator[ServerProcess]:
    with demo_server(views_db) as process:
        yield process


async def session_for(base_url: str, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url, headers={"Accept": "text/html", "Authorization": f"Bearer {token}"}, follow_redirects=False
    )


async def test_the_page_without_javascript(views_server, views_db):
    talk = await make_talk(
        views_db, premoderated=True, stream_url="https://meet.jit.si/salon-test", track="Salle Seine", audience="lycee"
    )
    room = f"talk:{talk}"
    pupil_session = await pupil_token(views_server.url)
    pupil = await LiveClient().connect(views_server.url, pupil_session["token"])
    speaker = await LiveClient().connect(views_server.url, await staff_token(views_server.url))
    try:

        async def ask(text: str) -> int:
            ack = await pupil.call("question:ask", {"room": room, "text": text, "client_id": uuid.uuid4().hex})
            assert ack["ok"], ack
            return ack["question"]["id"]  # type: ignore[no-any-return]

        shown = await ask('<script>alert("q")</script> Publiée')
        waiting = await ask("Encore en attente")
        assert (await speaker.call("question:moderate", {"question_id": shown, "action": "approve"}))["ok"]
    finally:
        await pupil.close()
        await speaker.close()

    async with httpx.AsyncClient(base_url=views_server.url, headers={"Accept": "text/html"}) as anonymous:
        page = (await anonymous.get(f"/talks/{talk}")).text
    assert "Rejoignez avec le code de votre classe pour poser une question" in page
    assert f'href="/join?next=/talks/{talk}"' in page
    assert "En direct" in page and "Salle Seine" in page and "Lycée" in page
    assert "Rejoindre la salle" in page and "https://meet.jit.si/salon-test" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert "Encore en attente" not in page
    assert f'data-question-id="{shown}"' in page and f'data-question-id="{waiting}"' not in page

    async with await session_for(views_server.url, pupil_session["token"]) as asker:
        own = (await asker.get(f"/talks/{talk}")).text
    assert f'data-question-id="{waiting}"' in own and "En attente de validation" in own

    async with await session_for(views_server.url, await staff_token(views_server.url)) as pro:
        theirs = (await pro.get(f"/talks/{talk}")).text
        view = await pro.get(f"/talks/{talk}/animer")
    assert f'data-question-id="{waiting}"' not in theirs  # the page shows what the audience sees
    assert f"/talks/{talk}/animer" in theirs  # and a way to the speaker view
    assert view.status_code == 200
    assert view.text.index(f'data-question-id="{waiting}"') < view.text.index(f'data-question-id="{shown}"')
    assert 'data-action="approve"' in view.text and 'data-action="pin"' in view.text


async def test_who_gets_the_speaker_view(views_server, views_db):
    talk = await make_talk(views_db)
    path = f"/talks/{talk}/animer"
    async with httpx.AsyncClient(base_url=views_server.url, headers={"Accept": "text/html"}) as anonymous:
        answer = await anonymous.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == f"/login?next={path}"
    expected = {
        (await pupil_token(views_server.url))["token"]: 403,
        await staff_token(views_server.url, "prof@demo.salon"): 403,
        await staff_token(views_server.url, "pro2@demo.salon"): 403,  # not a speaker of this talk
        await staff_token(views_server.url, "pro@demo.salon"): 200,
        await staff_token(views_server.url, "orga@demo.salon"): 200,
    }
    for token, status in expected.items():
        async with await session_for(views_server.url, token) as client:
            answer = await client.get(path)
        assert answer.status_code == status, (status, answer.text[:200])
        if status == 403:
            assert "réservée aux intervenants" in answer.text


async def test_unknown_talks_and_the_questions_api(views_server, views_db):
    async with httpx.AsyncClient(base_url=views_server.url) as http:
        for path in ("/talks/999999", "/talks/99999999999", "/talks/999999/animer", "/talks/abc"):
            page = await http.get(path, headers={"Accept": "text/html"})
            assert page.status_code == 404 and "<html" in page.text, path
        missing = await http.get("/api/talks/999999/questions")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        talk = await make_talk(views_db, starts_in=timedelta(hours=3))
        assert (await http.get(f"/api/talks/{talk}/questions")).json() == []
        page = (await http.get(f"/talks/{talk}", headers={"Accept": "text/html"})).text
        assert "À venir" in page and "Commence à" in page and "Une conférence écrite par les tests." in page
