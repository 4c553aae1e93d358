"""Attribution that arrives in the next sentence.

"The port was closed after a fire. This was reported by the Sofia Globe, citing the
harbour master." and "Four trucks were seized. That is according to the customs office."
say nothing of their own: they name the source of the sentence before. Such a sentence
is no claim; the unattributed claims of the sentence before take its chain. A denial
("This was denied by X") is a claim of its own and stays one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicons import Lexicons
from ..nlp.doc import Sentence
from ..syntax import conjuncts

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Dependents a sentence that only names a source may have besides its subject and source.
QUIET_DEPS = frozenset({"auxpass", "aux", "punct", "advmod", "npadvmod", "cc", "neg"})


@dataclass
class Retro:
    """A sentence that names the source of the one before."""

    cue: list[int]  # token indices of the cue words
    sources: list[int]  # head tokens of the (parallel) sources
    nested: list[tuple[list[int], list[int]]] = field(default_factory=list)  # citing X


def _pobjs(prep: Token) -> list[Token]:
    return [o for o in prep.children if o.dep_ == "pobj"]


def _quiet(tok: Token, used: set[int]) -> bool:
    """True when ``tok``'s dependents say nothing but what is in ``used``."""
    for c in tok.children:
        if c.i in used or c.dep_ in QUIET_DEPS:
            continue
        if c.dep_ == "prep" and all(o.ent_type_ in ("DATE", "TIME") for o in _pobjs(c)):
            continue  # "on Monday"
        return False
    return True


def _citing(lexicons: Lexicons, verb: Token) -> tuple[list[tuple[list[int], list[int]]], set[int]]:
    """'..., citing the harbour master': a deeper source, and the words that say so."""
    lex = lexicons.attribution
    nested: list[tuple[list[int], list[int]]] = []
    used: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in lex.citing_verbs:
            objs = [o for o in c.children if o.dep_ in ("dobj", "pobj", "attr")]
            if objs:
                nested.append(([c.i], [t.i for t in conjuncts(objs[0])]))
                used.add(c.i)
    return nested, used


def retro_frame(lexicons: Lexicons, sent: Sentence) -> Retro | None:
    """The source this sentence names for the sentence before, or None."""
    lex = lexicons.attribution
    root = sent.span.root
    subj = [c for c in root.children if c.dep_ in ("nsubjpass", "nsubj")]
    if len(subj) != 1 or subj[0].lower_ not in lex.anaphoric_subjects:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") for c in root.children):
        return None
    nested, used = _citing(lexicons, root)
    used.add(subj[0].i)
    lemma = root.lemma_.lower()
    if lemma in lex.speech_verbs and lemma not in lex.denial_verbs and subj[0].dep_ == "nsubjpass":
        # "This was reported by the Sofia Globe"
        agents = [c for c in root.children if c.dep_ == "agent"]
        if not agents or not _pobjs(agents[0]):
            return None
        used.add(agents[0].i)
        if not _quiet(root, used):
            return None
        return Retro([root.i], [t.i for t in conjuncts(_pobjs(agents[0])[0])], nested)
    if root.lower_ == "according":
        # "That is according to the customs office" (the parser makes "according" the root)
        to = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "to"]
        if not to or not _pobjs(to[0]):
            return None
        used.add(to[0].i)
        if not _quiet(root, used):
            return None
        return Retro([root.i, to[0].i], [t.i for t in conjuncts(_pobjs(to[0])[0])], nested)
    return None
