"""Class codes (server/class_codes.py): alphabet, length, grouping, what pupils may type."""

from __future__ import annotations

import pytest

from server import class_codes
from server.class_codes import ALPHABET, LENGTH, compact, display, is_generated, new_code, spoken


def test_the_alphabet_has_no_look_alikes():
    for confusable in "0O1IL":
        assert confusable not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_a_new_code_has_seven_characters_of_the_alphabet():
    codes = {new_code() for _ in range(2_000)}
    for code in codes:
        assert len(code) == LENGTH == 7
        assert set(code) <= set(ALPHABET)
        assert is_generated(code)
    # 31^7 possibilities: 2,000 draws practically never repeat, and every character shows up.
    assert len(codes) >= 1_999
    assert set("".join(codes)) == set(ALPHABET)


def test_codes_are_shown_in_two_groups_for_a_projector():
    assert display("KXT7PMQ") == "KXT-7PMQ"
    assert spoken("KXT7PMQ") == "K X T, 7 P M Q"
    # Older codes are shown as stored.
    assert display("DEMO-3E") == "DEMO-3E"
    assert not is_generated("DEMO3E")


@pytest.mark.parametrize("typed", ["KXT-7PMQ", "kxt-7pmq", "KXT 7PMQ", " kxt7pmq ", "kxt – 7pmq", "K X T 7 P M Q"])
def test_whatever_the_pupil_types_comes_back_compact(typed):
    assert compact(typed) == "KXT7PMQ"


def test_compact_of_the_demo_code():
    assert compact("demo-3e") == "DEMO3E"
    assert class_codes.compact("") == ""
