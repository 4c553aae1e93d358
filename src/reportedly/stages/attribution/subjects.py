"""Who speaks a reporting verb: its subject, the antecedent of a relative pronoun, an
inverted subject ("..., said Smith"), a name set off before the verb by a comma."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...syntax import conjuncts, subtree_ids
from .frame import FINITE_TAGS, RELATIVE_TAGS, SUBJ

if TYPE_CHECKING:
    from spacy.tokens import Token


def _before_colon(tok: Token) -> bool:
    nxt = tok.right_edge.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].text == ":"


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subj and verb.dep_ == "relcl" and all(s.tag_ in RELATIVE_TAGS for s in subj):
        # "Navalny's allies, who claim ...", "reports which suggested ...": the antecedent
        return [verb.head] if verb.head.pos_ in ("NOUN", "PROPN", "PRON") else []
    if len(subj) > 1:  # "Details: the spokesman said ...": a label before a colon is no subject
        subj = [s for s in subj if not _before_colon(s)] or subj
    if subj:
        return [t for s in subj for t in conjuncts(s)]
    agent = [c for c in verb.children if c.dep_ == "agent"]
    for a in agent:
        pobj = [c for c in a.children if c.dep_ == "pobj"]
        if pobj:
            return conjuncts(pobj[0])
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS and verb.head.pos_ in ("NOUN", "PROPN"):
        # "The spokeswoman, Ana Ruiz, called into question ...": a finite verb is no reduced
        # relative ("the man called Bob"); the parser hung the main verb on its subject
        return [verb.head]
    if (
        depth < 2
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.tag_ in ("VBG", "VB", "VBD", "VBZ", "VBP")
    ):
        if not any(c.dep_ in SUBJ for c in verb.children):
            head = verb.head
            if trailing_participle(verb) and head.dep_ == "ccomp":
                # "She said the plan was sound, adding it would pass": the parser hung
                # "adding" on the content; the one adding is the one who said it
                head = head.head
            return subjects(head, depth + 1)
    return []


#: Dependents of a name that only describe it or belong to a longer one.
COMMA_SUBJECT_PARTS = frozenset({"compound", "flat", "appos", "pobj", "poss"})


def comma_subject(verb: Token) -> list[Token]:
    """'Harbour chief Anna Berg, who ran the inquiry, said ...': a finite speech verb the
    parser left without a subject, its subject noun phrase hung elsewhere (as an object or
    appositive of an earlier clause). The proper-noun phrase whose end is the comma right
    before the verb (its auxiliaries aside) is the speaker; only a name is taken, never a
    common noun, which is far more often the object it seems to be."""
    if verb.tag_ not in FINITE_TAGS or any(c.dep_ in (*SUBJ, "expl") for c in verb.children):
        return []
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].head.i == verb.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    if j <= 0 or doc[j].text != ",":
        return []
    start = verb.sent.start
    for k in range(j - 1, start - 1, -1):
        tok = doc[k]
        if tok.pos_ != "PROPN" or tok.dep_ in COMMA_SUBJECT_PARTS:
            continue  # "Secretary of the Council": what describes the name, not the name
        end = tok.right_edge.i
        while end > tok.i and doc[end].is_punct:
            end -= 1
        if end == j - 1:
            return conjuncts(tok)
    return []


def opening_subject(verb: Token) -> list[Token]:
    """'Copenhagen police and the coast guard said ...' parsed with "Copenhagen" as an
    adjective or verb heading the sentence and the speakers as its object: a finite speech
    verb with no subject whose words before it are just that opening word and its object
    takes the object (with its conjuncts) as its source."""
    if verb.tag_ not in FINITE_TAGS or any(c.dep_ in (*SUBJ, "expl") for c in verb.children):
        return []
    doc = verb.doc
    first = doc[verb.sent.start]
    if first.pos_ not in ("ADJ", "VERB") or not first.is_title or first.i >= verb.i - 1:
        return []
    if verb.head.i != first.i and first.head.i != verb.i:
        return []
    for obj in first.children:
        if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        end = obj.right_edge.i
        while end > obj.i and doc[end].is_punct:
            end -= 1
        if end == verb.i - 1 and obj.left_edge.i == first.i + 1:
            return conjuncts(obj)
    return []


def speaker_phrase(name: Token) -> set[int]:
    """The whole phrase of a speaker found by :func:`comma_subject`: the name with what
    describes it ("who ran the inquiry"), and a word before it the parser made its head
    ("Harbour" read as a verb in "Harbour chief Anna Berg")."""
    ids = subtree_ids(name)
    head = name.head
    opening = head.i == name.sent.start and head.dep_ == "ROOT"  # "Copenhagen police said"
    if head.i == name.left_edge.i - 1 and (head.right_edge.i == name.right_edge.i or opening):
        ids.add(head.i)
    return ids


def inverted_subject(verb: Token) -> list[Token]:
    """'..., reported Bloomberg' / '..., said Smith': a name right after the verb. A
    participle has none: the name after "..., citing Reuters" is what it cites."""
    if verb.tag_ == "VBG":
        return []
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "nsubj", "attr", "npadvmod", "appos", "dep", "oprd"):
            if c.pos_ in ("PROPN", "NOUN") and (c.pos_ == "PROPN" or c.ent_type_):
                return conjuncts(c)
    return []


#: What may follow the inverted speaker of "..., warned the central bank on Monday.".
_AFTER_INVERTED = frozenset({"prep", "npadvmod", "advmod", "punct"})


def _after_comma(verb: Token) -> bool:
    return verb.i > 0 and verb.doc[verb.i - 1].text == ","


def subject_clause(verb: Token) -> Token | None:
    """'The plant is closing, confirmed the company.': a finite clause the parser took for
    the subject of the verb set after it by a comma (the clause has a subject of its
    own and ends at that comma); it is the verb's content, not its speaker."""
    if verb.tag_ not in FINITE_TAGS or not _after_comma(verb):
        return None
    for c in verb.children:
        if (
            c.dep_ in ("nsubj", "csubj")
            and c.i < verb.i
            and c.pos_ in ("VERB", "AUX")
            and c.right_edge.i >= verb.i - 2
            and any(x.dep_ in SUBJ for x in c.children)
        ):
            return c
    return None


