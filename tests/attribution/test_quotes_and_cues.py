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


def _cue_at(text: str, word: str) -> Cue:
    start = text.index(word)
    return Cue(text=word, start=start, end=start + len(word), kind="attribution")


def _phrase(read: Reader, text: str, cue: str, content: tuple[int, int] | None = None) -> str:
    """The cue phrase made of the proposed cue ``cue`` (its first place in ``text``)."""
    lexicons, state = read(text)
    starts = [s.start for s in state.sentences]
    return cue_phrase(lexicons, state, starts, _cue_at(text, cue), content).text


def test_the_cue_takes_a_preposition_whose_object_is_the_content(read: Reader) -> None:
    text = "The harbour master spoke of a plan to dredge the channel."
    content = (text.index("a plan"), len(text) - 1)
    assert _phrase(read, text, "spoke", content) == "spoke of"


def test_the_cue_leaves_out_a_preposition_of_the_quotations_topic(read: Reader) -> None:
    text = '"It will never open on time," the harbour master said of the new terminal.'
    assert _phrase(read, text, "said", (1, text.index(',"'))) == "said"
    assert _phrase(read, text, "said") == "said"


def test_the_cue_takes_the_colon_that_opens_its_content(read: Reader) -> None:
    text = "The ferry operator added: the crossings resume at noon."
    content = (text.index("the crossings"), len(text) - 1)
    assert _phrase(read, text, "added", content) == "added:"


def test_the_cue_leaves_a_spaced_colon_out(read: Reader) -> None:
    assert _phrase(read, "The ferry operator added : the crossings resume at noon.", "added") == (
        "added"
    )


def test_a_phrasal_verb_of_saying_keeps_its_preposition(read: Reader) -> None:
    text = "The union called on the board to reopen the talks."
    assert _phrase(read, text, "called") == "called on"


def test_the_hearer_of_a_verb_of_saying_stays_out_of_the_cue(read: Reader) -> None:
    text = "The ferry operator said to reporters that the crossings resume at noon."
    assert _phrase(read, text, "said") == "said"


def test_a_topic_preposition_joins_the_cue_of_any_verb_but_say(read: Reader) -> None:
    text = "Asked about the delays, the harbour master talked about the storm damage."
    assert _phrase(read, text, "Asked") == "Asked about"
    assert _phrase(read, text, "talked") == "talked about"
    quoted = '"We will rebuild," the harbour master said about the pier.'
    assert _phrase(read, quoted, "said") == "said"


def test_a_wh_adverb_before_the_cue_stays_out_of_it(read: Reader) -> None:
    text = "When pressed on the delays, the harbour master then blamed the storm."
    assert _phrase(read, text, "pressed") == "pressed on"
    assert _phrase(read, text, "blamed") == "then blamed"


def test_a_proposed_cue_drops_a_preposition_the_rules_leave_out(read: Reader) -> None:
    # the tagger may propose "shouted to" (the hearer) or "said in" (the occasion)
    text = "The harbour master shouted to the crowd that the pier was closed."
    assert _phrase(read, text, "shouted to") == "shouted"
    text = "The union called on the board to reopen the talks."
    assert _phrase(read, text, "called on") == "called on"
