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
