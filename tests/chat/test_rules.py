"""Pure text rules: cleaning, and the public names other modules rely on.

The redaction table and the word filter are in test_redaction.py.
"""

from __future__ import annotations

import pytest

from chat.rules import MAX_TEXT, REDACTED, clean_text, redact


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  bonjour  ", "bonjour"),
        ("bon\u200bjour", "bonjour"),
        ("\u202eeliforp\u202c", "eliforp"),
        ("ligne 1\r\nligne 2", "ligne 1\nligne 2"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("e\u0301cole", "école"),
        ("🚀 fusée", "🚀 fusée"),
        ("\u200b \u200b", ""),
    ],
)
def test_clean_text_normalises_and_drops_invisible_characters(raw, expected):
    assert clean_text(raw) == expected


def test_public_constants_and_redact_signature():
    assert MAX_TEXT == 500
    assert REDACTED == "[masqué]"
    assert redact("bonjour") == ("bonjour", False)
    assert redact("06 12 34 56 78") == (REDACTED, True)


def test_invisible_characters_cannot_split_a_phone_number_once_cleaned():
    assert redact(clean_text("06\u200b12\u200b34\u200b56\u200b78")) == (REDACTED, True)
