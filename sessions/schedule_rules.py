"""What makes a talk valid in its event's programme (pure): its times, its speakers and track against the
other talks, its stream and replay, its audience and capacity.

Every refusal is a French message that names the clash ("Camille Durand intervient déjà dans « X » …"), so
that an organiser knows what to move. `schedule_problems` returns them field by field (the back office
shows each next to its field); the service raises them as one `FormInvalid`.

Streams: a PeerTube, YouTube (played from youtube-nocookie) or Dailymotion address is a video played in
the page after a click, as on stands (`stands/videos.py`); a BigBlueButton or Jitsi room is opened as a
plain link. The room rule, https only:

- Jitsi: the host is `meet.jit.si` or contains "jitsi" (`jitsi.example.org`, `visio-jitsi.ac-normandie.fr`);
- BigBlueButton: the host contains "bbb" or "bigbluebutton", or the path contains `/b/` (Greenlight 2) or
  `/rooms/` (Greenlight 3);

and the address names a room (a path after the host). Anything else is an unknown host.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from server.errors import DomainError
from server.formats import fr_hours, fr_number, fr_period, fr_time
from server.i18n import gettext as _
from server.timeutil import aware, paris
from sessions.talk_rules import AUDIENCES
from stands.videos import DAILYMOTION_HOSTS, MAX_URL, YOUTUBE_HOSTS, _peertube_host, parse_video_url

MAX_CAPACITY = 10_000  # classes
MAX_ID = 2**31 - 1  # ids from outside are bounded to what the databases hold
VIDEO_PROVIDERS = ("youtube", "dailymotion", "peertube")
ROOM_PROVIDERS = ("bbb", "jitsi")
PROVIDER_LABELS = {
    "youtube": "YouTube",
    "dailymotion": "Dailymotion",
    "peertube": "PeerTube",
    "bbb": "BigBlueButton",
    "jitsi": "Jitsi",
}


@dataclass(frozen=True, slots=True)
class Slot:
    """A talk as the schedule sees it: when, where (track) and with whom (speaker account ids)."""

    starts_at: datetime
    ends_at: datetime
    track: str = ""
    speaker_ids: frozenset[int] = frozenset()
    id: int | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class EventHours:
    starts_at: datetime
    ends_at: datetime
    opens_daily_at: time | None = None
    closes_daily_at: time | None = None


@dataclass(frozen=True, slots=True)
class Stream:
    url: str = ""
    provider: str = ""  # youtube, dailymotion, peertube, bbb, jitsi; "" without a stream

    @property
    def is_video(self) -> bool:
        return self.provider in VIDEO_PROVIDERS


@dataclass
class Problems:
    """Field name → French message, first problem of each field kept."""

    found: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str | None) -> None:
        if message:
            self.found.setdefault(name, message)


def same_track(a: str, b: str) -> bool:
    """Tracks are typed by people: "Grand amphi" and "grand  Amphi" are one room."""
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def overlaps(a: Slot, b: Slot) -> bool:
    """Two talks overlap when one starts before the other ends (back to back is fine)."""
    return aware(a.starts_at) < aware(b.ends_at) and aware(b.starts_at) < aware(a.ends_at)


def _when(slot: Slot) -> str:
    return fr_period(slot.starts_at, slot.ends_at)


def period_problem(starts_at: datetime, ends_at: datetime) -> str | None:
    if aware(ends_at) <= aware(starts_at):
        return _("La fin (%(end)s) doit être après le début (%(start)s).") % {
            "end": fr_time(ends_at),
            "start": fr_time(starts_at),
        }
    return None


def event_problem(slot: Slot, event: EventHours) -> str | None:
    """Within the event's dates, and within its daily hours (Europe/Paris) when it has some."""
    if aware(slot.starts_at) < aware(event.starts_at) or aware(slot.ends_at) > aware(event.ends_at):
        return _("La conférence doit avoir lieu pendant l'événement (%(period)s).") % {
            "period": fr_period(event.starts_at, event.ends_at)
        }
    opens, closes = event.opens_daily_at, event.closes_daily_at
    if opens is None or closes is None:
        return None
    start, end = paris(slot.starts_at), paris(slot.ends_at)
    # An end at midnight is the end of the start's day.
    end_day = end.date() - timedelta(days=1) if end.time() == time(0, 0) and end.date() > start.date() else end.date()
    end_clock = time(23, 59, 59) if end_day < end.date() else end.time()
    if end_day != start.date() or start.time() < opens or end_clock > closes:
        return _("La conférence doit avoir lieu pendant les horaires d'ouverture de l'événement, %(hours)s.") % {
            "hours": fr_hours(opens, closes)
        }
    return None


