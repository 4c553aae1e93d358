from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportedly.errors import MalformedInput
from reportedly.evaluate.spans import (
    MATCH_MODES,
    PRF,
    OffsetMap,
    SpanText,
    align,
    greedy_align,
    normalize,
    read_jsonl,
    score,
    trim,
)

TEXT = "“The bridge was closed,” the mayor said on Friday: it will reopen."


def span_of(text: str, words: str) -> list[int]:
    start = text.index(words)
    return [start, start + len(words)]


def test_trim_strips_edge_punctuation_and_space() -> None:
    s, e = trim(TEXT, 0, 24)
    assert TEXT[s:e] == "The bridge was closed"


def test_trim_keeps_a_bare_punctuation_cue() -> None:
    colon = TEXT.index(":")
    assert trim(TEXT, colon, colon + 2) == (colon, colon + 1)


def test_normalize_merges_pieces_split_by_punctuation_only() -> None:
    text = "He left, then came back."
    a, b = span_of(text, "He left"), span_of(text, "then came back")
    assert normalize(text, [b, a]) == ((0, len("He left, then came back")),)


def test_quoted_and_unquoted_spans_match_exactly() -> None:
    pred = [[span_of(TEXT, "The bridge was closed")]]
    gold = [[[0, TEXT.index("”") + 1]]]
    assert score(TEXT, pred, gold, "exact") == PRF(tp=1)


def test_off_by_one_word_is_an_exact_miss_but_an_overlap_hit() -> None:
    pred = [[span_of(TEXT, "bridge was closed")]]
    gold = [[span_of(TEXT, "The bridge was closed")]]
    assert score(TEXT, pred, gold, "exact") == PRF(tp=0, fp=1, fn=1)
    assert score(TEXT, pred, gold, "overlap") == PRF(tp=1)


def test_no_shared_word_is_an_overlap_miss() -> None:
    pred = [[span_of(TEXT, "the mayor")]]
    gold = [[span_of(TEXT, "on Friday")]]
    assert score(TEXT, pred, gold, "overlap") == PRF(fp=1, fn=1)


def test_partial_word_counts_as_touching_it() -> None:
    start = TEXT.index("mayor")
    assert score(TEXT, [[[start, start + 3]]], [[[start, start + 5]]], "overlap") == PRF(tp=1)


def test_double_prediction_counts_one_false_positive() -> None:
    item = [span_of(TEXT, "the mayor")]
    for mode in MATCH_MODES:
        assert score(TEXT, [item, item], [item], mode) == PRF(tp=1, fp=1, fn=0)


def test_gold_is_matched_once_greedy_by_largest_overlap() -> None:
    text = "alpha beta gamma delta epsilon"
    gold_small = [span_of(text, "alpha")]
    gold_big = [span_of(text, "beta gamma delta")]
    pred_wide = [span_of(text, "alpha beta gamma delta")]  # 1 word with small, 3 with big
    pred_alpha = [span_of(text, "alpha")]
    # first-come matching would give pred_wide the small gold and leave pred_alpha unmatched
    pairs = align(text, [pred_wide, pred_alpha], [gold_small, gold_big], "overlap")
    assert pairs == [(0, 1), (1, 0)]
    assert score(text, [pred_wide, pred_alpha], [gold_small, gold_big], "overlap") == PRF(tp=2)


def test_discontiguous_gold_is_one_item() -> None:
    text = "failings it said are outweighed by her strengths"
    gold = [[span_of(text, "failings"), span_of(text, "are outweighed by her strengths")]]
    assert score(text, [[span_of(text, "failings")]], gold, "exact") == PRF(fp=1, fn=1)
    assert score(text, [[span_of(text, "failings")]], gold, "overlap") == PRF(tp=1)
    swapped = [list(reversed(gold[0]))]
    assert score(text, swapped, gold, "exact") == PRF(tp=1)
    whole = [[[0, len(text)]]]
    assert score(text, whole, gold, "exact") == PRF(fp=1, fn=1)


def test_colon_cue_matches_by_its_punctuation() -> None:
    colon = TEXT.index(":")
    assert score(TEXT, [[[colon, colon + 1]]], [[[colon, colon + 1]]], "overlap") == PRF(tp=1)
    other = TEXT.index(",")
    assert score(TEXT, [[[other, other + 1]]], [[[colon, colon + 1]]], "overlap") == PRF(fp=1, fn=1)


def test_whitespace_only_items_are_left_out() -> None:
    assert score("a  b", [[[1, 3]]], [], "exact") == PRF()


def test_unknown_mode_raises() -> None:
    with pytest.raises(ValueError, match="unknown match mode"):
        align(TEXT, [], [], "fuzzy")  # type: ignore[arg-type]


def test_greedy_align_breaks_ties_by_order() -> None:
    assert greedy_align(2, 2, lambda p, g: 1.0) == [(0, 0), (1, 1)]


def test_prf_ratios_and_dict() -> None:
    prf = PRF(tp=3, fp=1, fn=2)
    assert prf.precision == pytest.approx(0.75)
    assert prf.recall == pytest.approx(0.6)
    assert prf.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf.to_dict() == {
        "tp": 3,
        "fp": 1,
        "fn": 2,
        "precision": 0.75,
        "recall": 0.6,
        "f1": round(2 * 0.75 * 0.6 / 1.35, 4),
    }
    assert prf + PRF(1, 1, 1) == PRF(4, 2, 3)


def test_prf_edge_cases() -> None:
    assert PRF().f1 == 1.0
    assert PRF(fn=2).precision == 0.0
    assert PRF(fn=2).f1 == 0.0
    assert PRF(fp=2).recall == 0.0


def test_offset_map_shifts_and_searches() -> None:
    assert OffsetMap("  abc def", "abc def").span(4, 7) == (6, 9)
    moved = OffsetMap("abc  def def", "abc def def")
    assert moved.span(8, 11) == (9, 12)
    assert moved.span(None, 3) is None
    assert OffsetMap("abc", "xyz").span(0, 3) is None


def test_read_jsonl_limits_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n\n{"a": 2}\n[1]\n', encoding="utf-8")
    assert read_jsonl(path, limit=2) == [{"a": 1}, {"a": 2}]
    with pytest.raises(MalformedInput, match=":4:"):
        read_jsonl(path)


WORDS = st.text(alphabet="ab ,.“”:", min_size=0, max_size=40)


@st.composite
def text_and_items(draw: st.DrawFn) -> tuple[str, list[list[list[int]]]]:
    text = draw(WORDS)
    n = len(text)
    bound = st.integers(min_value=0, max_value=n)
    piece = st.tuples(bound, bound).map(lambda t: [min(t), max(t)])
    items = draw(st.lists(st.lists(piece, min_size=1, max_size=3), max_size=6))
    return text, items


@given(text_and_items(), st.sampled_from(["exact", "overlap"]))
def test_gold_against_itself_scores_one(case: tuple[str, list[list[list[int]]]], mode: str) -> None:
    text, items = case
    prf = score(text, items, items, mode)  # type: ignore[arg-type]
    assert prf.fp == 0
    assert prf.fn == 0
    assert prf.precision == prf.recall == prf.f1 == 1.0


@given(text_and_items())
def test_exact_hit_is_always_an_overlap_hit(case: tuple[str, list[list[list[int]]]]) -> None:
    text, items = case
    st_ = SpanText(text)
    for item in items:
        norm = st_.item(item)
        if norm:
            assert st_.token_ids(norm)
