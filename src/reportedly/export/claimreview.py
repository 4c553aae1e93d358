"""An answer as schema.org ClaimReview JSON-LD, the fact-check markup search engines read.

The fields follow schema.org's ``ClaimReview`` and the properties Google's fact-check
structured data requires or recommends:

- ``claimReviewed`` (required): the question the answer is about, as asked;
- ``url`` (required): the page hosting the review (the ask page or the claim's permalink
  when the caller gives it, else a stable ``urn:reportedly:ask:`` URN of the question);
- ``reviewRating`` (required): a ``Rating`` whose ``alternateName`` is the verdict
  (``confirmed``, ``reported``, ``no_evidence``...) and ``ratingExplanation`` why;
- ``author``: the reviewer, the ``Organization`` reportedly;
- ``datePublished``: when the review was made (today unless the caller gives a date);
- ``itemReviewed``: the ``Claim``, with its ``author`` (the speaker at the end of the
  earliest evidence's source chain, an ``Organization`` when that is the outlet itself or
  names an organisation, else a ``Person``), its ``datePublished`` (the earliest evidence's
  date), and every article that carries it as an ``appearance`` (a ``NewsArticle`` with
  url, headline, publisher and date), the earliest also as ``firstAppearance``.

No numeric ``ratingValue`` is given: verdicts are not points on one scale (``contested`` is
neither better nor worse than ``unconfirmed``), and Google shows only the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import lexicons

if TYPE_CHECKING:
    from ..ask.answer import Answer, Evidence

__all__ = ["REVIEWER", "UNATTRIBUTED", "to_claimreview"]

#: The reviewer named as the review's author.
REVIEWER = "reportedly"

#: The claim's author when no article in the corpus makes the claim.
UNATTRIBUTED = "unattributed (no article in the corpus makes the claim)"


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    """Head nouns of organisations (ministry, army, agency, group...) from the lexicons."""
    lex = lexicons.default()
    roles = lex.roles
    heads = roles.government_heads | roles.outlet_heads | roles.organisation_heads
    return frozenset(w.casefold() for w in heads | set(lex.words["organisation_nouns"]))


def _party(name: str, outlet: str | None) -> dict[str, Any]:
    """A claim's author as schema.org expects it (a Person or an Organization)."""
    low = name.casefold()
    words = {w.strip(".,'’") for w in low.split()}
    heads = _organisation_words()
    is_org = name == outlet or bool(words & heads) or any(" " in h and h in low for h in heads)
    return {"@type": "Organization" if is_org else "Person", "name": name}


def _earliest(evidence: Sequence[Evidence]) -> list[Evidence]:
    return sorted(evidence, key=lambda e: e.date or "9999")


def appearances(evidence: Sequence[Evidence]) -> list[dict[str, Any]]:
    """One NewsArticle per article that carries the claim, earliest first."""
    works: dict[str, dict[str, Any]] = {}
    for ev in _earliest(evidence):
        if ev.article in works:
            continue
        work: dict[str, Any] = {"@type": "NewsArticle", "identifier": ev.article}
        if ev.url:
            work["url"] = ev.url
        if ev.title:
            work["headline"] = ev.title
        if ev.outlet:
            work["publisher"] = {"@type": "Organization", "name": ev.outlet}
        if ev.date:
            work["datePublished"] = ev.date
        works[ev.article] = work
    return list(works.values())


def claim_author(evidence: Sequence[Evidence]) -> dict[str, Any]:
    """Who first made the claim: the speaker of the earliest evidence (the end of its chain),
    else its outlet; an unattributed claim when no article makes it."""
    for ev in _earliest(evidence):
        name = ev.chain[-1] if ev.chain else (ev.voice or ev.outlet)
        if name:
            return _party(name, ev.outlet)
    return {"@type": "Thing", "name": UNATTRIBUTED}


def to_claimreview(
    ans: Answer, url: str | None = None, published: str | None = None
) -> dict[str, Any]:
    """schema.org ClaimReview JSON-LD for ``ans`` (see the module docstring for the fields);
    ``url`` is the page hosting the review, ``published`` its date (YYYY-MM-DD)."""
    digest = hashlib.sha256(ans.question.encode("utf-8")).hexdigest()[:16]
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": claim_author(ans.evidence),
        "appearance": appearances(ans.evidence),
    }
    dates = sorted(ev.date for ev in ans.evidence if ev.date)
    if dates:
        item["datePublished"] = dates[0]
    if item["appearance"]:
        item["firstAppearance"] = item["appearance"][0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url or f"urn:reportedly:ask:{digest}",
        "datePublished": published or date.today().isoformat(),
        "claimReviewed": ans.question,
        "author": {"@type": "Organization", "name": REVIEWER},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": ans.verdict,
            "ratingExplanation": ans.explanation,
        },
        "itemReviewed": item,
    }
