"""A question clause's roles read from the dependencies of its parse.

The subject is the verb's ``nsubj`` / ``nsubjpass``, the object its ``dobj`` / ``attr``
/ ``dative``, the agent of a passive the object of its ``agent`` ("by"), the objects of
its prepositions their ``pobj``, and each phrase
is cut into its conjuncts ("both X and Y", "either X or Y": ``conj`` with a ``cc``), each
conjunct with its own modifiers ("the mayor of Tarsis"). :func:`dep_roles` gives None
when the verb has no subject arc in the parse (the small model misparses many questions:
"did assad flee" makes "flee" a noun); the caller then reads the words around the verb.

    >>> clause = "Did either Ana Ruiz or the port guards close the gate"
    >>> r = dep_roles(clause, clause.index("close"))
    >>> (r.subject.texts, r.subject.how)
    (('Ana Ruiz', 'the port guards'), 'or')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .parse import parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Conjuncts", "DepRoles", "dep_roles"]

_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "attr", "dative", "oprd"})
#: arcs that join a conjunct to its phrase, never part of the conjunct itself
_JOINS = frozenset({"conj", "cc", "preconj", "punct"})


@dataclass(frozen=True)
class Conjuncts:
    """A phrase's conjuncts, each as its text in the clause, and how they are joined."""

    texts: tuple[str, ...]
    how: Literal["single", "and", "or"] = "single"


@dataclass(frozen=True)
class DepRoles:
    """The subject, object and agent the parse gives the verb (None: no such arc)."""

    subject: Conjuncts
    object: Conjuncts | None = None
    agent: Conjuncts | None = None
    #: the objects of the verb's prepositions ("talk with both A and B"), in order
    preps: tuple[tuple[str, Conjuncts], ...] = ()
    #: where the subject starts and ends in the clause (character offsets)
    subject_span: tuple[int, int] = (0, 0)


def _own_tokens(tok: Token, skip: Token | None = None) -> list[Token]:
    """The tokens of ``tok``'s phrase without its conjuncts and their joining words (nor
    the phrase of ``skip``, the verb when it hangs on the subject)."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in _JOINS and child != skip:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _text(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def conjuncts(head: Token, skip: Token | None = None) -> Conjuncts:
    """The conjuncts of the phrase headed by ``head`` ("either A or the B": A, the B)."""
    heads = [head, *head.conjuncts]
    heads.sort(key=lambda t: t.i)
    texts = tuple(_text(_own_tokens(h, skip)) for h in heads)
    if len(texts) < 2:
        return Conjuncts(texts)
    ccs = {c.lower_ for h in heads for c in h.children if c.dep_ in ("cc", "preconj")}
    return Conjuncts(texts, "or" if ccs & {"or", "either", "nor", "neither"} else "and")


def _child(verb: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in verb.children if c.dep_ in deps), None)


def _prep_objects(verb: Token) -> list[tuple[str, Conjuncts]]:
    """The (preposition, conjuncts of its object) of the verb's prepositional phrases."""
    out: list[tuple[str, Conjuncts]] = []
    for prep in verb.rights:
        pobj = _child(prep, frozenset({"pobj"})) if prep.dep_ == "prep" else None
        if pobj is not None:
            out.append((prep.lower_, conjuncts(pobj)))
    return out


def _hung_on_subject(verb: Token) -> Token | None:
    """The subject of a passive question the small model parses as "be" with a participle
    modifying its subject ("Was the convoy ambushed by ...": "convoy" is the subject of
    "Was", "ambushed" an ``acl`` under it)."""
    head = verb.head
    if verb.dep_ != "acl" or head.dep_ not in _SUBJECT or head.head.lemma_ != "be":
        return None
    return head


def dep_roles(clause: str, verb_start: int) -> DepRoles | None:
    """The roles of the verb starting at character ``verb_start`` of ``clause``, or None
    when the parse gives that verb no subject."""
    doc = parsed(clause)
    verb = next((t for t in doc if t.idx == verb_start), None)
    if verb is None:
        return None
    subject = _child(verb, _SUBJECT) or _hung_on_subject(verb)
    if subject is None or subject.i > verb.i:
        return None
    edge = [t for t in subject.subtree if t.i < verb.i]
    span = (edge[0].idx, edge[-1].idx + len(edge[-1].text))
    obj = _child(verb, _OBJECT)
    agent = _child(verb, frozenset({"agent"}))
    by = _child(agent, frozenset({"pobj"})) if agent is not None else None
    return DepRoles(
        subject=conjuncts(subject, skip=verb),
        object=conjuncts(obj) if obj is not None and obj.i > verb.i else None,
        agent=conjuncts(by) if by is not None else None,
        preps=tuple(_prep_objects(verb)),
        subject_span=span,
    )
