"""gettext for Python code and templates. msgids are French (the fair's first language)."""

from __future__ import annotations

from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LOCALE = "fr"

_translations: NullTranslations = Translations.load(str(LOCALE_DIR), [DEFAULT_LOCALE], domain="messages")


def translations() -> NullTranslations:
    return _translations


def gettext(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message
