"""The hall plan: stands drawn as booths in one zone per sector, laid out for an SVG (stands/hall.html).

Pure layout: zones are placed in `COLUMNS` columns, each zone in the shortest column so far; booths fill a zone
row by row. Every booth is a link in the page (keyboard-accessible); the list of cards stays the default view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from stands.hall import StandSummary
from stands.marks import initials
from stands.sectors import SECTORS, sector_icon, sector_label
from stands.status import StandStatus, stand_status

COLUMNS = 3
PER_ROW = 4
BOOTH = 48
GAP = 10
PAD = 16
HEADER = 44
ZONE_GAP = 24
ZONE_WIDTH = 2 * PAD + PER_ROW * BOOTH + (PER_ROW - 1) * GAP


@dataclass
class Booth:
    id: int
    name: str
    initials: str
    status: StandStatus
    x: int
    y: int
    size: int = BOOTH


@dataclass
class Zone:
    sector: str
    label: str
    icon: str
    x: int
    y: int
    width: int
    height: int
    booths: list[Booth] = field(default_factory=list)


@dataclass
class Plan:
    zones: list[Zone]
    width: int
    height: int


def _sector_order(value: str) -> tuple[int, str]:
    known = list(SECTORS)
    return (known.index(value), "") if value in known else (len(known), value)


def plan_view(stands: list[StandSummary], now: datetime) -> Plan:
    """Zones and booths for these stands (already filtered and sorted by the hall)."""
    heights = [0] * COLUMNS
    zones: list[Zone] = []
    by_sector = sorted(stands, key=lambda s: _sector_order(s.sector))
    for sector, group in groupby(by_sector, key=lambda s: s.sector):
        members = list(group)
        rows = -(-len(members) // PER_ROW)
        height = HEADER + PAD + rows * BOOTH + (rows - 1) * GAP
        column = heights.index(min(heights))
        x, y = column * (ZONE_WIDTH + ZONE_GAP), heights[column]
        zone = Zone(sector, sector_label(sector), sector_icon(sector), x, y, ZONE_WIDTH, height)
        for index, stand in enumerate(members):
            row, col = divmod(index, PER_ROW)
            zone.booths.append(
                Booth(
                    id=stand.id,
                    name=stand.name,
                    initials=initials(stand.name),
                    status=stand_status(stand.staff_online, stand.next_slot, now, in_slot=stand.open_now),
                    x=x + PAD + col * (BOOTH + GAP),
                    y=y + HEADER + row * (BOOTH + GAP),
                )
            )
        zones.append(zone)
        heights[column] += height + ZONE_GAP
    width = COLUMNS * ZONE_WIDTH + (COLUMNS - 1) * ZONE_GAP if zones else 0
    return Plan(zones, width, max(heights) - ZONE_GAP if zones else 0)
