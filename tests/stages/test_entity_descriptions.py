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


def test_surname_the_tagger_missed_is_the_person_named_before() -> None:
    text = (
        "The city council met on Monday to discuss the new bridge.\n\n"
        '"The toll will be too high," said Tomas Brandt, an engineer at the port.\n\n'
        'Will the bridge open on time? Brandt thinks so. "We are ready," he said.'
    )
    r = reportedly.analyze(text)
    person = next(e for e in r.entities if e.canonical == "Tomas Brandt")
    kinds = {(m.text, m.kind) for m in person.mentions}
    assert ("Brandt", "surname") in kinds
    c = next(c for c in r.claims if "We are ready" in c.text)
    assert [s.name for s in c.source_chain if s.level >= 1] == ["Tomas Brandt"]


def test_a_person_taken_by_she_is_not_a_later_he() -> None:
    text = (
        "The city council met on Monday to discuss the new bridge.\n\n"
        "Lena Sorvik, who leads the inquiry, met the contractor Paul Grieve on Friday. "
        "Sorvik said that when she asked Grieve about the cables, he refused to answer."
    )
    r = reportedly.analyze(text)
    grieve = next(e for e in r.entities if e.canonical == "Paul Grieve")
    sorvik = next(e for e in r.entities if e.canonical == "Lena Sorvik")
    assert any(m.text == "she" for m in sorvik.mentions)
    assert not any(m.text == "he" for m in sorvik.mentions)
    assert grieve.mentions