def clash_problems(slot: Slot, others: Iterable[Slot], names: Mapping[int, str]) -> Problems:
    """A speaker (account) in two talks at once, two talks in one track at once: each names the other talk."""
    problems = Problems()
    for other in sorted(others, key=lambda o: (aware(o.starts_at), o.id or 0)):
        if other.id is not None and other.id == slot.id or not overlaps(slot, other):
            continue
        for user_id in sorted(slot.speaker_ids & other.speaker_ids):
            problems.add(
                "speaker_ids",
                _("%(speaker)s intervient déjà dans « %(talk)s » à ce moment-là (%(when)s).")
                % {"speaker": names.get(user_id, _("Une personne")), "talk": other.title, "when": _when(other)},
            )
        if same_track(slot.track, other.track):
            problems.add(
                "track",
                _("La salle « %(track)s » accueille déjà « %(talk)s » à ce moment-là (%(when)s).")
                % {"track": other.track, "talk": other.title, "when": _when(other)},
            )
    return problems


def schedule_problems(
    slot: Slot, event: EventHours, others: Iterable[Slot], names: Mapping[int, str]
) -> dict[str, str]:
    """Every problem of a talk's place in the programme, by field (empty when it fits)."""
    problems = Problems()
    period = period_problem(slot.starts_at, slot.ends_at)
    problems.add("ends_at", period)
    if period is None:
        problems.add("starts_at", event_problem(slot, event))
        for name, message in clash_problems(slot, others, names).found.items():
            problems.add(name, message)
    return problems.found


# ---------- Streams ----------


def _room_provider(host: str, path: str) -> str | None:
    if host == "meet.jit.si" or "jitsi" in host:
        return "jitsi"
    if "bbb" in host or "bigbluebutton" in host or "/b/" in path or "/rooms/" in path:
        return "bbb"
    return None


def parse_stream(raw: str) -> Stream:
    """A talk's stream: a video played after a click, or a BigBlueButton / Jitsi room; empty stays empty."""
    url = (raw or "").strip()
    if not url:
        return Stream()
    if len(url) > MAX_URL:
        raise DomainError("too_long", _("L'adresse de la diffusion dépasse %(max)d caractères.") % {"max": MAX_URL})
    if "\x00" in url or any(c.isspace() for c in url):
        raise DomainError("invalid", _("L'adresse de la diffusion ne doit pas contenir d'espace."))
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("https", "http") or not host:
        raise DomainError("invalid", _("L'adresse de la diffusion doit commencer par https://."))
    if host in YOUTUBE_HOSTS or host in DAILYMOTION_HOSTS or _peertube_host(host):
        return Stream(url, parse_video_url(url).provider)
    provider = _room_provider(host, parts.path)
    if provider is None:
        raise DomainError(
            "invalid",
            _(
                "Les diffusions de %(host)s ne sont pas acceptées : utilisez une vidéo PeerTube, YouTube ou "
                "Dailymotion, ou un salon BigBlueButton ou Jitsi."
            )
            % {"host": host},
        )
    label = PROVIDER_LABELS[provider]
    if parts.scheme.lower() != "https":
        raise DomainError("invalid", _("Le lien du salon %(label)s doit commencer par https://.") % {"label": label})
    if parts.username or parts.password:
        raise DomainError("invalid", _("L'adresse de la diffusion ne doit pas contenir d'identifiants."))
    if not parts.path.strip("/"):
        raise DomainError("invalid", _("Ce lien %(label)s ne désigne pas un salon.") % {"label": label})
    return Stream(url, provider)


def parse_replay(raw: str) -> str:
    """A replay is a video (PeerTube, YouTube, Dailymotion), played after a click; empty stays empty."""
    url = (raw or "").strip()
    if not url:
        return ""
    try:
        parse_video_url(url)
    except DomainError as exc:
        raise DomainError(exc.code, _("Rediffusion : %(problem)s") % {"problem": exc.message}) from None
    return url


# ---------- Audience and capacity ----------


def audience_problem(audience: str) -> str | None:
    if audience not in AUDIENCES:
        return _("Choisissez un public de la liste : %(choices)s.") % {"choices": ", ".join(AUDIENCES.values())}
    return None


def capacity_problem(capacity: int | None) -> str | None:
    if capacity is not None and not 1 <= capacity <= MAX_CAPACITY:
        return _("La capacité est un nombre de classes entre 1 et %(max)s, ou vide pour ne pas la limiter.") % {
            "max": fr_number(MAX_CAPACITY)
        }
    return None


def places_left(capacity: int | None, registered: int) -> int | None:
    return None if capacity is None else max(capacity - registered, 0)
