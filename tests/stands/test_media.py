"""GET /media/{sha256}: logos and PDFs from the database, cached for good, PDFs sandboxed."""

from __future__ import annotations

import hashlib
import io
from urllib.parse import unquote

import httpx
import pytest
from PIL import Image

from stands.media_views import content_disposition, etag_matches, pdf_filename
from tests.live import ServerProcess
from tests.stands.stand_factory import add_document, database, give_logo, make_stand, open_event, pdf, png

TITLE = 'Plaquette « Métiers de l\'éolien » 2027/2028: "tout savoir"'


@pytest.fixture(scope="module")
async def files(server: ServerProcess, sqlite_url: str) -> dict[str, object]:
    async with database(sqlite_url) as db:
        event = await open_event(db, "media")
        stand = await make_stand(db, event, "Éoliennes du Pays de Caux")
        logo = await give_logo(db, stand, png(800, 400))
        document = await add_document(db, stand, TITLE, pdf("éolien"))
        await db.commit()
        return {"stand": stand.id, "logo": logo, "pdf": document}


@pytest.fixture
async def http(server: ServerProcess):
    async with httpx.AsyncClient(base_url=server.url) as client:
        yield client


async def test_media_serves_a_resized_logo_with_cache_headers(http, files):
    response = await http.get(f"/media/{files['logo']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["etag"] == f'"{files["logo"]}"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-disposition" not in response.headers
    assert hashlib.sha256(response.content).hexdigest() == files["logo"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (256, 128)
    stand = (await http.get(f"/api/stands/{files['stand']}")).json()
    assert stand["logo_url"] == f"/media/{files['logo']}"
    page = await http.get(f"/stands/{files['stand']}", headers={"Accept": "text/html"})
    assert f'<img class="stand-head-logo" src="/media/{files["logo"]}" alt=""' in page.text


async def test_media_serves_a_pdf_inline_under_its_title_in_a_sandbox(http, files):
    response = await http.get(f"/media/{files['pdf']}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and hashlib.sha256(response.content).hexdigest() == files["pdf"]
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('inline; filename="')
    ascii_name = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert ascii_name.isascii() and ascii_name.endswith(".pdf") and "/" not in ascii_name
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "Plaquette « Métiers de l'éolien » 2027 2028 tout savoir.pdf"


async def test_media_answers_not_modified_to_its_etag(http, files):
    etag = f'"{files["pdf"]}"'
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = await http.get(f"/media/{files['pdf']}", headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b"" and response.headers["etag"] == etag
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    changed = await http.get(f"/media/{files['pdf']}", headers={"If-None-Match": f'"{files["logo"]}"'})
    assert changed.status_code == 200 and changed.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "0" * 64,  # well formed, unknown
        "/media/" + "A" * 64,  # upper case is not how hashes are written
        "/media/nothing",
        "/media/" + "0" * 63 + "g",
    ],
)
async def test_media_unknown_or_malformed_hash_is_not_found(http, path):
    response = await http.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found" and response.json()["error"]["message"]


def test_pdf_names_are_safe_in_headers():
    assert pdf_filename("") == "document.pdf"
    assert pdf_filename("Guide.PDF") == "Guide.PDF"
    assert pdf_filename('a\r\nb"; filename="evil.html') == "a b filename= evil.html.pdf"
    header = content_disposition(pdf_filename("Fiche métier : soudeur\nsoudeuse"))
    assert "\n" not in header and "\r" not in header
    assert header == (
        'inline; filename="Fiche metier soudeur soudeuse.pdf"; '
        "filename*=UTF-8''Fiche%20m%C3%A9tier%20soudeur%20soudeuse.pdf"
    )
    assert content_disposition("«».pdf") == "inline; filename=\"document.pdf\"; filename*=UTF-8''%C2%AB%C2%BB.pdf"


def test_etags_compare_weakly_for_if_none_match():
    assert etag_matches('W/"abc"', '"abc"') and etag_matches(' "x" , "abc"', '"abc"')
    assert not etag_matches('"abcd"', '"abc"') and not etag_matches(None, '"abc"') and not etag_matches("", '"abc"')
