"""The hall: search (accents, ROME codes), filters and their combinations, pages, bad values, escaping;
the pure rules first, then the real app on a database built for these tests."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from server.db import create_engine, create_session_factory
from server.timeutil import utcnow
from stands import service as fair
from stands.departments import department_choices, department_label
from stands.hall import page_window, paginate, parse_flag, parse_page, within_daily_hours
from stands.models import Event, StandHours
from stands.search import fold, matches, terms
from tests.stands.inprocess import InProcessApp, migrated_sqlite, running_app

EVENT = "salon-du-hall"
CLOSED_EVENT = "salon-termine"
SCRIPT_NAME = '<script>alert("stand")</script> Boutique'
FILLERS = 42  # with the 7 stands below: 49 stands, pages of 24, 24 and 1

STANDS: list[dict[str, Any]] = [
    {
        "name": "Métiers du Bois Lecoq",
        "kind": "company",
        "sector": "industrie",
        "department": "14",
        "city": "Caen",
        "jobs": [("Menuisier / Menuisière", "F1607")],
        "offers": [{"kind": "apprentissage", "title": "Apprenti menuisier"}],
        "slot": (-1, 1),
    },
    {
        "name": "CFA Saveurs d'Auge",
        "kind": "cfa",
        "sector": "hotellerie-restauration",
        "department": "14",
        "city": "Lisieux",
        "jobs": [("Cuisinier / Cuisinière", "G1602")],
        "slot": (-3, -2),
    },
    {
        "name": "Pixel Studio",
        "kind": "company",
        "sector": "numerique",
        "department": "76",
        "city": "Rouen",
        "jobs": [("Développeur / Développeuse web", "M1805")],
        "offers": [{"kind": "stage-3e", "title": "Stage de 3e"}],
    },
    {
        "name": "Lycée maritime de Cherbourg",
        "kind": "school",
        "sector": "maritime",
        "department": "50",
        "city": "Cherbourg-en-Cotentin",
        "jobs": [("Matelot / Matelote", "A1415")],
        "slot": (2, 3),
    },
    {
        "name": SCRIPT_NAME,
        "kind": "company",
        "sector": "commerce",
        "department": "61",
        "city": "Alençon",
        "jobs": [("Vendeur / Vendeuse", "D1214")],
        "offers": [{"kind": "autre", "title": "Pas une offre de stage"}],
    },
    {
        "name": "Œuvre du Cœur solidaire",
        "kind": "institution",
        "sector": "sante-social",
        "department": "27",
        "city": "Évreux",
        "jobs": [("Aide-soignant / Aide-soignante", "J1501")],
    },
    {
        "name": "Industries Normandes Réunies",
        "kind": "branch",
        "sector": "industrie",
        "department": "76",
        "city": "Le Havre",
        "jobs": [("Soudeur / Soudeuse", "H2913")],
        "slot": (-1, 1),
    },
]


async def _add_stands(db: Any, event: Event, specs: list[dict[str, Any]], now: datetime) -> None:
    for spec in specs:
        fields = {k: spec.get(k, "") for k in ("kind", "sector", "department", "city")}
        stand = await fair.save_stand(db, event, name=spec["name"], **fields)
        await fair.replace_stand_content(
            db,
            stand,
            job_cards=[{"title": t, "rome_code": r} for t, r in spec.get("jobs", [])],
            offers=spec.get("offers", []),
        )
        if "slot" in spec:
            start, end = spec["slot"]
            db.add(
                StandHours(
                    stand_id=stand.id, starts_at=now + timedelta(hours=start), ends_at=now + timedelta(hours=end)
                )
            )


@pytest.fixture(scope="module")
async def app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[InProcessApp]:
    url = await migrated_sqlite(str(tmp_path_factory.mktemp("hall")))
    now = utcnow()
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as db:
            event = await fair.save_event(
                db,
                slug=EVENT,
                title="Salon du hall",
                starts_at=now - timedelta(days=1),
                ends_at=now + timedelta(days=1),
            )
            fillers = [
                {"name": f"Entreprise de remplissage {i:03d}", "kind": "branch", "sector": "btp"}
                for i in range(FILLERS)
            ]
            await _add_stands(db, event, STANDS + fillers, now)
            closed = await fair.save_event(
                db,
                slug=CLOSED_EVENT,
                title="Salon terminé",
                starts_at=now - timedelta(days=3),
                ends_at=now - timedelta(days=2),
            )
            await _add_stands(db, closed, [dict(STANDS[0])], now)
            await db.commit()
    finally:
        await engine.dispose()
    async with running_app(url) as running:
        yield running


def card_names(page: str) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'<article [^>]*data-stand-name="([^"]*)"', page)]


def selected(page: str, field: str) -> str:
    select = re.search(rf'<select id="{field}" name="{field}">([\s\S]*?)</select>', page)
    assert select, field
    chosen = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return chosen.group(1) if chosen else ""


async def hall(app: InProcessApp, **params: str) -> str:
    response = await app.client.get(f"/events/{EVENT}", params=params)
    assert response.status_code == 200, response.text
    return response.text


async def api(app: InProcessApp, **params: str) -> list[dict[str, Any]]:
    response = await app.client.get(f"/api/events/{EVENT}/stands", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------ pure rules


def test_search_folds_accents_case_punctuation_and_ligatures():
    assert fold("Œuvre du CŒUR") == "oeuvre du coeur"
    assert terms("L'Aide-Soignante") == "l aide soignante"
    assert matches("aide soignante", ["Aide-soignant / Aide-soignante"])
    assert matches("aide-soignante", ["Aide soignante"])
    assert matches("METIERS bois", ["Métiers du Bois"])
    assert matches("m1805", ["Pixel", "M1805"])
    assert not matches("m1806", ["Pixel", "M1805"])
    assert matches("   ", ["anything"])


def test_pages_clamp_out_of_range_numbers():
    items = list(range(49))
    assert [paginate(items, n).number for n in (1, 2, 3, 4, 1000)] == [1, 2, 3, 3, 3]
    assert [len(paginate(items, n).items) for n in (1, 2, 3)] == [24, 24, 1]
    empty = paginate([], 5)
    assert (empty.number, empty.count, empty.items) == (1, 1, [])
    assert (paginate(list(range(24)), 2).count, paginate(list(range(25)), 2).count) == (1, 2)


def test_page_numbers_come_from_digits_only():
    assert [parse_page(v) for v in (None, "", "2", " 3 ", "0", "-1", "abc", "2.5", "١٢")] == [1, 1, 2, 3, 1, 1, 1, 1, 1]
    assert parse_page("9" * 40) == 999_999_999  # cut, then paginate() takes the last page


def test_page_window_shows_first_last_and_neighbours():
    assert page_window(1, 1) == [1]
    assert page_window(1, 4) == [1, 2, 3, 4]
    assert page_window(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert page_window(10, 10) == [1, None, 8, 9, 10]


def test_flags_read_yes_and_no_and_nothing_else():
    assert [parse_flag(v) for v in ("1", "true", "on", "0", "", None, "false")] == [True] * 3 + [False] * 4
    assert parse_flag("maybe") is None


def test_daily_hours_limit_open_now():
    event = Event(slug="e", title="E", starts_at=utcnow(), ends_at=utcnow())
    noon_paris = datetime(2026, 1, 15, 11, 0, tzinfo=UTC)  # 12:00 in Paris (winter)
    assert within_daily_hours(event, noon_paris)
    event.opens_daily_at, event.closes_daily_at = time(9, 0), time(17, 0)
    assert within_daily_hours(event, noon_paris)
    assert not within_daily_hours(event, noon_paris + timedelta(hours=6))
    event.opens_daily_at, event.closes_daily_at = time(18, 0), time(2, 0)  # past midnight
    assert not within_daily_hours(event, noon_paris)
    assert within_daily_hours(event, noon_paris + timedelta(hours=12))


def test_departments_are_labelled_by_name_and_number():
    assert department_label("14") == "Calvados (14)"
    assert department_label("2A") == "2A"
    assert department_choices(["76", "14", "", "2A", "14"]) == [
        ("14", "Calvados (14)"),
        ("2A", "2A"),
        ("76", "Seine-Maritime (76)"),
    ]


# ------------------------------------------------------------------------------------------ the page


async def test_hall_search_ignores_accents_and_case(app):
    assert card_names(await hall(app, q="metiers")) == ["Métiers du Bois Lecoq"]
    assert card_names(await hall(app, q="MÉTIERS bois")) == ["Métiers du Bois Lecoq"]
    assert card_names(await hall(app, q="oeuvre coeur")) == ["Œuvre du Cœur solidaire"]
    assert card_names(await hall(app, q="menuisiere")) == ["Métiers du Bois Lecoq"]  # a job title
    assert card_names(await hall(app, q="evreux")) == ["Œuvre du Cœur solidaire"]  # a city


async def test_hall_search_finds_rome_codes(app):
    assert card_names(await hall(app, q="M1805")) == ["Pixel Studio"]
    assert [s["name"] for s in await api(app, q="m1805")] == ["Pixel Studio"]
    assert card_names(await hall(app, q="M1805 rouen")) == ["Pixel Studio"]
    assert card_names(await hall(app, q="M1805 caen")) == []


async def test_hall_combines_sector_and_kind(app):
    assert sorted(card_names(await hall(app, sector="industrie"))) == [
        "Industries Normandes Réunies",
        "Métiers du Bois Lecoq",
    ]
    page = await hall(app, sector="industrie", kind="company")
    assert card_names(page) == ["Métiers du Bois Lecoq"]
    assert (selected(page, "sector"), selected(page, "kind")) == ("industrie", "company")
    assert card_names(await hall(app, sector="industrie", kind="school")) == []
    assert card_names(await hall(app, sector="industrie", kind="branch", q="soudeur")) == [
        "Industries Normandes Réunies"
    ]


async def test_hall_filters_by_department(app):
    page = await hall(app, department="14")
    assert sorted(card_names(page)) == ["CFA Saveurs d'Auge", "Métiers du Bois Lecoq"]
    assert '<option value="14" selected>Calvados (14)</option>' in page
    assert '<option value="76">Seine-Maritime (76)</option>' in page
    assert card_names(await hall(app, department="76", kind="company")) == ["Pixel Studio"]


async def test_hall_open_now_follows_the_staffed_hours(app):
    page = await hall(app, open_now="1")
    assert sorted(card_names(page)) == ["Industries Normandes Réunies", "Métiers du Bois Lecoq"]
    assert 'id="open_now" name="open_now" value="1" checked' in page
    assert page.count("badge badge-open") == 1  # the event's own badge; stands have their one status line
    assert card_names(await hall(app, open_now="1", department="14")) == ["Métiers du Bois Lecoq"]


async def test_hall_open_now_needs_the_event_open(app):
    response = await app.client.get(f"/events/{CLOSED_EVENT}", params={"open_now": "1"})
    assert response.status_code == 200 and card_names(response.text) == []
    everything = (await app.client.get(f"/events/{CLOSED_EVENT}")).text
    assert card_names(everything) == ["Métiers du Bois Lecoq"] and "Ouvert maintenant" not in everything


async def test_hall_offers_filter_counts_internships_and_apprenticeships_only(app):
    page = await hall(app, offers="1")
    assert sorted(card_names(page)) == ["Métiers du Bois Lecoq", "Pixel Studio"]  # not "autre"
    assert card_names(await hall(app, offers="1", sector="numerique", q="developpeur")) == ["Pixel Studio"]


async def test_hall_pages_hold_24_stands_and_keep_the_filters(app):
    first = await hall(app)
    assert "49 stands" in first and "page 1 sur 3" in first and len(card_names(first)) == 24
    nav = re.search(r'<nav class="pagination" aria-label="Pages des stands">[\s\S]*?</nav>', first)
    assert nav and 'href="/events/salon-du-hall" aria-current="page"' in nav.group(0)
    assert 'href="/events/salon-du-hall?page=2" rel="next"' in nav.group(0) and 'rel="prev"' not in nav.group(0)
    second, third = await hall(app, page="2"), await hall(app, page="3")
    assert len(card_names(second)) == 24 and len(card_names(third)) == 1
    assert not set(card_names(first)) & set(card_names(second))
    assert 'href="/events/salon-du-hall?page=3" aria-current="page"' in third and 'rel="next"' not in third
    filtered = await hall(app, sector="btp", kind="branch")
    assert "42 stands" in filtered
    assert 'href="/events/salon-du-hall?sector=btp&amp;kind=branch&amp;page=2"' in filtered


async def test_hall_pages_out_of_range_land_on_a_real_page(app):
    assert card_names(await hall(app, page="99")) == card_names(await hall(app, page="3"))
    assert card_names(await hall(app, page="0")) == card_names(await hall(app))
    assert card_names(await hall(app, page="-4")) == card_names(await hall(app))
    assert card_names(await hall(app, page="deux")) == card_names(await hall(app))
    empty = await hall(app, q="introuvable", page="7")
    assert card_names(empty) == [] and "Aucun stand ne correspond à votre recherche." in empty
    assert 'class="pagination"' not in empty


async def test_hall_ignores_bad_filter_values(app):
    page = await hall(app, sector="nope", kind="<b>", department="99", open_now="peut-être", offers="2")
    assert "49 stands" in page
    assert (selected(page, "sector"), selected(page, "kind"), selected(page, "department")) == ("", "", "")
    assert "checked" not in page and "&lt;b&gt;" not in page
    long = await hall(app, q="m" * 5000)
    assert 'maxlength="100"' in long and "m" * 101 not in long


async def test_hall_escapes_stand_names(app):
    page = await hall(app, q="boutique")
    assert SCRIPT_NAME not in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;stand&#34;)&lt;/script&gt; Boutique" in page
    assert card_names(page) == [SCRIPT_NAME]


async def test_hall_of_an_unknown_event_is_404(app):
    response = await app.client.get("/events/nulle-part")
    assert response.status_code == 404 and "Cet événement n" in response.text


async def test_anonymous_hall_loads_no_script(app):
    page = await hall(app)
    assert "hall.js" not in page and "socket.io" not in page and "aria-live" not in page
    assert "Personne en ligne : laissez une question, un professionnel répondra plus tard" in page or (
        "Permanence " in page
    )


# ------------------------------------------------------------------------------------------ the API


async def test_stands_api_lists_every_match_with_the_new_fields(app):
    stands = await api(app)
    assert len(stands) == 49  # the API does not paginate
    bois = next(s for s in stands if s["name"] == "Métiers du Bois Lecoq")
    assert {"id", "name", "kind", "sector", "staff_online"} <= set(bois)
    assert bois["department"] == "14" and bois["open_now"] is True and bois["has_offers"] is True
    assert bois["job_titles"] == ["Menuisier / Menuisière"] and bois["rome_codes"] == ["F1607"]
    assert bois["logo_url"] is None and bois["staff_online"] == 0


async def test_stands_api_filters_combine(app):
    assert [s["name"] for s in await api(app, department="14", open_now="1")] == ["Métiers du Bois Lecoq"]
    assert [s["name"] for s in await api(app, offers="1", kind="company", q="studio")] == ["Pixel Studio"]
    assert await api(app, sector="nope") == [] and await api(app, department="99") == []
    assert len(await api(app, open_now="0", offers="false")) == 49


async def test_stands_api_refuses_a_flag_that_is_not_one(app):
    response = await app.client.get(f"/api/events/{EVENT}/stands", params={"open_now": "peut-être"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid" and "open_now" in response.json()["error"]["message"]
    missing = await app.client.get("/api/events/nulle-part/stands")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
