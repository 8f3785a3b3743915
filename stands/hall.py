"""The hall: every stand of an event with what its card shows, filtered, searched and paged.

`list_stands` reads in a fixed number of queries whatever the stand count (the N+1 guard in
tests/stands/test_hall_queries.py holds it to that): one for the stands with their logo's sha256 and
whether each has offers and a staffed slot now, one for the job cards of the matching stands.
`event_departments` is one more, for the page's filter. The rest here is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from sqlalchemy import exists, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.formats import french_sort_key
from server.timeutil import aware, paris, utcnow
from stands.models import Event, JobCard, Media, Offer, Stand, StandHours
from stands.search import MAX_QUERY, haystack, matches_words, query_words
from stands.sectors import OFFER_KINDS
from stands.service import event_is_open

PAGE_SIZE = 24
TRUE_VALUES = frozenset({"1", "true", "on", "yes", "oui"})
FALSE_VALUES = frozenset({"", "0", "false", "off", "no", "non"})


@dataclass(frozen=True)
class HallFilters:
    """What the visitor asked for. Values are taken as given: the views decide what is valid."""

    q: str = ""
    sector: str = ""
    kind: str = ""
    department: str = ""
    open_now: bool = False
    offers: bool = False

    @property
    def active(self) -> bool:
        return bool(self.q or self.sector or self.kind or self.department or self.open_now or self.offers)

    def params(self) -> dict[str, str]:
        """The query-string parameters that give these filters back (empty ones left out)."""
        values = {
            "q": self.q,
            "sector": self.sector,
            "kind": self.kind,
            "department": self.department,
            "open_now": "1" if self.open_now else "",
            "offers": "1" if self.offers else "",
        }
        return {k: v for k, v in values.items() if v}


def parse_flag(value: str | None) -> bool | None:
    """ "1"/"true"/"on" → True, ""/"0"/"false"/absent → False, anything else → None (not a flag)."""
    text = (value or "").strip().lower()
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    return None


def clean_query(value: str | None) -> str:
    return " ".join((value or "")[:MAX_QUERY].split())


@dataclass
class StandSummary:
    """A stand as the hall shows it (the columns it needs, not the whole row: the hall reads many)."""

    id: int
    name: str
    kind: str
    sector: str
    department: str = ""
    city: str = ""
    logo_sha256: str | None = None
    has_offers: bool = False
    open_now: bool = False
    next_slot: datetime | None = None  # start of the next staffed slot still to come
    banner_id: int | None = None
    job_titles: list[str] = field(default_factory=list)
    rome_codes: list[str] = field(default_factory=list)
    staff_online: int = 0

    @property
    def room(self) -> str:
        return f"stand:{self.id}"

    @property
    def logo_url(self) -> str | None:
        return f"/media/{self.logo_sha256}" if self.logo_sha256 else None

    def search_text(self) -> str:
        return haystack([self.name, self.city, *self.job_titles, *self.rome_codes])


def within_daily_hours(event: Event, now: datetime) -> bool:
    """The event's daily opening hours (Europe/Paris) hold `now`; no hours set means all day."""
    opens, closes = event.opens_daily_at, event.closes_daily_at
    if opens is None and closes is None:
        return True
    local = paris(now).time()
    start, end = opens or time.min, closes or time.max
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # hours past midnight, e.g. 18:00–02:00


def event_open_now(event: Event, now: datetime) -> bool:
    """Open now: between the event's start and end, and within its daily hours."""
    return event_is_open(event, now) and within_daily_hours(event, now)


def _stand_conditions(event: Event, filters: HallFilters, now: datetime) -> tuple[list[Any], Any, Any]:
    """The WHERE clauses of the filters (search aside), and the two per-stand EXISTS flags."""
    has_offers = exists().where(col(Offer.stand_id) == col(Stand.id), col(Offer.kind).in_(list(OFFER_KINDS)))
    in_slot = exists().where(
        col(StandHours.stand_id) == col(Stand.id), col(StandHours.starts_at) <= now, col(StandHours.ends_at) > now
    )
    conditions: list[Any] = [col(Stand.event_id) == event.id]
    if filters.sector:
        conditions.append(col(Stand.sector) == filters.sector)
    if filters.kind:
        conditions.append(col(Stand.kind) == filters.kind)
    if filters.department:
        conditions.append(col(Stand.department) == filters.department)
    if filters.offers:
        conditions.append(has_offers)
    if filters.open_now:
        conditions.append(in_slot)
    return conditions, has_offers, in_slot


