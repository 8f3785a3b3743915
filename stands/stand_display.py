"""What the stand page shows, shaped from `stand_detail` (pure): videos to load on demand, documents,
offer dates and staffed hours ("permanences") in Europe/Paris.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

from babel.numbers import format_decimal

from server.errors import DomainError
from server.formats import fr_dates, fr_day, fr_time
from server.i18n import gettext as _
from server.timeutil import iso, paris
from stands.models import Offer, StandHours, Video
from stands.videos import check_link, parse_video_url

LOCALE = "fr_FR"
# Provider names are brands: shown as they are, never translated.
PROVIDER_LABELS = {"youtube": "YouTube", "dailymotion": "Dailymotion", "peertube": "PeerTube"}


def safe_link(raw: str) -> str:
    """An http(s) link fit for an href, or "" (javascript:, data: and malformed links are dropped)."""
    try:
        return check_link(raw)
    except DomainError:
        return ""


def video_item(video: Video, poster_url: str | None = None) -> dict[str, Any]:
    """A video as the page and the API show it. `embed_url` is None when the stored address is not a
    video of a known provider: the page then offers the plain link only (when it is a safe link)."""
    try:
        link = parse_video_url(video.url)
    except DomainError:
        link = None
    provider = link.provider if link else (video.provider or "")
    return {
        "id": video.id,
        "title": video.title,
        "url": video.url,
        "provider": provider,
        "provider_label": PROVIDER_LABELS.get(provider, provider),
        "embed_url": link.embed_url if link else None,
        "watch_url": link.watch_url if link else safe_link(video.url),
        "transcript_url": safe_link(video.transcript_url),
        "poster_url": poster_url,  # an uploaded poster on this site; None: the neutral poster
    }


def size_label(size: int) -> str:
    """A file size in French units: "850 octets", "240 ko", "1,2 Mo"."""
    if size < 1024:
        return _("%(size)s octets") % {"size": size}
    if size < 1024 * 1024:
        return _("%(size)s ko") % {"size": format_decimal(round(size / 1024), locale=LOCALE)}
    return _("%(size)s Mo") % {"size": format_decimal(round(size / 1024 / 1024, 1), locale=LOCALE)}


def document_item(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "url": f"/media/{document['sha256']}", "size_label": size_label(document["size"])}


def day_label(value: date) -> str:
    """ "lundi 4 janvier 2027"; the first of the month is written "1er", as French does."""
    return fr_day(value, year=True)


def time_label(value: datetime) -> str:
    """ "9 h 00", the French way of writing a time of day."""
    return fr_time(value)


def offer_dates_label(offer: Offer) -> str:
    """ "Du lundi 2 au vendredi 6 mars 2026", "À partir du …", "Jusqu'au …", or ""."""
    starts, ends = offer.starts_on, offer.ends_on
    if starts and ends:
        return fr_dates(starts, ends, capital=True)
    if starts:
        return _("À partir du %(day)s") % {"day": day_label(starts)}
    if ends:
        return _("Jusqu'au %(day)s") % {"day": day_label(ends)}
    return ""


def slot_holds(slot: StandHours, now: datetime) -> bool:
    return paris(slot.starts_at) <= now < paris(slot.ends_at)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # Europe/Paris
    ends_at: datetime
    now: bool

    @property
    def start_label(self) -> str:
        return time_label(self.starts_at)

    @property
    def end_label(self) -> str:
        return time_label(self.ends_at)

    @property
    def starts_iso(self) -> str:
        return iso(self.starts_at)

    @property
    def ends_iso(self) -> str:
        return iso(self.ends_at)


@dataclass(frozen=True)
class Hours:
    """The staffed hours still to come (or under way), grouped by day, and whether one holds `now`."""

    days: list[tuple[str, list[Slot]]]
    current: Slot | None

    @property
    def staffed_now(self) -> bool:
        return self.current is not None


def hours_view(slots: list[StandHours], now: datetime, *, event_open: bool = True) -> Hours:
    """Upcoming and current slots by Paris day, earliest first; past slots are left out. A slot only
    counts as "now" while the event itself is open."""
    upcoming = sorted(
        (
            Slot(paris(s.starts_at), paris(s.ends_at), event_open and slot_holds(s, now))
            for s in slots
            if paris(s.ends_at) > now
        ),
        key=lambda slot: (slot.starts_at, slot.ends_at),
    )
    days = [(fr_day(day), list(group)) for day, group in groupby(upcoming, key=lambda s: s.starts_at.date())]
    return Hours(days=days, current=next((s for s in upcoming if s.now), None))


def hours_json(slots: list[StandHours]) -> list[dict[str, str]]:
    return [{"starts_at": iso(paris(s.starts_at)), "ends_at": iso(paris(s.ends_at))} for s in slots]