def inverted_object(verb: Token, can_speak: Callable[[Token], bool]) -> list[Token]:
    """'..., confirmed the company.', 'Prices will rise, warned the central bank on
    Monday.': set after its content, a finite verb with the speaker after it is read by
    the parser with the speaker as its object, and the content as its subject
    (:func:`subject_clause`) or as the clause it is joined to. The object is the
    speaker when it opens right after the verb, can speak (``can_speak``), and only
    adjuncts follow it to the end of the sentence; the verb must follow a comma and a
    clause with a subject, and have no complement or subject of its own."""
    if verb.tag_ not in FINITE_TAGS or not _after_comma(verb):
        return []
    clause = subject_clause(verb)
    joined = verb.dep_ in ("conj", "parataxis") and verb.head.i < verb.i
    if clause is None and not (joined and any(x.dep_ in SUBJ for x in verb.head.children)):
        return []
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if len(objs) != 1 or objs[0].left_edge.i != verb.i + 1 or not can_speak(objs[0]):
        return []
    obj = objs[0]
    for c in verb.children:
        if c.i == obj.i or (clause is not None and c.i == clause.i):
            continue
        if c.i < verb.i and c.dep_ in (*SUBJ, "expl"):
            return []
        if c.i > verb.i and c.dep_ not in _AFTER_INVERTED:
            return []
    return conjuncts(obj)


def trailing_participle(c: Token) -> bool:
    """'reported that the talks had collapsed, citing two diplomats', 'said the plan was
    sound, adding ...': a participle set off by a comma after the content, with no subject
    of its own, is the reporter's (the parser hangs it on the content's verb)."""
    doc = c.doc
    return (
        c.tag_ == "VBG"
        and c.i > c.head.i
        and c.i > 0
        and doc[c.i - 1].text == ","
        and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
    )
