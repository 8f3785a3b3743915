"""Pure rules for what people write: cleaning, length, and redaction of contact details.

Pupils are minors: phone numbers, e-mail addresses, links and social handles are replaced by a
placeholder before anything is stored, in both directions (pupil → adult and adult → pupil).
"""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT = 500
REDACTED = "[masqué]"

# Zero-width characters, bidirectional overrides and other invisible controls hide text from
# moderators and readers; they never carry meaning in a chat message.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)

_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?33[\s.\-]?(?:\(0\)[\s.\-]?)?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\w)")
_EMAIL = re.compile(
    r"[\w.+\-]+\s*(?:@|\(at\)|\[at\]|\s(?:at|arobase)\s)\s*[\w\-]+(?:\s*(?:\.|\(dot\)|\s(?:dot|point)\s)\s*[\w\-]+)+",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w\-]+\.(?:com|fr|net|org|io|me|gg|ly|tv|co|be|eu|info)(?:/\S*)?\b",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,30}")
_SOCIAL = re.compile(
    r"\b(?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|whats ?app|telegram|facebook|fb|twitter|twitch)"
    r"\s*(?::|=|->|c'est|est)?\s*@?[A-Za-z0-9_.]{3,30}",
    re.IGNORECASE,
)
_ORDER = (_EMAIL, _URL, _PHONE, _SOCIAL, _HANDLE)


def clean_text(raw: str) -> str:
    """Normalise, drop invisible controls, trim; keeps emoji and line breaks."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def redact(text: str) -> tuple[str, bool]:
    """Replace contact details by a placeholder. Returns the text and whether it changed."""
    redacted = text
    for pattern in _ORDER:
        redacted = pattern.sub(REDACTED, redacted)
    return redacted, redacted != text
