"""The shipped static word vectors (models/vectors/) and the lookups on them, with word
pairs written here (not the intrinsic set's)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from reportedly.nlp import vectors
from reportedly.nlp.vectors import Table


def test_the_table_loads_quickly_and_holds_unit_rows() -> None:
    start = time.perf_counter()
    table = Table.load()
    assert time.perf_counter() - start < 1.0
    assert table.matrix.dtype == np.float16
    assert len(table.index) == table.matrix.shape[0] > 20000
    assert 0.0 < table.threshold < 1.0
    row = table.row("parliament")
    assert row is not None
    assert float(np.linalg.norm(row)) == pytest.approx(1.0, abs=1e-2)


@pytest.mark.parametrize("word", ["", "   ", "qzxvbnmw", "12345", "--"])
def test_unknown_or_empty_words_give_no_match(word: str) -> None:
    assert vectors.vector(word) is None
    assert vectors.similarity(word, "attack") == 0.0
    assert vectors.similar_to(word, ["attack", "meet"]) == []
    assert vectors.nearest_actions(word) == []
    assert vectors.object_group(word) is None


def test_same_word_and_case() -> None:
    assert vectors.similarity("Bombard", "bombard") == 1.0
    assert vectors.similarity("army", "ARMY ") == 1.0


def test_related_words_score_above_unrelated_ones() -> None:
    assert vectors.similarity("bombard", "shelling") > vectors.similarity("bombard", "applaud")
    assert vectors.similarity("prisoner", "inmate") > vectors.similarity("prisoner", "orchestra")
    assert vectors.similarity("negotiate", "bargain") > vectors.similarity("negotiate", "swim")


def test_a_phrase_not_in_the_table_is_the_mean_of_its_words() -> None:
    phrase = vectors.vector("naval blockade")
    assert phrase is not None
    assert float(np.linalg.norm(phrase)) == pytest.approx(1.0, abs=1e-3)
    assert vectors.vector("take over") is not None  # a lexicon phrase has its own row


def test_a_lexicon_action_is_its_own_nearest() -> None:
    assert vectors.nearest_actions("attack") == [("attack", 1.0)]
    assert vectors.object_group("truce") is not None


def test_nearest_actions_respect_the_threshold_and_k() -> None:
    loose = vectors.nearest_actions("bombard", k=2, limit=-1.0)
    assert len(loose) == 2
    assert loose[0][1] >= loose[1][1]
    strict = vectors.nearest_actions("bombard", limit=0.999)
    assert strict == []


def test_similar_to_orders_by_score_and_drops_what_is_below() -> None:
    out = vectors.similar_to("inmate", ["prisoner", "orchestra", "prisoner"], limit=-1.0)
    assert [w for w, _ in out] == ["prisoner", "orchestra"]
    assert vectors.similar_to("inmate", ["orchestra"], limit=0.99) == []
