"""How Salon writes times, dates, numbers and sorts names in French (pure functions, no I/O).

Every page, e-mail, CLI report and JSON label writes a moment through this module, so that one form is used
everywhere (docs/writing.md):

- a time of day: "9 h 04", "14 h 00" (`fr_time`);
- a day: "samedi 5 décembre", with the year "samedi 5 décembre 2026"; the first of a month is "1er" (`fr_day`);
- a moment: "samedi 5 décembre 2026 à 9 h 04" (`fr_moment`);
- a span of days: "du vendredi 4 au dimanche 6 décembre 2026" (`fr_dates`). An end at exactly midnight is
  exclusive: an event from Friday 00:00 to Monday 00:00 ends on Sunday;
- a span between two moments: "le samedi 5 décembre 2026 de 9 h 00 à 12 h 30", or days only when it runs
  from midnight to midnight (`fr_period`);
- a span of hours: "de 9 h 00 à 12 h 30" (`fr_hours`);
- a whole number: "1 234" with a narrow no-break space (`fr_number`).

Datetimes are shown in Europe/Paris (aware ones are converted; naive ones are taken as UTC, as everything
stored is UTC). Dates (`datetime.date`) and clock times (`datetime.time`) are shown as they are.

`french_sort_key` is the one collation for lists of names (stands, people, rooms): accents and case ignored,
then the exact text as a tie-break, so that "Bâtir" comes before "Boulangerie" and "cafe" before "Café".

The same forms exist in the browser: `SalonDom.frTime` and `SalonDom.frDay` in static/js/salon-dom.js.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from server.timeutil import paris

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NARROW_NBSP = "\u202f"  # the thousands separator of French numbers
# Letters NFKD does not take apart: "cœur" sorts as "coeur".
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def _local(value: datetime | date) -> datetime | date:
    return paris(value) if isinstance(value, datetime) else value


def fr_time(value: datetime | time) -> str:
    """ "9 h 04", "14 h 00": the hour without a leading zero, the minutes always on two digits."""
    local = paris(value) if isinstance(value, datetime) else value
    return f"{local.hour} h {local.minute:02d}"


def _day_number(value: date) -> str:
    return "1er" if value.day == 1 else str(value.day)


def fr_day(value: datetime | date, *, year: bool = False, weekday: bool = True) -> str:
    """ "samedi 5 décembre", "samedi 5 décembre 2026" with `year`, "5 décembre" without `weekday`."""
    local = _local(value)
    text = f"{_day_number(local)} {MONTHS[local.month - 1]}"
    if weekday:
        text = f"{DAYS[local.weekday()]} {text}"
    return f"{text} {local.year}" if year else text


def fr_moment(value: datetime) -> str:
    """ "samedi 5 décembre 2026 à 9 h 04"."""
    return f"{fr_day(value, year=True)} à {fr_time(value)}"


def last_day(starts: datetime | date, ends: datetime | date) -> date:
    """The last day a span covers. A datetime end at exactly midnight (Paris) is exclusive: it covers the day
    before, unless the span would then end before it starts."""
    first = _as_day(starts)
    if isinstance(ends, datetime):
        local = paris(ends)
        day = local.date()
        if local.time() == time(0, 0) and day > first:
            return day - timedelta(days=1)
        return day
    return ends


def _as_day(value: datetime | date) -> date:
    return paris(value).date() if isinstance(value, datetime) else value


def fr_dates(starts: datetime | date, ends: datetime | date, *, capital: bool = False) -> str:
    """The days a span covers, the year once where it can: "le samedi 5 décembre 2026", "du vendredi 4 au
    dimanche 6 décembre 2026", "du lundi 30 novembre au mercredi 2 décembre 2026", "du jeudi 31 décembre 2026
    au vendredi 1er janvier 2027". `capital` starts it with a capital letter ("Du …", "Le …")."""
    first, last = _as_day(starts), last_day(starts, ends)
    if last <= first:
        text = f"le {fr_day(first, year=True)}"
    elif (first.year, first.month) == (last.year, last.month):
        text = f"du {DAYS[first.weekday()]} {_day_number(first)} au {fr_day(last, year=True)}"
    elif first.year == last.year:
        text = f"du {fr_day(first)} au {fr_day(last, year=True)}"
    else:
        text = f"du {fr_day(first, year=True)} au {fr_day(last, year=True)}"
    return text[0].upper() + text[1:] if capital else text


