"""The stances pass alone (stages/attribution/stances.py): stances on a noun phrase."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.records import Attribution
from reportedly.stages.attribution.frames import sentence_frames
from reportedly.stages.attribution.stances import record_stances, stance_claims
from reportedly.stages.attribution.units import cut_units

Reader = Callable[[str], tuple[Lexicons, Document]]


def test_a_denied_claim_is_the_deniers(read: Reader) -> None:
    text = "The ministry rejected the claims."
    lexicons, state = read(text)
    sent = state.sentences[0]
    frames = sentence_frames(lexicons, state, sent)
    found: list[tuple[Attribution, int | None]] = []
    stances = record_stances(lexicons, state, sent, frames, found)
    (att, ui) = found[0]
    assert (att.kind, text[att.content_start : att.content_end], ui) == (
        "denial",
        "the claims",
        None,
    )
    cut = cut_units(lexicons, sent, 0, [f for f in frames if not f.np_content])
    stance_claims(sent.span.doc, cut.units, cut.unit_of_head, cut.owner, stances, found)
    (unit,) = cut.units
    assert unit.frame == "denial"
    assert [s.name for s in unit.sources] == ["ministry"]
    assert found[0][1] == 0


def test_a_narrated_speech_act_states_no_claim(read: Reader) -> None:
    lexicons, state = read("The union endorsed the mayor.")
    sent = state.sentences[0]
    found: list[tuple[Attribution, int | None]] = []
    stances = record_stances(lexicons, state, sent, sentence_frames(lexicons, state, sent), found)
    assert stances == []
    assert [a.kind for a, _ in found] == ["stance"]
