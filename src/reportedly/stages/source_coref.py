"""Coreferent sources: a pronoun source stands for the body named as a source before it.

"The ministry said the port was shut. It has accused the rebels of ...": the second
claim's source is the ministry. Only pronouns the entity stage left unresolved, and only
a named body (organisation, government, outlet, document) of the same or the previous
paragraph, are taken; persons are the entity stage's ("he" -> the last named speaker).
A definite description does the same ("according to the Red Cross ... the aid group
said" -> the Red Cross; "the Health Ministry ... the ministry").
"""

from __future__ import annotations

from dataclasses import replace

from ..lexicons import Lexicons
from ..nlp.doc import Document, Unit
from ..records import Source

#: Source kinds a neuter pronoun can stand for.
BODY_KINDS = frozenset({"organisation", "government", "outlet", "document"})


def _antecedent(
    state: Document, units: list[Unit], before: int, pronoun: Source, pronouns: frozenset[str]
) -> Source | None:
    """The last named body cited before unit ``before``, in its paragraph or the last."""
    block = state.sentences[units[before].sentence].block
    for u in reversed(units[:before]):
        if state.sentences[u.sentence].block < block - 1:
            return None
        for s in reversed(u.sources):
            if s.start == pronoun.start:
                continue
            if s.kind in BODY_KINDS and s.name.lower() not in pronouns:
                return s
    return None


#: Kinds a description ("the group", "the newspaper") takes its antecedent from without
#: sharing its head word; a "the ministry" needs a named ministry (a country is no ministry).
LOOSE_KINDS = frozenset({"organisation", "outlet"})


def _description_antecedent(
    state: Document, units: list[Unit], before: int, desc: Source, words: list[str]
) -> Source | None:
    """The named body a description source ("the rights group") refers back to: the last
    named source of its kind in its paragraph or the two before, sharing its head word
    unless the kind is loose."""
    block = state.sentences[units[before].sentence].block
    head = words[-1]
    for u in reversed(units[:before]):
        if state.sentences[u.sentence].block < block - 2:
            return None
        for s in reversed(u.sources):
            if s.entity is None or s.kind != desc.kind or s.start == desc.start:
                continue
            if desc.kind in LOOSE_KINDS or head in s.name.lower().split():
                return s
    return None


def _description_words(text: str) -> list[str] | None:
    """The words after "the" of a description with no name in it, or None."""
    words = text.split()
    if len(words) < 2 or words[0].lower() != "the" or any(w[:1].isupper() for w in words[1:]):
        return None
    return [w.lower() for w in words[1:]]


def resolve_description_sources(state: Document, units: list[Unit]) -> None:
    """Give unresolved description sources ("the rights group said") the named body of
    the same kind cited just before, keeping their own span and cue."""
    text = state.article.text
    for ui, unit in enumerate(units):
        for k, src in enumerate(unit.sources):
            if src.entity is not None or src.start is None or src.end is None:
                continue
            if src.kind not in BODY_KINDS - {"document"}:
                continue
            words = _description_words(text[src.start : src.end])
            if words is None:
                continue
            ante = _description_antecedent(state, units, ui, src, words)
            if ante is not None:
                unit.sources[k] = replace(
                    src, name=ante.name, description=ante.description, entity=ante.entity
                )


def resolve_pronoun_sources(lexicons: Lexicons, state: Document, units: list[Unit]) -> None:
    """Give unresolved pronoun sources ("It said ...") the body they refer to, keeping
    their own span and cue."""
    pronouns = lexicons.attribution.body_pronouns
    text = state.article.text
    for ui, unit in enumerate(units):
        for k, src in enumerate(unit.sources):
            if src.entity is not None or src.start is None or src.end is None:
                continue
            if text[src.start : src.end].lower() not in pronouns:
                continue
            ante = _antecedent(state, units, ui, src, pronouns)
            if ante is not None:
                unit.sources[k] = replace(
                    src,
                    name=ante.name,
                    kind=ante.kind,
                    description=ante.description,
                    entity=ante.entity,
                )
