"""Corpus links (copies, stories, claim clusters, contradictions), computed once per corpus state.

Linking reads every stored analysis, so it is done once after the corpus changes and kept
in the store (``corpus_links``, keyed by :meth:`Store.fingerprint`); ``stories``,
``contradictions``, the web pages and the Python API read that copy. ``reportedly ingest``
refreshes it at the end of a run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..records import from_dict
from .corroborate import link_claims
from .dedupe import find_copies
from .records import ClaimCluster, Contradiction, CopyLink, Story
from .stories import cluster_stories

if TYPE_CHECKING:
    from .store import Store


@dataclass
class Links:
    """Everything that links the articles of a corpus."""

    copies: list[CopyLink] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    clusters: list[ClaimCluster] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "copies": [c.to_dict() for c in self.copies],
            "stories": [s.to_dict() for s in self.stories],
            "clusters": [c.to_dict() for c in self.clusters],
            "contradictions": [c.to_dict() for c in self.contradictions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Links:
        clusters = [from_dict(ClaimCluster, c) for c in data.get("clusters", [])]
        for c in clusters:
            c.claims = [(str(a), str(b)) for a, b in c.claims]
        contradictions = [from_dict(Contradiction, c) for c in data.get("contradictions", [])]
        for k in contradictions:
            k.claim_a = (str(k.claim_a[0]), str(k.claim_a[1]))
            k.claim_b = (str(k.claim_b[0]), str(k.claim_b[1]))
        return cls(
            copies=[from_dict(CopyLink, c) for c in data.get("copies", [])],
            stories=[from_dict(Story, s) for s in data.get("stories", [])],
            clusters=clusters,
            contradictions=contradictions,
        )

    def story_of(self, article_id: str) -> Story | None:
        return next((s for s in self.stories if article_id in s.articles), None)


def compute_links(store: Store) -> Links:
    """Link every stored article (no cache)."""
    analyses = list(store.analyses())
    copies = find_copies(analyses)
    stories = cluster_stories(analyses, copies)
    clusters, contradictions = link_claims(analyses, stories, copies)
    return Links(copies, stories, clusters, contradictions)


def corpus_links(store: Store, *, refresh: bool = False) -> Links:
    """The links of the store as it is now: the stored copy when the corpus has not
    changed since it was computed, else computed and stored."""
    fingerprint = store.fingerprint()
    if not refresh:
        cached = store.load_links(fingerprint)
        if cached is not None:
            return Links.from_dict(json.loads(cached))
    links = compute_links(store)
    store.save_links(fingerprint, json.dumps(links.to_dict(), ensure_ascii=False))
    return links
