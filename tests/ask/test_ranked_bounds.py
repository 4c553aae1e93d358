"""Best-first reading ranks the fitting articles from their frames counted once per name
key (:func:`~reportedly.ask.retrieve.framed_bounds`: at least the exact count, and
exactly it where one key finds them all) and reads the exact counts only where the
order needs them: the order must be the one the exact counts of every article give."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.ask import retrieve


def reference(
    exact: dict[str, int], claims: dict[str, int], limit: int, most: int
) -> tuple[list[str], bool]:
    """The order of every article's exact count (``_ranked`` before the bounds)."""
    groups: dict[int, list[str]] = {}
    for aid, n in exact.items():
        groups.setdefault(n, []).append(aid)
    order: list[str] = []
    for n in sorted(groups, reverse=True):
        if len(order) >= most:
            return order, False
        group = sorted(groups[n])
        if len(order) + len(group) > limit:
            group.sort(key=lambda a: (-claims.get(a, 0), a))
        order += group
    return order, True


def walked(order: retrieve._Order) -> tuple[list[str], bool]:
    pos = 0
    while order.reaches(pos):
        pos += 1
    return order.made, order.whole


Counts = tuple[dict[str, int], dict[str, int], set[str], dict[str, int]]


@st.composite
def counts(draw: st.DrawFn) -> Counts:
    ids = [f"a{i:02d}" for i in range(draw(st.integers(1, 30)))]
    exact = {a: draw(st.integers(1, 6)) for a in ids}
    extra = {a: draw(st.sampled_from([0, 0, 0, 1, 2])) for a in ids}
    upper = {a: n + extra[a] for a, n in exact.items()}
    # an article is unsure when two keys found its frames (the count may be higher)
    unsure = {a for a in ids if extra[a] or draw(st.booleans())}
    claims = {a: draw(st.integers(0, 3)) for a in ids}
    return exact, upper, unsure, claims


def patched(mp: pytest.MonkeyPatch, exact: dict[str, int], claims: dict[str, int]) -> list[str]:
    read: list[str] = []

    def frame_articles(store: Any, question: Any, ids: set[str]) -> dict[str, int]:
        read.extend(ids)
        return {a: exact[a] for a in ids}

    mp.setattr(retrieve, "frame_articles", frame_articles)
    mp.setattr(retrieve, "_canonicals", lambda store, question: [])
    mp.setattr(
        retrieve,
        "claims_naming_counts",
        lambda store, ids, canon: {a: claims.get(a, 0) for a in ids},
    )
    return read


@settings(max_examples=300, deadline=None)
@given(data=counts(), limit=st.integers(1, 8), most=st.integers(1, 12), cost=st.integers(1, 60))
def test_the_order_from_the_bounds_is_the_exact_order(
    data: Counts, limit: int, most: int, cost: int
) -> None:
    exact, upper, unsure, claims = data
    with pytest.MonkeyPatch.context() as mp:
        read = patched(mp, exact, claims)
        mp.setattr(retrieve, "MAX_CHECKED", most)
        mp.setattr(retrieve, "EXACT_READ", cost)
        mp.setattr(retrieve, "framed_anywhere", lambda store, question: dict(exact))
        framed = retrieve.Framed(upper, unsure)
        got = walked(retrieve._ranked(None, None, framed, limit))  # type: ignore[arg-type]
    assert got == reference(exact, claims, limit, most)
    assert set(read) <= unsure  # the sure counts are never read
    assert len(read) == len(set(read))  # nor any twice


def test_only_the_unsure_articles_the_order_reaches_are_read() -> None:
    exact = {f"a{i:03d}": 1 + i % 5 for i in range(200)}
    upper = {a: n + 1 for a, n in exact.items()}
    with pytest.MonkeyPatch.context() as mp:
        read = patched(mp, exact, {})
        mp.setattr(retrieve, "MAX_CHECKED", 10)
        mp.setattr(retrieve, "EXACT_READ", 1)  # reading per article costs little
        mp.setattr(retrieve, "framed_anywhere", None)  # never the whole store
        framed = retrieve.Framed(upper, set(upper))
        order = retrieve._ranked(None, None, framed, 3)  # type: ignore[arg-type]
        assert order.at(0) == min(a for a, n in exact.items() if n == 5)
    assert not order.whole
    assert 10 <= len(read) < len(exact) // 2


def test_a_part_of_the_articles_weighs_the_whole_stores_read() -> None:
    """Reading the whole store's exact counts costs every article's rows, not only those
    of the part an order is restricted to: a few unsure articles of a small part are read
    one by one."""
    exact = {f"a{i:03d}": 2 for i in range(100)}
    upper = {a: n + 1 for a, n in exact.items()}
    with pytest.MonkeyPatch.context() as mp:
        read = patched(mp, exact, {})
        mp.setattr(retrieve, "EXACT_READ", 10)
        mp.setattr(retrieve, "framed_anywhere", None)  # never the whole store
        part = retrieve.Framed(upper, set(upper)).among({"a000", "a001", "a002"})
        assert part.whole_rows() == 300
        retrieve.exact_counts(None, None, part, ["a000", "a001", "a002"])  # type: ignore[arg-type]
    assert sorted(read) == ["a000", "a001", "a002"]
    assert part.exact == {"a000": 2, "a001": 2, "a002": 2}
