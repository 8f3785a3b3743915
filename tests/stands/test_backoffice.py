"""The back office through a real server: organisers run events and stands, staff edit their own stand,
uploads and links are checked, and a refused form changes nothing."""

from __future__ import annotations

import io
import os
import re
from datetime import timedelta

from PIL import Image

from server.timeutil import utcnow
from tests.live import ServerProcess, demo_stand
from tests.stands.backoffice_helpers import (
    browser,
    error_summary,
    field_tag,
    new_event,
    new_stand,
    paris_input,
    sql,
    stand_json,
)

ORGA, PRO, TEACHER = "orga@demo.salon", "pro@demo.salon", "prof@demo.salon"


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 200)).save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def test_organiser_creates_and_edits_an_event_and_its_stands(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga, opens_daily_at="09:00", closes_daily_at="17:00")
        page = await orga.get(f"/admin/events/{slug}")
        assert page.status_code == 200 and f"Salon {slug}" in page.text
        for link in ("import", "export.csv", "visits"):
            assert f'href="/admin/events/{slug}/{link}"' in page.text
        assert field_tag(page.text, "event-opens_daily_at").count('value="09:00"') == 1

        response = await orga.post(
            f"/admin/events/{slug}",
            data={
                "title": "Salon renommé",
                "starts_at": "2026-01-05T09:00",
                "ends_at": "2026-01-09T18:00",
                "opens_daily_at": "",
                "closes_daily_at": "",
            },
        )
        assert response.status_code == 303
        event = next(e for e in (await orga.get("/api/events")).json() if e["slug"] == slug)
        assert event["title"] == "Salon renommé" and event["starts_at"] == "2026-01-05T09:00:00+01:00"

        stand_id = await new_stand(orga, slug, name="Atelier Lebrun", department="14", city="Caen")
        assert "Atelier Lebrun" in (await orga.get(f"/admin/events/{slug}")).text
        response = await orga.post(
            f"/admin/stands/{stand_id}",
            data={
                "name": "Atelier Lebrun et fils",
                "kind": "cfa",
                "sector": "btp",
                "department": "2a",
                "city": "Ajaccio",
                "description": "<script>alert(1)</script>\nDeux lignes",
                "website": "https://lebrun.example/",
            },
        )
        assert response.status_code == 303 and response.headers["location"] == f"/admin/stands/{stand_id}#presentation"
        stand = await stand_json(orga, stand_id)
        assert (stand["name"], stand["kind"], stand["sector"], stand["department"]) == (
            "Atelier Lebrun et fils",
            "cfa",
            "btp",
            "2A",
        )
        page = await orga.get(f"/admin/stands/{stand_id}")
        assert "La présentation du stand est enregistrée." in page.text  # the flash, once
        assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
        assert "La présentation du stand est enregistrée." not in (await orga.get(f"/admin/stands/{stand_id}")).text
        rows = await sql(
            server.env["DATABASE_URL"], "SELECT action FROM audit_log WHERE target = :t", t=f"stand:{stand_id}"
        )
        assert [r[0] for r in rows] == ["stand.create", "stand.update"]


