"""The chains pass alone (stages/attribution/chains.py): each unit's sources in its sentence."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.records import Attribution
from reportedly.stages.attribution.chains import unit_chains
from reportedly.stages.attribution.frames import sentence_frames
from reportedly.stages.attribution.units import cut_units

Reader = Callable[[str], tuple[Lexicons, Document]]


def _chains(read: Reader, text: str) -> tuple[list[list[tuple[str, int]]], list[Attribution]]:
    lexicons, state = read(text)
    sent = state.sentences[0]
    frames = [f for f in sentence_frames(lexicons, state, sent) if not f.np_content]
    cut = cut_units(lexicons, sent, 0, frames)
    found: list[tuple[Attribution, int | None]] = []
    unit_chains(lexicons, state, sent, cut, found)
    return [[(s.name, s.level) for s in u.sources] for u in cut.units], [a for a, _ in found]


def test_a_nested_speaker_is_one_level_deeper(read: Reader) -> None:
    chains, found = _chains(read, "Reuters reported that the minister said the deal was off.")
    assert chains == [[("Reuters", 1)], [("Reuters", 1), ("minister", 2)]]
    assert [a.kind for a in found] == ["speech", "speech"]


def test_an_adjunct_frame_gives_the_clause_its_source(read: Reader) -> None:
    chains, found = _chains(
        read, "According to the port authority, the ferries will sail on Monday."
    )
    assert chains == [[("port authority", 1)]]
    assert [a.kind for a in found] == ["according"]


def test_a_passive_report_has_a_hedge_cue_and_no_record(read: Reader) -> None:
    lexicons, state = read("It is said that the old mine was sold.")
    sent = state.sentences[0]
    cut = cut_units(lexicons, sent, 0, sentence_frames(lexicons, state, sent))
    found: list[tuple[Attribution, int | None]] = []
    unit_chains(lexicons, state, sent, cut, found)
    (unit,) = cut.units
    assert unit.sources == []
    assert [c.kind for c in unit.cues] == ["hedge"]
    assert found == []
