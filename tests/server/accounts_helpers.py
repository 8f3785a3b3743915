"""Helpers for the adults' accounts tests: a server that logs its mails, reading them back, links in them."""

from __future__ import annotations

import html
import re
import time
from typing import Any

import orjson

from tests.live import ServerProcess

# Teachers of any academy and of one listed private school may sign up on the accounts server.
TEACHER_DOMAINS = "ac-*,ecole-exemple.fr"
STRONG = "Trois chats verts dansent"


def mails(server: ServerProcess, to: str) -> list[dict[str, Any]]:
    """Every mail the server "sent" to this address (without SMTP_URL they are logged), oldest first."""
    found = []
    for line in server.log.read_text(encoding="utf-8", errors="replace").splitlines():
        if '"salon.mail"' not in line:
            continue
        entry = orjson.loads(line)
        if entry.get("to") == to.lower():
            found.append(entry)
    return found


def wait_mails(server: ServerProcess, to: str, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while len(found := mails(server, to)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def link_in(mail: dict[str, Any], path: str) -> str:
    """The path and query of the link to `path` in a mail's body."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}\?token=[A-Za-z0-9_-]+)", mail["body"])
    assert match, f"no {path} link in {mail['body']!r}"
    return match.group(1)


def token_of(link: str) -> str:
    return link.partition("?token=")[2]


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", page))
