"""One line of a CSV import file (pure): its cells checked into a `StandRow`, or a `RefusedRow` that says
which column is wrong and why, in French. Also the spreadsheet-formula guard shared with the export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.errors import DomainError
from server.i18n import gettext as _
from stands.invitations import normalise_email
from stands.search import fold
from stands.sectors import KINDS, SECTORS
from stands.videos import check_link

LIST_SEPARATOR = "|"
# A spreadsheet runs a cell starting with one of these as a formula; the export prefixes such cells with "'".
FORMULA_STARTS = ("=", "+", "-", "@")

MAX_NAME = 160
MAX_CITY = 80
MAX_DESCRIPTION = 5000
MAX_JOB_TITLE = 160
MAX_JOB_TITLES = 30
MAX_STAFF = 30
DEPARTMENT = re.compile(r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6]|98[4-9])$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")


@dataclass(frozen=True, slots=True)
class Problem:
    column: str  # "" when the problem is the whole line
    message: str


@dataclass(frozen=True, slots=True)
class JobTitle:
    title: str
    rome_code: str = ""  # "" when the file gives none: an existing card keeps its own


@dataclass(frozen=True, slots=True)
class StandRow:
    """One valid line. `fields` holds only the optional stand columns present in the file, so a missing
    column leaves the stored value alone while an empty cell in a present column clears it."""

    line: int
    name: str
    kind: str
    sector: str
    fields: dict[str, str]
    staff_emails: tuple[str, ...] | None  # None: no staff_emails column
    job_titles: tuple[JobTitle, ...] | None  # None: no job_titles column


@dataclass(frozen=True, slots=True)
class RefusedRow:
    line: int
    name: str  # as written, possibly ""
    problems: tuple[Problem, ...]


# ---------------------------------------------------------------------------------------------- cells


def needs_protection(value: str) -> bool:
    """Whether a spreadsheet could run this cell as a formula, or whether it already carries our prefix."""
    return value[:1] in FORMULA_STARTS or (value[:1] == "'" and needs_protection(value[1:]))


def protect_cell(value: str) -> str:
    """What the export writes: "'=1+1" for "=1+1", so that opening the file runs nothing."""
    return "'" + value if needs_protection(value) else value


def unprotect_cell(value: str) -> str:
    """The inverse of `protect_cell`, so that export then import gives back the same text."""
    return value[1:] if value[:1] == "'" and needs_protection(value[1:]) else value


def join_list(values: list[str]) -> str:
    return f" {LIST_SEPARATOR} ".join(values)


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


# ------------------------------------------------------------------------------------------------ row


def parse_row(
    line: int,
    cells: list[str],
    width: int,
    positions: dict[int, str],
    *,
    last_line: int | None = None,
    separator: str = ";",
    at_end: bool = False,
) -> StandRow | RefusedRow:
    """Check one line's cells; every problem of the line is reported, not just the first.

    The record runs from `line` to `last_line` of the file when a quoted cell holds line breaks; `at_end`
    says it is the file's last record, where a quote left open has swallowed the lines after it."""
    count = len(cells)
    while count > width and not cells[count - 1].strip():
        count -= 1  # trailing empty cells (";;;" at the end of a spreadsheet's line) do not count
    values = {column: unprotect_cell(cells[i].strip()) if i < len(cells) else "" for i, column in positions.items()}
    name = " ".join(values["name"].split())
    if count != width:
        message = _(
            "La ligne compte %(cells)d cellules et l'en-tête %(columns)d colonnes : vérifiez le séparateur "
            "et les guillemets."
        ) % {"cells": count, "columns": width}
        if last_line is not None and last_line > line:
            message += " " + _(
                "Elle court de la ligne %(start)d à la ligne %(end)d : un guillemet n'est-il pas resté ouvert ?"
            ) % {"start": line, "end": last_line}
        return RefusedRow(line, name, (Problem("", message),))
    problems: list[Problem] = [
        Problem(column, _open_quote_message(line, last_line or line))
        for column, value in values.items()
        if "\n" in value and (column != "description" or (at_end and _holds_lines(value, separator, width)))
    ]

    def check(column: str, value_or_error: str | DomainError) -> str:
        if isinstance(value_or_error, DomainError):
            problems.append(Problem(column, value_or_error.message))
            return ""
        return value_or_error

    name = check("name", clean_name(name))
    kind = check("kind", choice(values["kind"], KINDS, _("Type")))
    sector = check("sector", choice(values["sector"], SECTORS, _("Secteur")))
    fields: dict[str, str] = {}
    if "department" in values:
        fields["department"] = check("department", clean_department(values["department"]))
    if "city" in values:
        fields["city"] = check("city", clean_text(values["city"], MAX_CITY, _("Le nom de la ville"), one_line=True))
    if "description" in values:
        fields["description"] = check(
            "description", clean_text(values["description"], MAX_DESCRIPTION, _("La présentation"))
        )
    if "website" in values:
        fields["website"] = check("website", catch(check_link, values["website"], _("du site")))
    staff = None
    if "staff_emails" in values:
        emails = [check("staff_emails", clean_email(raw)) for raw in split_list(values["staff_emails"])]
        staff = tuple(dict.fromkeys(e for e in emails if e))
        if len(staff) > MAX_STAFF:
            problems.append(Problem("staff_emails", _("Pas plus de %(max)d adresses par stand.") % {"max": MAX_STAFF}))
    jobs = None
    if "job_titles" in values or "rome_codes" in values:
        jobs = job_titles(values.get("job_titles", ""), values.get("rome_codes", ""), problems)
    if problems:
        return RefusedRow(line, name or values["name"].strip(), tuple(problems))
    return StandRow(line, name, kind, sector, fields, staff, jobs)


