"""The quotation and cue passes alone (stages/attribution/quotes.py, cues.py)."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document, Unit
from reportedly.records import Cue
from reportedly.stages.attribution.carry import carry
from reportedly.stages.attribution.cues import cue_phrase
from reportedly.stages.attribution.quotes import quote_speakers

Reader = Callable[[str], tuple[Lexicons, Document]]
UnitsOf = Callable[[Lexicons, Document], list[Unit]]


def test_a_quotations_we_is_its_speaker(read: Reader, units_of: UnitsOf) -> None:
    text = 'The mayor said: "The bridge is safe. We checked every cable."'
    lexicons, state = read(text)
    units = units_of(lexicons, state)
    quote_speakers(state, units, carry(lexicons, state, units))
    assert [u.quote_speaker.name if u.quote_speaker else None for u in units] == ["mayor"] * 2


def test_the_cue_phrase_takes_the_adverb_and_the_particle(read: Reader, units_of: UnitsOf) -> None:
    text = "The mayor then pointed out that the bridge was safe."
    lexicons, state = read(text)
    start = text.index("pointed")
    cue = Cue(text="pointed", start=start, end=start + len("pointed"), kind="attribution")
    got = cue_phrase(lexicons, state, [s.start for s in state.sentences], cue)
    assert got.text == "then pointed out"


def test_a_cue_of_another_kind_is_left_as_it_is(read: Reader, units_of: UnitsOf) -> None:
    text = "The bridge may be safe."
    lexicons, state = read(text)
    cue = Cue(text="may", start=11, end=14, kind="speculation")
    assert cue_phrase(lexicons, state, [0], cue) is cue
