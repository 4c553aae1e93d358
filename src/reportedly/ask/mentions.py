"""Who is named where: whether a resolved name (:class:`~reportedly.ask.index.Who`) is
mentioned in a span of an article, is an event's actor, speaks through an official, or is
named as another agent after an action word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import lexicons
from ..records import Claim, Event
from .index import Doc, Who
from .question import DETERMINERS
from .verdict import policy
from .words import key_tokens, lemma_union, object_forms, words

__all__ = [
    "actor_is",
    "agent_after",
    "described",
    "mentions",
    "place_ok",
    "same_forces",
    "speaks_for",
    "state_side",
]

_OFFICIAL_WORDS = frozenset(w for t in lexicons.default().roles.official for w in t)


def speaks_for(doc: Doc, start: int, end: int, who: Who) -> bool:
    """Whether the source mention at ``start:end`` is titled as ``who``'s official: the
    name, then only role words, then the person ("Kremlin spokesperson Dmitry Peskov", "the
    ministry's chief spokesman Ali Rahimi"), so the official speaks for the institution."""
    text = doc.analysis.article.text
    lo = max(0, start - 60)
    ctx = text[lo:end]
    for a in who.aliases | who.canon:
        if len(a) <= 2:
            continue
        rx = rf"(?<![\w-])(?i:{re.escape(a)})(?:['’]s)?((?:\s+[\w.-]+){{1,3}}?)\s+(?=[A-Z])"
        for m in re.finditer(rx, ctx):
            role = words(m.group(1))
            if role and set(role) <= _OFFICIAL_WORDS and lo + m.end() >= start:
                return True
    return False


@lru_cache(maxsize=8192)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """The words of ``alias`` as a whole, a hyphen also written as a space ("al-Ahli" is
    also written "Al Ahli"); without a hyphen it matches only where ``alias`` is in the
    text (compiled once per alias)."""
    form = re.escape(alias).replace(r"\-", r"[-\s]")
    return re.compile(rf"(?<![\w-]){form}(?![\w-])")


def mentions(doc: Doc, who: Who, start: int, end: int) -> bool:
    """Whether ``who`` is named in ``text[start:end]``, not only inside another's name
    ("Iran" in "Iran's Supreme Leader Ayatollah Ali Khamenei" names Khamenei)."""
    ids = who.ids.get(doc.analysis.article.id, set())
    others = [(a, b) for a, b, eid in doc.named_in(start, end) if eid not in ids]

    text_all = doc.analysis.article.text

    def inside(s: int, e: int) -> bool:
        if text_all[e : e + 1] == "-" or text_all[s - 1 : s] == "-":
            return True  # "Iran-backed groups" are not Iran
        return any(a <= s and e <= b and (b - a) > (e - s) for a, b in others)

    for eid in ids:
        ent = doc.entities.get(eid)
        if ent and any(
            start <= m.start and m.end <= end and not inside(m.start, m.end) for m in ent.mentions
        ):
            return True
    text = doc.analysis.article.text[start:end].casefold()
    for a in who.aliases:
        if len(a) <= 2 or ("-" not in a and a not in text):
            continue
        for m in _alias_pattern(a).finditer(text):
            if not inside(start + m.start(), start + m.end()):
                return True
    head = who.text.split()[-1:] or [""]
    description = not who.canon or head[0][:1].islower()  # "pro-Ukrainian group"
    return description and described(who.text, text)


@lru_cache(maxsize=4096)
def state_side(name: str | None) -> str | None:
    """The country whose state ``name`` is or speaks for ("British navy personnel",
    "London", "the Kremlin"), by the actor dictionary; None for anyone else (a person in
    opposition, a militant group, a company)."""
    if not name:
        return None
    from ..events.actors import resolve_name, resolve_phrase

    if resolve_name(name) is not None:
        return None  # a named person speaks for themselves
    code = resolve_phrase(name)
    if code is None or code.country is None or len(code.country) != 3:
        return None
    if code.sector is not None and code.sector not in policy().subject_sectors:
        return None
    return code.country


def described(description: str, text: str) -> bool:
    """Whether every word of a description that names no entity ("the Chinese balloon",
    "British navy personnel") is in ``text`` ("the Chinese spy balloon"), up to inflection."""
    wanted = [w for w in words(description) if w not in DETERMINERS]
    if len(wanted) < 2:
        return False
    found = lemma_union(text)
    return all(object_forms(w) & found for w in wanted)


#: Words that make the action that follows them a wish, plan, request or errand, not the
#: subject's deed: "planning to meet", "calling for Akin to drop out", "expected to be


def agent_after(
    doc: Doc,
    start: int,
    end: int,
    limit: int,
    who: Who,
    preps: tuple[str, ...] = (),
) -> bool:
    """Whether the action word at ``start:end`` names someone other than ``who`` right
    after it: the agent ("an endorsement from Sheriff Arpaio", "attacked by rebels"), or
    with ``preps`` the other party ("meetings with the leader of Japan")."""
    text = doc.analysis.article.text
    joined = "|".join(preps) if preps else "from|by"
    m = re.match(rf"\s+(?:(?:out|up|back|off)\s+)?({joined})\s+(?:the\s+)?", text[end:limit])
    if not m:
        return False
    if not preps:
        prev = words(text[max(0, start - 40) : start])[-2:]
        nominal = bool(prev) and (prev[-1] in DETERMINERS or prev[-1].endswith("'s"))
        passive = bool(set(prev) & {"was", "were", "been", "being", "is", "are", "be"})
        if not (nominal or (m.group(1) == "by" and passive)):
            return False
    at = end + m.end()
    window = text[at : min(limit, at + 60)]
    if any(window.casefold().startswith(a) for a in who.aliases if len(a) > 2):
        return False
    ids = who.ids.get(doc.analysis.article.id, set())
    found: list[tuple[int, str]] = []
    for e in doc.analysis.entities:
        if e.type not in ("PERSON", "ORG", "GROUP") and not (preps and e.type == "PLACE"):
            continue
        for mm in e.mentions:
            near = at - 4 < mm.end and mm.start < at + 40
            if near and mm.kind != "pronoun":
                found.append((mm.start, e.id))
    return bool(found) and min(found)[1] not in ids


def actor_is(ev_actor: Any, doc: Doc, who: Who) -> bool:
    if ev_actor is None:
        return False
    if ev_actor.entity and ev_actor.entity in who.ids.get(doc.analysis.article.id, set()):
        return True
    if ev_actor.name.casefold() in who.canon:
        return True
    if who.canon and (ev_actor.text or ev_actor.name).casefold() in who.aliases:
        return True
    if not who.canon:
        keys = key_tokens(who.text)
        if keys and keys <= key_tokens(ev_actor.name + " " + (ev_actor.text or "")):
            return True
        return same_forces(who.text, ev_actor.text or ev_actor.name)
    return False


def same_forces(description: str, other: str) -> bool:
    """Whether a description that names no entity ("Russian forces") and an event's actor
    ("the Russian occupation troops") are the same state organ: the same country and the
    same sector in the actor dictionary, both set."""
    from ..events.actors import resolve_name, resolve_phrase

    if resolve_name(description) is not None:
        return False  # a named person or body is not a description of a state organ
    a, b = resolve_phrase(description), resolve_phrase(other)
    if a is None or b is None or a.country is None or a.sector is None:
        return False
    return (a.country, a.sector) == (b.country, b.sector)


def place_ok(doc: Doc, ev: Event | None, claim: Claim, place: Who | None) -> bool:
    if place is None:
        return True
    if ev is not None:
        for p in (ev.place, ev.target):
            if p is not None and p.name.casefold() in place.canon | place.aliases:
                return True
    return mentions(doc, place, claim.sentence_start, claim.sentence_end)
