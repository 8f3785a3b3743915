"""Builds static/vendor/icons.svg: one SVG sprite of the Lucide icons (npm lucide-static, ISC) that pages use.

Pages draw an icon with `{{ icon("search") }}` (server/web.py), i.e. <svg><use href="/static/vendor/icons.svg#search">;
the list of names is `ICONS` below. Run by `make vendor` after `npm ci`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "lucide-static" / "icons"
TARGET = ROOT / "static" / "vendor" / "icons.svg"

# Lucide's drawing attributes, carried by each <symbol> since the <svg> around each icon is dropped.
STROKE = (
    'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'stroke-linejoin="round"'
)

ICONS = sorted(
    {
        # sectors (stands/sectors.py SECTOR_ICONS)
        "factory",
        "hard-hat",
        "heart-pulse",
        "laptop",
        "wheat",
        "shopping-bag",
        "truck",
        "chef-hat",
        "leaf",
        "anchor",
        # kinds of stands
        "building-2",
        "graduation-cap",
        "school",
        "landmark",
        "briefcase",
        # interface
        "search",
        "map",
        "list",
        "message-circle",
        "message-square",
        "clock",
        "users",
        "map-pin",
        "play",
        "file-text",
        "calendar",
        "chevron-right",
        "chevron-down",
        "x",
        "bell",
        "check",
        "log-out",
        "user",
        "menu",
        "sliders-horizontal",
        "arrow-left",
        "send",
        "inbox",
        "layout-grid",
        "video",
        "sparkles",
        "hand",
        "circle-dot",
        # the teacher's class page (server/templates/server/class*.html)
        "projector",
        "key-round",
        "copy",
        "refresh-cw",
        "user-plus",
        "user-check",
        "user-x",
        "hourglass",
        "printer",
        "circle-stop",
        "plus",
    }
)


def symbol(name: str) -> str:
    svg = (SOURCE / f"{name}.svg").read_text(encoding="utf-8")
    body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S)
    if body is None:
        raise SystemExit(f"{name}.svg: no <svg> element")
    inner = " ".join(line.strip() for line in body.group(1).strip().splitlines())
    return f'<symbol id="{name}" {STROKE}>{inner}</symbol>'


def main() -> int:
    missing = [name for name in ICONS if not (SOURCE / f"{name}.svg").exists()]
    if missing:
        print(f"build_icons: not in lucide-static: {', '.join(missing)}", file=sys.stderr)
        return 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    symbols = "\n".join(symbol(name) for name in ICONS)
    TARGET.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<!-- Lucide icons (lucide-static, ISC licence) -->\n'
        + symbols
        + "\n</svg>\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
