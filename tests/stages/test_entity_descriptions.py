"""Definite role descriptions ("the Russian leader") linked to the person they stand for."""

from __future__ import annotations

import pytest

import reportedly


def _mentions(text: str, name: str) -> list[str]:
    result = reportedly.analyze(text, published="2024-03-20")
    for e in result.entities:
        if e.canonical == name:
            return [m.text for m in e.mentions]
    raise AssertionError(f"no entity {name}: {[e.canonical for e in result.entities]}")


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        (
            "Russian President Vladimir Putin met the governor on Monday. Aides said the talks "
            "were long. On Tuesday, the Russian leader called the statement obvious blackmail.",
            "Vladimir Putin",
            "the Russian leader",
        ),
        (
            "Prime Minister Mette Frederiksen of Denmark opened the bridge. Hours later the "
            "Danish leader left for Brussels.",
            "Mette Frederiksen",
            "the Danish leader",
        ),
    ],
)
def test_a_leader_of_the_persons_country_is_the_person(
    text: str, name: str, description: str
) -> None:
    assert description in _mentions(text, name)


def test_a_leader_of_another_country_is_not_linked() -> None:
    text = (
        "Russian President Vladimir Putin met the governor on Monday. Later, the French "
        "leader said he had not been told."
    )
    assert "the French leader" not in _mentions(text, "Vladimir Putin")


def test_a_leader_needs_a_person_who_leads() -> None:
    text = (
        "Governor Anna Berg visited the port on Monday. The Swedish leader was not there, "
        "officials said."
    )
    assert "The Swedish leader" not in _mentions(text, "Anna Berg")


def test_a_bracketed_acronym_is_the_name_before_it() -> None:
    text = (
        "On Friday the Norwegian Directorate of Coastal Defence (KFD) said the buoy had "
        "drifted. The KFD explained that storms were to blame. Later the defence agency "
        "said the buoy was recovered."
    )
    mentions = _mentions(text, "Norwegian Directorate of Coastal Defence")
    assert mentions.count("KFD") == 2
    assert "the defence agency" in mentions


def test_a_bracketed_outlet_or_word_is_not_an_acronym_merge() -> None:
    result = reportedly.analyze(
        "The Harbour Board (HB) met on Monday. Reuters (REUTERS) reported the vote.",
        published="2024-03-20",
    )
    names = {e.canonical for e in result.entities}
    assert "Reuters" in names or "REUTERS" in names
    assert not any("Harbour" in n and "Reuters" in n for n in names)


def test_a_generic_organisation_noun_that_is_not_cited_is_not_linked() -> None:
    text = (
        "The Lakeside Research Council said on Monday the water was safe. Two patients "
        "were treated at the hospital in Tromso."
    )
    mentions = _mentions(text, "Lakeside Research Council")
    assert "the hospital" not in mentions
