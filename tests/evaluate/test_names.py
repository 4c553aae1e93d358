"""How the realnews scorers match names (evaluate/names.py and names.yaml)."""

from __future__ import annotations

import pytest

from reportedly.evaluate.names import name_key, name_tables, names_match


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("volodymyr ZELENSKYY", "Volodymyr Zelenskyy"),  # case
        ("Łukasz Nowak", "Lukasz Nowak"),  # accents and letters folded
        ("the Kremlin", "Kremlin"),
        ("Russia's", "Russia"),  # a possessive
        ("Putin", "Russian President Vladimir Putin"),  # a run of whole words
        ("Russian President Vladimir Putin", "Vladimir Putin"),  # either way
        ("Adm Hagari", "Daniel Hagari"),  # a title and the surname
        ("IDF", "Israel Defense Forces"),  # aliases: facts about the world
        ("Kyiv", "Ukraine"),
        ("U.S.", "United States"),
    ],
)
def test_names_that_match(predicted: str, gold: str) -> None:
    assert names_match(predicted, gold)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("CIA", "Ukraine's CIA-backed military intelligence agency"),  # not across -backed
        ("Hamas", "the Hamas-run health ministry"),
        ("he", "Dmitry Peskov"),  # an unresolved pronoun names nobody
        ("they", "they"),
        ("Russian Foreign Ministry", "Gaza Health Ministry"),  # a generic last word
        ("Moscow", "US Embassy in Moscow"),  # a place inside a name
        ("Russia", "US Embassy in Moscow"),  # ... also through an alias
        ("Vladimir Leontyev", "Vladimir Putin"),
        ("", "Putin"),
    ],
)
def test_names_that_do_not_match(predicted: str, gold: str) -> None:
    assert not names_match(predicted, gold)


def test_keys_and_tables() -> None:
    assert name_key("Ukraine's CIA-backed agency") == ("ukraine", "ciabacked", "agency")
    tables = name_tables()
    assert "he" in tables.pronouns
    assert "ministry" in tables.generic_words
    # every alias group is keyed by its canonical name, and names no pronoun
    for canonical, others in tables.aliases.items():
        assert canonical not in others
        assert not any(set(name_key(n)) <= tables.pronouns for n in others)
