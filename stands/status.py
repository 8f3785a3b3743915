"""A stand's one status line, the same on the hall card, the stand header and the chat panel.

Three states, never contradicting each other (static/js/salon-dom.js `standStatus` writes the same words live):
- `live`: at least one professional is online, "1 professionnel en ligne — réponse en direct";
- `scheduled`: nobody online, a staffed slot comes later, "Permanence à 14 h 00" (with the day when not today);
- `offline`: nobody online and nothing planned, "Personne en ligne : laissez une question, un professionnel
  répondra plus tard".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from server.formats import fr_day, fr_time
from server.i18n import gettext, ngettext
from server.timeutil import paris

LIVE, SCHEDULED, OFFLINE = "live", "scheduled", "offline"


@dataclass(frozen=True)
class StandStatus:
    state: str  # live, scheduled, offline
    label: str

    @property
    def icon(self) -> str:
        return {LIVE: "message-circle", SCHEDULED: "clock", OFFLINE: "inbox"}[self.state]


def clock(value: datetime) -> str:
    """French typographic time: "9 h 04", "14 h 00"."""
    return fr_time(value)


def day_label(value: datetime) -> str:
    """ "samedi 5 décembre"."""
    return fr_day(value)


def stand_status(staff_online: int, next_slot: datetime | None, now: datetime, *, in_slot: bool = False) -> StandStatus:
    """The status of a stand with `staff_online` people online and its next staffed slot starting at
    `next_slot` (None: none to come). During a slot (`in_slot`) with nobody online, the truth is that nobody
    answers now: the line does not point at a later slot."""
    if staff_online > 0:
        text = ngettext(
            "%(num)d professionnel en ligne — réponse en direct",
            "%(num)d professionnels en ligne — réponse en direct",
            staff_online,
        )
        return StandStatus(LIVE, text % {"num": staff_online})
    if next_slot is not None and next_slot > now and not in_slot:
        if paris(next_slot).date() == paris(now).date():
            return StandStatus(SCHEDULED, gettext("Permanence à %(time)s") % {"time": clock(next_slot)})
        return StandStatus(
            SCHEDULED,
            gettext("Permanence %(day)s à %(time)s") % {"day": day_label(next_slot), "time": clock(next_slot)},
        )
    return StandStatus(
        OFFLINE, gettext("Personne en ligne : laissez une question, un professionnel répondra plus tard")
    )
