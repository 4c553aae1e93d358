"""Claims their owner makes, named by a noun: "Russia's claim that the drone was shot
down", "their insistence that the vessel was a weather balloon", "the assertion by the
ministry that ...". The that-clause is what the owner says (reported, the owner its
source), whatever the sentence says of the claim itself ("could not be verified"). A denial
verb over the noun is the denial pass's ("denied Russia's claim that X" rejects X)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...cuefinder import tokens_in
from ...lexicons import Lexicons
from ...nlp.doc import Sentence
from .frame import RELATIVE_TAGS, Frame, is_denial_verb, until_full
from .noun_frames import noun_clause

if TYPE_CHECKING:
    from spacy.tokens import Token


def _governor(noun: Token) -> Token:
    """The verb the noun hangs from, through a preposition ("stuck by their claims")."""
    head = noun.head
    return head.head if head.dep_ == "prep" and noun.dep_ == "pobj" else head


def _owner(noun: Token) -> Token | None:
    """Who makes the claim: the noun's possessor ("Russia's"), or the object of its "by"
    ("the claim by the ministry"). A possessive pronoun stands for the subject of the verb
    the noun hangs from ("the ministry stood by its statement"), and for nobody else."""
    for c in noun.children:
        if c.dep_ == "poss" and c.tag_ not in RELATIVE_TAGS:
            if c.pos_ != "PRON":
                return c
            subjects = [s for s in _governor(noun).children if s.dep_ == "nsubj"]
            if subjects and subjects[0].pos_ in ("NOUN", "PROPN"):
                return subjects[0]
            return None
        if c.dep_ == "prep" and c.lower_ == "by":
            objects = [o for o in c.children if o.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _clause(noun: Token) -> Token | None:
    """The noun's that-clause, also where the parser hung it from the verb instead
    ("sticking by their claims that ...": a complement of "sticking" right after it)."""
    found = noun_clause(noun)
    if found is not None:
        return found
    nxt = noun.i + 1
    if nxt >= len(noun.doc) or noun.doc[nxt].lower_ != "that":
        return None
    mark = noun.doc[nxt]
    if mark.dep_ == "mark" and mark.head.dep_ == "ccomp" and mark.head.head.i == _governor(noun).i:
        return mark.head
    return None


def owned_claim_frames(lexicons: Lexicons, sent: Sentence) -> list[Frame]:
    """Speech frames of the ``owned_claim_nouns`` with an owner and a that-clause."""
    lex = lexicons.attribution
    frames: list[Frame] = []
    for noun in until_full(tokens_in(sent.span, lex.owned_claim_nouns, by="lemma"), frames):
        if noun.pos_ != "NOUN":
            continue
        if is_denial_verb(lex, noun.head):
            continue
        owner = _owner(noun)
        content = _clause(noun)
        if owner is None or content is None:
            continue
        frames.append(Frame("speech", [noun.i], [owner.i], content=content.i, material=set()))
    return frames
