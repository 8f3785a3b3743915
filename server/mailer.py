"""Sending e-mail: through SMTP when `SMTP_URL` is set, otherwise into the log (development and tests)."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from collections import deque
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from server.config import Settings

log = logging.getLogger("salon.mail")


@dataclass(frozen=True, slots=True)
class Mail:
    to: str
    subject: str
    body: str


# The last mails "sent" without SMTP, so that a development back office can show them.
RECENT: deque[Mail] = deque(maxlen=50)


def _send_smtp(url: str, sender: str, mail: Mail) -> None:
    parts = urlsplit(url)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, mail.to, mail.subject
    message.set_content(mail.body)
    smtp_class = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    with smtp_class(parts.hostname or "localhost", parts.port or (465 if parts.scheme == "smtps" else 25)) as smtp:
        if parts.scheme == "smtp+starttls":
            smtp.starttls()
        if parts.username:
            smtp.login(unquote(parts.username), unquote(parts.password or ""))
        smtp.send_message(message)


async def send(settings: Settings, mail: Mail) -> bool:
    """Send one mail; False (and a warning in the log) when the SMTP server refused it. Never raises."""
    if not settings.smtp_url:
        RECENT.append(mail)
        log.info("mail (no SMTP_URL, not sent)", extra={"to": mail.to, "subject": mail.subject, "body": mail.body})
        return True
    try:
        await asyncio.to_thread(_send_smtp, settings.smtp_url, settings.mail_from, mail)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail not sent", extra={"to": mail.to, "error": str(exc)})
        return False
    return True
