"""Analyses decoded from a store, and what answering derives from an analysis, kept between
questions: a question that reads an article read before neither decodes it nor derives its
tables again. Answering never changes analyses, so the kept ones can be shared.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from ..records import Analysis, Entity, Event, from_dict

__all__ = ["DECODED_CACHE_SIZE", "SKIPPED", "Derived", "decoded", "derived", "keep_derived"]

#: Analysis fields that answering does not read, left out when decoding stored articles.
SKIPPED = frozenset({"attributions", "hedges"})

#: Decoded analyses kept between questions, most recently read last: a digest of the
#: stored JSON -> its Analysis (about 65 kB each), so a question that reads an article
#: read before does not decode it again; a changed analysis has another digest. 2,000
#: analyses (some 130 MB) hold what 30 questions of 60 articles each read.
DECODED_CACHE_SIZE = 2000


class Derived:
    """What answering derives from one Analysis whatever the question: its events by
    claim, its entities by id, its non-pronoun mention spans (made on first use) and the
    normalised forms of each entity's names (made on first use). Kept with the decoded
    analyses (:func:`derived`), so a question reading an article read before does not
    derive them again; answering never changes them."""

    __slots__ = ("entities", "events_of", "nforms", "spans", "starts")

    def __init__(self, analysis: Analysis) -> None:
        self.events_of: dict[str, list[Event]] = {}
        for ev in analysis.events:
            self.events_of.setdefault(ev.claim, []).append(ev)
        self.entities: dict[str, Entity] = {e.id: e for e in analysis.entities}
        self.spans: list[tuple[int, int, str]] | None = None
        self.starts: list[int] = []
        self.nforms: dict[str, list[str]] = {}


_derived_cache: OrderedDict[int, tuple[Analysis, Derived]] = OrderedDict()
_derived_lock = threading.Lock()
_decoded_cache: OrderedDict[bytes, Analysis] = OrderedDict()
_decoded_lock = threading.Lock()


def derived(analysis: Analysis) -> Derived:
    """The :class:`Derived` of ``analysis``: the one kept for a decoded stored analysis
    (:func:`keep_derived`, looked up by identity), else a new one."""
    key = id(analysis)
    with _derived_lock:
        got = _derived_cache.get(key)
        if got is not None and got[0] is analysis:
            _derived_cache.move_to_end(key)
            return got[1]
    return Derived(analysis)


def keep_derived(analysis: Analysis) -> None:
    """Keep the :class:`Derived` of a decoded stored analysis (shared by the questions
    that read it, like the analysis itself); analyses given by a caller are not kept, as
    the caller may change them between questions."""
    made = Derived(analysis)
    with _derived_lock:
        _derived_cache[id(analysis)] = (analysis, made)
        while len(_derived_cache) > DECODED_CACHE_SIZE:
            _derived_cache.popitem(last=False)


def decoded(text: str) -> Analysis:
    """The Analysis of a stored JSON text without the fields answering does not read
    (:data:`SKIPPED`), from the cache when the same text was decoded before. Answering
    does not change analyses, so the cached ones can be shared."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    with _decoded_lock:
        got = _decoded_cache.get(key)
        if got is not None:
            _decoded_cache.move_to_end(key)
            return got
    data = json.loads(text)
    got = from_dict(Analysis, {k: v for k, v in data.items() if k not in SKIPPED})
    keep_derived(got)
    with _decoded_lock:
        _decoded_cache[key] = got
        while len(_decoded_cache) > DECODED_CACHE_SIZE:
            _decoded_cache.popitem(last=False)
    return got
