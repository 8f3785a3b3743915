"""Back-office rules (pure): what makes an event, a stand or its content valid, field labels, and how the
Europe/Paris times people type are shown back in inputs.

Each rule returns a French message or None, so that form parsers (stands/forms.py) and services
(stands/backoffice*.py) apply the same rules; `FormInvalid` carries the messages of one form, field by field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time

from server.errors import DomainError
from server.formats import fr_moment, fr_period
from server.i18n import N_, gettext, ngettext
from server.i18n import gettext as _
from server.timeutil import PARIS, aware
from stands.models import Event

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"new"})  # /admin/events/new is the creation form
DEPARTMENT_RE = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")
ROME_RE = re.compile(r"^[A-Z][0-9]{4}$")

# Field labels, shared by the templates and the error messages so that both name a field the same way.
LABELS: dict[str, str] = {
    "slug": N_("Identifiant dans les adresses"),
    "title": N_("Titre"),
    "description": N_("Présentation"),
    "region": N_("Région"),
    "starts_at": N_("Début"),
    "ends_at": N_("Fin"),
    "opens_daily_at": N_("Ouverture chaque jour"),
    "closes_daily_at": N_("Fermeture chaque jour"),
    "name": N_("Nom"),
    "kind": N_("Type"),
    "sector": N_("Secteur"),
    "department": N_("Département"),
    "city": N_("Ville"),
    "website": N_("Site internet"),
    "rome_code": N_("Code ROME"),
    "missions": N_("Missions"),
    "skills": N_("Compétences"),
    "training": N_("Formations pour y accéder"),
    "conditions": N_("Conditions de travail"),
    "salary": N_("Salaire"),
    "place": N_("Lieu"),
    "starts_on": N_("Date de début"),
    "ends_on": N_("Date de fin"),
    "how_to_apply": N_("Comment candidater"),
    "url": N_("Adresse de la vidéo"),
    "transcript_url": N_("Adresse de la transcription"),
    "file": N_("Fichier"),
    "email": N_("Adresse e-mail"),
    "password": N_("Mot de passe"),
    "role": N_("Rôle"),
    "is_minor": N_("Personne mineure"),
}


def labels() -> dict[str, str]:
    return {name: gettext(label) for name, label in LABELS.items()}


def label(name: str) -> str:
    return gettext(LABELS.get(name, name))


class FormInvalid(DomainError):
    """A form refused field by field; `fields` maps a field name to its French message."""

    def __init__(self, fields: Mapping[str, str], code: str = "invalid") -> None:
        self.fields = dict(fields)
        if len(self.fields) == 1:
            message = next(iter(self.fields.values()))
        else:
            count = len(self.fields)
            message = ngettext("Le formulaire contient une erreur.", "Le formulaire contient %(n)d erreurs.", count) % {
                "n": count
            }
        super().__init__(code, message)


def refuse(problems: Mapping[str, str | None], code: str = "invalid") -> None:
    """Raise FormInvalid for the fields whose problem is not None."""
    found = {name: message for name, message in problems.items() if message}
    if found:
        raise FormInvalid(found, code)


# ---------- Rules ----------


def slug_problem(slug: str) -> str | None:
    if not 3 <= len(slug) <= 80 or not SLUG_RE.match(slug):
        return _("L'identifiant compte 3 à 80 caractères : lettres minuscules sans accent, chiffres et tirets.")
    if slug in RESERVED_SLUGS:
        return _("Cet identifiant est réservé : choisissez-en un autre.")
    return None


def period_problem(starts: datetime | None, ends: datetime | None) -> str | None:
    if starts and ends and aware(ends) <= aware(starts):
        return _("La fin doit être après le début.")
    return None


def daily_hours_problem(opens: time | None, closes: time | None) -> str | None:
    if (opens is None) != (closes is None):
        return _("Indiquez l'heure d'ouverture et l'heure de fermeture, ou aucune des deux (ouvert toute la journée).")
    if opens is not None and closes is not None and closes <= opens:
        return _("L'heure de fermeture doit être après l'heure d'ouverture.")
    return None


def offer_dates_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    if starts_on and ends_on and ends_on < starts_on:
        return _("La date de fin ne peut pas précéder la date de début.")
    return None


def hours_problem(starts: datetime, ends: datetime, event: Event) -> str | None:
    """A staffed slot must end after it starts and fit within the event's dates."""
    if aware(ends) <= aware(starts):
        return _("La fin doit être après le début.")
    if aware(starts) < aware(event.starts_at) or aware(ends) > aware(event.ends_at):
        return _("La permanence doit avoir lieu pendant l'événement (%(period)s).") % {
            "period": fr_period(event.starts_at, event.ends_at)
        }
    return None


def required_problem(name: str) -> str:
    return _("Le champ « %(label)s » est obligatoire.") % {"label": label(name)}


def choice_problem(value: str, table: Mapping[str, str], name: str) -> str | None:
    if value not in table:
        return _("Choisissez une valeur de la liste « %(label)s ».") % {"label": label(name)}
    return None


# ---------- Display of stored values in inputs ----------


def moment_input(value: datetime | None) -> str:
    """The value of a datetime-local input: Europe/Paris wall-clock time."""
    return aware(value).astimezone(PARIS).strftime("%Y-%m-%dT%H:%M") if value else ""


def display_moment(value: datetime) -> str:
    """ "samedi 5 décembre 2026 à 9 h 04" (server/formats.py)."""
    return fr_moment(value)


def clock_input(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""
