"""What a teacher types to create a class, checked (pure): levels, lengths, UAI, department."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.i18n import N_, gettext
from server.uai import department_is_valid, normalise_department, normalise_uai, uai_is_valid

# Value stored → French label, in school order.
LEVELS: dict[str, str] = {
    "4e": N_("4e"),
    "3e": N_("3e"),
    "2de": N_("Seconde (2de)"),
    "1re": N_("Première (1re)"),
    "terminale": N_("Terminale"),
    "CAP": N_("CAP"),
    "BTS": N_("BTS"),
}
MAX_LABEL = 80
MAX_SCHOOL = 160
MAX_EMAIL = 254


def level_label(level: str) -> str:
    name = LEVELS.get(level)
    return gettext(name) if name else level


def level_choices() -> list[tuple[str, str]]:
    return [(value, gettext(label)) for value, label in LEVELS.items()]


@dataclass
class ClassForm:
    """A checked class form: `errors` maps a field to its French message (empty when valid)."""

    label: str = ""
    level: str = ""
    school: str = ""
    uai: str = ""
    department: str = ""
    event_id: int | None = None
    approve_joins: bool = False
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, str]:
        return {
            "label": self.label,
            "level": self.level,
            "school": self.school,
            "uai": self.uai,
            "department": self.department,
            "event_id": str(self.event_id) if self.event_id is not None else "",
        }


def _text(raw: object) -> str:
    return " ".join(raw.split()) if isinstance(raw, str) else ""


def check_class_form(data: dict[str, object], event_ids: set[int]) -> ClassForm:
    """`event_ids`: the events a class may be made for (open or upcoming)."""
    form = ClassForm(
        label=_text(data.get("label")),
        level=_text(data.get("level")),
        school=_text(data.get("school")),
        uai=normalise_uai(_text(data.get("uai"))),
        department=normalise_department(_text(data.get("department"))),
        approve_joins=data.get("approve_joins") in ("1", "on", "true", True),
    )
    for name in ("label", "level", "school", "uai", "department", "event_id"):
        value = data.get(name)
        if isinstance(value, str) and "\x00" in value:
            form.errors[name] = gettext("Ce champ contient un caractère interdit.")
    if "label" not in form.errors:
        if not form.label:
            form.errors["label"] = gettext("Donnez un nom à la classe, par exemple « 3e B ».")
        elif len(form.label) > MAX_LABEL:
            form.errors["label"] = gettext("Le nom de la classe tient en %(num)d caractères au plus.") % {
                "num": MAX_LABEL
            }
    if "level" not in form.errors and form.level not in LEVELS:
        form.errors["level"] = gettext("Choisissez le niveau de la classe.")
    if "school" not in form.errors:
        if not form.school:
            form.errors["school"] = gettext("Indiquez le nom de l'établissement.")
        elif len(form.school) > MAX_SCHOOL:
            form.errors["school"] = gettext("Le nom de l'établissement tient en %(num)d caractères au plus.") % {
                "num": MAX_SCHOOL
            }
    if "uai" not in form.errors and not uai_is_valid(form.uai):
        form.errors["uai"] = gettext(
            "Ce numéro UAI n'est pas valide : 7 chiffres et une lettre de contrôle, par exemple 0750654D. "
            "Vérifiez-le sur l'annuaire de l'éducation."
        )
    if "department" not in form.errors and not department_is_valid(form.department):
        form.errors["department"] = gettext("Indiquez le département : 2 ou 3 caractères, par exemple 14, 2A ou 971.")
    raw_event = data.get("event_id")
    try:
        event_id = int(raw_event) if isinstance(raw_event, str | int) and not isinstance(raw_event, bool) else None
    except ValueError:
        event_id = None
    if event_id is None or event_id not in event_ids:
        form.errors.setdefault("event_id", gettext("Choisissez le salon, ouvert ou à venir, où viendra la classe."))
    else:
        form.event_id = event_id
    return form
