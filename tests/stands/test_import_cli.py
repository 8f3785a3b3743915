"""`salon import` and `salon export` as operators run them: exit codes 0, 1 and 2, the report, the progress."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import ROOT, base_env, prepare_database

EXAMPLE = ROOT / "docs/examples/stands.csv"
EVENT = "des-clics-des-metiers"


@pytest.fixture(scope="module")
def fair(tmp_path_factory) -> tuple[dict[str, str], Path]:
    """A migrated demo database of this module's own (the imports below write to it)."""
    db = tmp_path_factory.mktemp("import-cli") / "salon.db"
    env = base_env(f"sqlite+aiosqlite:///{db}")
    prepare_database(env)
    return env, db


def salon(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def stand_names(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM stands")}


def test_import_exits_0_when_every_row_is_taken_and_a_second_run_changes_nothing(fair):
    env, db = fair
    before = stand_names(db)
    dry = salon(env, "import", EVENT, str(EXAMPLE), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    # A dry run says what would happen: "à créer", never "créé" (it created nothing).
    assert "ligne 2\tà créer\tFonderie du Bocage\tStand à créer." in dry.stdout
    assert "\tcréé\t" not in dry.stdout and "Stand créé." not in dry.stdout
    assert "à créer : 11" in dry.stdout and "rien n'a été enregistré" in dry.stdout
    assert stand_names(db) == before
    real = salon(env, "import", EVENT, str(EXAMPLE))
    assert real.returncode == 0, real.stderr
    assert "créées : 11" in real.stdout and "refusées : 0" in real.stdout
    assert "ligne 2\tcréé\tFonderie du Bocage\tStand créé." in real.stdout
    assert stand_names(db) - before >= {"Fonderie du Bocage", "CFA du Bâtiment de Caen", "Transports Hébert"}
    again = salon(env, "import", EVENT, str(EXAMPLE))
    assert again.returncode == 0
    assert "inchangées : 11" in again.stdout and "\tcréé\t" not in again.stdout and "\tmis à jour\t" not in again.stdout


def test_import_exits_1_when_some_rows_are_refused_and_keeps_the_others(fair, tmp_path):
    env, db = fair
    source = tmp_path / "latin1.csv"
    source.write_bytes(
        "nom,type,secteur,staff_emails\n"
        "Ébénisterie Lécuyer,Entreprise,Industrie,\n"
        "Stand Inconnu,company,astronomie,\n"
        "Stand Courriel,company,btp,pas-un-email\n".encode("cp1252")
    )
    done = salon(env, "import", EVENT, str(source))
    assert done.returncode == 1, done.stderr
    assert "Fichier lu en Latin-1 (Windows-1252), séparateur virgule." in done.stdout
    assert "ligne 2\tcréé\tÉbénisterie Lécuyer" in done.stdout
    assert "ligne 3\trefusé\tStand Inconnu\tsector : Secteur « astronomie » inconnu." in done.stdout
    assert "ligne 4\trefusé\tStand Courriel\tstaff_emails : « pas-un-email »" in done.stdout
    names = stand_names(db)
    assert "Ébénisterie Lécuyer" in names and not {"Stand Inconnu", "Stand Courriel"} & names


@pytest.mark.parametrize(
    ("content", "event", "message"),
    [
        (b"name;city\nA;Caen\n", EVENT, "Colonnes obligatoires absentes : kind, sector."),
        (b"", EVENT, "Le fichier est vide."),
        (None, EVENT, "impossible de lire"),
        (b"name;kind;sector\nA;company;btp\n", "salon-inconnu", "Cet événement n'existe pas."),
    ],
)
def test_import_exits_2_when_the_file_cannot_be_read(fair, tmp_path, content, event, message):
    env, db = fair
    source = tmp_path / "stands.csv"
    if content is not None:
        source.write_bytes(content)
    before = stand_names(db)
    done = salon(env, "import", event, str(source))
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""
    assert stand_names(db) == before


def test_export_then_import_changes_nothing(fair, tmp_path):
    env, db = fair
    target = tmp_path / "export.csv"
    exported = salon(env, "export", EVENT, str(target))
    assert exported.returncode == 0, exported.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname;kind;sector;department;city;description;website;staff_emails;")
    to_stdout = subprocess.run(
        [sys.executable, "-m", "server", "export", EVENT], env=env, cwd=ROOT, capture_output=True, timeout=120
    )
    assert to_stdout.returncode == 0 and to_stdout.stdout == data
    with sqlite3.connect(db) as conn:
        query = "SELECT count(*) FROM stands s JOIN events e ON e.id = s.event_id WHERE e.slug = ?"
        count = conn.execute(query, (EVENT,)).fetchone()[0]
    again = salon(env, "import", EVENT, str(target))
    assert again.returncode == 0, again.stdout
    assert f"Lignes lues : {count} ; créées : 0, mises à jour : 0, inchangées : {count}, refusées : 0." in again.stdout


def test_long_files_show_their_progress_on_stderr(fair, tmp_path):
    env, _db = fair
    source = tmp_path / "long.csv"
    source.write_text("name;kind;sector\n" + "".join(f"Stand n°{i};company;btp\n" for i in range(150)))
    done = salon(env, "import", EVENT, str(source), "--dry-run")
    assert done.returncode == 0
    assert "… 20 lignes sur 150" in done.stderr and "… 150 lignes sur 150" in done.stderr
    assert "… " not in done.stdout
