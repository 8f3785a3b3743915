"""The fair's look: event colours checked for contrast, theme stylesheets, banners, initials marks, the one
status line and the hall plan (pure rules first, then through a real server)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from server.errors import DomainError
from stands.hall import StandSummary
from stands.marks import initials, mark_colour
from stands.plan import PER_ROW, plan_view
from stands.status import stand_status
from stands.theme import check_theme_color, contrast, theme_css
from stands.uploads import prepare_banner
from tests.live import ServerProcess
from tests.stands.backoffice_helpers import browser, new_event, new_stand, sql

ORGA = "orga@demo.salon"
NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # 11 h 00 in Paris


def test_theme_colour_must_carry_white_text_at_aa():
    assert check_theme_color("#0B6E4F") == "#0b6e4f" and check_theme_color("  ") == ""
    assert contrast((255, 255, 255), (0, 0, 0)) == pytest.approx(21)
    with pytest.raises(DomainError, match="trop claire"):
        check_theme_color("#ffcc00")  # yellow: about 1.6:1 with white
    with pytest.raises(DomainError, match="#rrvvbb"):
        check_theme_color("red")


def test_theme_stylesheet_overrides_only_the_primary_tokens():
    css = theme_css("#0b6e4f")
    assert "--color-primary: #0b6e4f;" in css and "--color-on-primary: #ffffff;" in css
    assert "--color-text" not in css and theme_css("") == ""


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("CFA des Métiers de la Mer", "MM"),
        ("Pixel Normand Studio", "PN"),
        ("Élan", "É"),
        ("Armement de pêche Les Goélands", "AP"),
        ("de la", "DL"),
    ],
)
def test_initials_skip_small_words(name, letters):
    assert initials(name) == letters


def test_mark_colour_is_stable_and_in_range():
    assert mark_colour("Pixel Normand Studio") == mark_colour("Pixel Normand Studio")
    assert {mark_colour(f"Stand {i}") for i in range(60)} == set(range(6))


def test_status_says_one_of_three_things():
    assert stand_status(1, None, NOW).label == "1 professionnel en ligne — réponse en direct"
    assert stand_status(3, NOW + timedelta(hours=1), NOW).label == "3 professionnels en ligne — réponse en direct"
    later_today = stand_status(0, NOW + timedelta(hours=3, minutes=4), NOW)
    assert (later_today.state, later_today.label) == ("scheduled", "Permanence à 14 h 04")
    tomorrow = stand_status(0, NOW + timedelta(days=1), NOW)
    assert tomorrow.state == "scheduled" and tomorrow.label == "Permanence dimanche 6 décembre à 11 h 00"
    nobody = stand_status(0, None, NOW)
    assert nobody.label == "Personne en ligne : laissez une question, un professionnel répondra plus tard"
    assert stand_status(0, NOW - timedelta(minutes=1), NOW).state == "offline"  # a slot already started
    # During a slot with nobody online, the line says so rather than pointing at tomorrow's slot.
    assert stand_status(0, NOW + timedelta(days=1), NOW, in_slot=True).state == "offline"


def test_plan_puts_each_sector_in_one_zone_without_overlap():
    stands = [StandSummary(i, f"Stand {i}", "company", ["btp", "numerique", "industrie"][i % 3]) for i in range(11)]
    stands[0].staff_online = 2
    plan = plan_view(stands, NOW)
    assert sorted(z.sector for z in plan.zones) == ["btp", "industrie", "numerique"]
    assert sum(len(z.booths) for z in plan.zones) == 11
    for zone in plan.zones:
        for booth in zone.booths:  # every booth inside its zone
            assert zone.x <= booth.x and booth.x + booth.size <= zone.x + zone.width
            assert zone.y <= booth.y and booth.y + booth.size <= zone.y + zone.height
        assert len({(b.x, b.y) for b in zone.booths}) == len(zone.booths)
        assert max(b.x for b in zone.booths) < zone.x + zone.width and len(zone.booths) <= PER_ROW * 2
    for a in plan.zones:
        for b in plan.zones:
            if a is not b:  # zones never overlap
                assert a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y
    live = next(b for z in plan.zones for b in z.booths if b.id == 0)
    assert live.status.state == "live"
    assert plan_view([], NOW).zones == []


def picture(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 255)).save(out, format="PNG")
    return out.getvalue()


def test_banner_is_cropped_to_a_wide_jpeg():
    with Image.open(io.BytesIO(prepare_banner(picture(900, 900)))) as banner:
        assert banner.format == "JPEG" and banner.size == (1600, 400)


async def test_organiser_sets_an_event_look_that_the_hall_and_stands_wear(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        slug = await new_event(orga)
        stand_id = await new_stand(orga, slug)
        too_light = await orga.post(f"/admin/events/{slug}/look", data={"theme_color": "#ffee88"})
        assert too_light.status_code == 400 and "trop claire" in too_light.text
        saved = await orga.post(
            f"/admin/events/{slug}/look",
            data={"theme_color": "#0b6e4f"},
            files={
                "banner": ("b.png", picture(800, 300), "image/png"),
                "logo": ("l.png", picture(64, 64), "image/png"),
            },
        )
        assert saved.status_code == 303, saved.text
        banner = await orga.post(
            f"/admin/stands/{stand_id}/banner", files={"file": ("b.png", picture(1200, 200), "image/png")}
        )
        assert banner.status_code == 303, banner.text
        hall = (await orga.get(f"/events/{slug}")).text
        assert f'href="/events/{slug}/theme.css?v=0b6e4f"' in hall
        assert 'class="event-hero-banner"' in hall and 'class="event-hero-logo"' in hall
        assert 'class="stand-card-banner"' in hall
        stand = (await orga.get(f"/stands/{stand_id}")).text
        assert f"/events/{slug}/theme.css?v=0b6e4f" in stand and 'class="stand-head-banner"' in stand
        css = await orga.get(f"/events/{slug}/theme.css")
        assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
        assert "--color-primary: #0b6e4f;" in css.text
        again = await orga.get(f"/events/{slug}/theme.css", headers={"If-None-Match": css.headers["etag"]})
        assert again.status_code == 304
        rows = await sql(server.env["DATABASE_URL"], "SELECT theme_color FROM events WHERE slug = :s", s=slug)
        assert rows[0][0] == "#0b6e4f"
    async with browser(server.url) as anonymous:
        refused = await anonymous.post(f"/admin/events/{slug}/look", data={"theme_color": "#000000"})
        assert refused.status_code in (401, 403)


async def test_a_video_poster_is_shown_before_the_click_and_only_from_this_site(server: ServerProcess):
    async with browser(server.url, ORGA) as orga:
        stand_id = await new_stand(orga, await new_event(orga))
        added = await orga.post(
            f"/admin/stands/{stand_id}/videos",
            data={"title": "Le métier", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
        )
        assert added.status_code == 303, added.text
        before = (await orga.get(f"/stands/{stand_id}")).text
        assert 'class="video-player"' in before and "video-poster" not in before  # the neutral poster
        video_id = (await sql(server.env["DATABASE_URL"], "SELECT id FROM videos WHERE stand_id = :s", s=stand_id))[0][
            0
        ]
        refused = await orga.post(
            f"/admin/stands/{stand_id}/videos/{video_id}/poster",
            files={"file": ("p.png", b"not an image", "image/png")},
        )
        assert refused.status_code == 400 and "pas une image lisible" in refused.text
        sent = await orga.post(
            f"/admin/stands/{stand_id}/videos/{video_id}/poster",
            files={"file": ("p.png", picture(1280, 720), "image/png")},
        )
        assert sent.status_code == 303, sent.text
        page = (await orga.get(f"/stands/{stand_id}")).text
        poster = re.search(r'<img class="video-poster" src="(/media/[0-9a-f]{64})"', page)
        assert poster, page
        api = (await orga.get(f"/api/stands/{stand_id}", headers={"Accept": "application/json"})).json()
        assert api["videos"][0]["poster_url"] == poster.group(1)
        with Image.open(io.BytesIO((await orga.get(poster.group(1))).content)) as image:
            assert image.format == "JPEG" and image.size == (960, 540)
        other = await orga.post(
            f"/admin/stands/{await new_stand(orga, await new_event(orga))}/videos/{video_id}/poster",
            files={"file": ("p.png", picture(64, 64), "image/png")},
        )
        assert other.status_code == 404  # a video of another stand
