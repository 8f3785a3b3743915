"""HTTP views of a talk: its page (`/talks/{id}`), its speaker view (`/talks/{id}/animer`) and its approved
questions as JSON (`/api/talks/{id}/questions`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from chat.models import Room
from server.auth import Principal
from server.errors import DomainError
from server.i18n import gettext as _
from server.models import User
from server.timeutil import iso, utcnow
from server.web import JSONResponse, current_principal, render, services
from sessions import question_rules as qr
from sessions import questions
from sessions.models import Talk, TalkSpeaker
from sessions.talk_rules import AUDIENCES, talk_state
from stands.models import Event, Stand, StandStaff
from stands.videos import check_link, parse_video_url

ROOM_LINK_PROVIDERS = {"bbb": "BigBlueButton", "bigbluebutton": "BigBlueButton", "jitsi": "Jitsi"}
PROVIDER_LABELS = {"youtube": "YouTube", "dailymotion": "Dailymotion", "peertube": "PeerTube"}


def stream_of(url: str, provider: str = "") -> dict[str, Any] | None:
    """How the page offers a stream or a replay (pure): a player loaded after a click for the video hosts
    of stands/videos.py, a "Rejoindre la salle" link for BigBlueButton and Jitsi rooms, a plain link else."""
    if not (url or "").strip():
        return None
    try:
        video = parse_video_url(url)
    except DomainError:
        video = None
    if video is not None:
        return {
            "kind": "video",
            "provider": video.provider,
            "provider_label": PROVIDER_LABELS[video.provider],
            "embed_url": video.embed_url,
            "watch_url": video.watch_url,
        }
    try:
        link = check_link(url, "du direct")
    except DomainError:
        return None
    label = room_provider(link, provider)
    return {"kind": "room" if label else "link", "provider_label": label, "url": link}


def room_provider(url: str, provider: str = "") -> str:
    """ "Jitsi" or "BigBlueButton" for a video-conference room (by the stored provider, else by its host), or ""."""
    if label := ROOM_LINK_PROVIDERS.get(provider.lower(), ""):
        return label
    host = (urlsplit(url).hostname or "").lower()
    labels = set(host.replace("-", ".").split("."))
    if host == "meet.jit.si" or "jitsi" in labels:
        return "Jitsi"
    if labels & {"bbb", "bigbluebutton"}:
        return "BigBlueButton"
    return ""


async def _talk_or_404(db: AsyncSession, talk_id: int) -> tuple[Talk, Event]:
    if not 1 <= talk_id <= 2**31 - 1:
        raise DomainError("not_found", "Cette conférence n'existe pas.")
    row = (
        await db.exec(select(Talk, Event).join(Event, col(Event.id) == Talk.event_id).where(Talk.id == talk_id))
    ).first()
    if row is None:
        raise DomainError("not_found", "Cette conférence n'existe pas.")
    return row[0], row[1]


async def _speakers(db: AsyncSession, talk: Talk) -> tuple[list[dict[str, Any]], frozenset[int]]:
    """Speakers with an account (with their stands at this event), then guest speakers by name."""
    users = (
        await db.exec(
            select(User).join(TalkSpeaker, col(TalkSpeaker.user_id) == User.id).where(TalkSpeaker.talk_id == talk.id)
        )
    ).all()
    ids = frozenset(u.id for u in users if u.id is not None)
    stands: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        rows = await db.exec(
            select(StandStaff.user_id, Stand.id, Stand.name)
            .join(Stand, col(Stand.id) == StandStaff.stand_id)
            .where(col(StandStaff.user_id).in_(list(ids)), Stand.event_id == talk.event_id)
            .order_by(col(Stand.name))
        )
        for user_id, stand_id, name in rows.all():
            stands[user_id].append({"id": stand_id, "name": name})

    def shown(user_id: int) -> list[dict[str, Any]]:
        # A speaker of a talk linked to one of their stands is shown with that stand only.
        theirs = stands.get(user_id, [])
        linked = [s for s in theirs if s["id"] == talk.stand_id]
        return linked or theirs

    people = [{"name": u.name, "stands": shown(u.id or 0)} for u in users]
    people += [{"name": name, "stands": []} for name in talk.speakers if name not in {u.name for u in users}]
    return people, ids


def _can_moderate(user: Principal | None, speaker_ids: frozenset[int]) -> bool:
    return user is not None and qr.can_moderate_questions(user, qr.QARoomInfo("", "talk", speaker_ids=speaker_ids))


def page_strings() -> dict[str, str]:
    """Strings of static/js/talk.js (see static/js/I18N-KEYS.md)."""
    return {
        "connecting": _("Connexion aux questions…"),
        "connected": _("Questions en direct"),
        "reconnecting": _("Connexion perdue. Reconnexion en cours…"),
        "connect_error": _("Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…"),
        "pending": _("En attente de validation"),
        "rejected": _("Refusée"),
        "answered": _("Répondue"),
        "pinned": _("Épinglée"),
        "vote": _("+1"),
        "vote_label": _("Voter pour cette question"),
        "voted_label": _("Vous avez voté pour cette question"),
        "votes_one": _("%(num)d vote"),
        "votes_many": _("%(num)d votes"),
        "empty": _("Aucune question pour l'instant."),
        "sending": _("Envoi…"),
        "sent_pending": _("Question envoyée : elle paraîtra quand l'intervenant l'aura validée."),
        "sent": _("Question envoyée."),
        "held": _("Votre question a été retenue par le filtre du salon."),
        "failed": _("La question n'a pas pu être envoyée. Réessayez."),
        "chars_left": _("%(num)d caractères restants"),
        "state_upcoming": _("À venir"),
        "state_live": _("En direct"),
        "state_ended": _("Terminé"),
        "countdown": _("Commence dans %(time)s"),
        "countdown_soon": _("Commence dans un instant"),
        "starts_at": _("Commence à %(time)s"),
        "approve": _("Valider"),
        "reject": _("Refuser"),
        "pin": _("Épingler"),
        "unpin": _("Détacher"),
        "mark_answered": _("Marquer répondue"),
        "answer": _("Répondre par écrit"),
        "answer_send": _("Publier la réponse"),
        "answer_label": _("Votre réponse à cette question"),
        "audience_one": _("%(num)d personne connectée"),
        "audience_many": _("%(num)d personnes connectées"),
        "role_pupil": _("Élève"),
        "by": _("par %(name)s"),
        "answer_by": _("Réponse de %(name)s"),
        "redacted": _("(certaines informations ont été masquées)"),
        "refused": _("Action refusée."),
        "qa_ended": _("La conférence est terminée : les questions sont fermées."),
    }


async def _context(
    request: Request, db: AsyncSession, talk: Talk, event: Event, *, speaker_view: bool = False
) -> dict[str, Any]:
    user = await current_principal(request)
    speakers, speaker_ids = await _speakers(db, talk)
    room_name = f"talk:{talk.id}"
    room_id = (await db.exec(select(Room.id).where(Room.name == room_name))).first()
    moderator = _can_moderate(user, speaker_ids)
    all_questions = await questions.room_questions(db, room_id, room_name, qr.STATUSES) if room_id else []
    # The page shows everyone what the audience sees (and their own pending questions); the speaker view
    # shows the room's moderators everything.
    visible = [q for q in all_questions if qr.visible_to(q, user.id if user else None, moderator and speaker_view)]
    now = utcnow()
    state = talk_state(talk.starts_at, talk.ends_at, now)
    stand = await db.get(Stand, talk.stand_id) if talk.stand_id else None
    return {
        "talk": talk,
        "event": event,
        "stand": stand,
        "room": room_name,
        "state": state,
        "starts_iso": iso(talk.starts_at),
        "ends_iso": iso(talk.ends_at),
        "audience_label": AUDIENCES.get(talk.audience, AUDIENCES["all"]),
        "speakers": speakers,
        "stream": stream_of(talk.stream_url, talk.stream_provider),
        "replay": stream_of(talk.replay_url),
        "questions": visible,
        "moderator": moderator,
        "qa_open": qr.qa_window_open("talk", now, talk_times=(talk.starts_at, talk.ends_at), event_open=True),
        "i18n": page_strings(),
    }


async def talk_page(request: Request) -> Response:
    async with services(request).sessions() as db:
        talk, event = await _talk_or_404(db, request.path_params["talk_id"])
        context = await _context(request, db, talk, event)
    return await render(request, "sessions/talk.html", context)


async def speaker_page(request: Request) -> Response:
    talk_id = request.path_params["talk_id"]
    user = await current_principal(request)
    async with services(request).sessions() as db:
        talk, event = await _talk_or_404(db, talk_id)
        if user is None:
            return RedirectResponse(f"/login?next=/talks/{talk.id}/animer", status_code=303)
        context = await _context(request, db, talk, event, speaker_view=True)
    if not context["moderator"]:
        raise DomainError("forbidden", "Cette page est réservée aux intervenants de la conférence et à la modération.")
    context["questions"] = sorted(context["questions"], key=qr.speaker_order_key)
    return await render(request, "sessions/speaker.html", context)


async def api_talk_questions(request: Request) -> Response:
    """The approved questions, ordered pinned, votes, time, with their written answers (public)."""
    async with services(request).sessions() as db:
        talk, _event = await _talk_or_404(db, request.path_params["talk_id"])
        room_name = f"talk:{talk.id}"
        room_id = (await db.exec(select(Room.id).where(Room.name == room_name))).first()
        found = await questions.room_questions(db, room_id, room_name, (qr.APPROVED,)) if room_id else []
    return JSONResponse(found)


routes: list[BaseRoute] = [
    Route("/talks/{talk_id:int}", talk_page, name="talk"),
    Route("/talks/{talk_id:int}/animer", speaker_page, name="talk_speaker"),
    Route("/api/talks/{talk_id:int}/questions", api_talk_questions),
]
