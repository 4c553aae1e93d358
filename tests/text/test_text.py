"""text/: the one transliteration of name keys and the one relative-date resolver."""

from __future__ import annotations

from datetime import date

import pytest

from reportedly import gazetteer, lexicons
from reportedly.text.dates import iso_range, normalise, resolve_date
from reportedly.text.keys import fold_accents, name_key, name_words

REF = date(2024, 12, 11)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Orbán", "Orban"),
        ("Łódź", "Lodz"),
        ("Erdoğan’s", "Erdogan's"),
        ("Þórdís", "Thordis"),
        ("Ærø", "AEro"),
        ("plain ASCII", "plain ASCII"),
    ],
)
def test_fold_accents_keeps_case_and_spells_letters_in_ascii(text: str, folded: str) -> None:
    assert fold_accents(text) == folded


def test_actors_and_gazetteer_fold_with_the_one_table() -> None:
    assert set(lexicons.Lexicons.load().transliteration) >= {"ł", "ø", "ß", "’"}
    assert gazetteer.fold("Łódź") == "lodz"
    assert name_key("Viktor Orbán’s") == "viktor orban"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Viktor Orbán’s", "viktor orban"),
        ("VIKTOR  ORBAN", "viktor orban"),
        ("The U.S.", "us"),
        ("the US", "us"),
        ("Bashar al-Assad's", "bashar al assad"),
        ("O`Brien", "obrien"),
        ("The", "the"),
        ("Зеленський", "зеленськии"),  # letters of any script stay (й decomposes)
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_one_name_key_folds_accents_case_punctuation_and_a_leading_the(name: str, key: str) -> None:
    assert name_key(name) == key
    assert name_key(key) == key  # a key is its own key


def test_name_words_keep_case_for_the_acronym_guard() -> None:
    assert name_words("the U.S.-backed Orbán’s") == ["the", "US", "backed", "Orban"]


@pytest.mark.parametrize(
    ("words", "days"),
    [
        ("2024-12-06", (date(2024, 12, 6), date(2024, 12, 6))),
        ("2024-12", (date(2024, 12, 1), date(2024, 12, 31))),
        ("2024-W49", (date(2024, 12, 2), date(2024, 12, 8))),
        ("last week", (date(2024, 12, 2), date(2024, 12, 8))),
        ("past week", (date(2024, 12, 4), date(2024, 12, 11))),
        ("past month", (date(2024, 11, 1), date(2024, 11, 30))),
        ("yesterday", (date(2024, 12, 10), date(2024, 12, 10))),
        ("Friday", (date(2024, 12, 6), date(2024, 12, 6))),
        ("last Wednesday", (date(2024, 12, 4), date(2024, 12, 4))),  # the news convention
        ("6 December", (date(2024, 12, 6), date(2024, 12, 6))),
        ("nothing", None),
    ],
)
def test_resolve_date_gives_the_days_covered(words: str, days: tuple[date, date] | None) -> None:
    assert resolve_date(words, REF) == days


def test_resolve_date_reads_what_the_time_stage_reads() -> None:
    for words in ("on Friday", "last month", "three weeks ago", "Dec. 6, 2024"):
        value = normalise(words, REF)
        assert value is not None
        assert resolve_date(words, REF) == iso_range(value[0])
