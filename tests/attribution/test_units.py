"""The units pass alone (stages/attribution/units.py): how a sentence is cut into claims."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.stages.attribution.frames import sentence_frames
from reportedly.stages.attribution.units import cut_units

Reader = Callable[[str], tuple[Lexicons, Document]]


def _units(read: Reader, text: str) -> list[tuple[str, str, int | None]]:
    lexicons, state = read(text)
    sent = state.sentences[0]
    frames = [f for f in sentence_frames(lexicons, state, sent) if not f.np_content]
    cut = cut_units(lexicons, sent, 0, frames)
    return [(u.kind, text[u.start : u.end], u.parent) for u in cut.units]


def test_a_frame_that_only_says_who_spoke_gives_its_content(read: Reader) -> None:
    got = _units(read, "The harbour master said that the ferries would sail again on Monday.")
    assert got == [("content", "the ferries would sail again on Monday", None)]


def test_a_concessive_clause_is_a_claim_of_its_own(read: Reader) -> None:
    got = _units(read, "While the council approved the budget, residents said it was too costly.")
    assert got == [
        ("clause", "While the council approved the budget", None),
        ("content", "it was too costly", None),
    ]


def test_a_nested_content_is_the_child_of_the_content_it_sits_in(read: Reader) -> None:
    got = _units(read, "Reuters reported that the minister said the deal was off.")
    assert got == [
        ("content", "the minister said the deal was off", None),
        ("content", "the deal was off", 0),
    ]


def test_a_plain_sentence_is_one_clause(read: Reader) -> None:
    assert _units(read, "The ferry sailed at noon.") == [
        ("clause", "The ferry sailed at noon", None)
    ]
