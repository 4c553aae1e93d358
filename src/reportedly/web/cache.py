"""What the web app keeps between requests: the corpus links (with the indexes the pages
use) and the results of corpus-wide queries, each valid while the store does not change
(:meth:`Store.fingerprint <reportedly.corpus.store.Store.fingerprint>`)."""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..corpus.links import corpus_links
from ..corpus.records import ClaimCluster, Contradiction, CopyLink, Story
from ..corpus.store import Store

T = TypeVar("T")


@dataclass
class Linked:
    """The corpus links, with indexes for the pages."""

    copies: list[CopyLink]
    stories: list[Story]
    clusters: list[ClaimCluster]
    contradictions: list[Contradiction]
    story_by_id: dict[str, Story] = field(default_factory=dict)
    story_of_article: dict[str, str] = field(default_factory=dict)
    clusters_by_story: dict[str, list[ClaimCluster]] = field(default_factory=dict)
    cluster_of_claim: dict[tuple[str, str], ClaimCluster] = field(default_factory=dict)
    contradicted: set[tuple[str, str]] = field(default_factory=set)
    copy_of: dict[str, str] = field(default_factory=dict)
    by_size: list[Story] = field(default_factory=list)  # most articles first

    def __post_init__(self) -> None:
        self.by_size = sorted(self.stories, key=lambda st: -len(st.articles))
        for st in self.stories:
            self.story_by_id[st.id] = st
            for aid in st.articles:
                self.story_of_article[aid] = st.id
        for cl in self.clusters:
            self.clusters_by_story.setdefault(cl.story, []).append(cl)
            for key in cl.claims:
                self.cluster_of_claim[(key[0], key[1])] = cl
        for k in self.contradictions:
            self.contradicted.add((k.claim_a[0], k.claim_a[1]))
            self.contradicted.add((k.claim_b[0], k.claim_b[1]))
        for c in self.copies:
            self.copy_of[c.article] = c.original


def compute_links(store: Store) -> Linked:
    """The corpus links of ``store`` (computed once per corpus state and kept in the store,
    see :func:`reportedly.corpus.links.corpus_links`)."""
    got = corpus_links(store)
    return Linked(list(got.copies), list(got.stories), list(got.clusters), list(got.contradictions))


class LinksCache:
    """Corpus links computed once per store state (:meth:`Store.fingerprint`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._value: Linked | None = None

    def get(self, store: Store) -> Linked:
        key = store.fingerprint()
        with self._lock:
            if self._value is None or self._key != key:
                self._value = compute_links(store)
                self._key = key
                # the links of a large corpus are millions of long-lived objects: move them
                # out of the collector's sight, or every full collection walks them all
                # (it doubled the p95 of /api/ask at 10,000 articles)
                gc.freeze()
            return self._value


class QueryCache:
    """Results of corpus-wide queries (top sources, entity lists...), kept while the store
    does not change (:meth:`Store.fingerprint`); at most ``size`` of them."""

    def __init__(self, size: int = 256) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._key: str | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, store: Store, key: Hashable, compute: Callable[[], T]) -> T:
        state = store.fingerprint()
        with self._lock:
            if state != self._key:
                self._values.clear()
                self._key = state
            if key in self._values:
                self._values.move_to_end(key)
                return cast(T, self._values[key])
        value = compute()
        with self._lock:
            if self._key == state:
                self._values[key] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value
