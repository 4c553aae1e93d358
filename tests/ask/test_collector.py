"""The garbage collector around an answer: off inside, what the answer leaves frozen on
the way out, and every so many answers everything unfrozen and collected (so cyclic
garbage an answer leaves is freed)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from reportedly.ask import collector


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Node:
    def __init__(self) -> None:
        self.other: _Node = self


def test_paused_and_restored(unfrozen: None) -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused():
            pass
        assert not gc.isenabled()  # left as the caller set it
        assert gc.get_freeze_count() == frozen  # and nothing frozen
    finally:
        gc.enable()


def test_what_an_answer_leaves_is_frozen_then_collected(
    unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "UNFREEZE_EVERY", 3)
    monkeypatch.setattr(collector, "_frozen", [0])
    kept = []
    with collector.paused():
        kept.append({"decoded": [1, 2, 3]})
        cycle = weakref.ref(_Node())  # garbage no reference count frees
    assert gc.get_freeze_count() > 0  # what the block left is frozen
    assert cycle() is not None  # the cycle with it
    gc.collect()
    assert cycle() is not None  # no collection scans what is frozen
    with collector.paused():
        pass
    with collector.paused():  # the third: everything unfrozen and collected
        pass
    assert gc.get_freeze_count() == 0
    assert cycle() is None
    assert kept == [{"decoded": [1, 2, 3]}]
