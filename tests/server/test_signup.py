"""Teachers' sign-up: the domain allowlist (pure), then through a real server: the confirmation mail, the
password form, the account logged in on /classe; refused domains, expired and reused links, weak passwords,
no account enumeration, and the per-address mail budget."""

from __future__ import annotations

import uuid

import httpx
import pytest

from server.account_tokens import token_hash
from server.config import DEFAULT_TEACHER_DOMAINS, ConfigError, load_settings
from server.signup import accepted_domains_text, teacher_domain_allowed
from tests.live import ServerProcess
from tests.server.accounts_helpers import STRONG, link_in, mails, text_of, token_of, wait_mails
from tests.stands.backoffice_helpers import browser, sql


def test_the_default_list_takes_its_four_academies_only():
    assert load_settings({}).teacher_domains == DEFAULT_TEACHER_DOMAINS
    assert teacher_domain_allowed("a.b@ac-normandie.fr", DEFAULT_TEACHER_DOMAINS)
    assert teacher_domain_allowed("a.b@ac-amiens.fr", DEFAULT_TEACHER_DOMAINS)
    assert not teacher_domain_allowed("a.b@ac-versailles.fr", DEFAULT_TEACHER_DOMAINS)
    assert not teacher_domain_allowed("a.b@gmail.com", DEFAULT_TEACHER_DOMAINS)
    assert not teacher_domain_allowed("a.b@fake-ac-normandie.fr", DEFAULT_TEACHER_DOMAINS)


def test_ac_star_allows_every_academy_alone_or_in_a_list():
    for raw in ("ac-*", "ac-normandie.fr, AC-*", "@lycee-prive.fr,ac-*"):
        domains = load_settings({"TEACHER_DOMAINS": raw}).teacher_domains
        assert teacher_domain_allowed("x@ac-versailles.fr", domains), raw
        assert teacher_domain_allowed("x@ac-aix-marseille.fr", domains), raw
        assert not teacher_domain_allowed("x@ac-.fr", domains), raw
        assert not teacher_domain_allowed("x@ac-versailles.com", domains), raw
        assert not teacher_domain_allowed("x@gmail.com", domains), raw
    private = load_settings({"TEACHER_DOMAINS": "@lycee-prive.fr"}).teacher_domains
    assert private == ("lycee-prive.fr",) and teacher_domain_allowed("x@lycee-prive.fr", private)
    with pytest.raises(ConfigError):
        load_settings({"TEACHER_DOMAINS": "pas un domaine"})


def test_the_refusal_names_the_accepted_addresses():
    assert accepted_domains_text(("ac-lille.fr",)) == "@ac-lille.fr"
    assert accepted_domains_text(("ac-lille.fr", "ac-nantes.fr", "ac-*")) == (
        "@ac-lille.fr, @ac-nantes.fr ou toute adresse académique en @ac-….fr"
    )


def new_address(domain: str = "ac-versailles.fr") -> str:
    return f"prof.{uuid.uuid4().hex[:8]}@{domain}"


async def sign_up(client: httpx.AsyncClient, email: str, name: str = "Mme Durand") -> httpx.Response:
    return await client.post("/inscription", data={"name": name, "email": email})


async def test_a_teacher_signs_up_confirms_and_lands_on_the_class_page(accounts_server: ServerProcess):
    email = new_address()  # ac-* on this server
    async with browser(accounts_server.url) as teacher:
        form = await teacher.get("/inscription")
        assert form.status_code == 200 and 'action="/inscription"' in form.text
        sent = await sign_up(teacher, email.upper())
        assert sent.status_code == 200 and "Si l'adresse" in text_of(sent.text)
        (mail,) = wait_mails(accounts_server, email, 1)
        assert "Confirmez votre inscription" in mail["subject"] and "48 heures" in mail["body"]
        link = link_in(mail, "/inscription/confirmer")
        page = await teacher.get(link)
        assert page.status_code == 200 and email in page.text and "Mme Durand" in page.text
        weak = await teacher.post("/inscription/confirmer", data={"token": token_of(link), "password": "azerty1234"})
        assert weak.status_code == 400 and "plus courants" in text_of(weak.text)
        done = await teacher.post("/inscription/confirmer", data={"token": token_of(link), "password": STRONG})
        assert done.status_code == 303 and done.headers["location"] == "/classe"
        me = await teacher.get("/classe")
        assert me.status_code == 200 and "Mme Durand" in me.text
        again = await teacher.get(link)
        assert again.status_code == 409 and "déjà servi" in text_of(again.text)
        reused = await teacher.post("/inscription/confirmer", data={"token": token_of(link), "password": STRONG})
        assert reused.status_code == 409
    async with httpx.AsyncClient(base_url=accounts_server.url) as api:
        login = await api.post("/api/auth/login", json={"email": email, "password": STRONG})
        assert login.status_code == 200 and login.json()["role"] == "teacher" and login.json()["name"] == "Mme Durand"
    database = accounts_server.env["DATABASE_URL"]
    rows = await sql(database, "SELECT token_hash FROM account_tokens WHERE email = :e", e=email)
    assert rows and all(token_of(link) not in row[0] for row in rows)  # only the hash is kept


