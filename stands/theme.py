"""An event's colours: the organiser's primary colour, checked for contrast, and the tokens derived from it.

Pure functions; the stylesheet is served by stands/theme_views.py as /events/<slug>/theme.css and overrides only
the --color-primary* tokens of static/css/tokens.css (no inline style: the CSP stays strict).
"""

from __future__ import annotations

import re

from server.errors import DomainError

HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
WHITE = (255, 255, 255)
AA_TEXT = 4.5  # WCAG 2.1 1.4.3: white text on the colour, and the colour as link text on white


def parse_color(value: str) -> tuple[int, int, int]:
    match = HEX.match(value.strip())
    if match is None:
        raise DomainError("invalid", "La couleur s'écrit #rrvvbb, par exemple #4330c4.")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_color(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(rgb: tuple[int, int, int], other: tuple[int, int, int], weight: float) -> tuple[int, int, int]:
    """`weight` of `other` mixed into `rgb` (0: rgb, 1: other)."""
    return tuple(round(c + (o - c) * weight) for c, o in zip(rgb, other, strict=True))  # type: ignore[return-value]


def check_theme_color(value: str) -> str:
    """The colour as "#rrggbb" when white text on it and it as text on white both reach AA (4.5:1); "" stays ""
    (Salon's own colours). Otherwise a DomainError that says the ratio and how to fix it."""
    if not value.strip():
        return ""
    rgb = parse_color(value)
    ratio = contrast(rgb, WHITE)
    if ratio < AA_TEXT:
        raise DomainError(
            "invalid",
            f"Cette couleur est trop claire : le texte blanc n'y est lisible qu'à {ratio:.1f}:1 (il faut au moins "
            "4,5:1). Choisissez une teinte plus foncée.",
        )
    return hex_color(rgb)


def theme_css(color: str) -> str:
    """The stylesheet that gives an event its colour (empty when it keeps Salon's)."""
    if not color:
        return ""
    rgb = parse_color(color)
    strong = mix(rgb, (0, 0, 0), 0.3)
    soft = mix(rgb, WHITE, 0.9)
    return (
        ":root {\n"
        f"  --color-primary: {hex_color(rgb)};\n"
        f"  --color-primary-strong: {hex_color(strong)};\n"
        f"  --color-primary-soft: {hex_color(soft)};\n"
        "  --color-on-primary: #ffffff;\n"
        "}\n"
    )
