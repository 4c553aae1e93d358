"""The verdict policy (ask/verdicts.yaml) on evidence we make up."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportedly.ask.verdict import combine, policy, verdict


@dataclass
class Ev:
    status: str
    voice: str
    chain: list[str] = field(default_factory=list)
    polarity: str = "positive"
    backoff: bool = False  # found by lexical backoff only

    def __post_init__(self) -> None:
        self.chain = self.chain or [self.voice]


def test_policy_orders_every_verdict() -> None:
    p = policy()
    assert p.verdicts[0] == "confirmed"
    assert sorted(p.combine_and) == sorted(p.verdicts) == sorted(p.combine_or)


def test_two_independent_outlets_confirm() -> None:
    evidence = [Ev("asserted", "Outlet A"), Ev("reported", "Outlet B", ["Ministry"])]
    assert verdict(evidence) == "confirmed"


def test_never_confirmed_with_a_denial_among_the_evidence() -> None:
    evidence = [
        Ev("asserted", "Outlet A"),
        Ev("reported", "Outlet B", ["Ministry"]),
        Ev("denied", "Outlet C", ["Embassy"], polarity="negative"),
    ]
    assert verdict(evidence) == "contested"


def test_never_confirmed_with_a_denial_nearby() -> None:
    evidence = [Ev("asserted", "Outlet A"), Ev("reported", "Outlet B", ["Ministry"])]
    assert verdict(evidence, near_denial=True) == policy().near_denial != "confirmed"


def test_copies_of_one_chain_do_not_confirm() -> None:
    evidence = [Ev("reported", "Outlet A", ["Reuters"]), Ev("reported", "Outlet B", ["Reuters"])]
    assert verdict(evidence) == "reported"


def test_anonymous_and_hedged_only_are_unconfirmed() -> None:
    evidence = [Ev("hedged", "Outlet A"), Ev("reported", "Outlet B", ["officials"])]
    assert verdict(evidence, anonymous=lambda e: e.chain == ["officials"]) == "unconfirmed"


def test_only_denials_are_denied_and_nothing_is_no_evidence() -> None:
    assert verdict([Ev("denied", "Outlet A", polarity="negative")]) == "denied"
    assert verdict([]) == "no_evidence"


def test_and_takes_the_weakest_or_the_strongest() -> None:
    assert combine(["confirmed", "denied"], "and") == "denied"
    assert combine(["no_evidence", "reported"], "or") == "reported"
    assert combine([], "and") == "no_evidence"


def test_one_outlet_own_voice_is_asserted_but_a_statement_is_reported() -> None:
    # "The council closed the bridge" in one outlet's voice: asserted; "The mayor denied
    # the report", stated by one outlet, is the mayor's on-record statement: reported
    one = [Ev("asserted", "Outlet A"), Ev("asserted", "Outlet A")]
    assert verdict(one) == "asserted"
    assert verdict(one, statement=True) == policy().statement == "reported"
    two = [Ev("asserted", "Outlet A"), Ev("asserted", "Outlet B")]
    assert verdict(two, statement=True) == "confirmed"


def _backoff(e: Ev) -> bool:
    return e.backoff


def test_backoff_evidence_alone_never_confirms() -> None:
    two = [Ev("reported", "A", ["x"], backoff=True), Ev("reported", "B", ["y"], backoff=True)]
    assert verdict(two) == "confirmed"  # the same evidence, named by the question's words
    assert verdict(two, backoff=_backoff) == policy().backoff_cap != "confirmed"


def test_direct_evidence_still_confirms_beside_backoff() -> None:
    evidence = [
        Ev("reported", "A", ["x"]),
        Ev("reported", "B", ["y"]),
        Ev("reported", "C", ["z"], backoff=True),
    ]
    assert verdict(evidence, backoff=_backoff) == "confirmed"
    one_direct = [Ev("reported", "A", ["x"]), Ev("reported", "B", ["y"], backoff=True)]
    assert verdict(one_direct, backoff=_backoff) == "reported"


def test_backoff_does_not_hide_evidence_against() -> None:
    evidence = [Ev("reported", "A", ["x"], backoff=True), Ev("denied", "B", polarity="negative")]
    assert verdict(evidence, backoff=_backoff) == "contested"
