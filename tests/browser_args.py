"""How Debian's headless Chromium is started, for the browser tests and `make screenshots`."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("SALON_CHROMIUM", "/usr/bin/chromium")

# Headless, as root, on a machine without outside network (the flags keep it from trying to reach Google's
# services at every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"Chromium not found at {CHROMIUM} (Debian package `chromium`; run `make system-deps`).")
    return CHROMIUM
