"""UAI numbers (server/uai.py) against real schools' public numbers, and departments."""

from __future__ import annotations

import pytest

from server.uai import department_is_valid, normalise_department, uai_is_valid, uai_key

# Public UAI numbers of real schools (annuaire de l'éducation nationale).
REAL = [
    "0750654D",  # Lycée Henri-IV, Paris
    "0750655E",  # Lycée Louis-le-Grand, Paris
    "0750680G",  # Lycée Arago, Paris
    "0750711R",  # Lycée Henri-Bergson, Paris
    "0010856A",  # the valid example of a public validator's tests
]


@pytest.mark.parametrize("uai", REAL)
def test_real_schools_numbers_are_valid(uai):
    assert uai_is_valid(uai)
    assert uai_is_valid(uai.lower())
    assert uai_is_valid(f" {uai[:4]} {uai[4:]} ")


def test_the_key_is_the_remainder_mod_23_among_letters_without_i_o_q():
    assert uai_key("0750654") == "D"  # 750654 = 23 × 32637 + 3
    assert uai_key("0010856") == "A"  # 10856 = 23 × 472
    assert uai_key("0750711") == "R"  # remainder 14: A…H, J…N, P, R


@pytest.mark.parametrize(
    "uai",
    [
        "0750654E",  # wrong key
        "0750645D",  # two digits swapped
        "0000856A",  # key of 856 is F
        "075065D",  # too short
        "07506540D",  # too long
        "D0750654",
        "07506 54",
        "",
        "0750654Ø",
    ],
)
def test_wrong_numbers_are_refused(uai):
    assert not uai_is_valid(uai)


@pytest.mark.parametrize("raw, expected", [("14", "14"), ("2a", "2A"), ("9", "09"), ("076", "76"), ("971", "971")])
def test_departments_are_normalised(raw, expected):
    assert normalise_department(raw) == expected
    assert department_is_valid(raw)


@pytest.mark.parametrize("raw", ["00", "20", "96", "977", "2C", "", "ABC", "1234"])
def test_unknown_departments_are_refused(raw):
    assert not department_is_valid(raw)
