"""The Frame record the attribution passes share, and the closed word classes they test
(subject relations, relative-pronoun tags, quotation marks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ... import settings
from ...lexicons import AttributionLexicon, Lexicons
from ...records import Attribution
from ...syntax import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


SUBJ = ("nsubj", "nsubjpass", "csubj")


FIRST_SECOND = frozenset({"i", "we", "you"})


@dataclass
class Frame:
    kind: (
        str  # speech | cognition | belief | evidential | denial | according | speculation | passive
        # | report (unnamed reports' that-clause)
    )
    cue: list[int]  # token indices of the cue words
    sources: list[int]  # head tokens of the (parallel) sources
    content: int | None = None  # head token of the complement content
    anchor: int | None = None  # clause head an adjunct frame attaches to
    verb: int | None = None
    material: set[int] = field(default_factory=set)  # tokens that belong to the frame
    nested: list[tuple[list[int], list[int]]] = field(default_factory=list)  # citing X
    np_content: bool = False  # a stance on a noun phrase/infinitive: no claim of its own
    written: dict[int, int] = field(default_factory=dict)  # antecedent -> relative pronoun
    # where the attribution record's content starts when it is wider than the claim: the
    # report a denial rejects ("denied *reports that* X": the claim is X)
    record_from: int | None = None


def until_full(tokens: Iterable[Token], frames: list[Frame]) -> Iterator[Token]:
    """``tokens`` until ``frames`` holds more than the frame limit: enough for
    :func:`within_frame_limit` to know the sentence is over it, and no more work."""
    for tok in tokens:
        if len(frames) > settings.MAX_FRAMES_PER_SENTENCE:
            return
        yield tok


#: How many words before a verb its auxiliaries and negation may stand and join its cue.
AUX_REACH = 3


def auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries and negation right before it (within AUX_REACH words): what a
    frame's cue keeps of them, as PolNeAR marks "has said", "have expressed concern"."""
    return [
        c for c in verb.children if c.dep_ in ("aux", "neg") and verb.i - AUX_REACH <= c.i < verb.i
    ]


def is_event_verb(lexicons: Lexicons, tok: Token) -> bool:
    """True when the events lexicon codes this verb (demand, accuse, threaten, appeal...)."""
    lex = lexicons.events
    return verb_lemma(tok, lex.by_verb) in lex.by_verb


def is_denial_verb(lex: AttributionLexicon, tok: Token) -> bool:
    """The token inflects a denial verb ("dismissed", "denies")."""
    return verb_lemma(tok, lex.denial_verbs) in lex.denial_verbs


#: Tags of relative pronouns ("who", "which", "that"): never a source of their own.
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})


#: Tags of a finite verb: the only ones that a clause's missing subject can stand before.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


QUOTE_MARKS = frozenset('"“”«»')


Found = list[tuple[Attribution, int | None]]
