"""Best-first reading ranks the fitting articles from upper bounds of their frame counts
(a frame counted once per name key it is found by) and reads the exact counts only where
the order needs them: the order must be the one the exact counts of every article give."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.ask import retrieve


def reference(
    exact: dict[str, int], claims: dict[str, int], limit: int, most: int
) -> tuple[list[str], bool]:
    """The order of every article's exact count (``_ranked`` before upper bounds)."""
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


@st.composite
def counts(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    ids = [f"a{i:02d}" for i in range(draw(st.integers(1, 30)))]
    exact = {a: draw(st.integers(1, 6)) for a in ids}
    upper = {a: n + draw(st.sampled_from([0, 0, 0, 1, 2])) for a, n in exact.items()}
    claims = {a: draw(st.integers(0, 3)) for a in ids}
    return exact, upper, claims


@settings(max_examples=300, deadline=None)
@given(data=counts(), limit=st.integers(1, 8), most=st.integers(1, 12), cost=st.integers(1, 60))
def test_the_order_from_upper_bounds_is_the_exact_order(
    data: tuple[dict[str, int], dict[str, int], dict[str, int]],
    limit: int,
    most: int,
    cost: int,
) -> None:
    exact, upper, claims = data
    read: list[set[str]] = []

    def frame_articles(store: Any, question: Any, ids: set[str]) -> dict[str, int]:
        assert all(upper[a] > 1 for a in ids)  # one frame at most: known without reading
        read.append(set(ids))
        return {a: exact[a] for a in ids}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(retrieve, "MAX_CHECKED", most)
        mp.setattr(retrieve, "EXACT_READ", cost)
        mp.setattr(retrieve, "frame_articles", frame_articles)
        mp.setattr(retrieve, "framed_anywhere", lambda store, question: dict(exact))
        mp.setattr(retrieve, "_canonicals", lambda store, question: [])
        mp.setattr(
            retrieve,
            "claims_naming_counts",
            lambda store, ids, canon: {a: claims[a] for a in ids},
        )
        got = retrieve._ranked(None, None, upper, limit)  # type: ignore[arg-type]
    assert got == reference(exact, claims, limit, most)
    seen = [a for part in read for a in part]
    assert len(seen) == len(set(seen))  # no article's frames read twice


def test_articles_far_down_the_order_are_not_read() -> None:
    """With many articles, only those whose bound reaches the order's end are read."""
    exact = {f"a{i:03d}": 1 + i % 5 for i in range(200)}
    upper = {a: n + 1 for a, n in exact.items()}
    read: set[str] = set()

    def frame_articles(store: Any, question: Any, ids: set[str]) -> dict[str, int]:
        read.update(ids)
        return {a: exact[a] for a in ids}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(retrieve, "MAX_CHECKED", 10)
        mp.setattr(retrieve, "EXACT_READ", 1)  # reading per article costs little
        mp.setattr(retrieve, "frame_articles", frame_articles)
        mp.setattr(retrieve, "framed_anywhere", None)  # never the whole store
        mp.setattr(retrieve, "_canonicals", lambda store, question: [])
        mp.setattr(retrieve, "claims_naming_counts", lambda store, ids, canon: {})
        order, whole = retrieve._ranked(None, None, upper, 3)  # type: ignore[arg-type]
    assert order[:3] == sorted(a for a, n in exact.items() if n == 5)[:3]
    assert not whole
    assert len(read) < len(exact) // 2
