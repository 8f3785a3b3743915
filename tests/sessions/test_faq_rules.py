"""The FAQ's folding (pure): what `Question.search_text` holds and which words the SQLite fallback looks for."""

from __future__ import annotations

from sessions.faq import fold, fold_for_search, query_words


def test_fold_removes_case_accents_and_ligatures():
    assert fold("  Métiers de l'ŒNOLOGIE  et  Cœur ") == "metiers de l'oenologie et coeur"
    assert fold("Ça, c’est ÉLÈVE") == "ca, c'est eleve"


def test_search_text_holds_the_question_and_its_answers():
    assert fold_for_search("Quel métier ?", ["Maçon.", "Électricienne"]) == "quel metier ? macon. electricienne"
    assert fold_for_search("Seule", []) == "seule"


def test_query_words_leave_out_stop_words_and_plurals():
    assert query_words("Les métiers du BÂTIMENT") == ["metier", "batiment"]
    assert query_words("apprentissage") == ["apprentissage"]
    assert query_words("le la des") == []
    assert query_words("bus") == ["bus"]  # three letters: kept as typed
