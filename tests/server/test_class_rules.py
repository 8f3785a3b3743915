"""The class form's checks (server/class_rules.py)."""

from __future__ import annotations

from server.class_rules import LEVELS, check_class_form, level_label

GOOD = {
    "label": "  3e   B ",
    "level": "3e",
    "school": "Collège Jacques-Prévert",
    "uai": "0750654d",
    "department": "75",
    "event_id": "7",
}


def test_a_good_form():
    form = check_class_form(GOOD, {7})
    assert form.errors == {}
    assert (form.label, form.uai, form.event_id, form.approve_joins) == ("3e B", "0750654D", 7, False)
    assert check_class_form({**GOOD, "approve_joins": "1"}, {7}).approve_joins


def test_levels_have_french_labels():
    assert list(LEVELS) == ["4e", "3e", "2de", "1re", "terminale", "CAP", "BTS"]
    assert level_label("2de") == "Seconde (2de)"


def test_every_field_is_checked():
    form = check_class_form({"label": "", "level": "6e", "uai": "0750654E", "department": "99", "event_id": "8"}, {7})
    assert set(form.errors) == {"label", "level", "school", "uai", "department", "event_id"}
    assert "UAI" in form.errors["uai"]


def test_lengths_nul_bytes_and_odd_ids():
    assert "label" in check_class_form({**GOOD, "label": "x" * 81}, {7}).errors
    assert "school" in check_class_form({**GOOD, "school": "x" * 161}, {7}).errors
    assert "label" in check_class_form({**GOOD, "label": "3e\x00B"}, {7}).errors
    for odd in ("", "abc", "7.0", "99999999999999999999"):
        assert "event_id" in check_class_form({**GOOD, "event_id": odd}, {7}).errors