async def test_a_listed_domain_is_taken_and_another_one_refused_with_the_way_to_be_invited(
    accounts_server: ServerProcess,
):
    listed, other = new_address("ecole-exemple.fr"), new_address("gmail.com")
    async with browser(accounts_server.url) as teacher:
        assert (await sign_up(teacher, listed)).status_code == 200
        assert len(wait_mails(accounts_server, listed, 1)) == 1
        refused = await sign_up(teacher, other)
        text = text_of(refused.text)
        assert refused.status_code == 400
        assert "@ecole-exemple.fr" in text and "toute adresse académique" in text and "peut vous inviter" in text
        assert 'value="Mme Durand"' in refused.text  # what was typed stays
        bad = await sign_up(teacher, "pas-une-adresse")
        assert bad.status_code == 400 and "n'est pas une adresse e-mail valide" in text_of(bad.text)
        nul = await sign_up(teacher, "a\x00b@ac-lille.fr")
        assert nul.status_code == 400
        unnamed = await sign_up(teacher, new_address(), name=" ")
        assert unnamed.status_code == 400 and "Indiquez votre nom" in text_of(unnamed.text)
    assert mails(accounts_server, other) == []


async def test_an_existing_account_gets_the_same_page_and_a_reminder_instead_of_a_link(accounts_server: ServerProcess):
    email = new_address()
    async with browser(accounts_server.url) as teacher:
        first = await sign_up(teacher, email)
        link = link_in(wait_mails(accounts_server, email, 1)[0], "/inscription/confirmer")
        await teacher.post("/inscription/confirmer", data={"token": token_of(link), "password": STRONG})
    async with browser(accounts_server.url) as someone:
        second = await sign_up(someone, email)
        unknown = await sign_up(someone, new_address())
    assert first.status_code == second.status_code == unknown.status_code == 200
    assert text_of(second.text).replace(email, "X") == text_of(first.text).replace(email, "X")
    reminder = wait_mails(accounts_server, email, 2)[-1]
    assert "déjà un compte" in reminder["subject"] and "/mot-de-passe/oubli" in reminder["body"]
    assert "/inscription/confirmer" not in reminder["body"]


async def test_expired_unknown_and_superseded_links_get_a_clear_page(accounts_server: ServerProcess):
    email = new_address()
    async with browser(accounts_server.url) as teacher:
        await sign_up(teacher, email)
        await sign_up(teacher, email)
        first, second = (link_in(m, "/inscription/confirmer") for m in wait_mails(accounts_server, email, 2))
        await sql(
            accounts_server.env["DATABASE_URL"],
            "UPDATE account_tokens SET expires_at = '2020-01-01 00:00:00.000000' WHERE token_hash = :h",
            h=token_hash(token_of(first)),
        )
        expired = await teacher.get(first)
        assert expired.status_code == 403 and "a expiré" in text_of(expired.text)
        assert 'href="/inscription"' in expired.text
        posted = await teacher.post("/inscription/confirmer", data={"token": token_of(first), "password": STRONG})
        assert posted.status_code == 403
        unknown = await teacher.get("/inscription/confirmer?token=" + "A" * 43)
        assert unknown.status_code == 404 and "n'existe pas" in text_of(unknown.text)
        assert (await teacher.get("/inscription/confirmer")).status_code == 404
        assert (await teacher.get("/inscription/confirmer?token=%00abc")).status_code == 404
        latest = await teacher.post("/inscription/confirmer", data={"token": token_of(second), "password": STRONG})
        assert latest.status_code == 303
    rows = await sql(accounts_server.env["DATABASE_URL"], "SELECT role FROM users WHERE email = :e", e=email)
    assert rows == [("teacher",)]


async def test_sign_up_mails_are_limited_per_address(accounts_server: ServerProcess):
    email = new_address()
    async with browser(accounts_server.url) as teacher:
        for _ in range(3):
            assert (await sign_up(teacher, email)).status_code == 200
        limited = await sign_up(teacher, email)
        assert limited.status_code == 429 and "Réessayez dans" in text_of(limited.text)
        assert (await sign_up(teacher, new_address())).status_code == 200  # another address is not held up
    assert len(wait_mails(accounts_server, email, 3)) == 3


async def test_sign_up_mails_are_limited_per_client_address(tmp_path):
    """In process (default TEACHER_DOMAINS), so that the per-client budget (30 an hour) is this test's alone;
    mails land in RECENT."""
    from server import mailer
    from server.account_views import MAILS_PER_CLIENT
    from tests.stands.inprocess import BASE_URL, migrated_sqlite, running_app

    async with running_app(await migrated_sqlite(str(tmp_path))) as running:
        headers = {"Origin": BASE_URL}
        for _ in range(MAILS_PER_CLIENT):
            ok = await running.client.post(
                "/inscription", data={"name": "M. Roux", "email": new_address("ac-lille.fr")}, headers=headers
            )
            assert ok.status_code == 200
        last = new_address("ac-lille.fr")
        limited = await running.client.post("/inscription", data={"name": "M. Roux", "email": last}, headers=headers)
        assert limited.status_code == 429 and "Réessayez dans" in text_of(limited.text)
        assert last not in [mail.to for mail in mailer.RECENT]
        reset = await running.client.post("/mot-de-passe/oubli", data={"email": last}, headers=headers)
        assert reset.status_code == 200  # another budget
