"""Corpus stages over many analyses: copies, stories, claim clusters, contradictions.

Pure functions over lists of :class:`~reportedly.records.Analysis`; no database.

    >>> links = find_copies(analyses)  # doctest: +SKIP
    >>> stories = cluster_stories(analyses, links)  # doctest: +SKIP
    >>> clusters, contradictions = link_claims(analyses, stories, links)  # doctest: +SKIP
"""

from __future__ import annotations

from .corroborate import (
    claim_chains,
    cluster_claims,
    find_contradictions,
    link_claims,
)
from .dedupe import NEAR_THRESHOLD, find_copies, originals, shingles, wire_credit
from .records import ClaimCluster, Contradiction, CopyLink, Story
from .stories import STORY_THRESHOLD, cluster_stories, similarity_matrix

__all__ = [
    "NEAR_THRESHOLD",
    "STORY_THRESHOLD",
    "ClaimCluster",
    "Contradiction",
    "CopyLink",
    "Story",
    "claim_chains",
    "cluster_claims",
    "cluster_stories",
    "find_contradictions",
    "find_copies",
    "link_claims",
    "originals",
    "shingles",
    "similarity_matrix",
    "wire_credit",
]
