"""ClaimReview JSON-LD: valid JSON-LD (expanded with pyld, offline) whose nodes carry the
properties schema.org's ClaimReview and Google's fact-check markup require."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.ask.answer import Answer, Evidence, answer
from reportedly.export.claimreview import UNATTRIBUTED, to_claimreview
from reportedly.records import Analysis

jsonld = pytest.importorskip("pyld.jsonld")

S = "https://schema.org/"
# schema.org's context maps every term to the vocabulary; expanding with it offline (no
# fetch of schema.org) turns each key into the full property IRI it stands for
CONTEXT = {"@context": {"@vocab": S}}


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def _expand(doc: dict[str, Any]) -> dict[str, Any]:
    expanded = jsonld.expand(doc, {"documentLoader": _loader})
    assert len(expanded) == 1
    node: dict[str, Any] = expanded[0]
    return node


def _one(node: dict[str, Any], prop: str) -> Any:
    values = node.get(S + prop)
    assert values, f"{prop} missing"
    return values[0]


def _value(node: dict[str, Any], prop: str) -> Any:
    return _one(node, prop)["@value"]


def _evidence(article: str, date: str, chain: list[str], outlet: str) -> Evidence:
    return Evidence(
        article=article,
        claim="c1",
        outlet=outlet,
        date=date,
        event_date=None,
        sentence="The port reopened on Monday, the transport ministry said.",
        text="The port reopened on Monday",
        status="reported",
        polarity="positive",
        source_chain=[outlet, *chain],
        chain=chain,
        voice=outlet,
        url=f"https://news.example/{article}",
        title="Port reopens",
    )


def _answer(evidence: list[Evidence]) -> Answer:
    return Answer(
        question="Did the port reopen?",
        verdict="reported",
        parts=[],
        explanation="one named source reports it",
        evidence=evidence,
        counts={},
        missing=[],
    )


def test_claimreview_expands_as_jsonld_with_the_required_fields() -> None:
    ans = _answer(
        [
            _evidence("b", "2025-03-04", ["the transport ministry"], "Daily Example"),
            _evidence("a", "2025-03-02", ["Ana Petrova"], "Example Wire"),
        ]
    )
    review = to_claimreview(ans, url="https://host.example/ask?q=port", published="2025-03-05")
    node = _expand(review)
    assert node["@type"] == [S + "ClaimReview"]
    assert _value(node, "claimReviewed") == "Did the port reopen?"
    assert _one(node, "url")["@value"] == "https://host.example/ask?q=port"
    assert _value(node, "datePublished") == "2025-03-05"
    author = _one(node, "author")
    assert author["@type"] == [S + "Organization"]
    assert _value(author, "name") == "reportedly"
    rating = _one(node, "reviewRating")
    assert rating["@type"] == [S + "Rating"]
    assert _value(rating, "alternateName") == "reported"
    item = _one(node, "itemReviewed")
    assert item["@type"] == [S + "Claim"]
    assert _value(item, "datePublished") == "2025-03-02"  # the earliest appearance
    claimant = _one(item, "author")
    assert (claimant["@type"], _value(claimant, "name")) == ([S + "Person"], "Ana Petrova")
    works = item[S + "appearance"]
    assert [_value(w, "identifier") for w in works] == ["a", "b"]
    first = _one(item, "firstAppearance")
    assert first["@type"] == [S + "NewsArticle"]
    assert _value(_one(first, "publisher"), "name") == "Example Wire"
    assert _value(first, "url") == "https://news.example/a"


def test_an_organisation_source_is_an_organization() -> None:
    ans = _answer([_evidence("b", "2025-03-04", ["the transport ministry"], "Daily Example")])
    claimant = to_claimreview(ans)["itemReviewed"]["author"]
    assert claimant == {"@type": "Organization", "name": "the transport ministry"}


def test_an_outlet_in_its_own_voice_is_an_organization() -> None:
    ans = _answer([_evidence("b", "2025-03-04", [], "Daily Example")])
    claimant = to_claimreview(ans)["itemReviewed"]["author"]
    assert claimant == {"@type": "Organization", "name": "Daily Example"}


def test_no_evidence_still_expands_with_an_unattributed_claim() -> None:
    review = to_claimreview(_answer([]))
    node = _expand(review)
    item = _one(node, "itemReviewed")
    assert _value(_one(item, "author"), "name") == UNATTRIBUTED
    assert S + "datePublished" not in item
    assert review["url"].startswith("urn:reportedly:ask:")


def test_the_answer_method_and_the_exporter_agree(seed_analysis: Analysis) -> None:
    ans = answer("Who visited Assad in Damascus?", [seed_analysis])
    assert ans.to_claimreview(published="2024-12-09") == to_claimreview(ans, published="2024-12-09")
    node = _expand(ans.to_claimreview())
    assert _value(_one(node, "reviewRating"), "alternateName") == ans.verdict