async def test_event_form_lists_its_errors_and_creates_nothing(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        data = {"slug": "Pas Bon", "title": "", "starts_at": "2027-01-12T09:00", "ends_at": "2027-01-11T09:00"}
        page = await orga.post("/admin/events/new", data=data)
        assert page.status_code == 400
        summary = error_summary(page.text)
        for field in ("slug", "title", "ends_at"):
            assert f'href="#event-{field}"' in summary
            assert 'aria-invalid="true"' in field_tag(page.text, f"event-{field}")
            assert f"event-{field}-erreur" in field_tag(page.text, f"event-{field}")
        assert 'value="Pas Bon"' in field_tag(page.text, "event-slug")  # what was typed comes back
        assert "pas-bon" not in {e["slug"] for e in (await orga.get("/api/events")).json()}

        slug = await new_event(orga)
        again = await orga.post(
            "/admin/events/new",
            data={"slug": slug, "title": "Doublon", "starts_at": "2027-01-12T09:00", "ends_at": "2027-01-13T09:00"},
        )
        assert again.status_code == 409 and "Un événement utilise déjà cet identifiant." in again.text
        assert [e["title"] for e in (await orga.get("/api/events")).json() if e["slug"] == slug] == [f"Salon {slug}"]


async def test_professional_edits_the_description_of_their_own_stand_only(server: ServerProcess):
    own, other = await demo_stand(server.url, staffed=True), await demo_stand(server.url, staffed=False)
    async with browser(server.url, PRO) as pro:
        before = await stand_json(pro, own)
        mine = await pro.get("/admin")
        assert mine.status_code == 200 and f'href="/admin/stands/{own}"' in mine.text
        assert f'href="/admin/stands/{other}"' not in mine.text
        page = await pro.get(f"/admin/stands/{own}")
        assert page.status_code == 200 and 'id="stand-description"' in page.text
        assert 'name="name"' not in page.text and 'name="sector"' not in page.text  # shown, not editable
        assert f'action="/admin/stands/{own}/staff"' not in page.text  # the team is the organisers' business
        try:
            response = await pro.post(f"/admin/stands/{own}", data={"description": "Nouvelle présentation"})
            assert response.status_code == 303
            assert (await stand_json(pro, own))["description"] == "Nouvelle présentation"

            renamed = await pro.post(f"/admin/stands/{own}", data={"name": "Piraté", "description": "Autre texte"})
            assert renamed.status_code == 403 and "Seuls les organisateurs" in renamed.text
            assert (await stand_json(pro, own))["name"] == before["name"]
            assert (await stand_json(pro, own))["description"] == "Nouvelle présentation"

            foreign = await pro.post(f"/admin/stands/{other}", data={"description": "Piraté"})
            assert foreign.status_code == 403
            assert (await pro.get(f"/admin/stands/{other}")).status_code == 403
            card = await pro.post(f"/admin/stands/{other}/job-cards", data={"title": "Piraté"})
            assert card.status_code == 403
            invite = await pro.post(f"/admin/stands/{own}/staff", data={"email": "ami@example.org"})
            assert invite.status_code == 403
        finally:
            async with browser(server.url, ORGA) as orga:
                restore = await orga.post(f"/admin/stands/{own}", data={"description": before["description"]})
                assert restore.status_code == 303


async def test_pupils_teachers_and_anonymous_visitors_are_kept_out(server: ServerProcess):
    stand_id = await demo_stand(server.url, staffed=True)
    async with browser(server.url) as anonymous:
        response = await anonymous.get("/admin")
        assert response.status_code == 303 and response.headers["location"] == "/login?next=/admin"
        assert (await anonymous.post(f"/admin/stands/{stand_id}", data={"description": "x"})).status_code == 401
        assert (await anonymous.post("/admin/events/new", data={"slug": "x"})).status_code == 401
    async with browser(server.url) as pupil:
        assert (await pupil.post("/join", data={"class_code": "DEMO-3E"})).status_code == 303
        assert (await pupil.get("/admin")).status_code == 403
        assert (await pupil.get(f"/admin/stands/{stand_id}")).status_code == 403
        assert (await pupil.post(f"/admin/stands/{stand_id}", data={"description": "x"})).status_code == 403
    async with browser(server.url, TEACHER) as teacher:
        assert (await teacher.get("/admin")).status_code == 403
        assert (await teacher.post(f"/admin/stands/{stand_id}/videos", data={"title": "x"})).status_code == 403
        assert 'href="/admin"' not in (await teacher.get("/")).text
    async with browser(server.url, PRO) as pro:
        assert (await pro.get("/admin/events/new")).status_code == 403
        assert (await pro.post("/admin/events/new", data={"slug": "pro-event"})).status_code == 403
        assert ">Mon stand</a>" in (await pro.get("/")).text


async def test_logo_is_resized_and_served_with_cache_headers(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        response = await orga.post(
            f"/admin/stands/{stand_id}/logo", files={"file": ("logo.png", png(800, 400), "image/png")}
        )
        assert response.status_code == 303
        page = await orga.get(f"/admin/stands/{stand_id}")
        sha = re.search(r'<img class="admin-logo" src="/media/([0-9a-f]{64})"', page.text).group(1)
        media = await orga.get(f"/media/{sha}")
        assert media.status_code == 200 and media.headers["content-type"] == "image/png"
        assert "max-age" in media.headers["cache-control"]
        with Image.open(io.BytesIO(media.content)) as logo:
            assert logo.format == "PNG" and logo.size == (256, 128)


async def test_uploads_that_lie_or_are_too_big_are_refused_and_change_nothing(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        database = server.env["DATABASE_URL"]

        async def logo_id() -> object:
            return (await sql(database, "SELECT logo_id FROM stands WHERE id = :id", id=stand_id))[0][0]

        fake = await orga.post(
            f"/admin/stands/{stand_id}/logo", files={"file": ("logo.png", b"just some text, really", "image/png")}
        )
        assert fake.status_code == 400 and "pas une image lisible" in error_summary(fake.text)
        assert 'aria-invalid="true"' in field_tag(fake.text, "logo-file")
        big = await orga.post(
            f"/admin/stands/{stand_id}/logo", files={"file": ("logo.png", os.urandom(3 << 20), "image/png")}
        )
        assert big.status_code == 413 and "image dépasse 2 Mo." in error_summary(big.text)
        huge = await orga.post(
            f"/admin/stands/{stand_id}/logo", files={"file": ("logo.png", os.urandom(7 << 20), "image/png")}
        )
        assert huge.status_code == 413 and "6 Mo" in error_summary(huge.text)
        assert await logo_id() is None

        fake_pdf = await orga.post(
            f"/admin/stands/{stand_id}/documents",
            data={"title": "Plaquette"},
            files={"file": ("plaquette.pdf", b"<html>not a pdf</html>", "application/pdf")},
        )
        assert fake_pdf.status_code == 400 and "n&#39;est pas un PDF" in error_summary(fake_pdf.text)
        assert 'value="Plaquette"' in field_tag(fake_pdf.text, "document-new-title")
        assert (await stand_json(orga, stand_id))["documents"] == []
        assert await sql(database, "SELECT id FROM documents WHERE stand_id = :id", id=stand_id) == []


async def test_pdf_documents_are_added_served_and_deleted(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        response = await orga.post(
            f"/admin/stands/{stand_id}/documents",
            data={"title": "Plaquette 2027"},
            files={"file": ("plaquette.pdf", PDF, "application/pdf")},
        )
        assert response.status_code == 303 and response.headers["location"].endswith("#documents")
        page = await orga.get(f"/admin/stands/{stand_id}")
        sha = re.search(r'<a href="/media/([0-9a-f]{64})">Plaquette 2027</a>', page.text).group(1)
        served = await orga.get(f"/media/{sha}")
        assert served.status_code == 200 and served.content == PDF
        document_id = int(re.search(rf'action="/admin/stands/{stand_id}/documents/(\d+)/delete"', page.text).group(1))
        assert (await orga.post(f"/admin/stands/{stand_id}/documents/{document_id}/delete")).status_code == 303
        assert "Plaquette 2027" not in (await orga.get(f"/admin/stands/{stand_id}")).text


async def test_videos_from_unknown_hosts_and_javascript_links_are_refused_by_field(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga), website="https://ok.example/")
        video = await orga.post(
            f"/admin/stands/{stand_id}/videos", data={"title": "Le métier", "url": "https://vimeo.com/123456"}
        )
        assert video.status_code == 400
        assert 'href="#video-new-url"' in error_summary(video.text) and "vimeo.com" in error_summary(video.text)
        assert 'aria-invalid="true"' in field_tag(video.text, "video-new-url")
        assert '<details class="admin-add" open>' in video.text  # the refused form is shown open

        link = await orga.post(
            f"/admin/stands/{stand_id}", data={"description": "Nouveau texte", "website": "javascript:alert(1)"}
        )
        assert link.status_code == 400 and 'href="#stand-website"' in error_summary(link.text)
        stand = await stand_json(orga, stand_id)
        assert stand["website"] == "https://ok.example/" and stand["description"] == "" and stand["videos"] == []

        ok = await orga.post(
            f"/admin/stands/{stand_id}/videos",
            data={"title": "Le métier", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
        )
        assert ok.status_code == 303
        assert [v["provider"] for v in (await stand_json(orga, stand_id))["videos"]] == ["youtube"]


async def test_job_cards_offers_and_hours_are_reached_only_through_their_stand(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        stand_id, other_id = await new_stand(orga, slug), await new_stand(orga, slug)
        response = await orga.post(
            f"/admin/stands/{stand_id}/job-cards", data={"title": "Soudeur", "rome_code": "h2913", "missions": "Souder"}
        )
        assert response.status_code == 303
        card = (await stand_json(orga, stand_id))["job_cards"][0]
        assert (card["title"], card["rome_code"]) == ("Soudeur", "H2913")

        edited = await orga.post(f"/admin/stands/{stand_id}/job-cards/{card['id']}", data={"title": "Soudeuse"})
        assert edited.status_code == 303
        assert (await stand_json(orga, stand_id))["job_cards"][0]["title"] == "Soudeuse"
        through_other = await orga.post(f"/admin/stands/{other_id}/job-cards/{card['id']}/delete")
        assert through_other.status_code == 404
        assert (
            await orga.post(f"/admin/stands/{other_id}/job-cards/{card['id']}", data={"title": "X"})
        ).status_code == 404
        assert len((await stand_json(orga, stand_id))["job_cards"]) == 1
        assert (await orga.post(f"/admin/stands/{stand_id}/job-cards/{card['id']}/delete")).status_code == 303
        assert (await stand_json(orga, stand_id))["job_cards"] == []

        bad_offer = await orga.post(
            f"/admin/stands/{stand_id}/offers",
            data={"kind": "cdi", "title": "Stage", "starts_on": "2027-02-10", "ends_on": "2027-02-01"},
        )
        assert bad_offer.status_code == 400
        assert {'href="#offer-new-kind"', 'href="#offer-new-ends_on"'} <= set(
            re.findall(r'href="#[^"]+"', error_summary(bad_offer.text))
        )
        offer = await orga.post(
            f"/admin/stands/{stand_id}/offers",
            data={"kind": "stage-3e", "title": "Stage", "starts_on": "2027-02-01", "ends_on": "2027-02-05"},
        )
        assert offer.status_code == 303 and len((await stand_json(orga, stand_id))["offers"]) == 1

        outside = await orga.post(
            f"/admin/stands/{stand_id}/hours", data={"starts_at": "2020-01-01T09:00", "ends_at": "2020-01-01T10:00"}
        )
        assert outside.status_code == 400 and "pendant l&#39;événement" in error_summary(outside.text)
        start = utcnow().replace(second=0, microsecond=0) + timedelta(hours=2)
        hours = await orga.post(
            f"/admin/stands/{stand_id}/hours",
            data={"starts_at": paris_input(start), "ends_at": paris_input(start + timedelta(hours=1))},
        )
        assert hours.status_code == 303
        rows = await sql(server.env["DATABASE_URL"], "SELECT id FROM stand_hours WHERE stand_id = :id", id=stand_id)
        assert len(rows) == 1
        assert (await orga.post(f"/admin/stands/{other_id}/hours/{rows[0][0]}/delete")).status_code == 404
        assert (await orga.post(f"/admin/stands/{stand_id}/hours/{rows[0][0]}/delete")).status_code == 303
