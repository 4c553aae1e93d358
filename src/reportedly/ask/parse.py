"""Read a question clause with the pipeline's own spaCy model: its main verb.

The question's verb is the parse's root when the root is a verb, else its first verb
(the small English model often makes a question's auxiliary the root: "Did the group claim
responsibility ...?" has "Did" as root and "claim" as a verb under it). Auxiliaries, verbs
in names and verbs inside a noun phrase before the subject's verb ("a call intercepted by
...") are not the question's verb. The lemma is the model's, and a verb particle ("blow
up", "carry out") is kept with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.action_words import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Verb", "main_verb", "parsed", "verb_split"]

#: Lemmas that are auxiliaries or copulas, never the question's action.
_AUX_LEMMAS = frozenset({"do", "be", "have", "will", "would", "can", "could", "may", "might"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBN", "VBP", "VBZ", "VBG"})
#: Words that announce a coordination ("both judge ... and say", "either resign or ...").
_PRECONJ = frozenset({"both", "either"})
_COORD = frozenset({"and", "or"})


@dataclass(frozen=True)
class Verb:
    """The question's verb: its character offsets in the clause, lemma and particle."""

    start: int
    end: int
    lemma: str
    particle: str | None = None
    passive: bool = False


def _is_verb(tok: Token) -> bool:
    return (
        tok.pos_ == "VERB"
        and tok.tag_ in _VERB_TAGS
        and tok.text[:1].islower()
        and tok.lemma_.lower() not in _AUX_LEMMAS
        and tok.dep_ not in ("aux", "auxpass", "amod")
        and tok.ent_type_ == ""
    )


def _pick(doc: Doc) -> Token | None:
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if roots and _is_verb(roots[0]):
        return roots[0]
    verbs = [t for t in doc if _is_verb(t)]
    # a participle modifying the subject ("a call intercepted by ...") is not the verb
    main = [t for t in verbs if t.dep_ != "acl" or t.head.dep_ not in ("nsubj", "nsubjpass")]
    pool = main or verbs
    if pool:
        return pool[0]
    return _verb_tagged_noun(roots[0]) if roots else None


def _verb_tagged_noun(root: Token) -> Token | None:
    """The clause's root when the tagger took the verb for a noun: a lowercase word that
    can be a verb (lemminflect) with a direct object ("Did the ministry blacklist the
    company?" parses "blacklist" as a noun with "company" as its object)."""
    if root.pos_ != "NOUN" or not root.text[:1].islower() or verb_lemma(root.text) is None:
        return None
    return root if any(c.dep_ == "dobj" for c in root.children) else None


@lru_cache(maxsize=1024)
def parsed(clause: str) -> Doc:
    """The pipeline's spaCy parse of a question clause, once per clause (the verb, the
    verb split, the roles and, for the whole question, its names all read it)."""
    from ..nlp.model import load_model, model_name

    return load_model(model_name())(clause)


@lru_cache(maxsize=1024)
def main_verb(clause: str) -> Verb | None:
    """The main verb of a question clause, or None when the parse has no usable verb."""
    doc = parsed(clause)
    tok = _pick(doc)
    if tok is None:
        return None
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    passive = tok.tag_ == "VBN" and (
        any(c.dep_ in ("auxpass", "agent") for c in tok.children)
        or any(t.lemma_ == "be" and t.i < tok.i for t in doc[: tok.i])
    )
    lemma = tok.lemma_.lower()
    return Verb(tok.idx, tok.idx + len(tok.text), lemma, particle, passive)


@dataclass(frozen=True)
class Split:
    """A clause with two coordinated verbs ("Did X both deny A and say B"): the shared
    opening ("Did X"), the first verb's phrase, the coordinator and the second's phrase."""

    opening: str
    first: str
    how: str
    second: str


@lru_cache(maxsize=1024)
def verb_split(clause: str) -> Split | None:
    """Split a clause at a second bare verb coordinated with its main verb: after "did" the
    second verb is a bare infinitive ("Did China both acknowledge that ... and admit that
    ...?"). The small model often hangs that verb on the first verb's clause, so a verb
    counts as coordinated with the main verb when it is its conjunct, or when "both" /
    "either" stands right before the main verb; never a verb after "to" ("agreed to pay
    and leave" is one deed's content)."""
    doc = parsed(clause)
    main = _pick(doc)
    if main is None:
        return None
    pre = doc[main.i - 1] if main.i > 0 else None
    announced = pre is not None and pre.lower_ in _PRECONJ
    for tok in doc[main.i + 1 :]:
        cc = doc[tok.i - 1]
        if tok.tag_ != "VB" or tok.dep_ != "conj" or cc.lower_ not in _COORD:
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        if tok.head.i != main.i and not announced:
            continue
        opening_end = pre.idx if announced and pre is not None else main.idx
        return Split(
            opening=clause[:opening_end].rstrip(),
            first=clause[main.idx : cc.idx].rstrip(" ,"),
            how=cc.lower_,
            second=clause[tok.idx :].strip(),
        )
    return None