def _next_slot(now: datetime) -> Any:
    """The start of each stand's next staffed slot after `now` (a correlated scalar subquery)."""
    return (
        select(func.min(col(StandHours.starts_at)))
        .where(col(StandHours.stand_id) == col(Stand.id), col(StandHours.starts_at) > now)
        .scalar_subquery()
    )


async def list_stands(
    db: AsyncSession, event: Event, filters: HallFilters | None = None, *, now: datetime | None = None
) -> list[StandSummary]:
    """Every stand of the event matching the filters, by name (accents ignored); two queries whatever the
    count. `staff_online` is left at 0: presence is not in the database (see `server.presence`)."""
    filters = filters or HallFilters()
    now = now or utcnow()
    open_event = event_open_now(event, now)
    if filters.open_now and not open_event:
        return []
    conditions, has_offers, in_slot = _stand_conditions(event, filters, now)
    rows = await db.exec(
        select(  # type: ignore[call-overload]
            Stand.id,
            Stand.name,
            Stand.kind,
            Stand.sector,
            Stand.department,
            Stand.city,
            Media.sha256,
            has_offers.label("has_offers"),
            in_slot.label("in_slot"),
            _next_slot(now).label("next_slot"),
            Stand.banner_id,
        )
        .outerjoin(Media, col(Media.id) == col(Stand.logo_id))
        .where(*conditions)
    )
    stands = {
        row[0]: StandSummary(
            *row[:7],
            has_offers=bool(row[7]),
            open_now=open_event and bool(row[8]),
            next_slot=aware(row[9]) if row[9] else None,
            banner_id=row[10],
        )
        for row in rows.all()
    }
    if stands:
        matching = select(Stand.id).where(*conditions)
        cards = await db.exec(
            select(JobCard.stand_id, JobCard.title, JobCard.rome_code)
            .where(col(JobCard.stand_id).in_(matching))
            .order_by(col(JobCard.id))
        )
        for stand_id, title, rome in cards.all():
            stands[stand_id].job_titles.append(title)
            if rome:
                stands[stand_id].rome_codes.append(rome)
    words = query_words(filters.q)
    found = [s for s in stands.values() if not words or matches_words(words, s.search_text())]
    return sorted(found, key=lambda s: (french_sort_key(s.name), s.id))


async def event_departments(db: AsyncSession, event: Event) -> list[str]:
    """The departments the event's stands are in (one query)."""
    rows = await db.exec(select(Stand.department).where(Stand.event_id == event.id, Stand.department != "").distinct())
    return sorted(rows.all())


@dataclass(frozen=True)
class Page:
    """One page of a list: `number` counts from 1; out-of-range requests land on the nearest page."""

    items: list[Any]
    number: int
    count: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def parse_page(value: str | None) -> int:
    """A page number from the query string: 1 unless it is digits (a huge one is cut, then lands on the
    last page)."""
    text = (value or "").strip()
    return max(1, int(text[:9])) if text.isascii() and text.isdigit() else 1


def paginate(items: list[Any], number: int, size: int = PAGE_SIZE) -> Page:
    count = max(1, -(-len(items) // size))
    number = min(max(number, 1), count)
    start = (number - 1) * size
    return Page(items=items[start : start + size], number=number, count=count, total=len(items))


def page_window(number: int, count: int, around: int = 2) -> list[int | None]:
    """The page numbers a navigation shows: first, last, and `around` either side of the current one;
    None marks a gap ("…")."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - (window[-1] or 0) > 1:
            window.append(None)
        window.append(n)
    return window
