"""Pure pieces of the shell: settings, pseudonyms, token signatures, error vocabulary."""

from __future__ import annotations

import random

import pytest

from server.auth import TokenSigner, normalise_class_code
from server.config import ConfigError, load_settings
from server.errors import DomainError
from server.pseudonyms import ANIMALS, make_pseudonym
from server.web import safe_next
from stands.search import fold, matches


def test_settings_default_to_sqlite_and_memory_fanout():
    settings = load_settings({})
    assert settings.database_url.startswith("sqlite+aiosqlite")
    assert settings.fanout == "memory"


def test_settings_read_origins_and_redis():
    settings = load_settings({"REDIS_URL": "redis://x:6379/0", "ALLOWED_ORIGINS": "https://a.fr/, https://b.fr"})
    assert settings.fanout == "redis"
    assert settings.allowed_origins == ("https://a.fr", "https://b.fr")


@pytest.mark.parametrize("env", ["production", "test"])
def test_a_secret_key_is_required_outside_development(env):
    with pytest.raises(ConfigError):
        load_settings({"SALON_ENV": env})
    assert load_settings({"SALON_ENV": env, "SECRET_KEY": "s"}).secret_key == "s"
    assert load_settings({}).secret_key  # development has a fixed, public key


def test_the_heartbeat_is_read_in_seconds_and_checked():
    assert (load_settings({}).ping_interval, load_settings({}).ping_timeout) == (25.0, 20.0)
    settings = load_settings({"SALON_PING_INTERVAL": "10", "SALON_PING_TIMEOUT": "5.5"})
    assert (settings.ping_interval, settings.ping_timeout) == (10.0, 5.5)
    for bad in ("soon", "0", "-3", "3600"):
        with pytest.raises(ConfigError, match="SALON_PING_INTERVAL"):
            load_settings({"SALON_PING_INTERVAL": bad})


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError):
        load_settings({"SALON_ENV": "staging"})


def test_pseudonyms_agree_in_gender():
    feminine = {noun for noun, gender in ANIMALS if gender == "f"}
    rng = random.Random(7)
    for _ in range(200):
        noun, adjective, number = make_pseudonym(rng).split(" ")
        assert 10 <= int(number) <= 99
        if noun in feminine and adjective.endswith(("eux", "if", "in", "et")):
            pytest.fail(f"{noun} {adjective}")


def test_tokens_are_signed():
    signer = TokenSigner("k1")
    token = signer.sign("abc")
    assert signer.unsign(token) == "abc"
    assert TokenSigner("k2").unsign(token) is None
    assert signer.unsign(token + "x") is None


def test_class_codes_are_normalised():
    assert normalise_class_code(" demo-3e ") == "DEMO-3E"
    assert normalise_class_code("demo 3e") == "DEMO3E"


def test_domain_errors_only_take_contract_codes():
    assert DomainError("rate_limited", "x").status == 429
    with pytest.raises(ValueError):
        DomainError("oops", "x")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("/stands/3", "/stands/3"), ("//evil.example", "/"), ("https://evil.example", "/"), ("/\\evil", "/"), (None, "/")],
)
def test_only_local_paths_are_followed_after_login(value, expected):
    assert safe_next(value) == expected


def test_search_folds_accents_and_case():
    assert fold("  Métiers de l'ÉNERGIE ") == "metiers de l'energie"
    assert matches("metiers energie", ["Métiers", "de l'énergie"])
    assert not matches("boulanger", ["Soudeur", "H2913"])
    assert matches("h2913", ["Soudeur", "H2913"])
