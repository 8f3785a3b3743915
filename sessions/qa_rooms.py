"""CFA question rooms grouped by trade cluster, as data the organisers edit: the clusters' list, the room form's
rules (pure), and the service that lists, creates, edits and deletes rooms (check, store, commit).

A room's `cluster` is a slug of `CLUSTERS` or, for a cluster the list does not have, a free label typed by the
organisers ("Métiers d'art"); `cluster_label` gives what people read either way. One room per cluster and event
(the table's unique constraint). A room's trades are ROME codes (a capital letter and four digits) with a label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from chat.models import Room, RoomRead
from chat.service import ensure_room
from server import audit
from server.auth import Principal
from server.errors import DomainError
from server.formats import french_sort_key
from server.i18n import N_, gettext
from server.i18n import gettext as _
from sessions.models import QARoom, QARoomCFA, QARoomVisit, Question, QuestionAnswer
from sessions.schedule_rules import MAX_ID
from stands.forms import LONG_TEXT, SHORT_TEXT, FormReader
from stands.marks import initials, mark_colour
from stands.models import Event, Stand

# The trade clusters rooms are made for (slug → label), in the order the house shows them.
CLUSTERS: dict[str, str] = {
    "batiment": "Bâtiment et travaux publics",
    "industrie": "Industrie, énergie et mer",
    "commerce-vente": "Commerce, vente et services",
    "hotellerie-restauration": "Hôtellerie, restauration et métiers de bouche",
    "sante-social": "Santé, social et soins",
    "agriculture": "Agriculture, paysage et cheval",
    "numerique": "Numérique",
    "transport-logistique": "Transport et logistique",
}
OTHER = "autre"  # the form's choice for a free label
ROME_RE = re.compile(r"[A-Z][0-9]{4}")
MAX_TRADES = 40
MAX_CFAS = 20
CLUSTER_LENGTH = 80

LABELS = {
    "cluster": N_("Famille de métiers"),
    "cluster_label": N_("Autre famille (libellé libre)"),
    "title": N_("Titre de la salle"),
    "description": N_("Présentation"),
    "trades": N_("Métiers (code ROME et intitulé, un par ligne)"),
    "cfa_ids": N_("CFA qui répondent"),
}


def labels() -> dict[str, str]:
    return {name: gettext(label) for name, label in LABELS.items()}


def cluster_label(cluster: str) -> str:
    return CLUSTERS.get(cluster, cluster)


def cluster_order(cluster: str) -> tuple[int, tuple[str, str]]:
    """Known clusters in the list's order, then free labels alphabetically."""
    keys = list(CLUSTERS)
    return (keys.index(cluster) if cluster in CLUSTERS else len(keys), french_sort_key(cluster_label(cluster)))


def valid_rome(code: str) -> bool:
    return bool(ROME_RE.fullmatch(code))


