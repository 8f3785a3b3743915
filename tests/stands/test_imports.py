"""Reading CSV import files (pure): encodings, separators, header, every kind of bad cell, the formula guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.errors import DomainError
from stands.exports import to_csv
from stands.import_rows import JobTitle, StandRow, protect_cell, unprotect_cell
from stands.imports import COLUMNS, parse_import

ROOT = Path(__file__).resolve().parents[2]
HEADER = "name;kind;sector;department;website;staff_emails;job_titles;rome_codes"


def problems(parsed, line):
    """{column: message} of the refused line."""
    [refused] = [r for r in parsed.refused if r.line == line]
    return {p.column: p.message for p in refused.problems}


def test_parse_import_reads_utf8_with_and_without_bom():
    text = "name;kind;sector;city\nCafé Crème;company;commerce;Évreux\n"
    for data in (text.encode("utf-8"), text.encode("utf-8-sig")):
        parsed = parse_import(data)
        assert parsed.encoding == "utf-8" and not parsed.refused
        assert parsed.rows[0].name == "Café Crème" and parsed.rows[0].fields == {"city": "Évreux"}


def test_parse_import_reads_latin1_as_excel_writes_it():
    text = "name;kind;sector;description\nŒuvres d’art Hébert;company;commerce;« Ébéniste » — 20 €\n"
    parsed = parse_import(text.encode("cp1252"))
    assert parsed.encoding == "windows-1252"
    assert parsed.rows[0].name == "Œuvres d’art Hébert"
    assert parsed.rows[0].fields["description"] == "« Ébéniste » — 20 €"
    # Bytes Windows-1252 leaves undefined still decode (as Latin-1) instead of refusing the file.
    assert parse_import(b"name,kind,sector\nA\x81,company,btp\n").rows[0].name == "A\x81"


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_parse_import_finds_the_separator(separator):
    lines = ["name", "kind", "sector", "description"], ["Studio", "company", "numerique", "Web, mobile; jeux"]
    text = "\n".join(separator.join(f'"{c}"' if (";" in c or "," in c) else c for c in line) for line in lines)
    parsed = parse_import(text.encode())
    assert parsed.separator == separator
    assert parsed.rows[0].fields["description"] == "Web, mobile; jeux"


def test_missing_required_columns_refuse_the_whole_file():
    with pytest.raises(DomainError) as refused:
        parse_import(b"name;city\nA;Caen\n")
    assert refused.value.code == "invalid"
    assert "kind, sector" in refused.value.message and "name, city" in refused.value.message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "vide"),
        (b"\n\n  \n", "vide"),
        ("name;kind;sector".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00", "classeur"),
        (b"name;kind;sector\nA;company;btp\x00\n", "texte"),
        (b"name;kind;Name;sector\n", "deux fois"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, words):
    with pytest.raises(DomainError) as refused:
        parse_import(data)
    assert refused.value.code == "invalid" and words in refused.value.message


def test_french_headers_and_labels_are_understood():
    text = (
        "Nom;Type;Secteur;Département;Ville;E-mails;Métiers\n"
        "Fromagerie;Entreprise;Agriculture et agroalimentaire;1;Isigny;;Fromager\n"
    )
    parsed = parse_import(text.encode())
    row = parsed.rows[0]
    assert (row.kind, row.sector, row.fields["department"], row.fields["city"]) == (
        "company",
        "agriculture",
        "01",
        "Isigny",
    )
    assert row.job_titles == (JobTitle("Fromager"),) and row.staff_emails == ()


@pytest.mark.parametrize("sector", ["btp", "BTP", "Bâtiment et travaux publics", "batiment ET travaux publics"])
def test_a_sector_is_its_value_or_its_label_accents_and_case_ignored(sector):
    assert parse_import(f"name;kind;sector\nA;cfa;{sector}\n".encode()).rows[0].sector == "btp"


def test_unknown_sector_and_kind_are_refused_with_the_possible_values():
    parsed = parse_import(b"name;kind;sector\nA;usine;astronomie\nB;company;btp\n")
    assert [r.name for r in parsed.rows] == ["B"]
    found = problems(parsed, 2)
    assert "« astronomie » inconnu" in found["sector"] and "btp (Bâtiment et travaux publics)" in found["sector"]
    assert "« usine » inconnu" in found["kind"] and "cfa" in found["kind"]


def test_bad_emails_are_refused_and_named():
    parsed = parse_import(
        f"{HEADER}\nA;company;btp;;;ok@exemple.fr | pas-un-mail;;\nB;company;btp;;;a@exemple.fr, b@exemple.fr;;\n"
        "C;company;btp;;;  Mixed@Exemple.FR |ok@exemple.fr| mixed@exemple.fr ;;\n".encode()
    )
    assert "« pas-un-mail » n'est pas une adresse e-mail valide" in problems(parsed, 2)["staff_emails"]
    assert "« | »" in problems(parsed, 3)["staff_emails"]  # says how to separate addresses
    assert parsed.rows[0].staff_emails == ("mixed@exemple.fr", "ok@exemple.fr")


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,x", "ftp://x.fr"]
)
def test_only_http_websites_are_taken(website):
    parsed = parse_import(f"name;kind;sector;website\nA;company;btp;{website}\n".encode())
    assert "https://" in problems(parsed, 2)["website"]


def test_a_https_website_and_an_empty_one_are_taken():
    parsed = parse_import(b"name;kind;sector;website\nA;company;btp;https://a.example/x\nB;company;btp;\n")
    assert [r.fields["website"] for r in parsed.rows] == ["https://a.example/x", ""]


def test_duplicate_names_are_refused_from_the_second_on():
    parsed = parse_import(
        "name;kind;sector\nCafé des Arts;company;commerce\nB;company;btp\n cafe  DES arts ;company;btp\n".encode()
    )
    assert [r.name for r in parsed.rows] == ["Café des Arts", "B"]
    assert problems(parsed, 4) == {"name": "Le stand « cafe DES arts » figure déjà ligne 2."}


def test_line_numbers_follow_the_file_across_quoted_line_breaks_and_blank_lines():
    text = 'name;kind;sector;description\n\nA;company;btp;"un\ndeux\ntrois"\n;;;\nB;company;nope;x\n'
    parsed = parse_import(text.encode())
    assert parsed.rows[0].line == 3 and parsed.rows[0].fields["description"] == "un\ndeux\ntrois"
    assert parsed.refused[0].line == 7 and parsed.total_rows == 2


def test_a_line_with_the_wrong_number_of_cells_is_refused_but_trailing_empty_cells_are_fine():
    parsed = parse_import(b"name;kind;sector;city\nA;company;btp\nB;company;btp;Caen;extra\nC;company;btp;Caen;;;\n")
    assert [r.name for r in parsed.rows] == ["C"]
    assert "3 cellules" in problems(parsed, 2)[""] and "5 cellules" in problems(parsed, 3)[""]


def test_unknown_columns_are_ignored_and_listed():
    parsed = parse_import(b"name;kind;sector;couleur\nA;company;btp;bleu\n")
    assert parsed.ignored_columns == ("couleur",) and parsed.rows[0].fields == {}


def test_every_problem_of_a_line_is_reported():
    parsed = parse_import(f"{HEADER}\n;x;y;999;javascript:x;nope;;\n".encode())
    assert set(problems(parsed, 2)) == {"name", "kind", "sector", "department", "website", "staff_emails"}


def test_job_titles_and_rome_codes_are_parallel_lists():
    parsed = parse_import(
        f"{HEADER}\nA;company;btp;;;;Maçon | Couvreur | Maçon;F1703 | | f1703\n"
        "B;company;btp;;;;Maçon;F17\n"
        "C;company;btp;;;;Maçon;F1703 | F1610\n".encode()
    )
    assert parsed.rows[0].job_titles == (JobTitle("Maçon", "F1703"), JobTitle("Couvreur"))
    assert "« F17 » invalide" in problems(parsed, 3)["rome_codes"]
    assert "2 codes ROME pour 1 métiers" in problems(parsed, 4)["rome_codes"]


def test_too_long_values_are_refused():
    parsed = parse_import(f"name;kind;sector;city\n{'N' * 161};company;btp;{'V' * 81}\n".encode())
    found = problems(parsed, 2)
    assert "160 caractères" in found["name"] and "80 caractères" in found["city"]


@pytest.mark.parametrize("value", ["=1+1", "+33 2 31", "-5", "@SUM(A1)", "'=x", "''-y", "'abc", "abc", "", "'"])
def test_the_formula_prefix_round_trips(value):
    protected = protect_cell(value)
    assert protected[:1] not in ("=", "+", "-", "@")
    assert unprotect_cell(protected) == value


def test_the_import_strips_the_export_formula_prefix():
    parsed = parse_import(b"name;kind;sector;description\n'=HYPERLINK(\"x\");company;btp;'-tiret\n")
    assert parsed.rows[0].name == '=HYPERLINK("x")' and parsed.rows[0].fields["description"] == "-tiret"


def test_export_then_parse_gives_back_every_value():
    record = {
        "name": '=Risqué; "quoted"',
        "kind": "cfa",
        "sector": "btp",
        "department": "2A",
        "city": "Ajaccio",
        "description": "Deux lignes\n- un tiret",
        "website": "https://cfa.example/a;b",
        "staff_emails": "a@cfa.example | b@cfa.example",
        "job_titles": "Maçon | Couvreur",
        "rome_codes": " | F1610",
    }
    data = to_csv([record])
    assert data.startswith(b"\xef\xbb\xbf" + ";".join(COLUMNS).encode())
    row = parse_import(data).rows[0]
    assert row == StandRow(
        2,
        record["name"],
        "cfa",
        "btp",
        {k: record[k] for k in ("department", "city", "description", "website")},
        ("a@cfa.example", "b@cfa.example"),
        (JobTitle("Maçon"), JobTitle("Couvreur", "F1610")),
    )


def test_the_documented_example_file_is_valid():
    parsed = parse_import((ROOT / "docs/examples/stands.csv").read_bytes())
    assert not parsed.refused and not parsed.ignored_columns and len(parsed.rows) >= 10
    assert {r.kind for r in parsed.rows} == {"company", "cfa", "school", "institution", "branch"}


@pytest.mark.parametrize("column", ["city", "description"])
def test_a_quote_left_open_is_reported_where_it_starts_instead_of_swallowing_lines(column):
    text = f'name;kind;sector;{column}\nA;company;btp;"x\nB;company;btp;y\nC;company;btp;z\n'
    parsed = parse_import(text.encode())
    assert not parsed.rows
    assert problems(parsed, 2) == {
        column: "Cette cellule court de la ligne 2 à la ligne 4 : un guillemet n'est-il pas resté ouvert ?"
    }


def test_a_description_may_hold_line_breaks_and_separators():
    parsed = parse_import(b'name;kind;sector;description\nA;company;btp;"Un; deux\ntrois"\n')
    assert parsed.rows[0].fields["description"] == "Un; deux\ntrois"
    text = (
        'name,kind,sector,description\nA,company,btp,"Nous formons :\nsoudeurs, chaudronniers, tuyauteurs, peintres"\n'
    )
    parsed = parse_import((text + "B,company,btp,x\n").encode())
    assert [r.name for r in parsed.rows] == ["A", "B"]


def test_a_cell_over_the_csv_size_limit_refuses_the_file_with_its_line():
    with pytest.raises(DomainError) as refused:
        parse_import(b'name;kind;sector\nA;company;btp\n"' + b"x" * 200_000 + b"\n")
    assert "Ligne 3 illisible" in refused.value.message
