"""The one helper generated English goes through for its word forms."""

from __future__ import annotations

import pytest

from reportedly.text.inflect import counted, past, plural, third_person


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("ban", "banned"),  # doubled consonant
        ("stop", "stopped"),
        ("meet", "met"),  # irregular
        ("control", "controlled"),
        ("visit", "visited"),
        ("blow up", "blew up"),  # a phrasal verb inflects its verb
    ],
)
def test_past(lemma: str, form: str) -> None:
    assert past(lemma) == form


def test_third_person_and_plural() -> None:
    assert third_person("deny") == "denies"
    assert third_person("go") == "goes"
    assert plural("story") == "stories"
    assert plural("cited source") == "cited sources"  # a noun phrase inflects its noun


def test_counted_agrees_with_the_number() -> None:
    assert counted(1, "claim") == "1 claim"
    assert counted(0, "entity") == "0 entities"
    assert counted(2, "copy") == "2 copies"
