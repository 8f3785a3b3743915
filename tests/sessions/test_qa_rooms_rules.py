"""The rooms form's rules (pure): clusters from the list or a free label, ROME codes checked line by line."""

from __future__ import annotations

import pytest

from sessions.qa_rooms import CLUSTERS, cluster_label, cluster_order, parse_room, parse_trades
from stands.form_rules import FormInvalid


def test_trades_are_read_line_by_line():
    trades, problem = parse_trades("F1703 Maçon / Maçonne\n\n  f1612 — Tailleur de pierre \nF1703 Doublon")
    assert problem is None
    assert trades == [{"rome": "F1703", "label": "Maçon / Maçonne"}, {"rome": "F1612", "label": "Tailleur de pierre"}]


@pytest.mark.parametrize("line", ["F170 Maçon", "1703F Maçon", "FF703 Maçon", "F17033 Maçon", "É1703 Maçon", "Maçon"])
def test_a_bad_rome_code_is_refused_with_its_line(line):
    trades, problem = parse_trades(f"F1612 Tailleur\n{line}")
    assert trades == [] and problem is not None and "Ligne 2" in problem


def test_a_trade_needs_its_label():
    _trades, problem = parse_trades("F1703")
    assert problem is not None and "intitulé" in problem


def room_form(**fields):
    return {"cluster": "batiment", "title": "Questions aux CFA du BTP", "trades": "F1703 Maçon", **fields}


def test_a_room_from_the_list_or_with_a_free_label():
    assert parse_room(room_form(), ["3", "2", "3"])["cfa_ids"] == [2, 3]
    free = parse_room(room_form(cluster="autre", cluster_label="Métiers d'art"), [])
    assert free["cluster"] == "Métiers d'art" and cluster_label(free["cluster"]) == "Métiers d'art"
    assert cluster_label("batiment") == CLUSTERS["batiment"]
    assert cluster_order("batiment") < cluster_order("numerique") < cluster_order("Métiers d'art")


@pytest.mark.parametrize(
    ("fields", "cfa_ids", "field"),
    [
        ({"cluster": "astronautique"}, [], "cluster"),
        ({"cluster": "autre", "cluster_label": ""}, [], "cluster_label"),
        ({"cluster": "autre", "cluster_label": "batiment"}, [], "cluster_label"),
        ({"title": ""}, [], "title"),
        ({"title": "a\x00b"}, [], "title"),
        ({"trades": "X12 Rien"}, [], "trades"),
        ({}, ["abc"], "cfa_ids"),
        ({}, ["2147483648"], "cfa_ids"),
    ],
)
def test_a_bad_room_form_is_refused_on_its_field(fields, cfa_ids, field):
    with pytest.raises(FormInvalid) as refused:
        parse_room(room_form(**fields), cfa_ids)
    assert field in refused.value.fields
