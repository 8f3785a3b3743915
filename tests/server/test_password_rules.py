"""Password rules (pure): length, the embedded list of common passwords, the e-mail's local part."""

from __future__ import annotations

from server.password_rules import MIN_LENGTH, common_passwords, email_parts, is_common, password_problem


def test_a_long_uncommon_password_unrelated_to_the_address_is_accepted():
    assert password_problem("Trois chats verts dansent", "jeanne.martin@ac-normandie.fr") is None
    assert password_problem("x" * 9 + "é", "") is None  # ten characters, whatever they are


def test_too_short_passwords_are_refused_with_the_rule_named():
    problem = password_problem("Court-9ch", "")
    assert problem is not None and f"au moins {MIN_LENGTH} caractères" in problem
    assert password_problem("a" * (MIN_LENGTH - 1), "") == problem


def test_common_passwords_are_refused_also_with_digits_or_punctuation_added():
    assert len(common_passwords()) >= 300
    for weak in ("motdepasse", "AZERTYUIOP", "1234567890", "password123", "Soleil2026!", "marseille13", "jetaime1234"):
        assert is_common(weak), weak
        problem = password_problem(weak, "")
        assert problem is not None and "plus courants" in problem, weak
    assert not is_common("soleil-sur-la-manche")


def test_a_password_may_not_contain_the_address_before_the_at_sign():
    problem = password_problem("jeanne.martin-2026", "Jeanne.Martin@ac-normandie.fr")
    assert problem is not None and "adresse e-mail" in problem
    assert password_problem("Martin et ses chats", "jeanne.martin@ac-lille.fr") is not None  # a name in it
    assert email_parts("jo@ac-lille.fr") == []  # too short to mean anything: not a rule then
    assert password_problem("jojo-des-bois-x", "jo@ac-lille.fr") is None


def test_nul_bytes_and_huge_passwords_are_refused():
    assert password_problem("bonne\x00phrase-longue", "") is not None
    problem = password_problem("y" * 1025, "")
    assert problem is not None and "trop long" in problem
