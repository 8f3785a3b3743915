"""Reading a CSV file of stands (pure): encoding, separator, header, then typed rows or precise row errors.

Nothing here touches the database: `parse_import` turns bytes into `ImportFile` (lines to apply and lines
refused, each refusal with its line, column and a French message, see `stands.import_rows`), and raises
`DomainError("invalid")` only when the file as a whole cannot be read (binary, empty, required columns
missing). `stands.import_service` applies the lines; `stands.exports` writes the same columns back.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from server.errors import DomainError
from server.i18n import gettext as _
from stands.import_rows import Problem, RefusedRow, StandRow, parse_row, unprotect_cell
from stands.search import fold

# The columns, in the order the export writes them. The first three are required.
COLUMNS = (
    "name",
    "kind",
    "sector",
    "department",
    "city",
    "description",
    "website",
    "staff_emails",
    "job_titles",
    "rome_codes",
)
REQUIRED = ("name", "kind", "sector")
# French headers people type in a spreadsheet, folded (see `header_key`).
ALIASES = {
    "nom": "name",
    "type": "kind",
    "secteur": "sector",
    "departement": "department",
    "ville": "city",
    "presentation": "description",
    "site": "website",
    "site_web": "website",
    "emails": "staff_emails",
    "equipe": "staff_emails",
    "metiers": "job_titles",
    "fiches_metiers": "job_titles",
    "codes_rome": "rome_codes",
}
SEPARATORS = (";", ",", "\t")


@dataclass
class ImportFile:
    encoding: str  # "utf-8" or "windows-1252"
    separator: str
    columns: tuple[str, ...]  # the recognised columns, in the file's order
    ignored_columns: tuple[str, ...]  # headers we do not know, as written
    rows: list[StandRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return len(self.rows) + len(self.refused)


# ----------------------------------------------------------------------------------------------- file


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (a BOM is dropped), else Windows-1252, the Latin-1 Excel writes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DomainError(
            "invalid",
            _("Le fichier est en UTF-16 (« Texte Unicode ») : enregistrez-le au format « CSV UTF-8 » ou « CSV »."),
        )
    if data.startswith(b"PK\x03\x04"):
        raise DomainError(
            "invalid", _("C'est un classeur (.xlsx ou .ods), pas un fichier CSV : enregistrez-le au format CSV.")
        )
    if b"\x00" in data:
        raise DomainError("invalid", _("Ce fichier n'est pas un fichier texte CSV."))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "windows-1252"  # the five bytes cp1252 leaves undefined


def sniff_separator(header_line: str) -> str:
    """The separator the header uses most (outside quotes): ";", "," or a tab; "," when none appears."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def header_key(raw: str) -> str:
    """ "Staff e-mails" → "staff_emails", "Département" → "departement": folded, words joined by "_"."""
    key = "_".join(re.sub(r"[^a-z0-9]+", " ", fold(unprotect_cell(raw.strip()))).split())
    key = key.replace("e_mail", "email")
    return ALIASES.get(key, key)


def read_header(cells: list[str]) -> tuple[dict[int, str], tuple[str, ...]]:
    """Which cell holds which column, and the headers we ignore; refuses duplicates and missing columns."""
    positions: dict[int, str] = {}
    ignored: list[str] = []
    for index, raw in enumerate(cells):
        if not raw.strip():
            continue
        key = header_key(raw)
        if key not in COLUMNS:
            ignored.append(raw.strip())
        elif key in positions.values():
            raise DomainError(
                "invalid", _("La colonne « %(column)s » apparaît deux fois dans l'en-tête.") % {"column": key}
            )
        else:
            positions[index] = key
    missing = [c for c in REQUIRED if c not in positions.values()]
    if missing:
        raise DomainError(
            "invalid",
            _(
                "Colonnes obligatoires absentes : %(missing)s. La première ligne doit nommer les colonnes, "
                "au moins name, kind et sector (colonnes lues : %(found)s)."
            )
            % {"missing": ", ".join(missing), "found": ", ".join(c.strip() for c in cells if c.strip()) or "aucune"},
        )
    return positions, tuple(ignored)


def parse_import(data: bytes) -> ImportFile:
    """Read a whole import file. Raises DomainError("invalid") when it cannot be read at all."""
    text, encoding = decode(data)
    if not text.strip():
        raise DomainError("invalid", _("Le fichier est vide."))
    separator = sniff_separator(text.lstrip("\r\n").splitlines()[0])
    header, *records = read_records(text, separator)
    width = max(i for i, c in enumerate(header.cells) if c.strip()) + 1
    positions, ignored = read_header(header.cells)
    parsed = ImportFile(encoding, separator, tuple(positions.values()), ignored)
    seen: dict[str, int] = {}  # folded name → first line
    for index, record in enumerate(records):
        row = parse_row(
            record.line,
            record.cells,
            width,
            positions,
            last_line=record.last_line,
            separator=separator,
            at_end=index == len(records) - 1,
        )
        if isinstance(row, RefusedRow):
            parsed.refused.append(row)
            continue
        first = seen.setdefault(fold(row.name), row.line)
        if first != row.line:
            message = _("Le stand « %(name)s » figure déjà ligne %(line)d.") % {"name": row.name, "line": first}
            parsed.refused.append(RefusedRow(row.line, row.name, (Problem("name", message),)))
            continue
        parsed.rows.append(row)
    return parsed


@dataclass(frozen=True, slots=True)
class Record:
    line: int  # where it starts in the file (1 is the first line)
    last_line: int  # where it ends: later than `line` when a quoted cell holds line breaks
    cells: list[str]


def read_records(text: str, separator: str) -> list[Record]:
    """The file's non-blank records, the header first (the text is not blank, so there is one)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[Record] = []
    previous_end = 0
    try:
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if any(c.strip() for c in cells):
                records.append(Record(line, previous_end, cells))
    except csv.Error:
        # In the non-strict mode used here, only a cell over the csv module's size limit gets this far.
        message = _("Ligne %(line)d illisible : une cellule est bien trop longue (un guillemet resté ouvert ?).")
        raise DomainError("invalid", message % {"line": previous_end + 1}) from None
    return records
