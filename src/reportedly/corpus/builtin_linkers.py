"""The built-in corpus linkers: copies, stories, claim clusters, contradictions.

Each is a thin :class:`~.linker.Linker` over the pure function that does the work
(:func:`.dedupe.find_copies`, :func:`.stories.cluster_stories`,
:func:`.corroborate.cluster_claims`, :func:`.corroborate.find_contradictions`),
registered under the entry-point group ``reportedly.linkers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Analysis
from .corroborate import cluster_claims, find_contradictions
from .dedupe import find_copies
from .linker import Links
from .stories import cluster_stories


@dataclass(frozen=True)
class CopiesLinker:
    """Articles that copy another (wire copies, near duplicates)."""

    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("copies",)

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        links.copies = find_copies(analyses)


@dataclass(frozen=True)
class StoriesLinker:
    """Articles about the same story."""

    requires: tuple[str, ...] = ("copies",)
    assigns: tuple[str, ...] = ("stories",)

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        links.stories = cluster_stories(analyses, links.copies)


@dataclass(frozen=True)
class ClaimClustersLinker:
    """The same claim across the articles of a story, with its corroboration."""

    requires: tuple[str, ...] = ("copies", "stories")
    assigns: tuple[str, ...] = ("clusters",)

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        links.clusters = cluster_claims(analyses, links.stories, links.copies)


@dataclass(frozen=True)
class ContradictionsLinker:
    """Claims of one cluster that contradict each other."""

    requires: tuple[str, ...] = ("copies", "clusters")
    assigns: tuple[str, ...] = ("contradictions",)

    def link(self, analyses: Sequence[Analysis], links: Links) -> None:
        links.contradictions = find_contradictions(analyses, links.clusters, links.copies)


COPIES = CopiesLinker()
STORIES = StoriesLinker()
CLAIM_CLUSTERS = ClaimClustersLinker()
CONTRADICTIONS = ContradictionsLinker()
