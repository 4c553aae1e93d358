"""Coreferent sources: a pronoun source stands for the body named as a source before it.

"The ministry said the port was shut. It has accused the rebels of ...": the second
claim's source is the ministry. Only pronouns the entity stage left unresolved, and only
a named body (organisation, government, outlet, document) of the same or the previous
paragraph, are taken; persons are the entity stage's ("he" -> the last named speaker).
"They" stands for the sources named together just before ("X and Y said ... They added")
or a plural source ("Swedish prosecutors"); an unresolved "he"/"she" for an unnamed
speaker just before ("a doctor told ... he added"). A definite description does the
same ("according to the Red Cross ... the aid group said" -> the Red Cross; "the Health
Ministry ... the ministry").
"""

from __future__ import annotations

from dataclasses import replace

from ..lexicons import Lexicons
from ..nlp.doc import Document, Unit
from ..records import Source

#: Source kinds a neuter pronoun can stand for.
BODY_KINDS = frozenset({"organisation", "government", "outlet", "document"})


def refer_to(src: Source, other: Source) -> Source:
    """``src`` (its words, offsets and level kept) standing for ``other``'s source: its
    name, kind, description and entity."""
    return replace(
        src, name=other.name, kind=other.kind, description=other.description, entity=other.entity
    )


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


#: Kinds of an unnamed speaker an unresolved "he"/"she" can stand for ("a nurse", "an aide").
UNNAMED_SPEAKERS = frozenset({"anonymous", "person", "official"})

#: Kinds of a named speaker an unresolved "he"/"she" can stand for.
PERSON_KINDS = frozenset({"person", "official"})

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


#: Kinds of a named source that issues statements and reports.
ISSUER_KINDS = frozenset({"organisation", "government", "outlet", "official", "person"})
#: Words that pick out a document already spoken of ("the statement", "this report").
DOCUMENT_DETERMINERS = frozenset({"the", "this", "that"})


def _issuer_before(state: Document, units: list[Unit], before: int) -> Source | None:
    """The last named source cited before unit ``before``, in its paragraph or the last."""
    block = state.sentences[units[before].sentence].block
    for u in reversed(units[:before]):
        if state.sentences[u.sentence].block < block - 1:
            return None
        for s in sorted(u.sources, key=lambda x: -x.level):
            if s.entity is not None and s.kind in ISSUER_KINDS:
                return s
    return None


def resolve_document_sources(state: Document, units: list[Unit]) -> None:
    """Give a document source with no author of its own ("the statement said", "the Chinese
    statement added") the named source cited just before: the document is that source's
    ("China's Foreign Ministry said ... the Chinese statement said")."""
    text = state.article.text
    for ui, unit in enumerate(units):
        for k, src in enumerate(unit.sources):
            if src.kind != "document" or src.entity is not None or src.start is None:
                continue
            words = text[src.start : src.end].split()
            if len(words) < 2 or words[0].lower() not in DOCUMENT_DETERMINERS:
                continue
            ante = _issuer_before(state, units, ui)
            if ante is not None:
                unit.sources[k] = refer_to(src, ante)


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
                unit.sources[k] = refer_to(src, ante)


def _deepest_before(state: Document, units: list[Unit], ui: int, at: int) -> list[Source]:
    """The speakers of the last attributed statement before offset ``at``, in the paragraph
    of unit ``ui`` or the one before ([] when none): of the last sentence with sources, the
    unit with the shortest chain (its own statement, not a source it quotes in turn), and
    of that chain the innermost level ("a doctor told Mediazona": the doctor)."""
    block = state.sentences[units[ui].sentence].block
    best: tuple[int, int, int] | None = None
    found: list[Source] = []
    for u in units:
        if u is units[ui] or not block - 1 <= state.sentences[u.sentence].block <= block:
            continue
        cited = [s for s in u.sources if s.level >= 1 and s.start is not None and s.start < at]
        if not cited:
            continue
        deepest = max(s.level for s in cited)
        level = [s for s in cited if s.level == deepest]
        key = (u.sentence, -deepest, max(s.start or 0 for s in level))
        if best is None or key > best:
            best, found = key, level
    return found


def _is_plural_phrase(text: str) -> bool:
    """'Swedish prosecutors', 'the aides': a phrase ending in a plural common noun."""
    words = text.split()
    last = words[-1] if words else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


def _pronoun_referents(
    lexicons: Lexicons, state: Document, units: list[Unit], ui: int, src: Source
) -> list[Source] | None:
    """What an unresolved "they" / "he" / "she" source stands for, or None."""
    lex = lexicons.attribution
    assert src.start is not None
    assert src.end is not None
    word = state.article.text[src.start : src.end].lower()
    if word not in lex.plural_pronouns and word not in lex.personal_pronouns:
        return None
    before = _deepest_before(state, units, ui, src.start)
    text = state.article.text
    if word in lex.plural_pronouns:
        if len(before) > 1:
            return before
        if len(before) == 1 and _is_plural_phrase(text[before[0].start : before[0].end]):
            return before
        return None
    if len(before) == 1 and before[0].entity is None and before[0].kind in UNNAMED_SPEAKERS:
        return before  # "a doctor told the paper ... “Who?” he added": the same unnamed speaker
    if len(before) == 1 and before[0].entity is not None and before[0].kind in PERSON_KINDS:
        return before  # "Peskov said ... '...,' he continued": the speaker just before
    return None


def resolve_group_sources(lexicons: Lexicons, state: Document, units: list[Unit]) -> None:
    """Give unresolved "they" sources the group named just before, and "he"/"she" the
    unnamed speaker just before, keeping the pronoun's span, level and cue."""
    for ui, unit in enumerate(units):
        out: list[Source] = []
        changed = False
        for src in unit.sources:
            if src.entity is None and src.start is not None and src.end is not None:
                refs = _pronoun_referents(lexicons, state, units, ui, src)
                if refs:
                    out.extend(refer_to(src, r) for r in refs)
                    changed = True
                    continue
            out.append(src)
        if changed:
            unit.sources = out
