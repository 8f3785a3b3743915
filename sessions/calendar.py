"""The programme as iCalendar files (RFC 5545), built with the `icalendar` package (pure: rows in, bytes out).

One VCALENDAR with PRODID and VERSION, the VTIMEZONE of Europe/Paris built from zoneinfo
(`Calendar.add_missing_timezones`), and one VEVENT per talk: UID `talk-<id>@<host>` (the same in every
export, so a calendar app updates the event instead of adding a copy), DTSTAMP, DTSTART/DTEND with
TZID=Europe/Paris, SUMMARY, DESCRIPTION (speakers, audience, then the talk's description), LOCATION (the
track) and URL (the talk page, from SALON_PUBLIC_URL).

A class's calendar is reached without logging in (calendar apps cannot): its address carries a key, an
HMAC of the class id with SECRET_KEY, that only the class's teachers are shown.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from server.timeutil import PARIS, aware, utcnow
from sessions.programme import TalkView

PRODID = "-//Salon//Programme des conférences//FR"
OPEN_DAYS_PRODID = "-//Salon//Portes ouvertes des CFA//FR"
MEDIA_TYPE = "text/calendar; charset=utf-8"


def class_calendar_key(secret_key: str, class_id: int) -> str:
    message = f"salon.class-calendar:{class_id}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def class_key_ok(secret_key: str, class_id: int, key: str) -> bool:
    key = key or ""
    return key.isascii() and hmac.compare_digest(class_calendar_key(secret_key, class_id), key)


def uid_host(public_url: str) -> str:
    return urlsplit(public_url).hostname or "salon"


def _description(view: TalkView) -> str:
    lines = []
    if view.speakers:
        lines.append("Avec " + ", ".join(view.speakers))
    lines.append(f"Public : {view.audience_label}")
    if view.talk.description:
        lines += ["", view.talk.description]
    return "\n".join(lines)


def talks_calendar(views: Iterable[TalkView], *, public_url: str, name: str, now: datetime | None = None) -> bytes:
    views = list(views)
    stamp = aware(now or utcnow())
    host = uid_host(public_url)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for view in views:
        talk = view.talk
        event = Event()
        event.add("uid", f"talk-{talk.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", aware(talk.starts_at).astimezone(PARIS))
        event.add("dtend", aware(talk.ends_at).astimezone(PARIS))
        event.add("summary", talk.title)
        event.add("description", _description(view))
        if talk.track:
            event.add("location", talk.track)
        event.add("url", f"{public_url.rstrip('/')}/talks/{talk.id}")
        calendar.add_component(event)
    if views:
        years = [aware(v.talk.starts_at).year for v in views] + [aware(v.talk.ends_at).year for v in views]
        # The time zone's rules for the years the talks span only (a short file).
        calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31))
    else:
        calendar.add_component(_paris_timezone())
    return calendar.to_ical()  # type: ignore[no-any-return]


def _paris_timezone():  # type: ignore[no-untyped-def]
    year = utcnow().year
    return Timezone.from_tzid("Europe/Paris", first_date=date(year - 1, 1, 1), last_date=date(year + 1, 12, 31))


def open_days_calendar(views: Iterable[Any], *, public_url: str, name: str, now: datetime | None = None) -> bytes:
    """CFAs' open days (sessions.open_days.OpenDayView): UID `open-day-<id>@<host>`, the same VTIMEZONE."""
    views = list(views)
    stamp = aware(now or utcnow())
    host = uid_host(public_url)
    calendar = Calendar()
    calendar.add("prodid", OPEN_DAYS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for view in views:
        day = view.day
        event = Event()
        event.add("uid", f"open-day-{day.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", aware(day.starts_at).astimezone(PARIS))
        event.add("dtend", aware(day.ends_at).astimezone(PARIS))
        event.add("summary", f"Portes ouvertes — {view.cfa.name}")
        lines = []
        if day.url:
            lines.append(f"En ligne : {day.url}")
        if day.trades:
            lines.append("Métiers : " + ", ".join(day.trades))
        event.add("description", "\n".join(lines))
        location = ", ".join(p for p in (day.place, day.address) if p)
        if location:
            event.add("location", location)
        event.add("url", day.url or f"{public_url.rstrip('/')}/stands/{view.cfa.id}")
        calendar.add_component(event)
    if views:
        years = [aware(v.day.starts_at).year for v in views]
        calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31))
    else:
        calendar.add_component(_paris_timezone())
    return calendar.to_ical()  # type: ignore[no-any-return]
