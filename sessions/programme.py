"""Reading the programme: an event's talks with their speakers (accounts with their stand, then guests),
places taken, and the classes a teacher brings. One fixed number of queries whatever the number of talks.

Shared by the agenda, the API, the .ics files and the back office; the writes are in sessions/service.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.models import ClassTeacher, SchoolClass, User
from server.timeutil import iso, paris
from sessions.models import Talk, TalkRegistration, TalkSpeaker
from sessions.schedule_rules import PROVIDER_LABELS, places_left
from sessions.talk_rules import AUDIENCES, talk_state
from stands.models import Event, Stand, StandStaff


@dataclass
class TalkView:
    """One talk as every reader shows it."""

    talk: Talk
    state: str
    registered: int
    stand_name: str = ""
    speaker_accounts: list[dict[str, Any]] = field(default_factory=list)
    registered_classes: set[int] = field(default_factory=set)

    @property
    def id(self) -> int:
        assert self.talk.id is not None
        return self.talk.id

    @property
    def speakers(self) -> list[str]:
        """Names, accounts first, then guests."""
        return [s["name"] for s in self.speaker_accounts] + list(self.talk.speakers)

    @property
    def places_left(self) -> int | None:
        return places_left(self.talk.capacity_classes, self.registered)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def audience_label(self) -> str:
        return AUDIENCES.get(self.talk.audience, self.talk.audience)

    @property
    def provider_label(self) -> str:
        return PROVIDER_LABELS.get(self.talk.stream_provider, "")

    def api(self) -> dict[str, Any]:
        t = self.talk
        return {
            "id": t.id,
            "title": t.title,
            "description": t.description,
            "starts_at": iso(paris(t.starts_at)),
            "ends_at": iso(paris(t.ends_at)),
            "stand_id": t.stand_id,
            "speakers": self.speakers,
            "room": f"talk:{t.id}",
            "track": t.track,
            "audience": t.audience,
            "capacity_classes": t.capacity_classes,
            "registered_classes": self.registered,
            "stream_provider": t.stream_provider,
            "state": self.state,
            "speaker_accounts": self.speaker_accounts,
        }


async def talk_views(
    db: AsyncSession,
    now: datetime,
    *,
    event_id: int | None = None,
    talk_ids: list[int] | None = None,
    class_ids: list[int] | None = None,
) -> list[TalkView]:
    """The talks of an event (or the given talks), by start time, each with its speakers, stand and count.
    `class_ids`: which of these classes are registered to each talk (a teacher's classes)."""
    query = select(Talk).order_by(col(Talk.starts_at), col(Talk.id))
    if event_id is not None:
        query = query.where(Talk.event_id == event_id)
    if talk_ids is not None:
        query = query.where(col(Talk.id).in_(talk_ids))
    talks = list((await db.exec(query)).all())
    if not talks:
        return []
    ids = [t.id for t in talks]
    counts = dict(
        (
            await db.exec(
                select(TalkRegistration.talk_id, func.count())
                .where(col(TalkRegistration.talk_id).in_(ids))
                .group_by(col(TalkRegistration.talk_id))
            )
        ).all()
    )
    speakers = (
        await db.exec(
            select(TalkSpeaker.talk_id, User.id, User.name)
            .join(User, col(User.id) == col(TalkSpeaker.user_id))
            .where(col(TalkSpeaker.talk_id).in_(ids))
        )
    ).all()
    event_ids = sorted({t.event_id for t in talks})
    user_ids = sorted({user_id for _talk, user_id, _name in speakers})
    # Each speaker's stand within the talk's event (the first one they staff).
    staffed: dict[tuple[int, int], tuple[int, str]] = {}
    if user_ids:
        rows = await db.exec(
            select(StandStaff.user_id, Stand.id, Stand.name, Stand.event_id)
            .join(Stand, col(Stand.id) == col(StandStaff.stand_id))
            .where(col(StandStaff.user_id).in_(user_ids), col(Stand.event_id).in_(event_ids))
            .order_by(col(Stand.id))
        )
        for user_id, stand_id, stand_name, stand_event in rows.all():
            staffed.setdefault((stand_event, user_id), (stand_id, stand_name))  # type: ignore[arg-type]
    stand_ids = sorted({t.stand_id for t in talks if t.stand_id is not None})
    stand_names = (
        dict((await db.exec(select(Stand.id, Stand.name).where(col(Stand.id).in_(stand_ids)))).all())
        if stand_ids
        else {}
    )
    registered: dict[int, set[int]] = {}
    if class_ids:
        rows = await db.exec(
            select(TalkRegistration.talk_id, TalkRegistration.class_id).where(
                col(TalkRegistration.talk_id).in_(ids), col(TalkRegistration.class_id).in_(class_ids)
            )
        )
        for talk_id, class_id in rows.all():
            registered.setdefault(talk_id, set()).add(class_id)
    by_talk: dict[int, list[dict[str, Any]]] = {}
    event_of = {t.id: t.event_id for t in talks}
    for talk_id, user_id, name in speakers:
        stand = staffed.get((event_of[talk_id], user_id))  # type: ignore[index]
        by_talk.setdefault(talk_id, []).append(
            {
                "id": user_id,
                "name": name,
                "stand_id": stand[0] if stand else None,
                "stand_name": stand[1] if stand else "",
            }
        )
    return [
        TalkView(
            talk=t,
            state=talk_state(t.starts_at, t.ends_at, now),
            registered=int(counts.get(t.id, 0)),
            stand_name=stand_names.get(t.stand_id, "") if t.stand_id else "",
            speaker_accounts=sorted(by_talk.get(t.id, []), key=lambda s: (s["name"], s["id"])),  # type: ignore[arg-type]
            registered_classes=registered.get(t.id, set()),  # type: ignore[arg-type]
        )
        for t in talks
    ]


async def teacher_classes(db: AsyncSession, teacher_id: int) -> list[SchoolClass]:
    rows = await db.exec(
        select(SchoolClass)
        .join(ClassTeacher, col(ClassTeacher.class_id) == col(SchoolClass.id))
        .where(ClassTeacher.user_id == teacher_id)
        .order_by(col(SchoolClass.label), col(SchoolClass.id))
    )
    return list(rows.all())


async def class_talk_ids(db: AsyncSession, class_ids: list[int]) -> dict[int, list[int]]:
    """Class id → the ids of the talks it is registered to."""
    result: dict[int, list[int]] = {c: [] for c in class_ids}
    if class_ids:
        rows = await db.exec(
            select(TalkRegistration.class_id, TalkRegistration.talk_id).where(
                col(TalkRegistration.class_id).in_(class_ids)
            )
        )
        for class_id, talk_id in rows.all():
            result[class_id].append(talk_id)
    return result


async def events_by_id(db: AsyncSession, ids: list[int]) -> dict[int, Event]:
    if not ids:
        return {}
    rows = await db.exec(select(Event).where(col(Event.id).in_(ids)))
    return {e.id: e for e in rows.all()}  # type: ignore[misc]
