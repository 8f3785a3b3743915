"""The sectors and kinds of stands: the values the API filters on, and their labels."""

from __future__ import annotations

from server.i18n import N_, gettext

SECTORS: dict[str, str] = {
    "industrie": N_("Industrie"),
    "btp": N_("Bâtiment et travaux publics"),
    "sante-social": N_("Santé et social"),
    "numerique": N_("Numérique"),
    "agriculture": N_("Agriculture et agroalimentaire"),
    "commerce": N_("Commerce et vente"),
    "transport-logistique": N_("Transport et logistique"),
    "hotellerie-restauration": N_("Hôtellerie et restauration"),
    "energie-environnement": N_("Énergie et environnement"),
    "maritime": N_("Métiers de la mer"),
}

KINDS: dict[str, str] = {
    "company": N_("Entreprise"),
    "cfa": N_("CFA"),
    "school": N_("Établissement de formation"),
    "branch": N_("Branche professionnelle"),
    "institution": N_("Institution"),
}

OFFER_KINDS: dict[str, str] = {
    "stage-3e": N_("Stage de 3e"),
    "stage-seconde": N_("Stage de seconde"),
    "apprentissage": N_("Apprentissage"),
    "alternance": N_("Alternance"),
}


def sector_label(value: str) -> str:
    return gettext(SECTORS.get(value, value))


def kind_label(value: str) -> str:
    return gettext(KINDS.get(value, value))


def offer_kind_label(value: str) -> str:
    return gettext(OFFER_KINDS.get(value, value))


def choices(table: dict[str, str]) -> list[tuple[str, str]]:
    return [(value, gettext(label)) for value, label in table.items()]


# The Lucide icon (scripts/build_icons.py) drawn for each sector on hall cards, the hall plan and stand headers.
SECTOR_ICONS: dict[str, str] = {
    "industrie": "factory",
    "btp": "hard-hat",
    "sante-social": "heart-pulse",
    "numerique": "laptop",
    "agriculture": "wheat",
    "commerce": "shopping-bag",
    "transport-logistique": "truck",
    "hotellerie-restauration": "chef-hat",
    "energie-environnement": "leaf",
    "maritime": "anchor",
}


def sector_icon(value: str) -> str:
    return SECTOR_ICONS.get(value, "briefcase")
