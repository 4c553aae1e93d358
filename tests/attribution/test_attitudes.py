"""Attitude adjectives as belief frames (stages/attribution/attitudes.py) and the
auxiliary in the cue of "have expressed concern that"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.stages.attribution.attitudes import attitude_frames
from reportedly.stages.attribution.noun_frames import speculation_frames

Reader = Callable[[str], tuple[Lexicons, Document]]


def _cues(lexicons: Lexicons, state: Document, finder: Callable[..., list]) -> list[str]:  # type: ignore[type-arg]
    out = []
    for sent in state.sentences:
        doc = sent.span.doc
        for frame in finder(lexicons, sent):
            out.append(" ".join(doc[i].text for i in frame.cue))
    return out


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The harbour master is convinced that the pier will hold.", "is convinced"),
        ("Many fishermen are afraid that the quotas will be cut.", "are afraid"),
        ("The growers have remained confident that prices would rise.", "have remained confident"),
    ],
)
def test_an_attitude_adjective_with_a_that_clause_is_a_belief_frame(
    read: Reader, text: str, cue: str
) -> None:
    lexicons, state = read(text)
    assert _cues(lexicons, state, attitude_frames) == [cue]


@pytest.mark.parametrize(
    "text",
    [
        "It is certain that the pier will hold.",  # nobody holds it
        "I am sure that the pier will hold.",  # the speaker's own hedge
        "The harbour master was sure of it.",  # no that-clause
        "The harbour master is tall.",
    ],
)
def test_no_belief_frame_without_a_holder_and_a_clause(read: Reader, text: str) -> None:
    lexicons, state = read(text)
    assert _cues(lexicons, state, attitude_frames) == []


def test_the_held_clause_is_speculative_with_its_holder_as_source(read: Reader) -> None:
    import reportedly
    from reportedly.read import load_article

    analysis = reportedly.analyze(
        load_article("Many fishermen are afraid that the quotas will be cut.", fmt="text")
    )
    assert [(c.text, c.status, [s.name for s in c.source_chain]) for c in analysis.claims] == [
        ("the quotas will be cut", "speculative", ["Many fishermen"])
    ]


def test_expressed_concern_keeps_its_auxiliary_in_the_cue(read: Reader) -> None:
    lexicons, state = read("The growers have expressed concern that prices would fall.")
    assert _cues(lexicons, state, speculation_frames) == ["have expressed concern"]


def test_doubt_is_no_belief(read: Reader) -> None:
    lexicons, state = read("Some growers remain skeptical that prices will recover.")
    assert _cues(lexicons, state, attitude_frames) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The harbour is widely seen as the key to the region.", "hedged"),
        ("The pilot has been viewed by some crews as the most careful.", "hedged"),
        ("The trawler was seen off the coast.", "asserted"),  # seeing, not assessing
        ("The skipper was considered for the post.", "asserted"),
    ],
)
def test_an_assessment_in_the_passive_is_hedged(text: str, status: str) -> None:
    import reportedly
    from reportedly.read import load_article

    claims = reportedly.analyze(load_article(text, fmt="text")).claims
    assert [c.status for c in claims] == [status]
