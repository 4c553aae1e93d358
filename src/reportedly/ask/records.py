"""The records of an answer: the evidence for a part, a part's answer, the question's answer.

>>> from reportedly.ask.records import VERDICTS
>>> VERDICTS[0]
'confirmed'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..export.claimreview import to_claimreview as _claimreview
from .verdict import policy

__all__ = ["VERDICTS", "Answer", "Evidence", "PartAnswer"]

#: Verdicts, strongest first (``verdicts.yaml``).
VERDICTS = policy().verdicts


@dataclass
class Evidence:
    """One claim that bears on a part, with where it comes from."""

    article: str
    claim: str
    outlet: str | None
    date: str | None  # the article's publication date
    event_date: str | None  # the date of the matched event, when known
    sentence: str
    text: str
    status: str
    polarity: str
    source_chain: list[str]
    chain: list[str]  # the chain beyond the outlet, or [voice] when asserted
    voice: str
    url: str | None = None
    title: str | None = None
    start: int = 0
    end: int = 0
    events: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # answer values this claim gives
    #: found only by lexical backoff: the claim names the action or objects by words the
    #: static word vectors found near the question's, not by its own (verdicts.yaml)
    backoff: bool = False


@dataclass
class PartAnswer:
    about: str
    actor: str | None
    action: str
    families: list[str]
    target: str | None
    verdict: str
    evidence: list[Evidence] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    time: str | None = None
    polarity: str = "positive"
    explanation: str = ""
    #: the evidence for the part and the evidence against it (denials, negated frames)
    supporting: list[Evidence] = field(default_factory=list)
    against: list[Evidence] = field(default_factory=list)
    #: denials in the corpus of the part's people and action that are not its evidence:
    #: they keep the part from "confirmed" (``verdicts.yaml``: near_denial)
    nearby_against: list[Evidence] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    verdict: str
    parts: list[PartAnswer]
    explanation: str
    evidence: list[Evidence]
    counts: dict[str, int]
    missing: list[str]
    kind: str = "yesno"
    combine: str = "single"
    #: names of the question no stored article names (answer_store only): W008 notices
    unknown_names: list[str] = field(default_factory=list)

    @property
    def answers(self) -> list[str]:
        return list(dict.fromkeys(a for p in self.parts for a in p.answers))

    def to_dict(self) -> dict[str, Any]:
        from ..records import to_dict

        data: dict[str, Any] = to_dict(self)
        data["answers"] = self.answers
        return data

    def to_claimreview(
        self, url: str | None = None, published: str | None = None
    ) -> dict[str, Any]:
        """schema.org ClaimReview JSON-LD for this answer, with the fields fact-check markup
        requires: the review's ``url`` (a stable URN of the question unless the page hosting it
        is given), ``datePublished`` (today unless given), ``author``, ``itemReviewed`` (the
        claim, with its author, its first date and where it appeared) and ``reviewRating``
        with the verdict as ``alternateName``."""
        return _claimreview(self, url, published)
