"""Coreferent sources: a pronoun source stands for the body named as a source before it.

"The ministry said the port was shut. It has accused the rebels of ...": the second
claim's source is the ministry. Only pronouns the entity stage left unresolved, and only
a named body (organisation, government, outlet, document) of the same or the previous
paragraph, are taken; persons are the entity stage's ("he" -> the last named speaker).
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
