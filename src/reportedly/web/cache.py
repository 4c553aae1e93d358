"""What the web app keeps between requests: a view of the corpus links that reads their
rows as pages ask for them, and the results of corpus-wide queries, each valid while the
store does not change (:meth:`Store.fingerprint <reportedly.corpus.store.Store.fingerprint>`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar, cast

from ..corpus.link_rows import (
    LinkCounts,
    StoryRows,
    link_counts,
    originals_of_articles,
    read_contradictions,
    read_stories_by_id,
    stories_of_articles,
    story_ids_by_size,
)
from ..corpus.links import ensure_links
from ..corpus.records import ClaimCluster, Contradiction, Story
from ..corpus.store import Store

T = TypeVar("T")


class LinkView:
    """The corpus links of one store state, read from the link rows as pages ask for them
    (:mod:`reportedly.corpus.link_rows`): what it keeps grows with what was asked, not
    with the corpus, but for the story ids by size (for the story list) and, once asked
    for, the list of contradictions.

    The rows are brought up to date when the view is made (:func:`ensure_links`)."""

    def __init__(self, store: Store, *, max_stories: int = 1024) -> None:
        ensure_links(store)
        self._store = store
        self._lock = threading.Lock()
        self._max = max_stories
        self._stories: OrderedDict[str, StoryRows | None] = OrderedDict()
        self._by_size: list[str] | None = None
        self._counts: LinkCounts | None = None
        self._contradictions: list[Contradiction] | None = None

    # ------------------------------------------------------------------ stories

    def counts(self) -> LinkCounts:
        """How many stories, copy links and contradictions there are."""
        if self._counts is None:
            self._counts = link_counts(self._store)
        return self._counts

    def by_size(self, offset: int, limit: int) -> list[Story]:
        """A page of the stories, most articles first."""
        if self._by_size is None:
            self._by_size = story_ids_by_size(self._store)
        ids = self._by_size[offset : offset + limit]
        got = self.stories(ids)
        return [got[i][0] for i in ids if i in got]

    def stories(self, ids: Sequence[str]) -> dict[str, StoryRows]:
        """The stories of ``ids`` that exist, with their clusters and contradictions."""
        with self._lock:
            known = {i: self._stories[i] for i in ids if i in self._stories}
            for i in known:
                self._stories.move_to_end(i)
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            read = read_stories_by_id(self._store, missing)
            with self._lock:
                for i in missing:
                    known[i] = self._stories[i] = read.get(i)
                while len(self._stories) > self._max:
                    self._stories.popitem(last=False)
        return {i: got for i, got in known.items() if got is not None}

    def story(self, story_id: str) -> StoryRows | None:
        """One story with its claim clusters and contradictions, or None."""
        return self.stories([story_id]).get(story_id)

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The story of each of ``article_ids`` that is in one."""
        return stories_of_articles(self._store, article_ids)

    def copy_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The original of each of ``article_ids`` that is a copy."""
        return originals_of_articles(self._store, article_ids)

    # ------------------------------------------------------------------ claims

    def claim_clusters(
        self, keys: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], ClaimCluster]:
        """The claim cluster of each of ``keys`` (article id, claim id) that is in one."""
        wanted = set(keys)
        story_of = self.story_of(a for a, _ in wanted)
        out: dict[tuple[str, str], ClaimCluster] = {}
        for _, clusters, _ in self.stories(list(dict.fromkeys(story_of.values()))).values():
            for cl in clusters:
                for a, c in cl.claims:
                    if (a, c) in wanted:
                        out[(a, c)] = cl
        return out

    def contradicted(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Those of ``keys`` that a contradiction has on one of its sides."""
        wanted = set(keys)
        story_of = self.story_of(a for a, _ in wanted)
        out: set[tuple[str, str]] = set()
        for _, _, against in self.stories(list(dict.fromkeys(story_of.values()))).values():
            for k in against:
                out |= {
                    key
                    for key in ((k.claim_a[0], k.claim_a[1]), (k.claim_b[0], k.claim_b[1]))
                    if key in wanted
                }
        return out

    def contradictions(self) -> list[Contradiction]:
        """Every contradiction, in story order (read once, then kept)."""
        if self._contradictions is None:
            self._contradictions = read_contradictions(self._store)
        return self._contradictions


class LinksCache:
    """The :class:`LinkView` of the store's current state (:meth:`Store.fingerprint`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: str | None = None
        self._value: LinkView | None = None

    def get(self, store: Store) -> LinkView:
        key = store.fingerprint()
        with self._lock:
            if self._value is None or self._key != key:
                self._value = LinkView(store)
                self._key = key
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
