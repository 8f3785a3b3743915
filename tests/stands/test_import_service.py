"""Applying CSV imports to a real database, on SQLite and on PostgreSQL: the report, idempotence, dry runs,
staff, and nothing half-written."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from chat.models import Room
from server import mailer
from server.config import Settings
from server.db import create_engine, create_session_factory
from server.migrate import upgrade
from server.models import AuditEntry, Role, User
from server.timeutil import utcnow
from stands import service as fair
from stands.exports import export_records, to_csv
from stands.import_service import BATCH, ImportInterrupted, import_stands
from stands.imports import parse_import
from stands.models import Event, ImportJob, JobCard, StaffInvitation, Stand, StandStaff
from tests.conftest import _create_database, _drop_database

SETTINGS = Settings(public_url="https://salon.example")
HEADER = "name;kind;sector;city;description;website;staff_emails;job_titles;rome_codes"
GOOD_AND_BAD = "\n".join(
    [
        HEADER,
        "Fonderie du Bocage;company;industrie;Flers;Fonte et aluminium.;;pro@exemple.fr;"
        "Soudeur / Soudeuse | Chaudronnier;H2913 | H2902",
        "Octet Normand;company;Numérique;Caen;Studio web.;https://octet.example;"
        "pro@exemple.fr | nouvelle@octet.example;Développeur web;M1805",
        "Mauvais Secteur;company;astronomie;Caen;;;;;",
        "Stand du Prof;company;btp;Caen;;;prof@exemple.fr;Maçon;F1703",
        "Lien Piégé;company;btp;Caen;;javascript:alert(1);;;",
        "Octet normand;company;btp;Caen;;;;;",
    ]
)


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request, tmp_path_factory) -> AsyncIterator[str]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('imports') / 'salon.db'}"
    else:
        admin_url = request.getfixturevalue("postgres_admin_url")
        url = await _create_database(admin_url)
    await asyncio.to_thread(upgrade, url)
    yield url
    if request.param == "postgres":
        await _drop_database(admin_url, url)


@pytest.fixture
async def world(database) -> AsyncIterator[dict[str, Any]]:
    """An event with one stand (one job card, one professional), a teacher and an organiser."""
    engine = create_engine(database)
    sessions = create_session_factory(engine)
    async with sessions() as db:
        event = await fair.save_event(
            db, slug="salon-test", title="Salon test", starts_at=utcnow(), ends_at=utcnow() + timedelta(days=1)
        )
        pro = User(role=Role.PROFESSIONAL, name="Camille", email="pro@exemple.fr")
        teacher = User(role=Role.TEACHER, name="M. Leroy", email="prof@exemple.fr")
        organiser = User(role=Role.ORGANISER, name="Orga", email="orga@exemple.fr")
        db.add_all([pro, teacher, organiser])
        stand = await fair.save_stand(db, event, name="Fonderie du Bocage", kind="company", sector="industrie")
        db.add(JobCard(stand_id=stand.id, title="Soudeur / Soudeuse", rome_code="H2913", missions="Souder."))  # type: ignore[arg-type]
        await db.flush()
        await fair.add_staff(db, stand, pro)
        await db.commit()
        ids = {"event": event.id, "stand": stand.id, "pro": pro.id, "organiser": organiser.id}
    try:
        yield {"sessions": sessions, **ids}
    finally:
        await engine.dispose()


async def run(world, text: str, *, dry_run: bool = False, job: bool = False, on_progress=None, stop=None):
    async with world["sessions"]() as db:
        event = await db.get(Event, world["event"])
        record = None
        if job:
            record = ImportJob(event_id=world["event"], created_by=world["organiser"], dry_run=dry_run)
            db.add(record)
            await db.commit()
        report = await import_stands(
            db,
            SETTINGS,
            event,
            parse_import(text.encode()),
            actor_id=world["organiser"],
            dry_run=dry_run,
            job=record,
            on_progress=on_progress,
            stop=stop,
        )
        return (report, record.id) if job else report


async def snapshot(world) -> dict[str, list[tuple]]:
    """Every row that an import may write, comparable between two moments."""
    tables = {
        "stands": Stand,
        "job_cards": JobCard,
        "stand_staff": StandStaff,
        "invitations": StaffInvitation,
        "audit": AuditEntry,
    }
    found = {}
    async with world["sessions"]() as db:
        for name, model in tables.items():
            rows = (await db.exec(select(model))).all()
            found[name] = sorted(tuple(sorted(r.model_dump().items(), key=str)) for r in rows)
        found["rooms"] = sorted((r.name, r.title) for r in (await db.exec(select(Room))).all())
        found["users"] = sorted(u.email or "" for u in (await db.exec(select(User))).all())
    return found


def by_line(report) -> dict[int, Any]:
    return {row.line: row for row in report.rows}


async def test_import_reports_good_and_bad_rows(world):
    sent_before = len(mailer.RECENT)
    report = await run(world, GOOD_AND_BAD)
    rows = by_line(report)
    assert {line: row.status for line, row in rows.items()} == {
        2: "updated",
        3: "created",
        4: "refused",
        5: "refused",
        6: "refused",
        7: "refused",
    }
    assert report.counts() == {"created": 1, "updated": 1, "unchanged": 0, "refused": 4}
    notes = {(n.column, n.message) for n in rows[2].notes}
    assert ("city", "Renseigné : « Flers ».") in notes
    assert ("job_titles", "Fiches métiers ajoutées : Chaudronnier.") in notes
    assert [n.column for n in rows[4].notes] == ["sector"] and "astronomie" in rows[4].notes[0].message
    assert [(n.column, n.message) for n in rows[5].notes] == [
        ("staff_emails", "Le compte prof@exemple.fr n'est pas un compte de professionnel ou de CFA.")
    ]
    assert rows[6].notes[0].column == "website"
    assert rows[7].notes[0].column == "name" and "ligne 3" in rows[7].notes[0].message
    async with world["sessions"]() as db:
        stands = {s.name: s for s in (await db.exec(select(Stand))).all()}
        assert set(stands) == {"Fonderie du Bocage", "Octet Normand"}  # refused lines left nothing
        octet = stands["Octet Normand"]
        assert (octet.sector, octet.website, octet.city) == ("numerique", "https://octet.example", "Caen")
        assert (await db.exec(select(Room).where(Room.name == f"stand:{octet.id}"))).one().title == "Octet Normand"
        cards = (await db.exec(select(JobCard).where(JobCard.stand_id == world["stand"]))).all()
        assert sorted((c.title, c.rome_code, c.missions) for c in cards) == [
            ("Chaudronnier", "H2902", ""),
            ("Soudeur / Soudeuse", "H2913", "Souder."),  # the existing card is kept as it was
        ]
        assert await db.get(StandStaff, (octet.id, world["pro"])) is not None
        invitation = (await db.exec(select(StaffInvitation))).one()
        assert (invitation.email, invitation.stand_id) == ("nouvelle@octet.example", octet.id)
        audit = (await db.exec(select(AuditEntry).order_by(col(AuditEntry.id)))).all()
        assert [(a.action, a.target, a.actor_id) for a in audit] == [
            ("stand.import.updated", f"stand:{world['stand']}", world["organiser"]),
            ("staff.add", f"stand:{octet.id}", world["organiser"]),
            ("staff.invite", f"stand:{octet.id}", world["organiser"]),
            ("stand.import.created", f"stand:{octet.id}", world["organiser"]),
        ]
        assert audit[0].detail["columns"] == ["city", "description", "job_titles"]
    mails = list(mailer.RECENT)[sent_before:]
    assert [m.to for m in mails] == ["nouvelle@octet.example"]
    assert "Octet Normand" in mails[0].subject and "https://salon.example/invitations/" in mails[0].body


async def test_a_second_import_of_the_same_file_changes_nothing(world):
    first = await run(world, GOOD_AND_BAD)
    before = await snapshot(world)
    second = await run(world, GOOD_AND_BAD)
    assert await snapshot(world) == before
    assert {r.line: r.status for r in second.rows} == {2: "unchanged", 3: "unchanged"} | {
        r.line: "refused" for r in first.rows if r.status == "refused"
    }
    assert all(not r.notes for r in second.rows if r.status == "unchanged")


async def test_a_dry_run_writes_nothing_and_reports_what_a_real_run_does(world):
    before = await snapshot(world)
    sent_before = len(mailer.RECENT)
    dry, job_id = await run(world, GOOD_AND_BAD, dry_run=True, job=True)
    assert await snapshot(world) == before
    assert len(mailer.RECENT) == sent_before
    real = await run(world, GOOD_AND_BAD)

    def outcome(report):
        return [(r.line, r.stand, r.status, [n.column for n in r.notes]) for r in report.rows]

    assert outcome(dry) == outcome(real)
    assert dry.dry_run and not real.dry_run
    # The same notes, but a dry run speaks of what will be done, a real run of what was done.
    dry_notes = {(n.column, n.message) for r in dry.rows for n in r.notes}
    real_notes = {(n.column, n.message) for r in real.rows for n in r.notes}
    assert {
        ("", "Stand à créer."),
        ("city", "Sera renseigné : « Flers »."),
        ("job_titles", "Fiches métiers à ajouter : Chaudronnier."),
    } <= dry_notes
    assert {
        ("", "Stand créé."),
        ("city", "Renseigné : « Flers »."),
        ("job_titles", "Fiches métiers ajoutées : Chaudronnier."),
    } <= real_notes
    assert ("", "Stand créé.") not in dry_notes and ("", "Stand à créer.") not in real_notes
    async with world["sessions"]() as db:
        job = await db.get(ImportJob, job_id)
        assert job.status == "done" and job.report["dry_run"] and job.report["counts"]["created"] == 1


async def test_updates_are_reported_column_by_column_and_missing_columns_are_left_alone(world):
    await run(world, f"{HEADER}\nFonderie du Bocage;company;industrie;Flers;Fonte.;https://fonderie.example;;;\n")
    report = await run(world, "nom;type;secteur;ville\nfonderie du bocage;cfa;industrie;Argentan\n")
    [row] = report.rows
    assert row.status == "updated" and row.stand == "fonderie du bocage"
    assert [(n.column, n.message) for n in row.notes] == [
        ("name", "« Fonderie du Bocage » devient « fonderie du bocage »."),
        ("kind", "« company » devient « cfa »."),
        ("city", "« Flers » devient « Argentan »."),
    ]
    async with world["sessions"]() as db:
        stand = await db.get(Stand, world["stand"])
        assert (stand.name, stand.description, stand.website) == (
            "fonderie du bocage",
            "Fonte.",
            "https://fonderie.example",
        )
        room = (await db.exec(select(Room).where(Room.name == f"stand:{stand.id}"))).one()
        assert room.title == "fonderie du bocage"
        assert len((await db.exec(select(JobCard).where(JobCard.stand_id == stand.id))).all()) == 1


async def test_a_row_failing_late_leaves_nothing_half_written(world):
    # The stand, its room and job card are written before the teacher's e-mail is refused: all roll back.
    before = await snapshot(world)
    report = await run(world, f"{HEADER}\nNouveau;company;btp;;;;ok@exemple.fr | prof@exemple.fr;Maçon;F1703\n")
    assert report.rows[0].status == "refused" and report.rows[0].notes[0].column == "staff_emails"
    assert await snapshot(world) == before


async def test_existing_accounts_are_added_and_others_invited_once(world):
    text = f"{HEADER}\nFonderie du Bocage;company;industrie;;;;PRO@exemple.fr | a@fonderie.example;;\n"
    first = await run(world, text)
    assert first.rows[0].status == "updated"
    assert [(n.column, n.message) for n in first.rows[0].notes] == [
        ("staff_emails", "Invitation envoyée à : a@fonderie.example.")
    ]
    second = await run(world, text)
    assert second.rows[0].status == "unchanged"
    async with world["sessions"]() as db:
        invitations = (await db.exec(select(StaffInvitation))).all()
        assert [i.email for i in invitations] == ["a@fonderie.example"]
        staff = (await db.exec(select(StandStaff).where(StandStaff.stand_id == world["stand"]))).all()
        assert [s.user_id for s in staff] == [world["pro"]]


async def test_progress_is_recorded_every_batch(world):
    lines = [f"Stand {i:03d};company;btp;;;;;;" for i in range(2 * BATCH + 5)]
    seen: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        seen.append((done, total))
        async with world["sessions"]() as other:  # what the job page reads, from another connection
            job = (await other.exec(select(ImportJob).order_by(col(ImportJob.id).desc()))).first()
            assert job is not None and job.done_rows == done

    report, job_id = await run(world, "\n".join([HEADER, *lines]), job=True, on_progress=progress)
    total = 2 * BATCH + 5
    assert seen == [(BATCH, total), (2 * BATCH, total), (total, total)]
    assert report.counts()["created"] == total
    async with world["sessions"]() as db:
        job = await db.get(ImportJob, job_id)
        assert (job.status, job.done_rows, job.finished_at is not None) == ("done", total, True)
        assert len(job.report["rows"]) == total


async def test_a_stop_request_ends_the_import_between_lines_and_keeps_whole_batches(world):
    lines = [f"Arrêté {i:03d};company;btp;;;;;;" for i in range(3 * BATCH)]
    stop = asyncio.Event()

    async def progress(done: int, total: int) -> None:
        if done == BATCH:
            stop.set()  # what the server's shutdown does while the second batch would start

    with pytest.raises(ImportInterrupted):
        await run(world, "\n".join([HEADER, *lines]), on_progress=progress, stop=stop)
    async with world["sessions"]() as db:
        names = [s.name for s in (await db.exec(select(Stand).where(col(Stand.name).startswith("Arrêté")))).all()]
    assert sorted(names) == [f"Arrêté {i:03d}" for i in range(BATCH)]
    await run(world, "\n".join([HEADER, *lines]))  # importing the file again finishes the job, nothing twice
    async with world["sessions"]() as db:
        again = (await db.exec(select(Stand).where(col(Stand.name).startswith("Arrêté")))).all()
    assert len(again) == 3 * BATCH


async def test_export_then_import_changes_nothing(world):
    await run(world, GOOD_AND_BAD)
    async with world["sessions"]() as db:
        event = await db.get(Event, world["event"])
        stand = await db.get(Stand, world["stand"])
        stand.description = "=SOMME(A1:A2)\n- première ligne"
        db.add(stand)
        await db.commit()
        exported = to_csv(await export_records(db, event))
    before = await snapshot(world)
    report = await run(world, exported.decode("utf-8-sig"))
    assert {r.status for r in report.rows} == {"unchanged"} and len(report.rows) == 2
    assert await snapshot(world) == before
    assert b"'=SOMME(A1:A2)" in exported
