"""The carry-over pass alone (stages/attribution/carry.py): chains across sentences."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document, Unit
from reportedly.stages.attribution.carry import carry

Reader = Callable[[str], tuple[Lexicons, Document]]
UnitsOf = Callable[[Lexicons, Document], list[Unit]]


def _carried(read: Reader, units_of: UnitsOf, text: str) -> list[tuple[str, bool, list[str]]]:
    lexicons, state = read(text)
    units = units_of(lexicons, state)
    carry(lexicons, state, units)
    return [(text[u.start : u.end], u.carried, [s.name for s in u.sources]) for u in units]


def test_a_quotation_goes_on_over_sentences(read: Reader, units_of: UnitsOf) -> None:
    got = _carried(read, units_of, 'The mayor said: "The bridge is safe. We checked every cable."')
    assert got == [
        ("The bridge is safe", False, ["mayor"]),
        ("We checked every cable", True, ["mayor"]),
    ]


def test_a_speaker_after_the_quotation_speaks_its_first_sentences(
    read: Reader, units_of: UnitsOf
) -> None:
    got = _carried(read, units_of, '"The bridge is safe. We checked every cable," said the mayor.')
    assert got == [
        ("The bridge is safe", True, ["mayor"]),
        ("We checked every cable", False, ["mayor"]),
    ]


def test_a_plain_sentence_after_an_attributed_one_is_not_carried(
    read: Reader, units_of: UnitsOf
) -> None:
    got = _carried(read, units_of, "The mayor said the bridge was safe. The ferry sailed at noon.")
    assert got[1] == ("The ferry sailed at noon", False, [])


def test_the_tail_of_a_quotation_the_parser_took_for_a_subject(
    read: Reader, units_of: UnitsOf
) -> None:
    # the parser reads "Full closure" as a loose dependent and "Full panic mode" as a
    # second subject of "said": both are the end of the quotation
    got = _carried(read, units_of, "“The pier is closed. Full closure,” said Ann Lee, a pilot.")
    assert got == [("The pier is closed", True, ["Ann Lee"]), ("Full closure", False, ["Ann Lee"])]
    text = "“The harbour board is in panic mode. Full panic mode,” said Leslie Wimes, a pilot."
    got = _carried(read, units_of, text)
    assert [names for _, _, names in got] == [["Leslie Wimes"], ["Leslie Wimes"]]
