"""The built-in corpus linkers: copies, stories, claim clusters, contradictions.

Each is a :class:`~.linker.FunctionLinker` over the pure function that does the work
(:func:`.dedupe.find_copies`, :func:`.stories.cluster_stories`,
:func:`.corroborate.cluster_claims`, :func:`.corroborate.find_contradictions`),
registered under the entry-point group ``reportedly.linkers``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Analysis
from .corroborate import cluster_claims, find_contradictions
from .dedupe import find_copies
from .linker import FunctionLinker, Links
from .stories import cluster_stories


def _copies(analyses: Sequence[Analysis], links: Links) -> None:
    links.copies = find_copies(analyses)


def _stories(analyses: Sequence[Analysis], links: Links) -> None:
    links.stories = cluster_stories(analyses, links.copies)


def _clusters(analyses: Sequence[Analysis], links: Links) -> None:
    links.clusters = cluster_claims(analyses, links.stories, links.copies)


def _contradictions(analyses: Sequence[Analysis], links: Links) -> None:
    links.contradictions = find_contradictions(analyses, links.clusters, links.copies)


#: Articles that copy another (wire copies, near duplicates).
COPIES = FunctionLinker((), ("copies",), _copies)
#: Articles about the same story.
STORIES = FunctionLinker(("copies",), ("stories",), _stories)
#: The same claim across the articles of a story, with its corroboration.
CLAIM_CLUSTERS = FunctionLinker(("copies", "stories"), ("clusters",), _clusters)
#: Claims of one cluster that contradict each other.
CONTRADICTIONS = FunctionLinker(("copies", "clusters"), ("contradictions",), _contradictions)

#: The built-in linkers.
BUILTIN_LINKERS: tuple[FunctionLinker, ...] = (COPIES, STORIES, CLAIM_CLUSTERS, CONTRADICTIONS)
#: The fields of an Analysis no built-in linker reads (left out when only they link).
UNREAD_FIELDS: tuple[str, ...] = ("attributions", "hedges", "notices")
