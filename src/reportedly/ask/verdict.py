"""The verdict of a part from its evidence, and of a question from its parts.

The policy is data (``lexicons/verdicts.yaml``, documented there and in the README): which
statuses count against, which are firm, how many independent chains and voices confirm, and how
"and" / "or" combine the parts. Never "confirmed" while any denying or contradicting
evidence is in the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol, TypeVar

from .. import lexicons
from ..corpus.corroborate import independent_groups
from ..errors import MalformedInput

__all__ = ["Policy", "Weighed", "combine", "independent_chains", "policy", "rank", "verdict"]


class Stanced(Protocol):
    """A claim or a piece of evidence: how it is presented."""

    @property
    def status(self) -> str: ...
    @property
    def polarity(self) -> str: ...


class Weighed(Stanced, Protocol):
    """What the policy reads of one piece of evidence."""

    @property
    def chain(self) -> list[str]: ...
    @property
    def voice(self) -> str: ...


W = TypeVar("W", bound=Weighed)


@dataclass(frozen=True)
class Policy:
    verdicts: tuple[str, ...]
    against_statuses: frozenset[str]
    against_polarities: frozenset[str]
    usable: frozenset[str]
    firm: frozenset[str]
    min_chains: int
    min_voices: int
    near_denial: str
    statement: str
    backoff_cap: str
    backoff_against: str
    subject_sectors: frozenset[str]
    report_nouns: frozenset[str]
    negators: frozenset[str]
    evidence_nouns: frozenset[str]
    combine_and: tuple[str, ...]
    combine_or: tuple[str, ...]

    def against(self, e: Stanced) -> bool:
        return e.status in self.against_statuses or e.polarity in self.against_polarities


def _strings(data: dict[str, Any], *keys: str) -> tuple[str, ...]:
    value: Any = data
    for k in keys:
        value = value.get(k) if isinstance(value, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MalformedInput(f"lexicons/verdicts.yaml: {'.'.join(keys)} must be a list of words")
    return tuple(value)


@cache
def policy() -> Policy:
    """The verdict policy of ``verdicts.yaml``."""
    data = lexicons.default().verdicts
    if not isinstance(data, dict):
        raise MalformedInput("lexicons/verdicts.yaml: expected a mapping")
    verdicts = _strings(data, "verdicts")
    out = Policy(
        verdicts=verdicts,
        against_statuses=frozenset(_strings(data, "against", "statuses")),
        against_polarities=frozenset(_strings(data, "against", "polarities")),
        usable=frozenset(_strings(data, "usable_statuses")),
        firm=frozenset(_strings(data, "firm")),
        min_chains=int(data["confirmed"]["min_chains"]),
        min_voices=int(data["confirmed"]["min_voices"]),
        near_denial=str(data["near_denial"]["verdict"]),
        statement=str(data["statement"]["verdict"]),
        backoff_cap=str(data["lexical_backoff"]["verdict"]),
        backoff_against=str(data["lexical_backoff"]["against"]),
        subject_sectors=frozenset(_strings(data, "subject_denial", "sectors")),
        report_nouns=frozenset(_strings(data, "subject_denial", "report_nouns")),
        negators=frozenset(_strings(data, "against", "negators")),
        evidence_nouns=frozenset(_strings(data, "against", "evidence_nouns")),
        combine_and=_strings(data, "combine", "and"),
        combine_or=_strings(data, "combine", "or"),
    )
    for order in (out.combine_and, out.combine_or):
        if sorted(order) != sorted(verdicts):
            raise MalformedInput("lexicons/verdicts.yaml: combine lists must order every verdict")
    if out.near_denial not in verdicts or out.near_denial == "confirmed":
        raise MalformedInput("lexicons/verdicts.yaml: near_denial.verdict must not be confirmed")
    if out.statement not in verdicts or out.statement == "confirmed":
        raise MalformedInput("lexicons/verdicts.yaml: statement.verdict must not be confirmed")
    if out.backoff_cap not in verdicts or out.backoff_cap == "confirmed":
        raise MalformedInput(
            "lexicons/verdicts.yaml: lexical_backoff.verdict must not be confirmed"
        )
    if out.backoff_against not in _GUESSED_AGAINST:
        raise MalformedInput(
            "lexicons/verdicts.yaml: lexical_backoff.against must be one of "
            + ", ".join(_GUESSED_AGAINST)
        )
    return out


#: What evidence against found only by lexical backoff may make of a part: never denied or
#: contested (the guessed paraphrase may not be the question's act at all).
_GUESSED_AGAINST = ("reported", "unconfirmed", "no_evidence")


def independent_chains(evidence: Iterable[Weighed]) -> list[list[str]]:
    """The independent chains of the evidence (:func:`..corpus.corroborate.independent_groups`:
    a relayed outlet, two sources cited by one outlet, and copies share their chain); each
    as the first member's chain. Every chain name counts as named here."""
    items = list(evidence)
    groups = independent_groups([(e.chain, (), e.voice) for e in items])
    return [list(items[g[0]].chain) for g in groups]