def parse_trades(raw: str) -> tuple[list[dict[str, str]], str | None]:
    """Lines "F1703 Maçon·ne" (a dash, colon or semicolon may follow the code) → [{"rome", "label"}], or the
    refusal naming the first bad line. A code given twice is kept once."""
    trades: list[dict[str, str]] = []
    seen: set[str] = set()
    lines = [line.strip() for line in raw.splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        code, _sep, rest = line.partition(" ")
        code = code.rstrip(":;,-–—").upper()
        label = " ".join(rest.strip().lstrip(":;,-–—").split())
        if not valid_rome(code):
            return [], _(
                "Ligne %(n)d : « %(code)s » n'est pas un code ROME (une lettre majuscule et quatre chiffres, "
                "par exemple F1703)."
            ) % {"n": number, "code": code[:12]}
        if not label or len(label) > SHORT_TEXT:
            return [], _("Ligne %(n)d : indiquez l'intitulé du métier après son code (160 caractères au plus).") % {
                "n": number
            }
        if code not in seen:
            seen.add(code)
            trades.append({"rome": code, "label": label})
    if len(trades) > MAX_TRADES:
        return [], _("Indiquez au plus %(n)d métiers.") % {"n": MAX_TRADES}
    return trades, None


def trades_text(trades: list[dict[str, str]]) -> str:
    return "\n".join(f"{t['rome']} {t['label']}" for t in trades)


def parse_room(data: Mapping[str, Any], cfa_ids: list[str]) -> dict[str, Any]:
    """The room form → {"cluster", "title", "description", "trades", "cfa_ids"}, or FormInvalid per field."""
    form = FormReader(data)
    for name in ("cluster", "cluster_label", "title", "description", "trades"):
        if "\x00" in form.raw(name):
            form.fail(name, _("Ce champ contient un caractère interdit."))
    choice = form.raw("cluster").strip()
    cluster = ""
    if choice == OTHER:
        cluster = form.text("cluster_label", max_length=CLUSTER_LENGTH, required=True)
        if cluster in CLUSTERS or cluster == OTHER:
            form.fail("cluster_label", _("Ce libellé est réservé : choisissez la famille dans la liste."))
    elif choice in CLUSTERS:
        cluster = choice
    else:
        form.fail("cluster", _("Choisissez une famille de métiers dans la liste, ou « Autre » avec son libellé."))
    values: dict[str, Any] = {
        "cluster": cluster,
        "title": form.text("title", max_length=SHORT_TEXT, required=True),
        "description": form.text("description", max_length=LONG_TEXT, multiline=True),
    }
    trades, problem = parse_trades(form.raw("trades"))
    form.rule("trades", problem)
    values["trades"] = trades
    ids: list[int] = []
    for raw in cfa_ids:
        raw = raw.strip()
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_ID:
            ids.append(int(raw))
        else:
            form.fail("cfa_ids", _("Choisissez les CFA dans la liste."))
            break
    if len(set(ids)) > MAX_CFAS:
        form.fail("cfa_ids", _("Choisissez au plus %(n)d CFA.") % {"n": MAX_CFAS})
    values["cfa_ids"] = sorted(set(ids))
    return form.finish(values)


# ---------- Reading ----------


def _cfa(stand: Stand) -> dict[str, Any]:
    return {
        "id": stand.id,
        "name": stand.name,
        "initials": initials(stand.name),
        "mark_colour": mark_colour(stand.name),
    }


def faq_visible():  # type: ignore[no-untyped-def]
    """Questions a room's FAQ shows: approved, and answered (marked so, or with a written answer)."""
    has_answer = select(QuestionAnswer.id).where(QuestionAnswer.question_id == Question.id).exists()
    return (Question.status == "approved") & or_(col(Question.answered).is_(True), has_answer)


async def answered_counts(db: AsyncSession, room_ids: list[int]) -> dict[int, int]:
    """Questions the FAQ shows, per QARoom id."""
    if not room_ids:
        return {}
    names = {f"qa:{i}": i for i in room_ids}
    rows = await db.exec(
        select(Room.name, func.count(col(Question.id)))
        .join(Question, col(Question.room_id) == col(Room.id))
        .where(col(Room.name).in_(list(names)), faq_visible())
        .group_by(Room.name)
    )
    return {names[name]: count for name, count in rows.all()}


async def room_cards(db: AsyncSession, event_id: int, *, room_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """The event's rooms (or these), clusters in order, each as the API gives it plus the CFAs' marks."""
    query = select(QARoom).where(QARoom.event_id == event_id)
    if room_ids is not None:
        query = query.where(col(QARoom.id).in_(room_ids))
    rooms = list((await db.exec(query)).all())
    ids = [r.id for r in rooms if r.id is not None]
    links = (await db.exec(select(QARoomCFA).where(col(QARoomCFA.qa_room_id).in_(ids)))).all() if ids else []
    stand_ids = sorted({link.stand_id for link in links})
    stands = {s.id: s for s in (await db.exec(select(Stand).where(col(Stand.id).in_(stand_ids)))).all()}
    counts = await answered_counts(db, ids)  # type: ignore[arg-type]
    cards = []
    for room in sorted(rooms, key=lambda r: cluster_order(r.cluster)):
        cfas = sorted(
            (stands[link.stand_id] for link in links if link.qa_room_id == room.id and link.stand_id in stands),
            key=lambda s: french_sort_key(s.name),
        )
        cards.append(
            {
                "id": room.id,
                "room": f"qa:{room.id}",
                "title": room.title,
                "cluster": room.cluster,
                "cluster_label": cluster_label(room.cluster),
                "description": room.description,
                "trades": [{"rome": t.get("rome", ""), "label": t.get("label", "")} for t in room.trades or []],
                "cfas": [_cfa(s) for s in cfas],
                "questions_answered": counts.get(room.id, 0),  # type: ignore[arg-type]
            }
        )
    return cards


def api_room(card: Mapping[str, Any]) -> dict[str, Any]:
    return {**card, "cfas": [{"id": c["id"], "name": c["name"]} for c in card["cfas"]]}


async def event_has_rooms(db: AsyncSession, event_id: int) -> bool:
    return (await db.exec(select(QARoom.id).where(QARoom.event_id == event_id).limit(1))).first() is not None


async def get_room(db: AsyncSession, room_id: int) -> QARoom:
    room = await db.get(QARoom, room_id) if 1 <= room_id <= MAX_ID else None
    if room is None:
        raise DomainError("not_found", _("Cette salle de questions n'existe pas."))
    return room


async def event_cfas(db: AsyncSession, event_id: int) -> list[Stand]:
    stands = (await db.exec(select(Stand).where(Stand.event_id == event_id, Stand.kind == "cfa"))).all()
    return sorted(stands, key=lambda s: french_sort_key(s.name))


async def room_cfa_ids(db: AsyncSession, room_id: int) -> list[int]:
    return sorted((await db.exec(select(QARoomCFA.stand_id).where(QARoomCFA.qa_room_id == room_id))).all())


# ---------- Writing (organisers) ----------


def _require_organiser(principal: Principal | None) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", _("Connectez-vous d'abord."))
    if not principal.is_organiser:
        raise DomainError("forbidden", _("Seule l'équipe d'organisation peut modifier les salles des CFA."))
    return principal


async def _check(db: AsyncSession, event: Event, values: Mapping[str, Any], room_id: int | None) -> None:
    from stands.form_rules import FormInvalid

    taken = (
        await db.exec(select(QARoom.id).where(QARoom.event_id == event.id, QARoom.cluster == values["cluster"]))
    ).first()
    if taken is not None and taken != room_id:
        field = "cluster" if values["cluster"] in CLUSTERS else "cluster_label"
        raise FormInvalid({field: _("Cet événement a déjà une salle pour cette famille de métiers.")})
    cfas = {s.id for s in await event_cfas(db, event.id)}  # type: ignore[arg-type]
    if any(i not in cfas for i in values["cfa_ids"]):
        raise FormInvalid({"cfa_ids": _("Choisissez des CFA de cet événement.")})


async def _store(db: AsyncSession, event: Event, room: QARoom, values: Mapping[str, Any]) -> None:
    room.cluster, room.title = values["cluster"], values["title"]
    room.description, room.trades = values["description"], list(values["trades"])
    db.add(room)
    await db.flush()
    assert room.id is not None
    await db.exec(delete(QARoomCFA).where(col(QARoomCFA.qa_room_id) == room.id))  # type: ignore[call-overload]
    for stand_id in values["cfa_ids"]:
        db.add(QARoomCFA(qa_room_id=room.id, stand_id=stand_id))
    await ensure_room(db, name=f"qa:{room.id}", kind="qa", event_id=event.id, title=room.title)  # type: ignore[arg-type]


async def create_room(db: AsyncSession, principal: Principal | None, event: Event, **values: Any) -> QARoom:
    actor = _require_organiser(principal)
    await _check(db, event, values, None)
    room = QARoom(event_id=event.id, cluster=values["cluster"], title=values["title"])  # type: ignore[arg-type]
    await _store(db, event, room, values)
    audit.record(db, actor_id=actor.id, action="qa_room.create", target=f"qa:{room.id}")
    await db.commit()
    return room


async def update_room(db: AsyncSession, principal: Principal | None, room_id: int, **values: Any) -> QARoom:
    actor = _require_organiser(principal)
    room = await get_room(db, room_id)
    event = await db.get(Event, room.event_id)
    assert event is not None
    await _check(db, event, values, room.id)
    await _store(db, event, room, values)
    audit.record(db, actor_id=actor.id, action="qa_room.update", target=f"qa:{room.id}")
    await db.commit()
    return room


async def delete_room(db: AsyncSession, principal: Principal | None, room_id: int) -> str:
    """Delete a room with its CFAs' links and its empty live room; a room that already holds questions or
    messages is kept (`conflict`): what pupils asked stays for the organisers' records. Its title."""
    actor = _require_organiser(principal)
    room = await get_room(db, room_id)
    chat_room = (await db.exec(select(Room).where(Room.name == f"qa:{room_id}"))).first()
    if chat_room is not None:
        asked = (
            await db.exec(select(func.count()).select_from(Question).where(Question.room_id == chat_room.id))
        ).one()
        if chat_room.last_seq or asked:
            raise DomainError(
                "conflict",
                _("« %(title)s » a déjà reçu des questions : la salle ne peut plus être supprimée.")
                % {"title": room.title},
            )
    title = room.title
    await db.exec(delete(QARoomCFA).where(col(QARoomCFA.qa_room_id) == room_id))  # type: ignore[call-overload]
    if chat_room is not None:
        for model in (RoomRead, QARoomVisit):
            await db.exec(delete(model).where(col(model.room_id) == chat_room.id))  # type: ignore[call-overload,attr-defined]
        await db.delete(chat_room)
    await db.delete(room)
    audit.record(db, actor_id=actor.id, action="qa_room.delete", target=f"qa:{room_id}", title=title)
    await db.commit()
    return title
