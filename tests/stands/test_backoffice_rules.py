"""The back office's pure rules: form parsing, Europe/Paris times, and who may change which stand field."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from server.auth import Principal
from server.errors import DomainError
from stands import form_rules as rules
from stands import forms
from stands.backoffice import check_stand_change
from stands.form_rules import FormInvalid
from stands.models import Event

ORGANISER = Principal(id=1, name="Orga", role="organiser")
PRO = Principal(id=2, name="Pro", role="professional", staff_stands=frozenset({3}))
TEACHER = Principal(id=4, name="Prof", role="teacher")

EVENT_FORM = {
    "slug": "des-clics-2027",
    "title": "  Des clics,   des métiers ",
    "description": "Ligne 1\r\nLigne 2\x00",
    "region": "Normandie",
    "starts_at": "2027-01-12T09:00",
    "ends_at": "2027-01-14T17:30",
    "opens_daily_at": "09:00",
    "closes_daily_at": "17:00",
}


def refused(parse, data, **kwargs) -> dict[str, str]:
    with pytest.raises(FormInvalid) as caught:
        parse(data, **kwargs)
    return caught.value.fields


def test_event_form_reads_paris_times_as_utc():
    values = forms.parse_event(EVENT_FORM, with_slug=True)
    assert values["starts_at"] == datetime(2027, 1, 12, 8, 0, tzinfo=UTC)  # winter: UTC+1
    assert values["ends_at"] == datetime(2027, 1, 14, 16, 30, tzinfo=UTC)
    assert values["opens_daily_at"] == time(9, 0) and values["closes_daily_at"] == time(17, 0)
    assert values["title"] == "Des clics, des métiers"
    assert values["description"] == "Ligne 1\nLigne 2"  # line breaks kept, control characters dropped


def test_event_form_summer_time_and_the_missing_hour():
    summer = forms.parse_event(
        {**EVENT_FORM, "starts_at": "2027-06-01 09:00", "ends_at": "2027-06-02 09:00"}, with_slug=False
    )
    assert summer["starts_at"] == datetime(2027, 6, 1, 7, 0, tzinfo=UTC)  # summer: UTC+2
    errors = refused(forms.parse_event, {**EVENT_FORM, "starts_at": "2027-03-28T02:30"}, with_slug=True)
    assert set(errors) == {"starts_at"} and "n'existe pas" in errors["starts_at"]


def test_event_form_refuses_each_bad_field_by_name():
    errors = refused(
        forms.parse_event,
        {
            "slug": "Des Clics!",
            "title": "",
            "starts_at": "demain",
            "ends_at": "2027-01-12T09:00",
            "opens_daily_at": "09:00",
        },
        with_slug=True,
    )
    assert set(errors) == {"slug", "title", "starts_at", "closes_daily_at"}
    assert "obligatoire" in errors["title"]


def test_event_form_wants_the_end_after_the_start_and_both_daily_hours():
    errors = refused(forms.parse_event, {**EVENT_FORM, "ends_at": "2027-01-12T09:00"}, with_slug=False)
    assert errors == {"ends_at": "La fin doit être après le début."}
    errors = refused(forms.parse_event, {**EVENT_FORM, "opens_daily_at": "18:00"}, with_slug=False)
    assert set(errors) == {"closes_daily_at"}
    all_day = forms.parse_event({**EVENT_FORM, "opens_daily_at": "", "closes_daily_at": ""}, with_slug=False)
    assert all_day["opens_daily_at"] is None and all_day["closes_daily_at"] is None


@pytest.mark.parametrize(
    ("slug", "ok"),
    [
        ("des-clics-2027", True),
        ("abc", True),
        ("ab", False),
        ("new", False),
        ("-abc", False),
        ("a--b", False),
        ("é-t-é", False),
    ],
)
def test_slug_rules(slug, ok):
    assert (rules.slug_problem(slug) is None) is ok


def test_stand_form_checks_values_links_and_departments():
    data = {"name": "Atelier", "kind": "company", "sector": "industrie", "department": "2a", "website": ""}
    values = forms.parse_stand(data, forms.stand_fields_posted(data))
    assert values == {"name": "Atelier", "kind": "company", "sector": "industrie", "department": "2A", "website": ""}
    errors = refused(
        forms.parse_stand,
        {"name": "", "kind": "pirate", "sector": "x", "department": "99", "website": "javascript:alert(1)"},
    )
    assert set(errors) == {"name", "kind", "sector", "department", "website"}
    assert "https://" in errors["website"]


def test_only_the_posted_stand_fields_are_read():
    data = {"description": "Bonjour", "city": "Caen"}
    assert forms.stand_fields_posted(data) == ["city", "description"]
    assert forms.parse_stand(data, forms.stand_fields_posted(data)) == {"city": "Caen", "description": "Bonjour"}


def test_text_over_its_limit_is_too_long():
    with pytest.raises(FormInvalid) as caught:
        forms.parse_stand({"city": "x" * 81}, ["city"])
    assert caught.value.code == "too_long" and "80" in caught.value.fields["city"]


def test_job_card_rome_code():
    assert forms.parse_job_card({"title": "Soudeur", "rome_code": "h2913"})["rome_code"] == "H2913"
    assert set(refused(forms.parse_job_card, {"title": "Soudeur", "rome_code": "H29"})) == {"rome_code"}


def test_offer_kind_and_dates():
    values = forms.parse_offer(
        {"kind": "stage-3e", "title": "Stage", "starts_on": "2027-01-04", "ends_on": "2027-01-08"}
    )
    assert values["starts_on"] == date(2027, 1, 4) and values["ends_on"] == date(2027, 1, 8)
    errors = refused(
        forms.parse_offer, {"kind": "cdi", "title": "Stage", "starts_on": "2027-01-08", "ends_on": "2027-01-04"}
    )
    assert set(errors) == {"kind", "ends_on"}


def test_video_from_an_unknown_host_is_refused_on_its_field():
    assert forms.parse_video({"title": "Métier", "url": "https://youtu.be/dQw4w9WgXcQ"})["url"]
    errors = refused(
        forms.parse_video, {"title": "Métier", "url": "https://vimeo.com/12345", "transcript_url": "javascript:x"}
    )
    assert set(errors) == {"url", "transcript_url"} and "vimeo.com" in errors["url"]


def test_staffed_hours_must_fit_within_the_event():
    event = Event(
        slug="e",
        title="E",
        starts_at=datetime(2027, 1, 12, 8, tzinfo=UTC),
        ends_at=datetime(2027, 1, 14, 17, tzinfo=UTC),
    )
    inside = (datetime(2027, 1, 12, 9, tzinfo=UTC), datetime(2027, 1, 12, 10, tzinfo=UTC))
    assert rules.hours_problem(*inside, event) is None
    outside = rules.hours_problem(datetime(2027, 1, 11, 9, tzinfo=UTC), datetime(2027, 1, 11, 10, tzinfo=UTC), event)
    assert outside and "du mardi 12 janvier 2027 à 9 h 00 au jeudi 14 janvier 2027 à 18 h 00" in outside  # Paris
    assert rules.hours_problem(inside[1], inside[0], event) == "La fin doit être après le début."


def test_invitation_acceptance_form():
    assert forms.parse_acceptance({"name": " Camille  D ", "password": "une phrase assez longue"}, with_name=True) == {
        "name": "Camille D",
        "password": "une phrase assez longue",
    }
    # New accounts follow server/password_rules.py: ten characters, not a common one, not the address.
    for weak in ("12345678", "motdepasse2026", "camille.dupont!"):
        data = {"name": "Camille D", "password": weak}
        assert set(refused(forms.parse_acceptance, data, with_name=True, email="camille.dupont@x.fr")) == {"password"}
    assert set(refused(forms.parse_acceptance, {"name": "C", "password": "court"}, with_name=True)) == {
        "name",
        "password",
    }
    assert forms.parse_acceptance({"password": "12345678"}, with_name=False) == {"password": "12345678"}


def test_staff_may_change_their_stand_content_but_not_its_identity():
    check_stand_change(PRO, 3, ["description", "website", "city", "department"])
    check_stand_change(ORGANISER, 3, forms.STAND_FIELDS)
    for fields, stand_id in ((["name"], 3), (["description", "sector"], 3), (["description"], 4), (["logo_id"], 3)):
        with pytest.raises(DomainError) as caught:
            check_stand_change(PRO, stand_id, fields)
        assert caught.value.code == "forbidden"
    with pytest.raises(DomainError) as caught:
        check_stand_change(TEACHER, 3, ["description"])
    assert caught.value.code == "forbidden"
    with pytest.raises(DomainError) as caught:
        check_stand_change(None, 3, ["description"])
    assert caught.value.code == "unauthorized"


def test_form_invalid_sums_up_its_errors():
    single = FormInvalid({"title": "Le champ « Titre » est obligatoire."})
    assert single.message == "Le champ « Titre » est obligatoire." and single.status == 400
    double = FormInvalid({"a": "x", "b": "y"}, "conflict")
    assert double.message == "Le formulaire contient 2 erreurs." and double.status == 409
