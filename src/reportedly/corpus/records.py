"""Records that link analyses across a corpus: copies, stories, claim clusters, contradictions.

Identifiers are the ids of the records they link: ``Article.id`` for articles and
``Claim.id`` (unique within its article) for claims, so a claim across a corpus is
the pair ``(article id, claim id)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..records import to_dict

CopyKind = Literal["exact", "near", "wire"]

#: Prefix of ``CopyLink.original`` when the original is a wire story outside the corpus.
WIRE_PREFIX = "wire:"


@dataclass
class CopyLink:
    """``article`` is a copy of ``original`` (syndication).

    ``original`` is the id of the earlier-published (or first-seen) article, or
    ``"wire:<agency>"`` when the article credits a wire service in its dateline
    ("(Reuters) —") and the wire story itself is not in the corpus.
    ``similarity`` is the exact Jaccard similarity of word 5-shingles (1.0 for
    exact copies; for wire copies without an original, 1.0 by convention).
    """

    article: str
    original: str
    similarity: float
    exact: bool
    kind: CopyKind = "near"

    def to_dict(self) -> dict[str, Any]:
        return dict(to_dict(self))


@dataclass
class Story:
    """Articles about the same happening."""

    id: str
    articles: list[str]
    title: str | None = None
    entities: list[str] = field(default_factory=list)  # most shared canonical names first
    copies: list[str] = field(default_factory=list)  # the articles in ``articles`` that are copies

    def to_dict(self) -> dict[str, Any]:
        return dict(to_dict(self))


@dataclass
class ClaimCluster:
    """The same claim made in several articles of one story.

    ``chains`` holds the independent source chains, each a list of source names
    from the first cited source to the original speaker (or ``[outlet]`` when an
    outlet asserts the claim in its own voice); ``corroboration`` is their number.
    """

    id: str
    story: str
    claims: list[tuple[str, str]]  # (article id, claim id)
    chains: list[list[str]] = field(default_factory=list)
    corroboration: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    text: str = ""  # the text of the first claim, for display

    def to_dict(self) -> dict[str, Any]:
        """:func:`~reportedly.records.to_dict` of the cluster, written out (a corpus has a
        cluster per claim: the generic walk was a fifth of an incremental link)."""
        return {
            "id": self.id,
            "story": self.story,
            "claims": [[str(a), str(c)] for a, c in self.claims],
            "chains": [list(chain) for chain in self.chains],
            "corroboration": self.corroboration,
            "statuses": {str(k): v for k, v in self.statuses.items()},
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimCluster:
        """The cluster of :meth:`to_dict` (claims as ``(article id, claim id)`` tuples)."""
        return cls(
            id=str(data["id"]),
            story=str(data["story"]),
            claims=[(str(a), str(c)) for a, c in data["claims"]],
            chains=[[str(x) for x in chain] for chain in data.get("chains", [])],
            corroboration=int(data.get("corroboration", 0)),
            statuses={str(k): int(v) for k, v in data.get("statuses", {}).items()},
            text=str(data.get("text", "")),
        )


@dataclass
class Contradiction:
    """Two claims of one cluster that cannot both hold: opposite polarity, or a denial."""

    cluster_a: str
    claim_a: tuple[str, str]
    claim_b: tuple[str, str]
    reason: Literal["polarity", "denial"]

    def to_dict(self) -> dict[str, Any]:
        return dict(to_dict(self))
