"""The loop of a scorer over its gold items, reporting progress after each one."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

__all__ = ["Progress", "with_progress"]

#: Called as ``progress(done, total)`` after each item.
Progress = Callable[[int, int], None]

T = TypeVar("T")


def with_progress(items: Sequence[T], progress: Progress | None) -> Iterator[tuple[int, T]]:
    """``(n, item)`` from 1, calling ``progress(n, len(items))`` once the item is scored."""
    for n, item in enumerate(items, 1):
        yield n, item
        if progress is not None:
            progress(n, len(items))
