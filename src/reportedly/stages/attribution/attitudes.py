"""Attitudes held as adjectives: "Many Democrats are afraid that ...", "the mayor is convinced
that ...", "officials remain confident that ...". The subject holds the that-clause as a
belief, as a cognition verb's subject would ("fear", "believe"); the cue is the copula with
its auxiliaries and the adjective (PolNeAR marks "are afraid", "is convinced")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import tokens_in
from ...lexicons import Lexicons
from ...nlp.doc import Sentence
from .frame import FIRST_SECOND, RELATIVE_TAGS, Frame, auxiliaries, until_full
from .sources import source_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token


def _content(adj: Token) -> Token | None:
    """The that-clause the adjective holds (the parser hangs it from the adjective or
    from the copula)."""
    for tok in (adj, adj.head):
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i > adj.i:
                return c
    return None


def _holder(copula: Token) -> Token | None:
    """The copula's subject, when it is someone ("the mayor", "he"): not "it" of "it is
    certain that", nor a relative pronoun, nor the speaker's own "I" or "we"."""
    subj = [c for c in copula.children if c.dep_ == "nsubj"]
    if not subj:
        return None
    s = subj[0]
    if s.tag_ in RELATIVE_TAGS or s.lower_ in FIRST_SECOND or s.lower_ in ("it", "this", "that"):
        return None
    if s.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return s


def attitude_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """Belief frames of the attitude adjectives (``attitude_adjectives``) a subject is
    (``attitude_copulas``: "is", "remains", "seems") with a that-clause."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for adj in until_full(tokens_in(sent.span, lex.attitude_adjectives), frames):
        if adj.dep_ != "acomp":
            continue
        copula = adj.head
        if copula.lemma_.lower() not in lex.attitude_copulas:
            continue
        content = _content(adj)
        holder = _holder(copula)
        if content is None or holder is None:
            continue
        first = min([copula.i] + [c.i for c in auxiliaries(copula)])
        cue = list(range(first, adj.i + 1))
        material = set(cue) | set(source_tokens(holder))
        frames.append(
            Frame("belief", cue, [holder.i], content=content.i, verb=adj.i, material=material)
        )
    return frames
