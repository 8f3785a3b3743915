"""The import and export pages through a real server: an organiser uploads and reads the report, others
are kept out."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from tests.live import ServerProcess, base_env, prepare_database

EVENT = "des-clics-des-metiers"
REPORT_FILE = (
    "name;kind;sector;city;job_titles\n"
    "Import Web Menuiserie;company;btp;Bayeux;Menuisier / Menuisière\n"
    '"<img src=x onerror=alert(1)>";company;astronomie;Caen;\n'
    "Import Web Menuiserie;company;btp;Caen;\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[ServerProcess, Path]]:
    """A server on a demo database of its own: these tests add stands and import jobs."""
    db = tmp_path_factory.mktemp("import-web") / "salon.db"
    env = base_env(f"sqlite+aiosqlite:///{db}")
    prepare_database(env)
    process = ServerProcess(env).start()
    yield process, db
    process.stop()


async def signed_in(url: str, email: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=url, headers={"Accept": "text/html"})
    response = await client.post("/login", data={"email": email, "password": "demo-salon"})
    assert response.status_code == 303
    return client


@pytest.fixture
async def organiser(site) -> AsyncIterator[httpx.AsyncClient]:
    client = await signed_in(site[0].url, "orga@demo.salon")
    yield client
    await client.aclose()


async def upload(client: httpx.AsyncClient, content: bytes, *, dry_run: bool = False) -> httpx.Response:
    return await client.post(
        f"/admin/events/{EVENT}/import",
        files={"file": ("partenaires.csv", content, "text/csv")},
        data={"dry_run": "1"} if dry_run else {},
    )


async def finished(client: httpx.AsyncClient, job_id: str) -> dict:
    for _ in range(100):
        job = (await client.get(f"/api/imports/{job_id}")).json()
        if job["status"] != "running":
            return job
        await asyncio.sleep(0.1)
    raise AssertionError(f"import {job_id} still running")


async def test_an_organiser_uploads_a_file_and_reads_the_report(organiser, site):
    form = await organiser.get(f"/admin/events/{EVENT}/import")
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.text
    assert '<label for="import-file">' in form.text and '<label for="import-dry-run">' in form.text
    response = await upload(organiser, REPORT_FILE.encode())
    assert response.status_code == 303
    job_id = re.fullmatch(r"/admin/imports/(\d+)", response.headers["location"]).group(1)
    job = await finished(organiser, job_id)
    assert (job["status"], job["total_rows"], job["done_rows"], job["dry_run"]) == ("done", 3, 3, False)
    assert job["report"]["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "refused": 2}
    page = await organiser.get(f"/admin/imports/{job_id}")
    assert page.status_code == 200
    assert 'http-equiv="refresh"' not in page.text and "<progress" in page.text
    rows = re.findall(r'<tr class="import-(\w+)">\s*<td>(\d+)</td>\s*<td>(.*?)</td>', page.text)
    assert ("created", "2", "Import Web Menuiserie") in rows
    assert ("refused", "3", "&lt;img src=x onerror=alert(1)&gt;") in rows
    assert "<img src=x" not in page.text  # what a file says is text, never markup
    assert "<code>sector</code>" in page.text and "Secteur « astronomie » inconnu" in page.text
    assert "figure déjà ligne 2" in page.text
    with sqlite3.connect(site[1]) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM stands")}
    assert "Import Web Menuiserie" in names and "<img src=x onerror=alert(1)>" not in names
    history = await organiser.get(f"/admin/events/{EVENT}/import")
    assert f'href="/admin/imports/{job_id}"' in history.text


def stands_named(db: Path, name: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM stands WHERE name = ?", (name,)).fetchone()[0]


async def test_a_dry_run_through_the_page_writes_no_stand(organiser, site):
    response = await upload(organiser, b"name;kind;sector\nImport Web Essai;company;btp\n", dry_run=True)
    job = await finished(organiser, response.headers["location"].rsplit("/", 1)[1])
    assert job["dry_run"] and job["report"]["counts"]["created"] == 1
    assert stands_named(site[1], "Import Web Essai") == 0


async def test_a_dry_run_speaks_in_the_future_and_launches_the_real_import_of_its_file(organiser, site):
    response = await upload(organiser, b"name;kind;sector\nImport Web Lancement;company;btp\n", dry_run=True)
    dry_id = response.headers["location"].rsplit("/", 1)[1]
    dry = await finished(organiser, dry_id)
    assert "source" not in dry["report"]  # where the file is kept is the server's business
    page = (await organiser.get(f"/admin/imports/{dry_id}")).text
    assert "Stands à créer : 1" in page and "Stand à créer." in page and ">à créer</span>" in page
    assert "Stand créé." not in page and ">créé</span>" not in page and "Créés" not in page
    assert f'<form method="post" action="/admin/imports/{dry_id}/run">' in page
    assert re.search(r"<button[^>]*>Lancer l(&#39;|')import</button>", page)
    with sqlite3.connect(site[1]) as conn:
        kept = conn.execute("SELECT sha256 FROM media WHERE content_type = 'text/csv'").fetchall()
    assert kept
    for (sha,) in kept:
        assert (await organiser.get(f"/media/{sha}")).status_code == 404

    professional = await signed_in(site[0].url, "pro@demo.salon")
    try:
        assert (await professional.post(f"/admin/imports/{dry_id}/run")).status_code == 403
    finally:
        await professional.aclose()
    assert stands_named(site[1], "Import Web Lancement") == 0

    launched = await organiser.post(f"/admin/imports/{dry_id}/run")  # no file sent again
    assert launched.status_code == 303
    real_id = re.fullmatch(r"/admin/imports/(\d+)", launched.headers["location"]).group(1)
    assert real_id != dry_id
    real = await finished(organiser, real_id)
    assert (real["dry_run"], real["status"], real["filename"]) == (False, "done", "partenaires.csv")
    assert real["report"]["counts"]["created"] == 1 and stands_named(site[1], "Import Web Lancement") == 1
    page = (await organiser.get(f"/admin/imports/{real_id}")).text
    assert "Stands créés : 1" in page and "Stand créé." in page and ">créé</span>" in page
    assert "Stand à créer." not in page and "/run" not in page

    after = (await organiser.get(f"/admin/imports/{dry_id}")).text
    assert "/run" not in after and f'href="/admin/imports/{real_id}"' in after
    again = await organiser.post(f"/admin/imports/{dry_id}/run")
    assert again.status_code == 409 and stands_named(site[1], "Import Web Lancement") == 1
    not_a_dry_run = await organiser.post(f"/admin/imports/{real_id}/run")
    assert not_a_dry_run.status_code == 409


async def test_a_running_import_refreshes_itself(organiser, site):
    with sqlite3.connect(site[1]) as conn:
        cursor = conn.execute(
            "INSERT INTO import_jobs (event_id, filename, dry_run, status, total_rows, done_rows, report, created_at)"
            " VALUES (1, 'long.csv', 0, 'running', 500, 120, '{}', CURRENT_TIMESTAMP)"
        )
        job_id = cursor.lastrowid
    page = await organiser.get(f"/admin/imports/{job_id}")
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.text
    assert re.search(r'<progress id="import-bar" max="500" value="120">', page.text)
    assert "120 lignes traitées sur 500" in page.text and "js/import.js" in page.text
    assert "<table" not in page.text


@pytest.mark.parametrize(
    ("content", "status", "message"),
    [
        (b"name;city\nA;Caen\n", 400, "Colonnes obligatoires absentes : kind, sector."),
        (b"PK\x03\x04rest", 400, "C&#39;est un classeur"),
        (b"name;kind;sector\n" + b"x" * (5 * 1024 * 1024), 413, "Le fichier dépasse 5 Mo"),
    ],
)
async def test_a_file_that_cannot_be_read_is_refused_on_the_form(organiser, content, status, message):
    page = await upload(organiser, content, dry_run=True)
    assert page.status_code == status
    assert message in page.text
    assert 'id="import-erreur" role="alert"' in page.text
    assert 'aria-describedby="import-file-aide import-erreur"' in page.text and 'aria-invalid="true"' in page.text
    assert re.search(r'id="import-dry-run"[^>]*checked', page.text)  # the choice survives the error


async def test_the_export_is_a_csv_file_for_excel(organiser):
    response = await organiser.get(f"/admin/events/{EVENT}/export.csv")
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="stands-{EVENT}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbfname;kind;sector;")
    assert "Chaudronnerie Varin-Lecoq;company;industrie" in response.content.decode("utf-8-sig")


async def test_a_professional_gets_403_and_an_anonymous_visitor_is_sent_to_login(site):
    url = site[0].url
    professional = await signed_in(url, "pro@demo.salon")
    anonymous = httpx.AsyncClient(base_url=url, headers={"Accept": "text/html"})
    try:
        for path in (f"/admin/events/{EVENT}/import", f"/admin/events/{EVENT}/export.csv", "/admin/imports/1"):
            assert (await professional.get(path)).status_code == 403
            response = await anonymous.get(path)
            assert response.status_code == 303 and response.headers["location"] == f"/login?next={path}"
        refused = await upload(professional, b"name;kind;sector\nIntrus;company;btp\n")
        assert refused.status_code == 403
        assert (await upload(anonymous, b"name;kind;sector\nIntrus;company;btp\n")).status_code == 401
        api = await professional.get("/api/imports/1")
        assert api.status_code == 403 and api.json()["error"]["code"] == "forbidden"
        assert (await anonymous.get("/api/imports/1")).json()["error"]["code"] == "unauthorized"
    finally:
        await professional.aclose()
        await anonymous.aclose()


async def test_an_import_cut_short_by_a_shutdown_is_marked_failed(site):
    process = ServerProcess(site[0].env).start()  # a second server on the same database, stopped mid-import
    try:
        client = await signed_in(process.url, "orga@demo.salon")
        lines = "".join(f"Stand coupé {i};company;btp;Caen;A | B\n" for i in range(3000))
        response = await upload(client, ("name;kind;sector;city;job_titles\n" + lines).encode(), dry_run=True)
        job_id = response.headers["location"].rsplit("/", 1)[1]
        for _ in range(100):
            if (await client.get(f"/api/imports/{job_id}")).json()["done_rows"] >= 20:
                break
            await asyncio.sleep(0.1)
        await client.aclose()
    finally:
        process.stop()
    with sqlite3.connect(site[1]) as conn:
        status, done, report = conn.execute(
            "SELECT status, done_rows, report FROM import_jobs WHERE id = ?", (job_id,)
        ).fetchone()
    assert status == "failed" and 20 <= done < 3000
    assert "interrompu par l'arrêt du serveur" in json.loads(report)["error"]
