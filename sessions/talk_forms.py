"""The back office's talk form (pure): submitted fields become the values `sessions.service` takes, or a French
message per field. Dates and times are typed in Europe/Paris: a start day and time, an end time and, for a
talk that ends on another day, an end day."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from server.i18n import N_, gettext
from server.i18n import gettext as _
from sessions.schedule_rules import MAX_CAPACITY, MAX_ID, audience_problem
from stands.forms import LONG_TEXT, SHORT_TEXT, FormReader

GUESTS_MAX = 12
LABELS = {
    "title": N_("Titre"),
    "description": N_("Présentation"),
    "stand_id": N_("Stand ou CFA lié"),
    "track": N_("Salle"),
    "starts_on": N_("Jour"),
    "starts_time": N_("Heure de début"),
    "ends_on": N_("Jour de fin"),
    "ends_time": N_("Heure de fin"),
    "audience": N_("Public"),
    "capacity_classes": N_("Capacité (en classes)"),
    "stream_url": N_("Adresse de la diffusion"),
    "replay_url": N_("Adresse de la rediffusion"),
    "premoderated": N_("Questions validées avant d'être montrées"),
    "speaker_ids": N_("Qui intervient (avec un compte)"),
    "guest_speakers": N_("Qui intervient aussi (sans compte)"),
}
# Where the service's refusals are shown in the form.
SERVICE_FIELDS = {"starts_at": "starts_on", "ends_at": "ends_time"}


def labels() -> dict[str, str]:
    return {name: gettext(label) for name, label in LABELS.items()}


def form_errors(errors: Mapping[str, str]) -> dict[str, str]:
    return {SERVICE_FIELDS.get(name, name): message for name, message in errors.items()}


def _ids(raw: list[str]) -> tuple[list[int], bool]:
    ids, ok = [], True
    for value in raw:
        value = value.strip()
        if value.isascii() and value.isdigit() and 1 <= int(value) <= MAX_ID:
            ids.append(int(value))
        else:
            ok = False
    return sorted(set(ids)), ok


def parse_talk(data: Mapping[str, Any], speaker_ids: list[str]) -> dict[str, Any]:
    """Every field of a talk; `speaker_ids` are the checked boxes (a form's list of values)."""
    form = FormReader(data)
    for name in ("stream_url", "replay_url", "track", "title"):
        if "\x00" in form.raw(name):
            form.fail(name, _("Ce champ contient un caractère interdit."))
    values: dict[str, Any] = {
        "title": form.text("title", max_length=SHORT_TEXT, required=True),
        "description": form.text("description", max_length=LONG_TEXT, multiline=True),
        "track": form.text("track", max_length=80),
        "stream_url": form.raw("stream_url").strip(),
        "replay_url": form.raw("replay_url").strip(),
        "premoderated": form.raw("premoderated") in ("1", "on"),
    }
    audience = form.raw("audience").strip() or "all"
    form.rule("audience", audience_problem(audience))
    values["audience"] = audience
    stand = form.raw("stand_id").strip()
    values["stand_id"] = None
    if stand:
        ids, ok = _ids([stand])
        if ok and ids:
            values["stand_id"] = ids[0]
        else:
            form.fail("stand_id", _("Choisissez un stand de la liste."))
    capacity = form.raw("capacity_classes").strip().replace(" ", "").replace("\u202f", "")
    values["capacity_classes"] = None
    if capacity:
        if capacity.isascii() and capacity.isdigit() and 1 <= int(capacity) <= MAX_CAPACITY:
            values["capacity_classes"] = int(capacity)
        else:
            form.fail(
                "capacity_classes",
                _("La capacité est un nombre de classes entre 1 et 10 000, ou vide pour ne pas la limiter."),
            )
    ids, ok = _ids(speaker_ids)
    if not ok:
        form.fail("speaker_ids", _("Choisissez qui intervient dans la liste."))
    values["speaker_ids"] = ids
    guests = [" ".join(line.split()) for line in form.raw("guest_speakers").splitlines()]
    guests = [g for g in guests if g]
    if len(guests) > GUESTS_MAX or any(len(g) > SHORT_TEXT for g in guests):
        form.fail(
            "guest_speakers",
            _("Indiquez au plus %(n)d personnes, une par ligne, de 160 caractères au plus.") % {"n": GUESTS_MAX},
        )
    values["guest_speakers"] = guests
    day, start, end = form.raw("starts_on").strip(), form.raw("starts_time").strip(), form.raw("ends_time").strip()
    end_day = form.raw("ends_on").strip() or day
    moments = FormReader({"starts_on": f"{day}T{start}" if day and start else "", "ends_time": ""})
    values["starts_at"] = moments.moment("starts_on")
    moments.data = {"ends_time": f"{end_day}T{end}" if end_day and end else ""}
    values["ends_at"] = moments.moment("ends_time")
    for name, message in moments.errors.items():
        if "Paris" not in message and "2000" not in message:  # missing or malformed, not a DST gap or a year
            message = (
                _("Indiquez le jour (AAAA-MM-JJ) et l'heure de début (HH:MM).")
                if name == "starts_on"
                else _("Indiquez l'heure de fin (HH:MM) et, si elle tombe un autre jour, le jour de fin.")
            )
        form.fail(name, message)
    return form.finish(values)
