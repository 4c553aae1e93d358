"""match_phrases with its per-list index and per-Doc lower-case words: the same matches as
trying every phrase in order."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from reportedly import cuefinder
from reportedly.cuefinder import (
    hedge_cues,
    lemma_lowers,
    longest_first,
    lowers,
    match_phrases,
    phrase_index,
    sentence_hedges,
    token_starts,
)
from reportedly.lexicons import Lexicons
from reportedly.nlp.model import load_model, model_name

SENTENCES = [
    "It is not true that the mayor had nothing to do with the plan, she said.",
    "The minister may have known, and may have lied, according to two aides.",
    "Nobody knows whether the dam will hold; it is too early to say, engineers said.",
]
PHRASES: tuple[tuple[str, ...], ...] = (
    ("may", "have"),
    ("not", "true"),
    ("nothing", "to", "do", "with"),
    ("to", "do"),
    ("too", "early", "to", "say"),
    ("according", "to"),
    ("may",),
    ("it", "is"),
    ("said",),
)


def reference(
    doc: Doc, ids: Sequence[int], phrases: Sequence[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Every phrase in order, at every owned token in order (the plain algorithm)."""
    owned = set(ids)
    hits: list[tuple[int, int]] = []
    used: set[int] = set()
    for phrase in phrases:
        for i in ids:
            rng = range(i, i + len(phrase))
            if i in used or rng[-1] not in owned:
                continue
            if all(j in owned and j not in used for j in rng) and all(
                doc[j].lower_ == w for j, w in zip(rng, phrase, strict=True)
            ):
                hits.append((i, rng[-1]))
                used.update(rng)
    return hits


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(model_name(None))


def test_the_matches_are_those_of_every_phrase_in_order(nlp: Language) -> None:
    for text in SENTENCES:
        doc = nlp(text)
        every = list(range(len(doc)))
        for ids in (every, every[::2], every[3:], [i for i in every if i % 5 != 2]):
            assert match_phrases(doc, ids, PHRASES) == reference(doc, ids, PHRASES)
            assert match_phrases(doc, ids, list(PHRASES)) == reference(doc, ids, PHRASES)
    doc = nlp(SENTENCES[1])
    found = [doc[a : b + 1].text for a, b in match_phrases(doc, list(range(len(doc))), PHRASES)]
    assert found == ["may have", "may have", "according to"]


@hsettings(max_examples=40, deadline=None)
@given(
    order=st.permutations(range(len(PHRASES))),
    drop=st.sets(st.integers(0, 30), max_size=8),
)
def test_any_phrase_order_and_owned_tokens(order: list[int], drop: set[int]) -> None:
    nlp = load_model(model_name(None))
    phrases = tuple(PHRASES[k] for k in order)
    for text in SENTENCES:
        doc = nlp(text)
        ids = [i for i in range(len(doc)) if i not in drop]
        assert match_phrases(doc, ids, phrases) == reference(doc, ids, phrases)


def test_indexes_and_lower_case_words_are_made_once(nlp: Language) -> None:
    assert phrase_index(PHRASES) is phrase_index(PHRASES)
    assert phrase_index(list(PHRASES)) is not phrase_index(list(PHRASES))  # a list may change
    assert phrase_index(PHRASES)["may"] == [(0, ("may", "have")), (6, ("may",))]
    first, second = PHRASES[:3], PHRASES[3:]
    joined = longest_first(first, second)
    assert joined is longest_first(first, second)
    assert [len(p) for p in joined] == sorted((len(p) for p in PHRASES), reverse=True)
    doc = nlp(SENTENCES[0])
    assert lowers(doc) is lowers(doc)
    assert lowers(doc) == [t.lower_ for t in doc]
    assert doc in cuefinder._LOWERS
    assert lemma_lowers(doc) is lemma_lowers(doc)
    assert lemma_lowers(doc) == [t.lemma_.lower() for t in doc]
    assert token_starts(doc) == [t.idx for t in doc]


def test_hedges_found_with_the_word_lists_are_those_of_the_tokens(nlp: Language) -> None:
    lexicons = Lexicons.load()
    doc = nlp(
        "The envoy is said to have left, and officials reportedly believe he may return; "
        "it is unclear whether talks could resume if the ceasefire holds."
    )
    ids = list(range(len(doc)))
    hedges = [c.text for c in hedge_cues(lexicons, doc, ids, 0)]
    assert hedges[:2] == ["is said to have", "reportedly"]
    every = sentence_hedges(lexicons, doc, ids, 100)
    assert {c.kind for c in every} >= {"hedge", "speculation", "conditional"}
    assert all(doc.text[c.start - 100 : c.end - 100] == c.text for c in every)
