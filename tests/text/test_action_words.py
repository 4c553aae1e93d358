"""Lemmas and forms of action words from lemminflect's tables (no suffix rules by hand)."""

from __future__ import annotations

import pytest

from reportedly.text.action_words import is_past_form, known_action, lemmas, verb_forms


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("met", "meet"),
        ("fled", "flee"),
        ("stopped", "stop"),
        ("denied", "deny"),
        ("pleaded", "plead"),
        ("sought", "seek"),
        ("meeting", "meet"),
        ("swam", "swim"),  # in no table of ours
    ],
)
def test_a_form_has_its_lemma(form: str, lemma: str) -> None:
    assert lemma in lemmas(form)
    assert form in lemmas(form)


def test_a_name_is_no_verb_form() -> None:
    assert lemmas("al-Rahimi") == {"al-rahimi"}
    assert not is_past_form("al-Rahimi")


def test_a_lemma_has_its_forms() -> None:
    assert {"meet", "meets", "met", "meeting"} <= verb_forms("meet")
    assert {"stopped", "stopping"} <= verb_forms("stop")
    assert "blew" in verb_forms("blow up")


def test_past_forms() -> None:
    assert is_past_form("intercepted")
    assert is_past_form("shot")
    assert is_past_form("held")
    assert not is_past_form("hold")
    assert not is_past_form("women")


def test_known_action_by_any_form() -> None:
    assert known_action("met") == "meet"
    assert known_action("visited") == "visit"
    assert known_action("qwertyed") is None
