"""Speaker labels that open a paragraph ("TAPPER: ...", "Harbour chief: ...") as
attribution records (stages/speaker_labels.py), on paragraphs written for these tests."""

from __future__ import annotations

import pytest

import reportedly
from reportedly.records import Analysis


def _analyse(text: str) -> Analysis:
    return reportedly.analyze(reportedly.read.load_article(text, fmt="text"))


def _labels(analysis: Analysis) -> list[tuple[str, str, str]]:
    text = analysis.article.text
    out = []
    for a in analysis.attributions:
        if a.kind != "label":
            continue
        (src,) = a.sources
        assert src.start is not None
        assert src.end is not None
        out.append((text[src.start : src.end], a.cue.text, text[a.content_start : a.content_end]))
    return out


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "OKAFOR: The ferries will run until midnight.",
            "OKAFOR",
            "The ferries will run until midnight",
        ),
        (
            "Ana Ruiz: Nobody asked the fishermen. They will pay for it.",
            "Ana Ruiz",
            "Nobody asked the fishermen. They will pay for it",
        ),
    ],
)
def test_a_speaker_label_is_an_attribution(text: str, speaker: str, content: str) -> None:
    assert _labels(_analyse(text)) == [(speaker, ":", content)]


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: The ferries will run until midnight.",
        "Paris: the ferries will run until midnight.",
        "The mayor said one thing: the ferries will run until midnight.",
        "The ferries run late. Okafor: they will run until midnight.",
        "The Latest: the ferries will run until midnight.",
        "Clarification: the ferries will run until midnight.",
        "Pride Before The Storm: the ferries will run until midnight.",  # headline case
    ],
)
def test_no_speaker_label(text: str) -> None:
    assert _labels(_analyse(text)) == []
