"""Video and link URLs a stand may publish (pure): known hosts only, embeds that respect privacy.

A video is stored as the URL the organiser pasted plus its provider; pages embed it from the provider's
privacy-friendly player (youtube-nocookie, Dailymotion's embed, the PeerTube instance's own embed) and only
after a click, so that no third-party request leaves a pupil's browser until they ask for the video.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from server.errors import DomainError

YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"})
DAILYMOTION_HOSTS = frozenset({"dailymotion.com", "www.dailymotion.com", "dai.ly"})
# PeerTube instances used by French education and public bodies; "*." allows every subdomain.
PEERTUBE_HOSTS = ("*.apps.education.fr", "framatube.org", "peertube.fr", "video.ploud.fr")
# Where the embeds come from: the CSP's frame-src must allow exactly these.
FRAME_SOURCES = (
    "https://www.youtube-nocookie.com",
    "https://www.dailymotion.com",
    *(f"https://{host}" for host in PEERTUBE_HOSTS),
)

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
DAILYMOTION_ID = re.compile(r"^[A-Za-z0-9]{5,12}$")
PEERTUBE_ID = re.compile(r"^[A-Za-z0-9-]{8,40}$")
MAX_URL = 300


@dataclass(frozen=True, slots=True)
class VideoLink:
    provider: str  # youtube, dailymotion, peertube
    video_id: str
    embed_url: str
    watch_url: str


def _peertube_host(host: str) -> bool:
    return any(host == h or (h.startswith("*.") and host.endswith(h[1:])) for h in PEERTUBE_HOSTS)


def _https_parts(raw: str, what: str):  # type: ignore[no-untyped-def]
    url = (raw or "").strip()
    if not url:
        raise DomainError("invalid", f"Indiquez l'adresse {what}.")
    if len(url) > MAX_URL:
        raise DomainError("too_long", f"L'adresse {what} dépasse {MAX_URL} caractères.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise DomainError("invalid", f"L'adresse {what} doit commencer par https://.")
    if parts.username or parts.password:
        raise DomainError("invalid", f"L'adresse {what} ne doit pas contenir d'identifiants.")
    return url, parts


def parse_video_url(raw: str) -> VideoLink:
    """The provider and id of a YouTube, Dailymotion or PeerTube video page URL, or a precise refusal."""
    url, parts = _https_parts(raw, "de la vidéo")
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if segments else ""
        elif segments[:1] in (["embed"], ["shorts"], ["live"]):
            candidate = segments[1] if len(segments) > 1 else ""
        else:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        if YOUTUBE_ID.match(candidate):
            return VideoLink(
                "youtube",
                candidate,
                f"https://www.youtube-nocookie.com/embed/{candidate}",
                f"https://www.youtube.com/watch?v={candidate}",
            )
        raise DomainError("invalid", "Cette adresse YouTube ne désigne pas une vidéo.")
    if host in DAILYMOTION_HOSTS:
        if host == "dai.ly":
            candidate = segments[0] if segments else ""
        elif segments[:1] == ["video"] and len(segments) > 1:
            candidate = segments[1].split("_")[0]
        elif segments[:2] == ["embed", "video"] and len(segments) > 2:
            candidate = segments[2]
        else:
            candidate = ""
        if DAILYMOTION_ID.match(candidate):
            return VideoLink(
                "dailymotion",
                candidate,
                f"https://www.dailymotion.com/embed/video/{candidate}",
                f"https://www.dailymotion.com/video/{candidate}",
            )
        raise DomainError("invalid", "Cette adresse Dailymotion ne désigne pas une vidéo.")
    if _peertube_host(host):
        if parts.scheme.lower() != "https":
            raise DomainError("invalid", "L'adresse de la vidéo doit commencer par https://.")
        if segments[:1] == ["w"] and len(segments) > 1:
            candidate = segments[1]
        elif segments[:1] == ["videos"] and len(segments) > 2 and segments[1] in ("watch", "embed"):
            candidate = segments[2]
        else:
            candidate = ""
        if PEERTUBE_ID.match(candidate):
            return VideoLink(
                "peertube",
                candidate,
                f"https://{host}/videos/embed/{candidate}",
                f"https://{host}/w/{candidate}",
            )
        raise DomainError("invalid", "Cette adresse PeerTube ne désigne pas une vidéo.")
    raise DomainError(
        "invalid",
        f"Les vidéos de {host} ne sont pas acceptées : utilisez YouTube, Dailymotion ou une instance PeerTube "
        "de l'Éducation nationale.",
    )


def check_link(raw: str, what: str = "du lien") -> str:
    """An http(s) link to show on a page (website, transcript); empty stays empty; javascript: and the like refused."""
    if not (raw or "").strip():
        return ""
    url, _parts = _https_parts(raw, what)
    return url
