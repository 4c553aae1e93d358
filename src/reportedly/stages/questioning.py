"""Questioning frames: a source casting doubt on a claim without negating it.

"The inquiry has cast doubt on the army's account", "She called into question the
figures": the subject is the source, the object the claim in question; the clause is
*questioned* (the status stage reads the frame kind). The phrases are lemmas in
status.yaml (``questioning_phrases``), matched from the verb on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..cuefinder import phrase_index, tokens_in
from ..lexicons import Lexicons
from ..nlp.doc import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

#: (verb, cue tokens, subject tokens, object): what a questioning phrase gives a frame.
Questioning = tuple[int, list[int], list[int], int]


def _object(verb: Token, last: int) -> Token | None:
    """What is questioned: the object of the phrase's preposition, or the verb's object
    after the phrase ("called into question the figures")."""
    doc = verb.doc
    for c in doc[last].children:
        if c.dep_ == "pobj":
            return c
    for j in range(verb.i, last + 1):  # "called into question the figures", misparsed or not
        for c in doc[j].children:
            if c.dep_ in ("dobj", "pobj") and c.i > last:
                return c
    return None


def questioning_frames(
    lexicons: Lexicons, sent: Sentence, subjects: Callable[[Token], list[Token]]
) -> list[Questioning]:
    """The questioning phrases of a sentence with their subject and object."""
    span = sent.span
    doc = span.doc
    out: list[Questioning] = []
    firsts = phrase_index(lexicons.status.questioning_phrases)
    for tok in tokens_in(span, firsts, by="lemma"):
        if tok.pos_ != "VERB":
            continue
        for phrase in lexicons.status.questioning_phrases:
            n = len(phrase)
            if tok.i + n > span.end or tok.lemma_.lower() != phrase[0]:
                continue
            if tuple(doc[j].lemma_.lower() for j in range(tok.i, tok.i + n)) != phrase:
                continue
            obj = _object(tok, tok.i + n - 1)
            srcs = subjects(tok)
            if obj is not None and srcs:
                cue = list(range(tok.i, tok.i + n))
                cue += [c.i for c in tok.children if c.dep_ == "aux" and tok.i - 3 <= c.i < tok.i]
                out.append((tok.i, sorted(cue), [s.i for s in srcs], obj.i))
            break
    return out