def _holds_lines(text: str, separator: str, width: int) -> bool:
    """Whether a multi-line cell seems to have swallowed lines of the file: one of them has the separators of
    a whole record."""
    return width > 1 and any(part.count(separator) >= width - 1 for part in text.splitlines())


def _open_quote_message(line: int, last_line: int) -> str:
    return _(
        "Cette cellule court de la ligne %(start)d à la ligne %(end)d : un guillemet n'est-il pas resté ouvert ?"
    ) % {"start": line, "end": last_line}


def catch(function, *args):  # type: ignore[no-untyped-def]
    try:
        return function(*args)
    except DomainError as exc:
        return exc


def clean_name(name: str) -> str | DomainError:
    if not name:
        return DomainError("invalid", _("Indiquez le nom du stand."))
    if len(name) > MAX_NAME:
        return DomainError("too_long", _("Le nom dépasse %(max)d caractères.") % {"max": MAX_NAME})
    return name


def choice(raw: str, table: dict[str, str], what: str) -> str | DomainError:
    """A kind or sector from its value ("btp") or its French label ("Bâtiment et travaux publics"),
    accents, case and hyphens ignored."""
    wanted = _loose(raw)
    if not wanted:
        return DomainError("invalid", _("%(what)s manquant.") % {"what": what})
    for value, label in table.items():
        if wanted in (_loose(value), _loose(label), _loose(_(label))):
            return value
    return DomainError(
        "invalid",
        _("%(what)s « %(raw)s » inconnu. Valeurs possibles : %(values)s.")
        % {"what": what, "raw": raw[:80], "values": ", ".join(f"{v} ({_(label)})" for v, label in table.items())},
    )


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def clean_department(raw: str) -> str | DomainError:
    code = raw.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code  # a spreadsheet drops the leading zero of "01"
    if code and not DEPARTMENT.match(code):
        return DomainError(
            "invalid",
            _("Département « %(raw)s » inconnu : indiquez son numéro (14, 76, 2A, 971…).") % {"raw": raw[:20]},
        )
    return code


def clean_text(raw: str, limit: int, what: str, *, one_line: bool = False) -> str | DomainError:
    text = " ".join(raw.split()) if one_line else raw.replace("\r\n", "\n").strip()
    if len(text) > limit:
        return DomainError("too_long", _("%(what)s dépasse %(max)d caractères.") % {"what": what, "max": limit})
    return text


def clean_email(raw: str) -> str | DomainError:
    result = catch(normalise_email, raw)
    if isinstance(result, DomainError) and any(sep in raw.strip() for sep in (",", ";", " ")):
        return DomainError("invalid", result.message + " " + _("Séparez les adresses par « | »."))
    return result  # type: ignore[no-any-return]


def job_titles(titles_cell: str, codes_cell: str, problems: list[Problem]) -> tuple[JobTitle, ...]:
    """The job titles and their optional ROME codes (a parallel list: "Soudeur | Chaudronnier" and
    "H2913 | H2902"); a title given twice counts once."""
    titles = [" ".join(t.split()) for t in titles_cell.split(LIST_SEPARATOR)] if titles_cell.strip() else []
    codes = [c.strip().upper() for c in codes_cell.split(LIST_SEPARATOR)] if codes_cell.strip() else []
    if len(codes) > len(titles):
        problems.append(
            Problem(
                "rome_codes",
                _("%(codes)d codes ROME pour %(titles)d métiers : donnez-les dans le même ordre que job_titles.")
                % {"codes": len(codes), "titles": len(titles)},
            )
        )
        return ()
    found: dict[str, JobTitle] = {}
    for index, title in enumerate(titles):
        code = codes[index] if index < len(codes) else ""
        if not title:
            if code:
                problems.append(Problem("job_titles", _("Le métier n°%(n)d est vide.") % {"n": index + 1}))
            continue
        if len(title) > MAX_JOB_TITLE:
            problems.append(
                Problem(
                    "job_titles",
                    _("Le métier « %(title)s… » dépasse %(max)d caractères.")
                    % {"title": title[:40], "max": MAX_JOB_TITLE},
                )
            )
        elif code and not ROME_CODE.match(code):
            problems.append(
                Problem(
                    "rome_codes",
                    _("Code ROME « %(code)s » invalide pour « %(title)s » : une lettre puis quatre chiffres (H2913).")
                    % {"code": code[:20], "title": title},
                )
            )
        else:
            found.setdefault(fold(title), JobTitle(title, code))
    if len(found) > MAX_JOB_TITLES:
        problems.append(Problem("job_titles", _("Pas plus de %(max)d métiers par stand.") % {"max": MAX_JOB_TITLES}))
    return tuple(found.values())