def fr_period(starts: datetime, ends: datetime, *, capital: bool = False) -> str:
    """A span between two moments, as short as it can be said: "du vendredi 4 au dimanche 6 décembre 2026"
    when it runs from midnight to midnight, "le samedi 5 décembre 2026 de 9 h 00 à 12 h 30" within a day,
    else "du vendredi 4 décembre 2026 à 9 h 00 au dimanche 6 décembre 2026 à 18 h 00". An end at midnight is
    written "24 h 00" on the day before."""
    start, end = paris(starts), paris(ends)
    midnight = time(0, 0)
    if start.time() == midnight and end.time() == midnight:
        return fr_dates(start, end, capital=capital)
    last = last_day(start, end)
    end_time = "24 h 00" if end.time() == midnight and last < end.date() else fr_time(end)
    if last == start.date():
        text = f"le {fr_day(start, year=True)} de {fr_time(start)} à {end_time}"
    else:
        text = f"du {fr_moment(start)} au {fr_day(last, year=True)} à {end_time}"
    return text[0].upper() + text[1:] if capital else text


def fr_hours(starts: datetime | time, ends: datetime | time) -> str:
    """ "de 9 h 00 à 12 h 30"."""
    return f"de {fr_time(starts)} à {fr_time(ends)}"


def fr_number(value: int) -> str:
    """ "1 234 567" (narrow no-break spaces), "-12"."""
    return f"{value:,}".replace(",", NARROW_NBSP)


@lru_cache(maxsize=16_384)
def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def french_sort_key(text: str) -> tuple[str, str]:
    """Sort key for names in French: accents, case and repeated spaces ignored, then the exact text."""
    return (_folded(text), text)


# The role label beside a name on every message (docs/writing.md: one-word labels may carry one middle dot).
# The one mapping for Python and Jinja (`role_label`); static/js/salon-dom.js's ROLE_LABELS repeats it for the
# scripts, which get these texts through `role_strings()` in their i18n block. Keys are `role_<key>`.
ROLE_LABELS = {
    "pupil": "Élève",
    "teacher": "Enseignant·e",
    "professional": "Professionnel·le",
    "cfa": "CFA",
    "counsellor": "Conseil en orientation",
    "ambassador": "Ambassadeur·rice",
    "ambassador_minor": "Ambassadeur·rice, moins de 18 ans",
    "organiser": "Organisation",
    "other": "Participant·e",
}


def role_key(role: object, is_minor: object = False) -> str:
    """The ROLE_LABELS key of an author: a minor ambassador has their own; an unknown role is "other"."""
    if role == "ambassador" and is_minor is True:
        return "ambassador_minor"
    return role if isinstance(role, str) and role in ROLE_LABELS and role != "ambassador_minor" else "other"


def role_label(author: object, is_minor: object = False) -> str:
    """The label of an author (a message's `author` dict, or a role string with `is_minor`)."""
    from server.i18n import gettext  # the catalogue is loaded once; formats stays importable without it

    if isinstance(author, dict):
        return gettext(ROLE_LABELS[role_key(author.get("role"), author.get("is_minor", False))])
    return gettext(ROLE_LABELS[role_key(author, is_minor)])


def role_strings() -> dict[str, str]:
    """The labels for the scripts' i18n blocks: {"role_pupil": "Élève", …}, translated."""
    from server.i18n import gettext

    return {f"role_{key}": gettext(label) for key, label in ROLE_LABELS.items()}


def jinja_helpers() -> dict[str, object]:
    """What `server.web.build_templates` registers, both as globals and as filters."""
    return {
        "fr_time": fr_time,
        "fr_day": fr_day,
        "fr_moment": fr_moment,
        "fr_dates": fr_dates,
        "fr_period": fr_period,
        "fr_hours": fr_hours,
        "fr_number": fr_number,
        "role_label": role_label,
        "role_key": lambda author: (
            role_key(author.get("role"), author.get("is_minor", False))
            if isinstance(author, dict)
            else role_key(author)
        ),
    }
