"""A denial of a report rejects what the report says: "X denied reports that Y", "rejected
claims that Y", "dismissed reports of Y" give the claim Y, denied, with X as its source."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import reportedly
from reportedly.read import load_article

ClaimsOf = Callable[[str], list[tuple[str, str, list[str]]]]


@pytest.mark.parametrize(
    ("text", "claim", "source"),
    [
        (
            "The trade minister denied reports that the steel plant would close.",
            "the steel plant would close",
            "trade minister",
        ),
        (
            "The ministry rejected claims that its troops had crossed the river.",
            "its troops had crossed the river",
            "ministry",
        ),
        (
            "The bank dismissed reports of a merger with its largest rival.",
            "a merger with its largest rival",
            "bank",
        ),
        (
            "The council dismissed as false the reports that the library would be sold.",
            "the library would be sold",
            "council",
        ),
    ],
)
def test_the_rejected_proposition_is_the_denied_claim(
    text: str, claim: str, source: str, claims_of: ClaimsOf
) -> None:
    got = claims_of(text)
    assert (claim, "denied", [source]) in got
    assert not any(c[0] == text.rstrip(".") for c in got)  # not the whole sentence


def test_a_reported_denial_of_a_report_is_denied(claims_of: ClaimsOf) -> None:
    text = "The club said it rejected claims of a secret deal with the league."
    got = claims_of(text)
    # the club said that it (the club) rejected them: the club at both levels
    assert ("a secret deal with the league", "denied", ["club", "club"]) in got
    assert ("it rejected claims of a secret deal with the league", "denied", ["club"]) in got


def test_rejecting_a_request_is_no_denial(claims_of: ClaimsOf) -> None:
    (got,) = claims_of("The mayor rejected calls for a new stadium.")
    assert got[1] != "denied"


def test_a_report_without_its_content_stays_a_denial_of_the_clause(claims_of: ClaimsOf) -> None:
    assert claims_of("The trade minister denied the reports.") == [
        ("The trade minister denied the reports", "denied", ["trade minister"])
    ]


def test_the_attribution_record_keeps_the_reports_words() -> None:
    text = "The trade minister denied reports that the steel plant would close."
    analysis = reportedly.analyze(load_article(text, fmt="text"))
    (att,) = [a for a in analysis.attributions if a.kind == "denial"]
    assert text[att.content_start : att.content_end] == "reports that the steel plant would close"
