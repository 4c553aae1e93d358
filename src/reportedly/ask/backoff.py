"""Which actions.yaml entry a verb no entry has may back off to, honestly.

The static word vectors put a verb near the words that share its contexts, and those include
its opposites and its converses ("die" is nearest to "kill": the one who dies is the one
killed, not the killer). A neighbour of a verb (at least the vectors' calibrated threshold
similar, the nearest :data:`CANDIDATES` tried in order) is its backoff entry only when

- it is not the verb's opposite: no word of the entry (its key or its ``words``) forms an
  ``opposites`` pair of actions.yaml with the verb ("win" / "lose", "accept" / "reject");
- it is the same kind of act: when events.yaml codes the verb itself with PLOVER types, the
  entry shares one of them ("stop" is a SANCTION there, so not "leave", a RETREAT);
- it keeps the verb's roles: a verb the question uses with no object ("Did X die?") does not
  back off to an entry whose events all take a direct object as their target ("kill"): the
  question's subject would be read as the one who did it to someone.

An object word takes the nearest synonym group only when no member is its opposite.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from .. import lexicons
from ..lexicons import NOT_AN_EVENT, EventPattern
from ..nlp.vectors import nearest_actions

__all__ = ["CANDIDATES", "backoff_entry", "fits", "opposed"]

#: How many of the nearest entries (each at least the calibrated threshold similar) are tried.
CANDIDATES = 3


@cache
def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for pair in lexicons.default().actions.get("opposites") or []:
        words = [str(w).casefold() for w in pair]
        for w in words:
            out[w] = out.get(w, frozenset()) | frozenset(x for x in words if x != w)
    return out


def opposed(word: str, others: tuple[str, ...] | list[str] | frozenset[str]) -> bool:
    """Whether one of ``others`` is an opposite of ``word`` (actions.yaml ``opposites``)."""
    mine = _opposites().get(word.casefold(), frozenset())
    return any(o.casefold() in mine for o in others)


def _entry(entry: str) -> dict[str, Any]:
    """The actions.yaml entry ``entry`` ({} when there is none)."""
    data: dict[str, Any] = lexicons.default().actions["actions"].get(entry) or {}
    return data


def _entry_words(entry: str) -> tuple[str, ...]:
    return (entry, *(str(w) for w in _entry(entry).get("words", [])))


def _event_senses(verb: str) -> list[EventPattern]:
    """The senses events.yaml codes a verb with, those that are no event left out."""
    return [p for p in lexicons.default().events.by_verb.get(verb, ()) if p.plover != NOT_AN_EVENT]


def _other_kind(verb: str, entry: str) -> bool:
    own = {p.plover for p in _event_senses(verb)}
    families = {str(f) for f in _entry(entry).get("families", [])}
    return bool(own) and bool(families) and not own & families


def _needs_object(entry: str) -> bool:
    """Whether every event sense of the entry's verb in events.yaml takes its direct object
    as the target (none is intransitive)."""
    senses = _event_senses(entry)
    return bool(senses) and all(p.target == "dobj" and not p.intransitive for p in senses)


def fits(verb: str, entry: str, intransitive: bool = False) -> bool:
    """Whether ``entry`` may stand for ``verb`` by lexical backoff (see the module)."""
    if entry == verb or opposed(verb, _entry_words(entry)) or _other_kind(verb, entry):
        return False
    return not (intransitive and _needs_object(entry))


@lru_cache(maxsize=4096)
def backoff_entry(verb: str, intransitive: bool = False) -> str | None:
    """The nearest actions.yaml entry that may stand for ``verb`` (:func:`fits`), or None.
    ``intransitive``: the question uses the verb with no object."""
    found = nearest_actions(verb, k=CANDIDATES, lexicons=lexicons.default())
    return next((entry for entry, _ in found if fits(verb, entry, intransitive)), None)
