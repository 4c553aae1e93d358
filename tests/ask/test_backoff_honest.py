"""Honest lexical backoff (issue 12): a neighbour the word vectors find is no backoff when it
is the verb's opposite, another kind of act or changes its roles, and evidence found only by
backoff is never surer than the policy allows, for or against. Sentences and questions are
our own."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import reportedly
from reportedly import lexicons
from reportedly.ask import question as question_module
from reportedly.ask.answer import answer
from reportedly.ask.backoff import backoff_entry, fits, opposed
from reportedly.ask.question import parse_question
from reportedly.ask.verdict import policy, verdict
from reportedly.ask.words import object_forms
from reportedly.nlp.vectors import nearest_actions


def test_a_verb_used_without_an_object_does_not_back_off_to_a_deed_done_to_someone() -> None:
    # the vectors put "die" near "kill"; "Did X die?" is not "Did X kill someone?"
    near = [e for e, _ in nearest_actions("die", k=3, lexicons=lexicons.default())]
    (part,) = parse_question("Did Omar Haddad die in the strike on the market?").parts
    assert part.action.backoff != "kill"
    assert not fits("die", "kill", intransitive=True)
    if near[:1] == ["kill"]:  # the shipped table: the role rule is what keeps it out
        assert backoff_entry("die") == "kill"
        assert backoff_entry("die", intransitive=True) is None


def test_a_passive_or_transitive_use_keeps_the_roles() -> None:
    # with an object the roles are the entry's own: the rule does not apply
    assert fits("slay", "kill", intransitive=False)
    (part,) = parse_question("Did the militia free the hostages?").parts
    assert part.action.backoff in (None, "release")


@pytest.mark.parametrize(
    ("verb", "entry"), [("accept", "reject"), ("welcome", "reject"), ("reappear", "disappear")]
)
def test_an_opposite_is_never_a_backoff(verb: str, entry: str) -> None:
    assert opposed(verb, [entry])
    assert not fits(verb, entry)


def test_another_kind_of_act_than_the_events_lexicon_codes_is_no_backoff() -> None:
    # events.yaml codes "stop" as a SANCTION; "leave" answers RETREAT
    assert not fits("stop", "leave")
    (part,) = parse_question("Did the ministry stop the convoy?").parts
    assert part.action.backoff != "leave"


def test_an_object_word_does_not_take_the_group_of_its_opposite() -> None:
    assert "dead" not in object_forms("alive", backoff=True)


@dataclass
class _Item:
    status: str
    polarity: str = "positive"
    voice: str = "A"
    chain: list[str] = field(default_factory=lambda: ["A"])
    backoff: bool = False


def _verdict(items: list[_Item]) -> str:
    return verdict(items, backoff=lambda e: e.backoff)


def test_a_denial_found_only_by_backoff_is_never_denied() -> None:
    assert _verdict([_Item("denied", backoff=True)]) == policy().backoff_against
    assert _verdict([_Item("denied", backoff=True)]) not in ("denied", "contested")


def test_evidence_both_ways_found_only_by_backoff_is_never_contested() -> None:
    items = [_Item("reported", backoff=True), _Item("denied", voice="B", chain=["B"], backoff=True)]
    assert _verdict(items) == policy().backoff_against


def test_a_guessed_denial_keeps_direct_evidence_from_confirming() -> None:
    direct = [_Item("reported"), _Item("reported", voice="B", chain=["B"])]
    assert _verdict(direct) == "confirmed"
    assert _verdict([*direct, _Item("denied", voice="C", chain=["C"], backoff=True)]) == (
        policy().near_denial
    )


def test_a_direct_denial_still_counts_beside_backoff() -> None:
    items = [_Item("denied"), _Item("reported", voice="B", chain=["B"], backoff=True)]
    assert _verdict(items) == "contested"
    assert _verdict([_Item("denied"), _Item("denied", voice="B", backoff=True)]) == "denied"


DENIALS = [
    (
        "The Harbour Council denied on Monday that it had imposed sanctions on Velmar "
        "Shipping, council spokeswoman Ana Ruiz said.",
        "Coast Wire",
    ),
    (
        "The Harbour Council denied that it imposed sanctions on Velmar Shipping, the port "
        "authority's director Tomas Berg said on Monday.",
        "Bay Herald",
    ),
]


def test_a_question_answered_only_through_a_guessed_paraphrase_of_a_denial(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyses = [reportedly.analyze(t, published="2025-04-08", outlet=o) for t, o in DENIALS]
    direct = answer("Did the Harbour Council sanction Velmar Shipping?", analyses)
    assert direct.verdict in ("denied", "contested")
    monkeypatch.setattr(
        question_module,
        "backoff_entry",
        lambda lemma, intransitive=False: "sanction" if lemma == "blacklist" else None,
    )
    guessed = answer("Did the Harbour Council blacklist Velmar Shipping?", analyses)
    assert guessed.evidence
    assert all(e.backoff for e in guessed.evidence)
    assert guessed.verdict == policy().backoff_against
