"""CFAs' open days ("portes ouvertes"): the form's rules (pure) and the service (check, store, commit).

An open day is on one day, from a start to an end time in Europe/Paris, on site (a place, with its address) or
online (an https link), or both. Its trades are ROME codes among its CFA's job cards. A plausible date is no
more than `PLAUSIBLE_DAYS` (365) days before the event's first day nor after its last day: an open day is
published for the year around the fair, not for a typing slip ("2062"). The staff of a CFA publish its open
days from "Mon stand"; organisers may edit any.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server import audit
from server.auth import Principal
from server.errors import DomainError
from server.formats import fr_day, french_sort_key
from server.i18n import N_, gettext
from server.i18n import gettext as _
from server.timeutil import PARIS, paris
from sessions.models import OpenDay, QARoom, QARoomCFA
from sessions.qa_rooms import cluster_label, cluster_order
from sessions.schedule_rules import MAX_ID
from stands.form_rules import FormInvalid
from stands.forms import FormReader
from stands.models import Event, JobCard, Stand

PLAUSIBLE_DAYS = 365
PLACE_LENGTH, ADDRESS_LENGTH, URL_LENGTH = 160, 300, 300
LABELS = {
    "day": N_("Jour"),
    "starts_time": N_("Heure de début"),
    "ends_time": N_("Heure de fin"),
    "place": N_("Lieu"),
    "address": N_("Adresse"),
    "url": N_("Lien pour y participer en ligne"),
    "trades": N_("Métiers présentés"),
}


def labels() -> dict[str, str]:
    return {name: gettext(label) for name, label in LABELS.items()}


def plausible_window(event_starts: datetime, event_ends: datetime) -> tuple[date, date]:
    return (
        paris(event_starts).date() - timedelta(days=PLAUSIBLE_DAYS),
        paris(event_ends).date() + timedelta(days=PLAUSIBLE_DAYS),
    )


def _https_problem(url: str) -> str | None:
    if len(url) > URL_LENGTH:
        return _("Le lien dépasse %(n)d caractères.") % {"n": URL_LENGTH}
    if not url.startswith("https://") or len(url) <= len("https://") or any(c.isspace() for c in url):
        return _("Le lien doit commencer par https:// (une adresse sûre).")
    return None


def parse_open_day(
    data: Mapping[str, Any], trades: list[str], *, allowed_trades: set[str], window: tuple[date, date]
) -> dict[str, Any]:
    """The form → {"starts_at", "ends_at" (aware UTC), "place", "address", "url", "trades"} or FormInvalid."""
    form = FormReader(data)
    for name in ("day", "starts_time", "ends_time", "place", "address", "url"):
        if "\x00" in form.raw(name):
            form.fail(name, _("Ce champ contient un caractère interdit."))
    values: dict[str, Any] = {
        "place": form.text("place", max_length=PLACE_LENGTH),
        "address": form.text("address", max_length=ADDRESS_LENGTH),
        "url": form.raw("url").strip(),
    }
    if values["url"]:
        form.rule("url", _https_problem(values["url"]))
    if not values["place"] and not values["url"]:
        form.fail("place", _("Indiquez le lieu (avec son adresse) ou un lien pour y participer en ligne."))
    if values["address"] and not values["place"]:
        form.fail("place", _("Indiquez aussi le nom du lieu de cette adresse."))
    day, start, end = form.day("day"), form.clock("starts_time"), form.clock("ends_time")
    if not form.raw("day").strip():
        form.fail("day", _("Indiquez le jour (AAAA-MM-JJ)."))
    if not form.raw("starts_time").strip():
        form.fail("starts_time", _("Indiquez l'heure de début (HH:MM)."))
    if not form.raw("ends_time").strip():
        form.fail("ends_time", _("Indiquez l'heure de fin (HH:MM)."))
    if day is not None and not window[0] <= day <= window[1]:
        form.fail(
            "day",
            _("Choisissez un jour entre le %(first)s et le %(last)s (l'année autour de l'événement).")
            % {
                "first": fr_day(window[0], year=True, weekday=False),
                "last": fr_day(window[1], year=True, weekday=False),
            },
        )
    if start is not None and end is not None and end <= start:
        form.fail("ends_time", _("L'heure de fin doit être après l'heure de début."))
    values["starts_at"] = _moment(day, start, form, "starts_time")
    values["ends_at"] = _moment(day, end, form, "ends_time")
    chosen = sorted({t.strip().upper() for t in trades if t.strip()})
    if any(t not in allowed_trades for t in chosen):
        form.fail("trades", _("Choisissez les métiers parmi les fiches métiers du CFA."))
    values["trades"] = chosen
    return form.finish(values)


def _moment(day: date | None, clock: time | None, form: FormReader, name: str) -> datetime | None:
    if day is None or clock is None:
        return None
    local = datetime.combine(day, clock)
    placed = local.replace(tzinfo=PARIS)
    if placed.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None) != local:
        form.fail(name, _("Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été)."))
        return None
    return placed.astimezone(UTC)


# ---------- Reading ----------


@dataclass
class OpenDayView:
    day: OpenDay
    cfa: Stand
    clusters: list[str]  # the clusters of the CFA's rooms, in the house's order

    def api(self) -> dict[str, Any]:
        d = self.day
        return {
            "id": d.id,
            "stand_id": d.stand_id,
            "cfa": self.cfa.name,
            "starts_at": paris(d.starts_at).isoformat(),
            "ends_at": paris(d.ends_at).isoformat(),
            "place": d.place,
            "address": d.address,
            "url": d.url,
            "trades": list(d.trades or []),
            "department": self.cfa.department,
            "clusters": self.clusters,
        }


async def stand_trades(db: AsyncSession, stand_id: int) -> list[tuple[str, str]]:
    """The CFA's job cards' ROME codes with their titles, (code, "code — title")."""
    cards = (await db.exec(select(JobCard).where(JobCard.stand_id == stand_id, JobCard.rome_code != ""))).all()
    seen: dict[str, str] = {}
    for card in sorted(cards, key=lambda c: french_sort_key(c.title)):
        seen.setdefault(card.rome_code, f"{card.rome_code} — {card.title}")
    return list(seen.items())


async def cfa_clusters(db: AsyncSession, event_id: int) -> dict[int, list[str]]:
    rows = (
        await db.exec(
            select(QARoomCFA.stand_id, QARoom.cluster)
            .join(QARoom, col(QARoom.id) == col(QARoomCFA.qa_room_id))
            .where(QARoom.event_id == event_id)
        )
    ).all()
    clusters: dict[int, list[str]] = {}
    for stand_id, cluster in rows:
        clusters.setdefault(stand_id, []).append(cluster)
    return {k: sorted(v, key=cluster_order) for k, v in clusters.items()}


async def list_open_days(
    db: AsyncSession, event_id: int, *, department: str = "", trade: str = "", stand_id: int | None = None
) -> list[OpenDayView]:
    query = (
        select(OpenDay, Stand).join(Stand, col(Stand.id) == col(OpenDay.stand_id)).where(OpenDay.event_id == event_id)
    )
    if stand_id is not None:
        query = query.where(OpenDay.stand_id == stand_id)
    if department:
        query = query.where(Stand.department == department)
    rows = (await db.exec(query.order_by(col(OpenDay.starts_at), col(OpenDay.id)))).all()
    clusters = await cfa_clusters(db, event_id)
    views = [OpenDayView(day, stand, clusters.get(stand.id, [])) for day, stand in rows]  # type: ignore[arg-type]
    if trade:
        views = [v for v in views if trade in (v.day.trades or [])]
    return views


def by_cluster(views: list[OpenDayView]) -> list[tuple[str, str, list[OpenDayView]]]:
    """(cluster, label, open days by date): each open day under its CFA's first cluster, then "Autres CFA"."""
    groups: dict[str, list[OpenDayView]] = {}
    for view in views:
        groups.setdefault(view.clusters[0] if view.clusters else "", []).append(view)
    ordered = sorted((k for k in groups if k), key=cluster_order)
    result = [(k, cluster_label(k), groups[k]) for k in ordered]
    if "" in groups:
        result.append(("", _("Autres CFA"), groups[""]))
    return result


