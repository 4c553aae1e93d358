"""The sources of one frame: who spoke, the outlet that heard them ("X told AFP"), the
deeper links ("citing Y"), and the speakers as written ("which said")."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...cuefinder import make_cue
from ...lexicons import Lexicons
from ...nlp.doc import Document, Sentence
from ...records import Cue, Source
from .frame import Frame
from .sources import make_source, source_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token


def nested_links(
    lexicons: Lexicons,
    state: Document,
    sent: Sentence,
    nested: list[tuple[list[int], list[int]]],
    level: int,
) -> list[tuple[Cue, list[Source]]]:
    """The deeper links of a frame (its ``nested``: "citing X", "a memo seen by X"): each
    one's cue and its sources at ``level``."""
    doc = sent.span.doc
    out: list[tuple[Cue, list[Source]]] = []
    for cue_ids, src_ids in nested:
        ncue = make_cue(doc, cue_ids[0], cue_ids[-1], "attribution", sent.offset)
        out.append((ncue, [make_source(lexicons, state, sent, s, level, ncue) for s in src_ids]))
    return out


def _addressees(lexicons: Lexicons, verb: Token, sources: list[Token]) -> list[Token]:
    """Who heard it: "told Reuters", "speaking to AFP", "in an interview with CNN",
    "officials cited by the Times"."""
    lex = lexicons.attribution
    found: list[Token] = []

    def pobjs(prep: Token) -> list[Token]:
        return [o for o in prep.children if o.dep_ == "pobj"]

    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and verb.lemma_.lower() in lex.addressee_verbs:
            found.append(c)
        elif c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_.lower() in lex.speaking_verbs:
            found += pobjs(c)
        elif c.dep_ == "prep" and c.lower_ in ("in", "during"):
            for o in pobjs(c):
                if o.lemma_.lower() in lex.conversation_nouns:
                    found += [x for p in o.children if p.lower_ in ("with", "to") for x in pobjs(p)]
        elif c.dep_ == "advcl" and c.lemma_.lower() in lex.speaking_verbs and c.tag_ == "VBG":
            found += [x for p in c.children if p.lower_ in ("to", "with") for x in pobjs(p)]
    return found + _source_hearers(lexicons, sources)


def _source_hearers(lexicons: Lexicons, sources: list[Token]) -> list[Token]:
    """Who heard a source, said on the source itself: "officials cited by the BBC",
    "the mayor, speaking to Reuters, said"."""
    lex = lexicons.attribution
    found: list[Token] = []
    for s in sources:
        for c in hearer_clauses(lexicons, s):
            low = c.lemma_.lower()
            for p in c.children:
                if (low in lex.citing_verbs and p.dep_ == "agent") or (
                    low in lex.speaking_verbs and p.lower_ in ("to", "with")
                ):
                    found += [o for o in p.children if o.dep_ == "pobj"]
    return found


def hearer_clauses(lexicons: Lexicons, source: Token) -> list[Token]:
    """A source's participle clauses that name who heard it ("cited by", "speaking to")."""
    lex = lexicons.attribution
    return [
        c
        for c in source.children
        if c.dep_ == "acl"
        and (
            c.lemma_.lower() in lex.citing_verbs
            or (c.lemma_.lower() in lex.speaking_verbs and c.tag_ == "VBG")
        )
    ]


def speaker_sources(
    lexicons: Lexicons, state: Document, sent: Sentence, frame: Frame, level: int, cue: Cue
) -> list[Source]:
    """The frame's sources; an outlet that heard them ("X told AFP") stands one level
    above them (outlet -> AFP -> X)."""
    doc = sent.span.doc
    heads = [doc[s] for s in frame.sources]
    outlets: list[Source] = []
    hearers = (
        _addressees(lexicons, doc[frame.verb], heads)
        if frame.verb is not None
        else _source_hearers(lexicons, heads)
    )
    if hearers:
        for tok in hearers:
            src = make_source(lexicons, state, sent, tok.i, level, cue)
            if src.kind == "outlet":
                outlets.append(src)
    inner = level + 1 if outlets else level
    return outlets + [make_source(lexicons, state, sent, s, inner, cue) for s in frame.sources]


def as_written(sent: Sentence, frame: Frame, chain: list[Source]) -> list[Source]:
    """The frame's speakers at the words that name them in the frame: a relative pronoun
    ("which said") stands for its antecedent, which keeps the name (PolNeAR marks "which")."""
    speakers = _speakers(chain)
    if not frame.written:
        return speakers
    doc = sent.span.doc
    at = {sent.char(doc[source_tokens(doc[a])[0]].idx): r for a, r in frame.written.items()}
    out: list[Source] = []
    for s in speakers:
        r = at.get(s.start) if s.start is not None else None
        if r is None:
            out.append(s)
        else:
            start = sent.char(doc[r].idx)
            out.append(replace(s, start=start, end=start + len(doc[r].text)))
    return out


def _speakers(chain: list[Source]) -> list[Source]:
    """The innermost sources of a frame's chain: who spoke, not the outlet that heard it
    (an attribution frame's source, as PolNeAR marks it)."""
    deepest = max((s.level for s in chain), default=0)
    return [s for s in chain if s.level == deepest]


def in_chain(src: Source, chain: list[Source]) -> bool:
    return src.start is not None and any((s.start, s.end) == (src.start, src.end) for s in chain)
