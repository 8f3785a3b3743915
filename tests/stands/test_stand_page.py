"""The stand page and GET /api/stands/{id}: everything a stand shows, escaped, videos only on demand."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from markupsafe import escape
from sqlalchemy import event as sa_event

from server.db import create_engine, create_session_factory
from server.timeutil import iso, paris, utcnow
from stands.models import Offer, StandHours
from stands.service import stand_detail
from stands.stand_display import hours_view, offer_dates_label
from tests.live import ServerProcess
from tests.stands.stand_factory import add_document, database, make_stand, open_event, pdf

JOB = {
    "title": "Technicienne ou technicien de maintenance éolienne",
    "rome_code": "I1309",
    "missions": "Vous inspectez les nacelles, changez les pièces usées et relancez les machines à l'arrêt.",
    "skills": "électricité, mécanique, travail en équipe, pas de vertige",
    "training": "CAP électricien, bac pro MELEC, BTS Maintenance des systèmes, BUT GEII ; en apprentissage",
    "conditions": "Travail en hauteur, par tous les temps, en binôme ; astreintes certains week-ends.",
    "salary": "1 900 à 2 600 € brut par mois en début de carrière",
}
OFFER = {
    "kind": "stage-3e",
    "title": "Stage d'observation au parc éolien",
    "description": "Une semaine avec l'équipe de maintenance, au pied des éoliennes.",
    "place": "Fécamp (76)",
    "starts_on": date(2027, 3, 1),
    "ends_on": date(2027, 3, 5),
    "how_to_apply": "Votre collège nous envoie la convention ; écrivez-nous dans la discussion du stand.",
}
YOUTUBE = {
    "title": "Grimper dans une éolienne",
    "url": "https://www.youtube.com/watch?v=Zq3vN8c2TbE",
    "provider": "youtube",
    "transcript_url": "https://example.org/eolien/transcription",
}


@pytest.fixture(scope="module")
async def stands(server: ServerProcess, sqlite_url: str) -> dict[str, int]:
    now = utcnow().replace(second=0, microsecond=0)
    async with database(sqlite_url) as db:
        event = await open_event(db, "page-stand")
        full = await make_stand(
            db,
            event,
            "Vents du large Maintenance",
            description="Nous entretenons les éoliennes de la côte.",
            job_cards=[JOB],
            offers=[OFFER],
            videos=[
                YOUTUBE,
                {"title": "Ailleurs", "url": "https://vimeo.com/123456", "transcript_url": "javascript:alert(1)"},
            ],
            hours=[
                (now - timedelta(hours=5), now - timedelta(hours=3)),  # over: not shown
                (now - timedelta(hours=1), now + timedelta(hours=1)),  # under way
                (now + timedelta(days=1), now + timedelta(days=1, hours=2)),
            ],
        )
        await add_document(db, full, "Plaquette de l'atelier", pdf("plaquette"))
        quiet = await make_stand(
            db, event, "Atelier sans permanence", hours=[(now + timedelta(hours=2), now + timedelta(hours=3))]
        )
        hostile = await make_stand(
            db,
            event,
            '<script>alert("nom")</script> & Cie',
            description="<img src=x onerror=alert(1)>",
            job_cards=[{**JOB, "title": "<b>Métier en gras</b>"}],
            videos=[{**YOUTUBE, "title": "<script>alert('vidéo')</script>"}],
        )
        many = await make_stand(
            db,
            event,
            "Stand bien rempli",
            job_cards=[{**JOB, "title": f"Métier {n}"} for n in range(3)],
            offers=[{**OFFER, "title": f"Offre {n}"} for n in range(3)],
            videos=[{**YOUTUBE, "title": f"Vidéo {n}"} for n in range(3)],
            hours=[(now + timedelta(days=n), now + timedelta(days=n, hours=1)) for n in range(3)],
        )
        for n in range(3):
            await add_document(db, many, f"Document {n}", pdf(f"document {n}"))
        await db.commit()
        return {"full": full.id, "quiet": quiet.id, "hostile": hostile.id, "many": many.id, "now": now}  # type: ignore[dict-item]


async def test_stand_page_renders_every_job_card_field(browser_like, stands):
    page = await browser_like.get(f"/stands/{stands['full']}")
    assert page.status_code == 200
    for field, value in JOB.items():
        assert str(escape(value)) in page.text, field
    for label in ("Missions", "Compétences", "Formation pour y accéder", "Conditions de travail", "Salaire"):
        assert f"<dt>{label}</dt>" in page.text


async def test_stand_page_shows_offers_with_dates_place_and_how_to_apply(browser_like, stands):
    page = await browser_like.get(f"/stands/{stands['full']}")
    assert "Du lundi 1er au vendredi 5 mars 2027" in page.text
    assert str(escape(OFFER["how_to_apply"])) in page.text and "Comment candidater" in page.text
    assert "Fécamp (76)" in page.text and "Stage de 3e" in page.text
    api = (await browser_like.get(f"/api/stands/{stands['full']}")).json()
    offer = api["offers"][0]
    assert (offer["starts_on"], offer["ends_on"], offer["how_to_apply"]) == (
        "2027-03-01",
        "2027-03-05",
        OFFER["how_to_apply"],
    )


async def test_stand_page_shows_staffed_hours_and_whether_someone_answers_now(browser_like, stands):
    now = stands["now"]
    page = await browser_like.get(f"/stands/{stands['full']}")
    assert '<dd class="is-now">' in page.text  # the slot under way is marked in the hours
    # Nobody is online: the one status line says so, whatever the planned hours (stands/status.py).
    assert "Personne en ligne : laissez une question" in page.text
    assert f'<time datetime="{iso(paris(now - timedelta(hours=1)))}">' in page.text
    assert f'<time datetime="{iso(paris(now + timedelta(days=1)))}">' in page.text
    assert iso(paris(now - timedelta(hours=5))) not in page.text  # a slot that is over
    api = (await browser_like.get(f"/api/stands/{stands['full']}")).json()
    assert api["staffed_now"] is True and len(api["hours"]) == 3
    assert api["hours"][1] == {
        "starts_at": iso(paris(now - timedelta(hours=1))),
        "ends_at": iso(paris(now + timedelta(hours=1))),
    }
    quiet = await browser_like.get(f"/stands/{stands['quiet']}")
    assert '<dd class="is-now">' not in quiet.text and "hours-list" in quiet.text
    assert (await browser_like.get(f"/api/stands/{stands['quiet']}")).json()["staffed_now"] is False


async def test_stand_page_loads_no_video_before_a_click(browser_like, stands):
    page = await browser_like.get(f"/stands/{stands['full']}")
    assert "<iframe" not in page.text
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/Zq3vN8c2TbE"' in page.text
    assert "Lire la vidéo (YouTube)" in page.text
    assert 'href="https://www.youtube.com/watch?v=Zq3vN8c2TbE"' in page.text  # without JavaScript: a link
    assert 'href="https://example.org/eolien/transcription"' in page.text
    assert 'href="https://vimeo.com/123456"' in page.text  # not a known player: a link only
    assert "javascript:" not in page.text
    assert len(re.findall(r"data-video-play", page.text)) == 1
    assert '<script src="/static/js/video.js" defer></script>' in page.text
    api = (await browser_like.get(f"/api/stands/{stands['full']}")).json()
    youtube, other = api["videos"]
    assert youtube["provider"] == "youtube"
    assert youtube["embed_url"] == "https://www.youtube-nocookie.com/embed/Zq3vN8c2TbE"
    assert youtube["url"] == YOUTUBE["url"] and youtube["transcript_url"] == YOUTUBE["transcript_url"]
    assert other["embed_url"] is None and other["transcript_url"] == ""


async def test_stand_page_lists_its_documents(browser_like, stands):
    page = await browser_like.get(f"/stands/{stands['full']}")
    api = (await browser_like.get(f"/api/stands/{stands['full']}")).json()
    (document,) = api["documents"]
    assert re.fullmatch(r"/media/[0-9a-f]{64}", document["url"])
    assert document["title"] == "Plaquette de l'atelier" and document["content_type"] == "application/pdf"
    assert f'<a href="{document["url"]}" type="application/pdf">Plaquette de l&#39;atelier</a>' in page.text
    assert "(PDF, " in page.text


async def test_unknown_stand_is_not_found(browser_like):
    page = await browser_like.get("/stands/999999")
    assert page.status_code == 404 and "<h1>Page introuvable</h1>" in page.text
    api = await browser_like.get("/api/stands/999999")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


async def test_stand_page_escapes_what_stands_write(browser_like, stands):
    page = await browser_like.get(f"/stands/{stands['hostile']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "<img src=x" not in page.text and "<b>Métier" not in page.text
    assert "&lt;script&gt;alert(&#34;nom&#34;)&lt;/script&gt; &amp; Cie" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "&lt;script&gt;alert(&#39;vidéo&#39;)&lt;/script&gt;" in page.text


async def test_stand_detail_reads_in_a_fixed_number_of_queries(stands, sqlite_url):
    engine = create_engine(sqlite_url)
    statements: list[str] = []
    sa_event.listen(engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        async with create_session_factory(engine)() as db:
            counts = []
            for key in ("full", "many", "quiet"):
                statements.clear()
                detail = await stand_detail(db, stands[key])
                counts.append(len(statements))
            assert len(detail["hours"]) == 1
            many = await stand_detail(db, stands["many"])
            assert len(many["documents"]) == len(many["videos"]) == len(many["job_cards"]) == 3
    finally:
        await engine.dispose()
    assert counts[0] == counts[1] == counts[2] == 7, counts


def test_offer_dates_read_as_french():
    assert offer_dates_label(Offer(stand_id=1, kind="stage-3e", title="x")) == ""
    one_day = Offer(stand_id=1, kind="x", title="x", starts_on=date(2027, 5, 3), ends_on=date(2027, 5, 3))
    assert offer_dates_label(one_day) == "Le lundi 3 mai 2027"
    since = Offer(stand_id=1, kind="x", title="x", starts_on=date(2027, 9, 1))
    assert offer_dates_label(since) == "À partir du mercredi 1er septembre 2027"
    until = Offer(stand_id=1, kind="x", title="x", ends_on=date(2027, 6, 30))
    assert offer_dates_label(until) == "Jusqu'au mercredi 30 juin 2027"


def test_hours_are_not_staffed_now_while_the_event_is_closed():
    now = utcnow()
    slot = StandHours(stand_id=1, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(minutes=5))
    assert hours_view([slot], now).staffed_now
    closed = hours_view([slot], now, event_open=False)
    assert not closed.staffed_now and len(closed.days) == 1
    assert hours_view([slot], now + timedelta(minutes=10)).days == []
