"""The attribute rules found by table look-up (reportedly.nlp.attribute_index) give the
docs spaCy's attribute_ruler gives: on the model's own rules and on rules written here."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.nlp.attribute_index import AttributeIndex, conditions

WORDS = ["the", "The", "cat", "sat", "not", "Not", "gon", "na", "a", "  ", "ran", "dog"]


def _model() -> Any:
    from reportedly.nlp.model import load_model, model_name

    return load_model(model_name())


def _blank_with_rules() -> Any:
    """A blank English pipeline whose ruler has each kind of rule: a value, a set (IN),
    an excluded set (NOT_IN), two tokens, a regex, and two rules on one word (the later
    one wins)."""
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}]], {"LEMMA": "THE"})
    ruler.add([[{"LOWER": {"IN": ["cat", "dog"]}}]], {"LEMMA": "pet"})
    ruler.add([[{"ORTH": "cat"}, {"LOWER": "sat"}]], {"LEMMA": "sitter"}, index=1)
    ruler.add([[{"TEXT": {"NOT_IN": ["Not"]}, "LOWER": "not"}]], {"LEMMA": "neg"})
    ruler.add([[{"LOWER": {"REGEX": "^r.n$"}}]], {"LEMMA": "run"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "going"})
    ruler.add([[{"IS_SPACE": True}]], {"LEMMA": "SPACE"})
    ruler.add([[{"LOWER": "dog"}]], {"LEMMA": "hound"})
    return nlp


def test_conditions_of_one_token_patterns() -> None:
    strings = _blank_with_rules().vocab.strings
    found = conditions([{"tag": "NN", "LOWER": {"IN": ["a", "b"]}}], strings)
    assert found is not None
    assert found.required == {"TAG": (strings["NN"],), "LOWER": (strings["a"], strings["b"])}
    assert found.excluded == {}
    excluding = conditions([{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}], strings)
    assert excluding is not None
    assert excluding.excluded == {"DEP": frozenset({strings["det"], 0})}
    assert conditions([{"IS_SPACE": True}], strings) == conditions([{"is_space": True}], strings)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "gon"}, {"LOWER": "na"}],  # two tokens
        [{"LOWER": {"REGEX": "^n.t$"}}],
        [{"DEP": {"NOT_IN": ["det"]}}],  # nothing required
        [{"LENGTH": {">=": 3}}],
        [{"POS": "NOUN"}],  # not a column of the tables
        [{"LOWER": "a", "OP": "?"}],
        [{}],
    ],
)
def test_other_patterns_stay_with_a_matcher(pattern: list[dict[str, Any]]) -> None:
    assert conditions(pattern, _blank_with_rules().vocab.strings) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=12))
def test_index_sets_what_the_ruler_sets(words: list[str]) -> None:
    from spacy.tokens import Doc

    nlp = _blank_with_rules()
    ruler = nlp.get_pipe("attribute_ruler")
    index = AttributeIndex(ruler)
    spaces = [w != "  " for w in words]
    by_ruler = ruler(Doc(nlp.vocab, words=words, spaces=spaces))
    by_index = index(Doc(nlp.vocab, words=words, spaces=spaces))
    assert [t.lemma_ for t in by_index] == [t.lemma_ for t in by_ruler]
    expected = ruler.matcher(Doc(nlp.vocab, words=words, spaces=spaces), allow_missing=True)
    assert sorted(index.matches(Doc(nlp.vocab, words=words, spaces=spaces))) == sorted(
        set(expected)
    )


def test_the_later_rule_wins_and_two_token_rules_are_kept() -> None:
    from spacy.tokens import Doc

    nlp = _blank_with_rules()
    index = AttributeIndex(nlp.get_pipe("attribute_ruler"))
    words = ["The", "dog", "and", "the", "cat", "sat", "not", "gon", "na", "run"]
    doc = index(Doc(nlp.vocab, words=words))
    assert [t.lemma_ for t in doc] == [
        "THE", "hound", "", "THE", "pet", "sitter", "neg", "going", "", "run"
    ]  # fmt: skip


def test_the_models_rules_are_mostly_in_tables() -> None:
    index = AttributeIndex(_model().get_pipe("attribute_ruler"))
    tables = index.shapes.values()
    in_tables = {m for shape in tables for entries in shape.entries.values() for m, _ in entries}
    assert len(in_tables) > 10 * len(index.rest)
