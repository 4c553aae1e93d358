"""The answers a claim gives to a wh- part ("who visited Assad?", "where", "when", "how
many"), and a wh- part's answers ranked by the verdict of their evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .. import lexicons
from ..records import Claim, Event
from ..text.keys import name_key
from .index import Doc
from .match import Sought, action_at
from .records import Evidence
from .verdict import rank

__all__ = ["ORG_NOUNS", "PERSON_NOUNS", "PLACE_NOUNS", "ranked_values", "values"]

_WORDS = lexicons.default().words

#: Nouns of a wh- phrase that ask for a place, a person, an organisation ("which city").
PLACE_NOUNS = frozenset(_WORDS["place_nouns"])
PERSON_NOUNS = frozenset(_WORDS["person_nouns"])
ORG_NOUNS = frozenset(_WORDS["organisation_nouns"])


def values(want: Sought, doc: Doc, claim: Claim, events: list[Event]) -> list[str]:
    """The answers ``claim`` (with its matched ``events``) gives to the part's wh- word:
    from the events' roles when they have them, else from the claim's text."""
    role = want.part.wh_role
    if role is None:
        return []
    if role == "actor":
        if events:
            return [e.actor.name for e in events if e.actor is not None]
        return text_actor(want, doc, claim)
    if role == "target":
        return [e.target.name for e in events if e.target is not None]
    if role == "time":
        return [e.time.value for e in events if e.time is not None]
    types = _asked_types(want)
    if role == "place":
        places = [e.place.name for e in events if e.place is not None]
        if places:
            return places
    if role == "count":
        m = re.search(
            r"\b(\w+)\s+of\s+(?:the\s+)?\d+\b|\b(\d+|one|two|three|four|five|six|seven|"
            r"eight|nine|ten)\b",
            claim.text,
        )
        if m:
            return [m.group(1) or m.group(2)]
    ordered = _named_values(want, doc, claim, types)
    if not ordered and role == "object" and not types:
        return [claim.text]
    return ordered


def _asked_types(want: Sought) -> set[str]:
    """The entity types a wh- phrase asks for ("which city": PLACE; "where": PLACE)."""
    asked = {w.casefold() for w in (want.part.wh_noun or "").split()}
    types = {"PLACE"} if want.part.wh_role == "place" or asked & PLACE_NOUNS else set()
    if asked & PERSON_NOUNS:
        types.add("PERSON")
    if asked & ORG_NOUNS:
        types.update({"ORG", "GROUP"})
    return types


def _named_values(want: Sought, doc: Doc, claim: Claim, types: set[str]) -> list[str]:
    """The entities the claim names (of ``types`` when set), in the order they are first
    named, other than the part's own actor, target and place."""
    p = want.part
    named = {n.casefold() for n in (p.actor, p.target, p.place) if n is not None}
    skip = set()
    for who in (want.actor, want.target, want.place):
        if who is not None:
            skip |= who.canon
    vals: list[tuple[int, str]] = []
    for ent in doc.analysis.entities:
        if types and ent.type not in types:
            continue
        if ent.canonical.casefold() in skip or ent.canonical.casefold() in named:
            continue
        if any(claim.start <= m.start and m.end <= claim.end for m in ent.mentions):
            first = min(m.start for m in ent.mentions if claim.start <= m.start)
            vals.append((first, ent.canonical))
    return [v for _, v in sorted(vals)]


def text_actor(want: Sought, doc: Doc, claim: Claim) -> list[str]:
    """Who does the action in a claim without a coded event: the nearest person or
    organisation before the action word, the agent after "by", or the words before."""
    text = doc.analysis.article.text
    at = action_at(text, claim.start, claim.end, want.part.action)
    if at is None:
        return []
    pos, end = at
    by = re.match(
        r"\s+by\s+([^,;]+?)(?=,|;|\s+(?:could|will|may|and|in|on)\b|$)", text[end : claim.end]
    )
    if by:
        return [by.group(1).strip()]
    best: tuple[int, str] | None = None
    for ent in doc.analysis.entities:
        if ent.type not in ("PERSON", "ORG", "GROUP"):
            continue
        for m in ent.mentions:
            if claim.start <= m.start and m.end <= pos and (best is None or m.end > best[0]):
                best = (m.end, ent.canonical)
    if best is not None:
        return [best[1]]
    before = text[claim.start : pos].strip(" ,")
    return [before] if before else []


def ranked_values(
    evidence: Sequence[Evidence], weigh: Callable[[Sequence[Evidence]], str]
) -> tuple[list[str], dict[str, list[Evidence]]]:
    """A wh- part's answers, strongest first (the verdict ``weigh`` gives the evidence of
    each, then how much evidence gives it), and the evidence of each answer. Answers
    spelled alike (:func:`~reportedly.text.keys.name_key`) are one, in their first
    spelling."""
    by_value: dict[str, list[Evidence]] = {}
    spelled: dict[str, str] = {}
    for e in evidence:
        for v in dict.fromkeys(e.values):
            key = spelled.setdefault(name_key(v), v)
            by_value.setdefault(key, []).append(e)
    ranked = sorted(by_value, key=lambda v: (-rank(weigh(by_value[v])), -len(by_value[v])))
    return ranked, by_value