async def get_open_day(db: AsyncSession, open_day_id: int) -> OpenDay:
    day = await db.get(OpenDay, open_day_id) if 1 <= open_day_id <= MAX_ID else None
    if day is None:
        raise DomainError("not_found", _("Ces portes ouvertes n'existent pas."))
    return day


async def get_cfa(db: AsyncSession, stand_id: int) -> Stand:
    stand = await db.get(Stand, stand_id) if 1 <= stand_id <= MAX_ID else None
    if stand is None:
        raise DomainError("not_found", _("Ce stand n'existe pas."))
    return stand


# ---------- Writing (the CFA's staff, organisers) ----------


def may_publish(principal: Principal | None, stand: Stand) -> bool:
    if principal is None:
        return False
    return principal.is_organiser or (stand.kind == "cfa" and stand.id in principal.staff_stands)


def _require_publisher(principal: Principal | None, stand: Stand) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if stand.kind != "cfa":
        raise DomainError("invalid", _("Seuls les CFA publient des portes ouvertes."))
    if not may_publish(principal, stand):
        raise DomainError("forbidden", _("Seules l'équipe du CFA et l'équipe d'organisation peuvent faire cela."))
    return principal


async def form_context(db: AsyncSession, stand: Stand) -> tuple[set[str], tuple[date, date]]:
    event = await db.get(Event, stand.event_id)
    assert event is not None
    return {code for code, _label in await stand_trades(db, stand.id)}, plausible_window(event.starts_at, event.ends_at)  # type: ignore[arg-type]


