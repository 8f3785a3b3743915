"""Pure text rules: cleaning and the first redaction patterns (the full table comes with the chat issue)."""

from __future__ import annotations

import pytest

from chat.rules import REDACTED, clean_text, redact


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


@pytest.mark.parametrize(
    "text",
    [
        "Mon numéro : 06 12 34 56 78",
        "appelle le 06.12.34.56.78",
        "0612345678",
        "+33 6 12 34 56 78",
        "0033612345678",
        "écris à lea.martin@example.org",
        "lea arobase gmail point com",
        "mon snap c'est lea_76",
        "ajoute-moi @lea.martin",
        "va sur https://example.org/profil",
    ],
)
def test_contact_details_are_redacted(text):
    redacted, changed = redact(text)
    assert changed and REDACTED in redacted


@pytest.mark.parametrize(
    "text",
    [
        "Le stage dure du 12 au 16 janvier 2026.",
        "Je suis en 4e B au collège.",
        "Le salaire commence à 1 800 € par mois.",
        "On commence à 8h30 et on finit à 17 h.",
        "J'ai 14 ans et je suis en 3ème.",
        "Le CAP se prépare en 2 ans.",
    ],
)
def test_ordinary_sentences_are_left_alone(text):
    assert redact(text) == (text, False)