def verdict(
    evidence: Sequence[W],
    anonymous: Callable[[W], bool] | None = None,
    near_denial: bool = False,
    statement: bool = False,
    backoff: Callable[[W], bool] | None = None,
) -> str:
    """A part's verdict. ``anonymous`` tells evidence whose cited sources are all
    anonymous; ``near_denial`` that the corpus holds a denial about the part's people and
    action that did not match the part closely enough to be its evidence; ``statement``
    that the part asks whether its actor said something (one outlet's account of the
    statement is then ``statement.verdict``, not "asserted"); ``backoff`` tells evidence
    found only by lexical backoff, which is never surer than the policy allows either way
    (:func:`_guessed`)."""
    full = _weighed(evidence, anonymous, near_denial, statement)
    if backoff is None or not any(backoff(e) for e in evidence):
        return full
    direct = [e for e in evidence if not backoff(e)]
    return _guessed(full, _weighed(direct, anonymous, near_denial, statement), direct)


def _guessed(full: str, direct: str, direct_evidence: Sequence[W]) -> str:
    """The verdict when some evidence was found only by lexical backoff: ``full`` weighs
    all of it, ``direct`` only the evidence that names the question's own words. For the
    part, backoff never raises it above ``lexical_backoff.verdict``; against it (``full``
    denied or contested while no direct evidence is against), the direct evidence decides
    and is never confirmed (a guessed denial is in the corpus), and without any, the part
    is ``lexical_backoff.against``."""
    p = policy()
    if full in ("denied", "contested") and not any(p.against(e) for e in direct_evidence):
        if not direct_evidence:
            return p.backoff_against
        return p.near_denial if direct == "confirmed" else direct
    if not _stronger(full, p.backoff_cap):
        return full
    return direct if _stronger(direct, p.backoff_cap) else p.backoff_cap


def _stronger(v: str, than: str) -> bool:
    """Whether ``v`` says more for the part than ``than`` (both among confirmed, asserted,
    reported, unconfirmed: the verdicts of evidence for it only)."""
    order = _FOR_ORDER
    return v in order and than in order and order.index(v) < order.index(than)


#: The verdicts of evidence for a part only, the strongest first.
_FOR_ORDER = ("confirmed", "asserted", "reported", "unconfirmed")


def _weighed(
    evidence: Sequence[W],
    anonymous: Callable[[W], bool] | None,
    near_denial: bool,
    statement: bool,
) -> str:
    p = policy()
    if not evidence:
        return "no_evidence"
    neg = [e for e in evidence if p.against(e)]
    pos = [e for e in evidence if not p.against(e)]
    if pos and neg:
        return "contested"
    if neg:
        return "denied"
    firm = [e for e in pos if e.status in p.firm and not (anonymous and anonymous(e))]
    voices = {e.voice for e in firm}
    if len(voices) >= p.min_voices and len(independent_chains(firm)) >= p.min_chains:
        return p.near_denial if near_denial else "confirmed"
    if any(e.status == "asserted" and e.chain == [e.voice] for e in firm):
        return p.statement if statement else "asserted"
    if firm:
        return "reported"
    return "unconfirmed"


def rank(v: str, how: str = "and") -> int:
    """Position of ``v`` in the combination order: lower is taken first."""
    p = policy()
    order = p.combine_or if how == "or" else p.combine_and
    return order.index(v)


def combine(verdicts: Sequence[str], how: str) -> str:
    """The question's verdict from its parts' ("and": the weakest; "or": the strongest)."""
    if not verdicts:
        return "no_evidence"
    return min(verdicts, key=lambda v: rank(v, how))