async def save_open_day(
    db: AsyncSession,
    principal: Principal | None,
    stand: Stand,
    values: Mapping[str, Any],
    open_day_id: int | None = None,
) -> OpenDay:
    """Create (open_day_id None) or update an open day of `stand` from parsed values."""
    actor = _require_publisher(principal, stand)
    if open_day_id is None:
        day = OpenDay(
            event_id=stand.event_id, stand_id=stand.id, starts_at=values["starts_at"], ends_at=values["ends_at"]
        )  # type: ignore[arg-type]
    else:
        day = await get_open_day(db, open_day_id)
        if day.stand_id != stand.id:
            raise DomainError("not_found", _("Ces portes ouvertes n'existent pas."))
    for key in ("starts_at", "ends_at", "place", "address", "url", "trades"):
        setattr(day, key, values[key])
    if values["ends_at"] <= values["starts_at"]:
        raise FormInvalid({"ends_time": _("L'heure de fin doit être après l'heure de début.")})
    db.add(day)
    await db.flush()
    audit.record(db, actor_id=actor.id, action="open_day.save", target=f"open_day:{day.id}")
    await db.commit()
    return day


async def delete_open_day(db: AsyncSession, principal: Principal | None, open_day_id: int) -> Stand:
    day = await get_open_day(db, open_day_id)
    stand = await get_cfa(db, day.stand_id)
    actor = _require_publisher(principal, stand)
    await db.delete(day)
    audit.record(db, actor_id=actor.id, action="open_day.delete", target=f"open_day:{open_day_id}")
    await db.commit()
    return stand


async def load_demo_open_days(
    db: AsyncSession, event: Event, specs: list[dict[str, Any]], stands: dict[str, Stand]
) -> int:
    """The demo's open days (idempotent: one per CFA and start time; no commit). Their count."""
    count = 0
    first = paris(event.starts_at).date()
    for spec in specs:
        stand = stands[spec["cfa"]]
        day = first + timedelta(days=spec["day"])
        starts = datetime.combine(day, time.fromisoformat(spec["start"])).replace(tzinfo=PARIS).astimezone(UTC)
        ends = datetime.combine(day, time.fromisoformat(spec["end"])).replace(tzinfo=PARIS).astimezone(UTC)
        existing = (await db.exec(select(OpenDay).where(OpenDay.stand_id == stand.id))).all()
        row = next((d for d in existing if paris(d.starts_at).time() == paris(starts).time()), None)
        row = row or OpenDay(event_id=event.id, stand_id=stand.id, starts_at=starts, ends_at=ends)  # type: ignore[arg-type]
        row.starts_at, row.ends_at = starts, ends
        row.place, row.address, row.url = spec.get("place", ""), spec.get("address", ""), spec.get("url", "")
        codes = {code for code, _label in await stand_trades(db, stand.id)}  # type: ignore[arg-type]
        row.trades = [c for c in spec.get("trades", sorted(codes)) if c in codes]
        db.add(row)
        count += 1
    await db.flush()
    return count
