"""Claims named by a noun and owned by a source (stages/attribution/owned_claims.py), on
sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

ClaimsOf = Callable[[str], list[tuple[str, str, list[str]]]]


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "The coastguard's claim that the trawler sank in minutes could not be verified.",
            "the trawler sank in minutes",
            "coastguard",
        ),
        (
            "The port authority stood by its statement that the cranes were safe.",
            "the cranes were safe",
            "port authority",
        ),
        (
            "The warning by the union that the mill would close drew a reply.",
            "the mill would close",
            "union",
        ),
        (  # the parser hangs the clause from "sticking"
            "Officials were sticking by their claims that the barge was empty.",
            "the barge was empty",
            "unnamed officials",
        ),
    ],
)
def test_an_owned_claim_is_reported_by_its_owner(
    text: str, content: str, source: str, claims_of: ClaimsOf
) -> None:
    found = [c for c in claims_of(text) if c[0] == content]
    assert found, claims_of(text)
    assert found[0][2] == [source]
    assert found[0][1] in ("reported", "hedged")


def test_a_pronoun_owner_without_a_named_subject_is_no_source(claims_of: ClaimsOf) -> None:
    claims = claims_of("It was his claim that the barge was empty.")
    assert not any("his" in c[2] or "It" in c[2] for c in claims), claims


def test_a_denied_owned_claim_stays_denied(claims_of: ClaimsOf) -> None:
    claims = claims_of("The navy denied the coastguard's claim that the trawler had sunk.")
    found = [c for c in claims if c[0] == "the trawler had sunk"]
    assert found, claims
    assert found[0][1] == "denied", claims


@pytest.mark.parametrize(
    ("text", "status", "source"),
    [
        ("The port authority put the number of missing crew at six.", "reported", "port authority"),
        ("Rescuers had earlier given a toll of 12.", "hedged", "unnamed rescuers"),
        ("Harbour officials placed the blame on the pilot.", "hedged", "Harbour officials"),
    ],
)
def test_a_figure_or_blame_given_is_its_giver_s_claim(
    text: str, status: str, source: str, claims_of: ClaimsOf
) -> None:
    ((_, got_status, sources),) = claims_of(text)
    assert (got_status, sources) == (status, [source])


def test_putting_a_thing_somewhere_is_no_claim_of_a_source(claims_of: ClaimsOf) -> None:
    assert claims_of("The crew put the crates on the quay.")[0][1:] == ("asserted", [])
