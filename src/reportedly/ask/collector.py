"""Python's cyclic garbage collector around an answer.

Decoding the analyses a question reads makes some hundred thousand records, which would
set off collections of the whole heap (the parser's model, the caches) in the middle of
the answer, each longer the larger the heap, for nothing: records hold no reference
cycles, so reference counting frees them. So the collector is paused while a question is
answered (:func:`paused`). What the answer leaves alive (the decoded analyses and derived
tables kept for the next questions, :mod:`.cache`) would then be scanned by the
collection its allocations set off as soon as the collector is on again: 100-230 ms at
the end of one answer in ten at 100,000 articles. Instead it is frozen (``gc.freeze``:
no later collection scans it). Cyclic garbage an answer leaves (a few dozen objects)
is frozen with it, so every :data:`UNFREEZE_EVERY` answers everything is unfrozen and
collected at once, which frees it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["UNFREEZE_EVERY", "paused"]

#: Answers after which what they froze is unfrozen and collected (one full collection,
#: some hundreds of ms, for that many answers).
UNFREEZE_EVERY = 500

_lock = threading.Lock()
_frozen = [0]  # answers that froze since the last full collection


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block; on the way out, what the block left is frozen
    (or, every :data:`UNFREEZE_EVERY` blocks, everything unfrozen and collected), and the
    collector on again. Nothing of this when the collector was off before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            _settle()
            gc.enable()


def _settle() -> None:
    with _lock:
        _frozen[0] += 1
        if _frozen[0] >= UNFREEZE_EVERY:
            _frozen[0] = 0
            gc.unfreeze()
            gc.collect()
        else:
            gc.freeze()
