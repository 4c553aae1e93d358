"""Quotation regions (reportedly.text.quotations)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportedly.text.quotations import in_quote, inside_quote, quote_regions


def test_regions_pair_the_marks_and_an_open_one_runs_to_the_end() -> None:
    text = 'He said "no" and “later, maybe” and "then'
    assert [text[s:e] for s, e in quote_regions(text)] == ['"no"', "“later, maybe”", '"then']


def test_mixed_marks_pair_with_each_other_when_asked() -> None:
    text = '"The pier is shut,” the harbour master said.'
    said = text.index("said")
    assert inside_quote(quote_regions(text), said, said + 4)  # strict: runs on past "said"
    assert not inside_quote(quote_regions(text, mixed=True), said, said + 4)


def test_inside_excludes_the_marks_in_includes_them() -> None:
    text = '"The pier is shut," she said.'
    regions = quote_regions(text)
    pier = text.index("pier")
    said = text.index("said")
    assert inside_quote(regions, pier, pier + 4)
    assert not inside_quote(regions, said, said + 4)
    assert in_quote(regions, 0, text.index(",") + 2)
    assert not inside_quote(regions, 0, 4)  # starts on the opening mark


@given(st.text(alphabet=st.sampled_from('ab "“”«» '), max_size=40))
def test_regions_are_ordered_disjoint_and_open_on_a_mark(text: str) -> None:
    for mixed in (False, True):
        end = 0
        for s, e in quote_regions(text, mixed=mixed):
            assert end <= s < e <= len(text)
            assert text[s] in '"“«'
            end = e
