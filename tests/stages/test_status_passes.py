"""The status stage's named passes, each alone, and the precedence read from status.yaml."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from reportedly import lexicons as lexicon_module
from reportedly.lexicons import _precedence
from reportedly.nlp.doc import Unit
from reportedly.records import STATUSES, Cue, Source
from reportedly.stages.status import (
    Evidence,
    Proposal,
    decide,
    denial_pass,
    question_pass,
    source_pass,
    speculation_pass,
)

NOT = Cue("not", 10, 13, "negation")
DENIED = Cue("denied", 10, 16, "negation")
MAY = Cue("may", 4, 7, "speculation")
IF = Cue("if", 0, 2, "conditional")
ALLEGEDLY = Cue("allegedly", 20, 29, "hedge")
ASK = Cue("?", 40, 41, "question")


def evidence(unit: Unit | None = None, **kw: Any) -> Evidence:
    base: dict[str, Any] = {
        "unit": unit or Unit(sentence=0, start=0, end=40),
        "hedges": [],
        "speculation": [],
        "negations": [],
        "denial_phrases": [],
        "negated": False,
        "conditionals": [],
        "question": None,
        "named": False,
        "anonymous_only": False,
    }
    base.update(kw)
    return Evidence(**base)


def test_question_pass() -> None:
    assert question_pass(evidence(question=ASK)) == Proposal("questioned", (ASK,))
    doubt = Unit(sentence=0, start=0, end=40, frame="questioning")
    assert question_pass(evidence(doubt)) == Proposal("questioned")
    assert question_pass(evidence()) is None
    whether = Cue("whether", 12, 19, "question")
    assert question_pass(evidence(asked=whether)) == Proposal("questioned", (whether,))


def test_denial_pass_needs_a_rejection_or_a_denying_negation() -> None:
    # "The ministry denied that the convoy was hit": a frame that rejects a proposition
    rejecting = Unit(sentence=0, start=0, end=40, frame="denial")
    assert denial_pass(evidence(rejecting)) == Proposal("denied")
    # "'The convoy was not hit,' he said": a negation that denies
    assert denial_pass(evidence(negations=[NOT])) == Proposal("denied", (NOT,))
    # "The convoy may not return": a plain negation under a modal is speculation
    assert denial_pass(evidence(negations=[NOT], speculation=[MAY])) is None
    # "The report may be untrue ... he denied": a denial phrase is still a denial
    got = denial_pass(evidence(negations=[DENIED], denial_phrases=[DENIED], speculation=[MAY]))
    assert got == Proposal("denied", (DENIED,))
    assert denial_pass(evidence()) is None


def test_speculation_pass() -> None:
    assert speculation_pass(evidence(speculation=[MAY])) == Proposal("speculative", (MAY,))
    # a condition nobody named states ("if the talks fail, the border could close")
    assert speculation_pass(evidence(conditionals=[IF])) == Proposal("speculative", (IF,))
    # a named source's conditional is that source's report
    assert speculation_pass(evidence(conditionals=[IF], named=True)) is None
    belief = Unit(sentence=0, start=0, end=40, frame="belief")
    assert speculation_pass(evidence(belief)) == Proposal("speculative")
    assert speculation_pass(evidence()) is None


def _source(kind: str = "person") -> Source:
    return Source(name="Anna Berg", kind=kind, level=1)  # type: ignore[arg-type]


def test_source_pass_named_unnamed_carried() -> None:
    unit = Unit(sentence=0, start=0, end=40, sources=[_source()])
    assert source_pass(evidence(unit, named=True)) == Proposal("reported")
    # a hedge riding along with a named source stays a cue of a reported claim
    got = source_pass(evidence(unit, named=True, hedges=[ALLEGEDLY]))
    assert got == Proposal("reported", (ALLEGEDLY,))
    # "officials said": unnamed sources only
    anon = Unit(sentence=0, start=0, end=40, sources=[_source("anonymous")])
    assert source_pass(evidence(anon, anonymous_only=True)) == Proposal("hedged")
    assert source_pass(evidence(hedges=[ALLEGEDLY])) == Proposal("hedged", (ALLEGEDLY,))
    passive = Unit(sentence=0, start=0, end=40, frame="passive")
    assert source_pass(evidence(passive)) == Proposal("hedged")
    # a named source carried from the sentence before, without a hedge
    carried = replace(unit, carried=True)
    assert source_pass(evidence(carried, named=True)) == Proposal("reported")
    assert source_pass(evidence()) is None


def test_decide_keeps_the_status_first_in_the_precedence() -> None:
    lex = lexicon_module.default()
    assert lex.status.precedence[0] == "questioned"
    both = evidence(question=ASK, negations=[NOT])
    assert decide(lex, both).status == "questioned"
    assert decide(lex, evidence(negations=[NOT], named=True)).status == "denied"
    assert decide(lex, evidence(speculation=[MAY], named=True)).status == "speculative"
    assert decide(lex, evidence()) == Proposal("asserted")


def test_precedence_is_data() -> None:
    # with speculation put above denial, a denied and speculated claim is speculative
    order = ("questioned", "speculative", "denied", "hedged", "reported", "asserted")
    rank = {s: i for i, s in enumerate(order)}
    lex: Any = SimpleNamespace(status=SimpleNamespace(rank=rank))
    ev = evidence(negations=[DENIED], denial_phrases=[DENIED], speculation=[MAY])
    assert decide(lex, ev).status == "speculative"
    assert decide(lexicon_module.default(), ev).status == "denied"


@pytest.mark.parametrize(
    "order",
    [["asserted"], [*STATUSES, "denied"], [*STATUSES[:-1], "rumoured"], []],
)
def test_precedence_must_list_every_status_once(order: list[str]) -> None:
    with pytest.raises(ValueError, match="precedence"):
        _precedence({"precedence": order})
