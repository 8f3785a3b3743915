"""Back-office forms (pure): a submitted form becomes validated values, or a French error for each field.

Dates and times typed in the back office are Europe/Paris wall-clock times; they become aware UTC
datetimes. The rules themselves are in stands/form_rules.py, shared with the services.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from server.errors import DomainError
from server.i18n import gettext as _
from server.password_rules import password_problem
from server.timeutil import PARIS
from stands.form_rules import (
    DEPARTMENT_RE,
    ROME_RE,
    FormInvalid,
    choice_problem,
    daily_hours_problem,
    label,
    offer_dates_problem,
    period_problem,
    required_problem,
    slug_problem,
)
from stands.sectors import KINDS, OFFER_KINDS, SECTORS
from stands.videos import check_link, parse_video_url

SHORT_TEXT = 160
LONG_TEXT = 5000
STAND_FIELDS = ("name", "kind", "sector", "department", "city", "description", "website")


def _clean(raw: str, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    # No control characters (PostgreSQL refuses NUL); line breaks survive in long texts only.
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    if multiline:
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return " ".join(text.split())


class FormReader:
    """Reads the fields of one form, collecting one French message per faulty field."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, str] = {}
        self.too_long: set[str] = set()

    def raw(self, name: str) -> str:
        value = self.data.get(name, "")
        return value if isinstance(value, str) else ""

    def fail(self, name: str, message: str, *, too_long: bool = False) -> None:
        self.errors.setdefault(name, message)
        if too_long:
            self.too_long.add(name)

    def text(self, name: str, *, max_length: int, required: bool = False, multiline: bool = False) -> str:
        value = _clean(self.raw(name), multiline)
        if required and not value:
            self.fail(name, required_problem(name))
        elif len(value) > max_length:
            message = _("Le champ « %(label)s » dépasse %(max)d caractères.") % {
                "label": label(name),
                "max": max_length,
            }
            self.fail(name, message, too_long=True)
        return value

    def choice(self, name: str, table: Mapping[str, str]) -> str:
        value = self.raw(name).strip()
        problem = choice_problem(value, table, name)
        if problem:
            self.fail(name, problem)
        return value

    def day(self, name: str) -> date | None:
        value = self.raw(name).strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(name, _("« %(label)s » doit être une date (AAAA-MM-JJ).") % {"label": label(name)})
            return None

    def clock(self, name: str) -> time | None:
        value = self.raw(name).strip()
        if not value:
            return None
        try:
            return time.fromisoformat(value).replace(second=0, microsecond=0, tzinfo=None)
        except ValueError:
            self.fail(name, _("« %(label)s » doit être une heure (HH:MM).") % {"label": label(name)})
            return None

    def moment(self, name: str, *, required: bool = True) -> datetime | None:
        """A Europe/Paris date and time ("2026-03-12T09:30"), as an aware UTC datetime."""
        value = self.raw(name).strip()
        if not value:
            if required:
                self.fail(name, required_problem(name))
            return None
        try:
            local = datetime.fromisoformat(value.replace(" ", "T", 1))
        except ValueError:
            self.fail(
                name, _("« %(label)s » doit être une date et une heure (AAAA-MM-JJ HH:MM).") % {"label": label(name)}
            )
            return None
        if local.tzinfo is not None:
            local = local.astimezone(PARIS).replace(tzinfo=None)
        if not 2000 <= local.year <= 2100:
            self.fail(name, _("« %(label)s » doit être entre l'an 2000 et l'an 2100.") % {"label": label(name)})
            return None
        placed = local.replace(tzinfo=PARIS)
        if placed.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None) != local:
            self.fail(name, _("Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été)."))
            return None
        return placed.astimezone(UTC)

    def link(self, name: str, what: str) -> str:
        try:
            return check_link(self.raw(name), what)
        except DomainError as exc:
            self.fail(name, exc.message, too_long=exc.code == "too_long")
            return ""

    def rule(self, name: str, problem: str | None) -> None:
        if problem:
            self.fail(name, problem)

    def finish(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.errors:
            raise FormInvalid(self.errors, "too_long" if set(self.errors) <= self.too_long else "invalid")
        return values


# ---------- The back office's forms ----------


def parse_event(data: Mapping[str, Any], *, with_slug: bool) -> dict[str, Any]:
    """Title, description, region, dates and daily hours; the slug too when the event is created."""
    form = FormReader(data)
    values: dict[str, Any] = {}
    if with_slug:
        slug = form.raw("slug").strip().lower()
        form.rule("slug", slug_problem(slug))
        values["slug"] = slug
    values.update(
        title=form.text("title", max_length=SHORT_TEXT, required=True),
        description=form.text("description", max_length=LONG_TEXT, multiline=True),
        region=form.text("region", max_length=80),
        starts_at=form.moment("starts_at"),
        ends_at=form.moment("ends_at"),
        opens_daily_at=form.clock("opens_daily_at"),
        closes_daily_at=form.clock("closes_daily_at"),
    )
    form.rule("ends_at", period_problem(values["starts_at"], values["ends_at"]))
    if "opens_daily_at" not in form.errors and "closes_daily_at" not in form.errors:
        form.rule("closes_daily_at", daily_hours_problem(values["opens_daily_at"], values["closes_daily_at"]))
    return form.finish(values)


def stand_fields_posted(data: Mapping[str, Any]) -> list[str]:
    """The stand fields present in a submitted form (a staff member's form has no name, kind or sector)."""
    return [name for name in STAND_FIELDS if name in data]


def parse_stand(data: Mapping[str, Any], fields: Iterable[str] = STAND_FIELDS) -> dict[str, Any]:
    """The given stand fields, validated."""
    form = FormReader(data)
    values: dict[str, Any] = {}
    for name in fields:
        if name == "name":
            values[name] = form.text("name", max_length=SHORT_TEXT, required=True)
        elif name == "kind":
            values[name] = form.choice("kind", KINDS)
        elif name == "sector":
            values[name] = form.choice("sector", SECTORS)
        elif name == "department":
            values[name] = form.raw("department").strip().upper()
            if values[name] and not DEPARTMENT_RE.match(values[name]):
                form.fail(name, _("Le département est un numéro comme 14, 2A ou 974."))
        elif name == "city":
            values[name] = form.text("city", max_length=80)
        elif name == "description":
            values[name] = form.text("description", max_length=LONG_TEXT, multiline=True)
        elif name == "website":
            values[name] = form.link("website", _("du site internet"))
    return form.finish(values)


def parse_job_card(data: Mapping[str, Any]) -> dict[str, Any]:
    form = FormReader(data)
    rome = form.raw("rome_code").strip().upper()
    if rome and not ROME_RE.match(rome):
        form.fail("rome_code", _("Le code ROME est une lettre suivie de quatre chiffres, par exemple H2913."))
    values = {
        "title": form.text("title", max_length=SHORT_TEXT, required=True),
        "rome_code": rome,
        **{
            name: form.text(name, max_length=LONG_TEXT, multiline=True)
            for name in ("missions", "skills", "training", "conditions")
        },
        "salary": form.text("salary", max_length=300),
    }
    return form.finish(values)


def parse_offer(data: Mapping[str, Any]) -> dict[str, Any]:
    form = FormReader(data)
    values = {
        "kind": form.choice("kind", OFFER_KINDS),
        "title": form.text("title", max_length=SHORT_TEXT, required=True),
        "description": form.text("description", max_length=LONG_TEXT, multiline=True),
        "place": form.text("place", max_length=SHORT_TEXT),
        "starts_on": form.day("starts_on"),
        "ends_on": form.day("ends_on"),
        "how_to_apply": form.text("how_to_apply", max_length=LONG_TEXT, multiline=True),
    }
    form.rule("ends_on", offer_dates_problem(values["starts_on"], values["ends_on"]))
    return form.finish(values)


def parse_video(data: Mapping[str, Any]) -> dict[str, Any]:
    form = FormReader(data)
    values = {"title": form.text("title", max_length=SHORT_TEXT, required=True), "url": form.raw("url").strip()}
    try:
        parse_video_url(values["url"])
    except DomainError as exc:
        form.fail("url", exc.message, too_long=exc.code == "too_long")
    values["transcript_url"] = form.link("transcript_url", _("de la transcription"))
    return form.finish(values)


def parse_hours(data: Mapping[str, Any]) -> dict[str, Any]:
    form = FormReader(data)
    values = {"starts_at": form.moment("starts_at"), "ends_at": form.moment("ends_at")}
    form.rule("ends_at", period_problem(values["starts_at"], values["ends_at"]))
    return form.finish(values)


def parse_document(data: Mapping[str, Any]) -> dict[str, Any]:
    form = FormReader(data)
    return form.finish({"title": form.text("title", max_length=SHORT_TEXT, required=True)})


# The invitation form's value for "a colleague with the stand's usual role" (stored as role "").
USUAL_ROLE = "equipe"


def parse_invitation(data: Mapping[str, Any]) -> dict[str, Any]:
    """The address, the role ("" = the stand's usual role; checked by the service) and the minor flag."""
    form = FormReader(data)
    email = form.text("email", max_length=254, required=True)
    role = form.raw("role").strip()
    role = "" if role == USUAL_ROLE else role
    if len(role) > 20:
        form.fail("role", _("Choisissez un rôle dans la liste."))
    return form.finish({"email": email, "role": role, "is_minor": form.raw("is_minor") == "1"})


def parse_acceptance(data: Mapping[str, Any], *, with_name: bool, email: str = "") -> dict[str, Any]:
    """The name and a new password following server/password_rules.py (new accounts), or the password of the
    account that already has the invitation's address."""
    form = FormReader(data)
    values: dict[str, Any] = {"password": form.raw("password")}
    if with_name:
        values["name"] = form.text("name", max_length=80, required=True)
        if values["name"] and len(values["name"]) < 2:
            form.fail("name", _("Indiquez votre nom (2 à 80 caractères)."))
    if len(values["password"]) > 1024:
        form.fail("password", _("Le mot de passe est trop long."), too_long=True)
    elif with_name and (problem := password_problem(values["password"], email)):
        form.fail("password", problem)
    elif not values["password"]:
        form.fail("password", _("Indiquez votre mot de passe."))
    return form.finish(values)
