"""French departments a stand may be in, as the hall's filter shows them: "Calvados (14)" (pure).

Normandy and its neighbours are named; any other department shows as its number.
"""

from __future__ import annotations

from collections.abc import Iterable

from server.i18n import N_, gettext

DEPARTMENTS: dict[str, str] = {
    # Normandy
    "14": N_("Calvados"),
    "27": N_("Eure"),
    "50": N_("Manche"),
    "61": N_("Orne"),
    "76": N_("Seine-Maritime"),
    # Neighbours
    "22": N_("Côtes-d'Armor"),
    "28": N_("Eure-et-Loir"),
    "35": N_("Ille-et-Vilaine"),
    "53": N_("Mayenne"),
    "60": N_("Oise"),
    "72": N_("Sarthe"),
    "75": N_("Paris"),
    "78": N_("Yvelines"),
    "80": N_("Somme"),
    "95": N_("Val-d'Oise"),
}


def department_label(code: str) -> str:
    """ "Calvados (14)" for a known department, the code alone otherwise."""
    name = DEPARTMENTS.get(code)
    return f"{gettext(name)} ({code})" if name else code


def department_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, label) for the filter's select, in the order of the codes ("2A" after "19", "971" after "95")."""
    return [(code, department_label(code)) for code in sorted(set(codes) - {""}, key=_order)]


def _order(code: str) -> tuple[int, str]:
    if code.upper() in ("2A", "2B"):  # Corsica sits where 20 was
        return (20, code)
    return (int(code), code) if code.isdigit() else (10_000, code)
