"""The frames pass alone (stages/attribution/frames.py): what frames a sentence sets up."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.stages.attribution.frames import dangling_frames, sentence_frames

Reader = Callable[[str], tuple[Lexicons, Document]]


def _frames(read: Reader, text: str) -> list[tuple[str, list[str], list[str], str | None]]:
    lexicons, state = read(text)
    sent = state.sentences[0]
    doc = sent.span.doc
    return [
        (
            f.kind,
            [doc[i].text for i in f.cue],
            [doc[i].text for i in f.sources],
            None if f.content is None else doc[f.content].text,
        )
        for f in sentence_frames(lexicons, state, sent)
    ]


def test_speech_verb_frames_its_complement(read: Reader) -> None:
    got = _frames(read, "The harbour master said that the ferries would sail again on Monday.")
    assert got == [("speech", ["said"], ["master"], "sail")]


def test_according_to_is_an_adjunct_frame(read: Reader) -> None:
    lexicons, state = read("According to the port authority, the ferries will sail on Monday.")
    sent = state.sentences[0]
    (frame,) = sentence_frames(lexicons, state, sent)
    doc = sent.span.doc
    assert frame.kind == "according"
    assert frame.content is None
    assert frame.anchor is not None
    assert doc[frame.anchor].text == "sail"
    assert [doc[i].text for i in frame.sources] == ["authority"]


def test_expletive_passive_has_no_source(read: Reader) -> None:
    assert _frames(read, "It is said that the old mine was sold.") == [
        ("passive", ["It", "is", "said"], [], "sold")
    ]


def test_denial_of_a_claim_is_a_stance_on_a_noun_phrase(read: Reader) -> None:
    lexicons, state = read("The ministry rejected the claims.")
    (frame,) = sentence_frames(lexicons, state, state.sentences[0])
    assert frame.kind == "denial"
    assert frame.np_content


def test_a_verb_that_frames_nothing_is_no_frame(read: Reader) -> None:
    assert _frames(read, "The ferry sailed at noon.") == []


def test_dangling_frames_are_dropped_away_from_a_quotation(read: Reader) -> None:
    lexicons, state = read("She said.")
    frames = sentence_frames(lexicons, state, state.sentences[0])
    assert [f.kind for f in frames] == ["dangling"]
    kept, dangling = dangling_frames(state, 0, frames)
    assert kept == []
    assert dangling == []
