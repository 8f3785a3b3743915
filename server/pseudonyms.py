"""French pseudonyms for pupils ("Loutre curieuse 42"): friendly, gender-agreed, never a real name."""

from __future__ import annotations

import random

# (noun, grammatical gender)
ANIMALS = (
    ("Loutre", "f"),
    ("Renard", "m"),
    ("Hérisson", "m"),
    ("Chouette", "f"),
    ("Castor", "m"),
    ("Mouette", "f"),
    ("Phoque", "m"),
    ("Tortue", "f"),
    ("Lynx", "m"),
    ("Abeille", "f"),
    ("Dauphin", "m"),
    ("Panda", "m"),
    ("Girafe", "f"),
    ("Koala", "m"),
    ("Libellule", "f"),
    ("Manchot", "m"),
    ("Marmotte", "f"),
    ("Colibri", "m"),
    ("Baleine", "f"),
    ("Écureuil", "m"),
    ("Hirondelle", "f"),
    ("Blaireau", "m"),
    ("Salamandre", "f"),
    ("Faucon", "m"),
    ("Gazelle", "f"),
)
# (masculine, feminine)
ADJECTIVES = (
    ("curieux", "curieuse"),
    ("malin", "maligne"),
    ("rapide", "rapide"),
    ("joyeux", "joyeuse"),
    ("audacieux", "audacieuse"),
    ("calme", "calme"),
    ("inventif", "inventive"),
    ("attentif", "attentive"),
    ("créatif", "créative"),
    ("agile", "agile"),
    ("sérieux", "sérieuse"),
    ("patient", "patiente"),
    ("courageux", "courageuse"),
    ("habile", "habile"),
    ("énergique", "énergique"),
    ("discret", "discrète"),
)


def make_pseudonym(rng: random.Random | None = None) -> str:
    rng = rng or random.SystemRandom()
    noun, gender = rng.choice(ANIMALS)
    masculine, feminine = rng.choice(ADJECTIVES)
    return f"{noun} {feminine if gender == 'f' else masculine} {rng.randint(10, 99)}"
